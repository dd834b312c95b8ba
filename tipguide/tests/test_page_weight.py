"""Pages stay light for a focal point on a slow link: on the demo data, the heaviest checklist
section at most 60 KB of HTML and every other page at most 100 KB; CSS and JavaScript are
served compressed under hashed names, cached for good."""

import os
import re
import subprocess
import sys

from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

from standards.models import Assessment
from tipguide.organisations.models import User

KB = 1024
PUBLIC_PAGES = [
    "/",
    "/overview/",
    "/risks/",
    "/risks/?group=migrants",
    "/risks/1.3/",
    "/standards/",
    "/standards/2.1/",
    "/casemgmt/",
    "/advocacy/",
    "/advocacy/?objective=2.2",
    "/advocacy/messages/2.2.4/",
    "/sources/",
    "/resources/",
    "/search/?q=migrant+workers",
    "/accounts/login/",
]


def _size(client, path: str) -> int:
    response = client.get(path)
    assert response.status_code == 200, path
    return len(response.content)


def test_every_editable_section_page_weighs_at_most_60_kb(demo_data):
    client = Client()
    sizes = {}
    editable = Assessment.objects.filter(status__in=Assessment.EDITABLE_STATUSES)
    for assessment in editable.select_related("national_society"):
        iso = assessment.national_society.iso2.lower()
        client.force_login(User.objects.get(username=f"focal-{iso}"))
        for progress in assessment.section_progress():
            url = f"/standards/assessments/{assessment.pk}/section/{progress.number}/"
            page = client.get(url).content
            assert b'class="answers-form"' in page, url
            sizes[url] = len(page)
    assert any(url.endswith("/section/3/") for url in sizes), "the specialised measures"
    assert max(sizes.values()) <= 60 * KB, max(sizes.items(), key=lambda item: item[1])


def test_every_other_page_weighs_at_most_100_kb(demo_data):
    client = Client()
    heavy = {path: size for path in PUBLIC_PAGES if (size := _size(client, path)) > 100 * KB}
    assessment = (
        Assessment.objects.filter(
            status__in=Assessment.EDITABLE_STATUSES, answers__section_number=3
        )
        .select_related("national_society")
        .first()
    )
    iso = assessment.national_society.iso2
    reviewed = Assessment.objects.filter(status=Assessment.Status.REVIEWED).first()
    signed_in = {
        f"focal-{iso.lower()}": [
            f"/societies/{iso}/",
            f"/societies/{iso}/profile/",
            f"/societies/{iso}/report/",
            "/standards/assessments/",
            "/standards/assessments/start/",
            f"/casemgmt/{iso}/",
            f"/casemgmt/{iso}/strategy/",
            *(
                f"/standards/assessments/{assessment.pk}/{page}"
                for page in ["", "actions/", "history/", "section/1/", "section/2/"]
            ),
        ],
        "manager": [
            "/societies/",
            "/dashboard/",
            "/standards/assessments/",
            f"/standards/assessments/{reviewed.pk}/",
            f"/standards/assessments/{reviewed.pk}/history/",
            *(
                f"/standards/assessments/{reviewed.pk}/section/{progress.number}/"
                for progress in reviewed.section_progress()
            ),
            f"/societies/{reviewed.national_society.iso2}/report/",
        ],
    }
    for username, paths in signed_in.items():
        client.force_login(User.objects.get(username=username))
        heavy |= {path: size for path in paths if (size := _size(client, path)) > 100 * KB}
    assert heavy == {}


def test_production_serves_css_and_js_compressed_under_hashed_names_cached_for_good(
    tmp_path, settings
):
    environment = {k: v for k, v in os.environ.items() if k not in ("STATICFILES_STORAGE", "DEBUG")}
    production = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.STORAGES)"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "tipguide.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    storage = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert f"'BACKEND': '{storage}'" in production.stdout
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": storage}}
    call_command("collectstatic", interactive=False, verbosity=0)
    for name in ("css/tipguide.css", "js/answers.js"):
        url = static(name)
        stem, suffix = name.rsplit(".", 1)
        assert re.fullmatch(rf"/static/{stem}\.[0-9a-f]{{12}}\.{suffix}", url), url
        response = Client().get(url, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
