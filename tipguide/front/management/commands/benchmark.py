import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.models import Assessment


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Serve the portal with gunicorn on loopback, every cache off, and measure p50/p95 of the "
        "dashboard, an assessment page, the action plan and the CSV and XLSX exports against "
        "the bare health page, after seed_scale. Also prints each page's SQL query count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=60)
        parser.add_argument("--username", default="bench-manager")
        parser.add_argument("--password", default="bench-password")

    def handle(self, *args, rounds, username, password, **options):
        assessment = Assessment.objects.filter(status=Assessment.Status.REVIEWED).first()
        if assessment is None:
            raise CommandError("No data to measure: run seed_scale on a throwaway database.")
        pages = {
            "bare page (health)": reverse("health"),
            "dashboard": reverse("dashboard"),
            "assessment page": reverse("standards:assessment_detail", args=[assessment.pk]),
            "action plan": reverse("standards:assessment_actions", args=[assessment.pk]),
            "CSV export": reverse("dashboard_csv"),
            "XLSX export": reverse("dashboard_xlsx"),
        }
        self.stdout.write(self.count_queries(pages, username))
        port = free_port()
        env = {
            **os.environ,
            "DEBUG": "off",
            "SECRET_KEY": "benchmark-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_URL": "consolemail://",
            # The figures are the pages' own work: nothing kept from one request to the next.
            "CACHE_URL": "dummycache://",
            # Plain HTTP on the loopback: no redirect to HTTPS, cookies sent without TLS.
            "SECURE_SSL_REDIRECT": "off",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "off",
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tipguide.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--log-level", "warning"],
            env=env,
            cwd=settings.BASE_DIR,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            opener = self.sign_in(base, username, password)
            timings = {name: [] for name in pages}
            for path in pages.values():  # warm up
                for _ in range(3):
                    self.fetch(opener, base + path)
            for _ in range(rounds):
                for name, path in pages.items():
                    timings[name].append(self.fetch(opener, base + path))
        finally:
            server.terminate()
            server.wait(timeout=10)
        bare = statistics.median(timings["bare page (health)"])
        self.stdout.write(f"\n{rounds} rounds, gunicorn with 2 workers on loopback, no cache")
        self.stdout.write(f"{'page':22} {'p50 ms':>8} {'p95 ms':>8} {'p50 / bare p50':>15}")
        for name, samples in timings.items():
            p50 = statistics.median(samples)
            p95 = statistics.quantiles(samples, n=20)[-1]
            self.stdout.write(f"{name:22} {p50:8.1f} {p95:8.1f} {p50 / bare:15.2f}")

    def count_queries(self, pages, username) -> str:
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(get_user_model().objects.get(username=username))
        lines = ["SQL queries per page (in-process):"]
        for name, path in pages.items():
            with CaptureQueriesContext(connection) as queries:
                if client.get(path).status_code != 200:
                    raise CommandError(f"{path} did not answer 200")
            lines.append(f"  {name:22} {len(queries)}")
        return "\n".join(lines)

    def sign_in(self, base, username, password):
        cookies = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        for _ in range(100):
            try:
                opener.open(base + reverse("login"), timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise CommandError("gunicorn did not start")
        token = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(base + reverse("login"), data, {"Referer": base})
        response = opener.open(request, timeout=10)
        if reverse("login") in response.url:
            raise CommandError(f"Could not sign in as {username}")
        return opener

    def fetch(self, opener, url) -> float:
        started = time.perf_counter()
        with opener.open(url, timeout=30) as response:
            response.read()
            if response.status != 200:
                raise CommandError(f"{url} answered {response.status}")
        return (time.perf_counter() - started) * 1000
