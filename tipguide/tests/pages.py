"""Every page of the portal, as each kind of user sees it, over the demo data (seed_demo).

The browser and HTML checks walk this list; a test keeps it complete as the access matrix grows.
"""

from django.urls import resolve

from advocacy.models import Briefing
from advocacy.tests.factories import start_briefing
from standards.models import Answer, Assessment
from tipguide.organisations.models import NationalSociety, User
from tipguide.tests.test_access_matrix import URLS

PUBLIC = [
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
    "/search/?q=",
    "/health/",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/bm9ib2R5/made-up-token/",
    "/accounts/reset/done/",
    "/risks/9.9/",  # the 404 page
]


def focal_point(assessment: Assessment) -> str:
    return f"focal-{assessment.national_society.iso2.lower()}"


def assessment_pages(assessment: Assessment) -> list[str]:
    """An assessment's pages: its summary, each of its sections, its action plan, its history."""
    url = assessment.get_absolute_url()
    sections = (
        Answer.objects.filter(assessment=assessment)
        .values_list("section_number", flat=True)
        .distinct()
        .order_by("section_number")
    )
    return [
        url,
        *[f"{url}section/{number}/" for number in sections],
        f"{url}actions/",
        f"{url}history/",
    ]


def latest(iso2: str, *statuses: str) -> Assessment:
    return (
        Assessment.objects.filter(national_society__iso2=iso2, status__in=statuses)
        .order_by("-pk")
        .first()
    )


def briefing_pages() -> list[str]:
    """Kenya's briefing's pages, the briefing started the first time they are asked for."""
    briefing = Briefing.objects.filter(national_society__iso2="KE").first() or start_briefing(
        NationalSociety.objects.get(iso2="KE"),
        User.objects.get(username="focal-ke"),
        codes=["2.2.4", "2.3.1"],
    )
    url = briefing.get_absolute_url()
    return [url, f"{url}edit/", f"{url}history/"]


def every_page() -> dict[str | None, list[str]]:
    """Return the paths to visit, by the username to sign in as (None: signed out).

    Assessments are taken in each state their pages differ in: a draft and a returned one their
    focal point may edit, a reviewed one they may only read, a submitted one a manager may review.
    """
    status = Assessment.Status
    draft = latest("PH", status.DRAFT)
    returned = Assessment.objects.filter(status=status.RETURNED).order_by("pk").first()
    reviewed = latest("KE", status.REVIEWED)
    submitted = Assessment.objects.filter(status=status.SUBMITTED).order_by("pk").first()
    return {
        None: PUBLIC,
        "focal-ke": [
            "/",
            "/societies/",
            "/societies/KE/",
            "/societies/KE/profile/",
            "/societies/KE/report/",
            "/standards/assessments/",
            "/standards/assessments/start/",
            *assessment_pages(reviewed),
            "/casemgmt/KE/",
            "/casemgmt/KE/strategy/",
            "/advocacy/briefings/",
            "/advocacy/briefings/new/?message=2.2.4",
            *briefing_pages(),
            "/accounts/password_change/",
            "/accounts/password_change/done/",
            "/accounts/notices/",
            "/dashboard/",  # the 403 page
        ],
        "focal-ph": ["/standards/assessments/", *assessment_pages(draft)],
        focal_point(returned): assessment_pages(returned),
        "manager": [
            "/societies/",
            "/societies/LB/",
            "/societies/LB/report/",
            "/dashboard/",
            "/dashboard/?sort=-score",
            "/standards/reviews/",
            "/standards/assessments/",
            *assessment_pages(submitted),
            *assessment_pages(draft),
            "/casemgmt/LB/",
            "/casemgmt/PH/",
            "/advocacy/briefings/",
            briefing_pages()[0],
        ],
        "editor": ["/", "/standards/", "/search/?q=remittances"],
    }


def url_names(pages: dict[str | None, list[str]]) -> set[str]:
    """Return the URL names the pages resolve to, namespaced as in `reverse`."""
    return {resolve(path.split("?")[0]).view_name for paths in pages.values() for path in paths}


NOT_PAGES = {"ready", "advocacy:briefing_docx"}  # plain text for a load balancer; a document


def page_url_names() -> set[str]:
    """Return the names of the access matrix's URLs that answer someone a page: not those that
    only take a POST, nor the downloads, nor plain text, nor Django's admin."""
    return {
        name
        for name, row in URLS.items()
        if 200 in row.statuses
        and name not in NOT_PAGES
        and not name.endswith(("_csv", "_xlsx"))
        and not name.startswith("admin:")
    }
