import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from standards.models import Assessment
from standards.services import assessment_start
from tipguide.front.management.commands.benchmark import free_port
from tipguide.organisations.models import NationalSociety

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# A slow mobile link, as the network emulation of Chrome's DevTools takes it: bytes per second
# each way, and the least time from sending a request to the first byte of its answer.
KBIT_PER_S = 400
LINK = {
    "offline": False,
    "downloadThroughput": KBIT_PER_S * 1000 / 8,
    "uploadThroughput": KBIT_PER_S * 1000 / 8,
    "latency": 400,
}
PHONE = {"width": 360, "height": 780}
GOAL_SECONDS = {"cold": 4.0, "warm": 2.0}
LIGHTHOUSE = "lighthouse@12"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

# The navigation's own timings, once its load event has finished.
NAVIGATION_TIMING = """() => new Promise((resolve) => {
    const read = () => {
        const entry = performance.getEntriesByType("navigation")[0];
        if (!entry || entry.loadEventEnd === 0) return setTimeout(read, 20);
        resolve({html: entry.decodedBodySize, dcl: entry.domContentLoadedEventEnd,
                 load: entry.loadEventEnd});
    };
    read();
})"""


class Command(BaseCommand):
    help = (
        "Serve the portal as production does (gunicorn, DEBUG off, collected static files) and "
        "time the focal point's journey in Chromium over a slow link (400 kbit/s, 400 ms round "
        "trip), cold and warm; then score the same pages with Lighthouse when npx is available. "
        "Run it on a throwaway database after seed_guidance and seed_demo, and collectstatic."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="focal-ke")
        parser.add_argument("--password", default="tipguide-demo")
        parser.add_argument("--society", default="KE", help="ISO code of the user's society")
        parser.add_argument(
            "--rounds", type=int, default=3, help="visits of each page, cold and warm; the median"
        )
        parser.add_argument("--no-lighthouse", action="store_true", help="time the pages only")
        parser.add_argument(
            "--screenshots", type=Path, help="save each page as seen on the warm visit here"
        )
        parser.add_argument("--lighthouse-reports", type=Path, help="save Lighthouse's JSON here")

    def handle(self, *args, username, password, society, rounds, no_lighthouse, screenshots,
               lighthouse_reports, **options):  # fmt: skip
        if not os.path.exists(CHROMIUM):
            raise CommandError("Chromium is not installed (apt-get install chromium).")
        if not (settings.STATIC_ROOT / "staticfiles.json").exists():
            raise CommandError("Collect the static files first: manage.py collectstatic.")
        pages = self.journey(username, society)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryFile("w+") as log:
            server = self.serve(port, log)
            try:
                self.wait_for(base)
                cookies = self.time_journey(base, pages, username, password, rounds, screenshots)
                if not no_lighthouse:
                    self.lighthouse(base, pages, cookies, lighthouse_reports)
            finally:
                server.terminate()
                server.wait(timeout=10)
                self.stdout.write(self.server_log(log))

    def time_journey(self, base, pages, username, password, rounds, screenshots) -> list[dict]:
        """Print the timings table, each figure the median of the rounds; return the signed-in
        browser's cookies."""
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError("Playwright is not installed (see requirements.txt).") from error
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
            )
            cookies = self.sign_in(browser, base, username, password)
            rows = []
            for index, (name, path, signed_in) in enumerate(pages, start=1):
                shot = f"{index:02}-{path.strip('/').replace('/', '-')}.png"
                visits = [
                    self.measure(
                        browser,
                        base + path,
                        cookies if signed_in else [],
                        screenshots / shot if screenshots and round_ == 0 else None,
                    )
                    for round_ in range(rounds)
                ]
                colds, warms = zip(*visits, strict=True)
                rows.append((name, self.median(colds), self.median(warms)))
            browser.close()
        self.stdout.write(self.timings_table(rows, rounds))
        return cookies

    def journey(self, username, iso2):
        """The pages a focal point goes through to work on the open assessment, starting the next
        cycle from the last reviewed one when none is open."""
        user = get_user_model().objects.get(username=username)
        society = NationalSociety.objects.get(iso2=iso2)
        assessment = Assessment.objects.open().filter(national_society=society).first()
        if assessment is None:
            assessment = assessment_start(national_society=society, user=user, from_previous=True)
        if not assessment.can_edit(user):
            raise CommandError(f"{username} may not edit {society}'s open assessment.")
        sections = [
            (f"section {section.number}", self.section_url(assessment, section.number), True)
            for section in assessment.section_progress()
        ]
        return [
            ("sign in", reverse("login"), False),
            ("society page", reverse("society_detail", args=[iso2]), True),
            ("assessment", reverse("standards:assessment_detail", args=[assessment.pk]), True),
            *sections,
            ("action plan", reverse("standards:assessment_actions", args=[assessment.pk]), True),
            ("continuity", reverse("casemgmt:continuity", args=[iso2]), True),
        ]

    @staticmethod
    def section_url(assessment, number) -> str:
        return reverse("standards:assessment_section", args=[assessment.pk, number])

    def serve(self, port, log):
        env = {
            **os.environ,
            "DEBUG": "off",
            "SECRET_KEY": "benchmark-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_URL": "consolemail://",
            # Plain HTTP on the loopback: no redirect to HTTPS, cookies sent without TLS.
            "SECURE_SSL_REDIRECT": "off",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "off",
        }
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tipguide.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--log-level", "warning"],
            env=env,
            cwd=settings.BASE_DIR,
            stderr=log,
        )  # fmt: skip

    @staticmethod
    def server_log(log) -> str:
        """The server's warnings and errors, each once with how often, timestamps left out."""
        log.seek(0)
        lines = Counter(re.sub(r"^[0-9-]+ [0-9:,]+ ", "", line.rstrip()) for line in log)
        if not lines:
            return "\nThe server logged nothing."
        return "\nThe server logged:\n" + "\n".join(
            f"  {line}" + (f" (×{count})" if count > 1 else "") for line, count in lines.items()
        )

    def wait_for(self, base):
        for _ in range(100):
            try:
                urllib.request.urlopen(base + reverse("health"), timeout=5)
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("gunicorn did not start")

    def sign_in(self, browser, base, username, password) -> list[dict]:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + reverse("login"))
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=username]").fill(username)
        form.locator("input[name=password]").fill(password)
        form.locator("[type=submit]").click()
        page.wait_for_load_state()
        if reverse("login") in page.url:
            raise CommandError(f"Could not sign in as {username}")
        cookies = context.cookies()
        context.close()
        return cookies

    def measure(self, browser, url, cookies, screenshot):
        """A first visit in a fresh browser (empty cache), then a second one in the same browser."""
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(cookies)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", LINK)
        received = []
        cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
        cold = self.visit(page, url, received)
        page.goto("about:blank")
        warm = self.visit(page, url, received)
        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=screenshot, full_page=True)
        context.close()
        return cold, warm

    def visit(self, page, url, received) -> dict:
        received.clear()
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200 or page.url != url:
            raise CommandError(f"{url} did not answer 200 (ended at {page.url})")
        timing = page.evaluate(NAVIGATION_TIMING)
        timing["sent"] = sum(received)
        # What a proxy compressing HTML (gzip, its usual level) would send of it.
        timing["gzip"] = len(gzip.compress(response.body(), compresslevel=6))
        # Whatever the browser still fetches after the load event is not counted in the next visit.
        page.wait_for_load_state("networkidle")
        return timing

    @staticmethod
    def median(timings) -> dict:
        return {key: statistics.median(timing[key] for timing in timings) for key in timings[0]}

    def timings_table(self, rows, rounds) -> str:
        speed = f"{KBIT_PER_S} kbit/s, {LINK['latency']} ms round trip"
        lines = [
            f"\nChromium {PHONE['width']} px wide, over a slow link ({speed}), gunicorn, DEBUG off",
            "cold: fresh browser, empty cache; warm: the same page again in the same browser",
            f"each figure the median of {rounds} rounds",
            "KB: 1,000 bytes; gzip: the HTML as a proxy compressing it would send it",
            "transferred: what came over the network, headers included",
            "",
            f"{'':14} {'HTML':>6} {'gzip':>6} | {'cold':^26} | {'warm':^26}",
            f"{'page':14} {'KB':>6} {'KB':>6} | {'transferred':>11} {'DCL':>6} {'load':>6} | "
            f"{'transferred':>11} {'DCL':>6} {'load':>6}",
        ]
        over = []
        for name, cold, warm in rows:
            line = f"{name:14} {cold['html'] / 1000:6.1f} {cold['gzip'] / 1000:6.1f}"
            for visit, timing in [("cold", cold), ("warm", warm)]:
                line += (
                    f" | {timing['sent'] / 1000:8.1f} KB {timing['dcl'] / 1000:5.2f}s"
                    f" {timing['load'] / 1000:5.2f}s"
                )
                if timing["load"] / 1000 > GOAL_SECONDS[visit]:
                    over.append(f"{name} ({visit})")
            lines.append(line)
        goal = ", ".join(f"{visit} ≤ {seconds:g} s" for visit, seconds in GOAL_SECONDS.items())
        lines.append(f"\nGoal, to the load event: {goal}.")
        lines.append(f"Over the goal: {', '.join(over)}." if over else "Every page meets it.")
        return "\n".join(lines)

    def lighthouse(self, base, pages, cookies, reports):
        """Lighthouse's mobile audit of each page (its own simulated slow 4G and mid-range phone):
        the four scores, the audits that keep a score under 100, and the performance hints."""
        if shutil.which("npx") is None:
            self.stdout.write("\nLighthouse skipped: npx (Node.js) is not installed.")
            return
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
        self.stdout.write(f"\nLighthouse ({LIGHTHOUSE}, mobile), scores out of 100")
        self.stdout.write(f"{'page':14} {'perf.':>6} {'a11y':>6} {'best p.':>8} {'SEO':>6}")
        shortfalls, hints = defaultdict(list), defaultdict(list)
        for name, path, signed_in in pages:
            report = self.lighthouse_report(base + path, cookie if signed_in else None)
            if reports:
                reports.mkdir(parents=True, exist_ok=True)
                (reports / f"{name.replace(' ', '-')}.json").write_text(json.dumps(report))
            categories = report["categories"]
            self.stdout.write(
                f"{name:14} "
                + " ".join(f"{self.percent(categories[key]['score']):>6}" for key in CATEGORIES)
            )
            for key, category in categories.items():
                for ref in category["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if audit["score"] is None or audit["score"] >= 1:
                        continue
                    if ref["weight"] > 0 and self.percent(category["score"]) != "100":
                        shortfalls[f"{category['title']}: {audit['title']}"].append(
                            self.found(name, audit)
                        )
                    elif key == "performance" and audit["scoreDisplayMode"] == "metricSavings":
                        hints[audit["title"]].append(self.found(name, audit))
        for heading, findings in [
            ("What keeps a score under 100", shortfalls),
            ("Performance hints (they weigh nothing in the score)", hints),
        ]:
            if findings:
                self.stdout.write(f"\n{heading}:")
                for title, pages_found in findings.items():
                    self.stdout.write(f"  {title}\n    " + "; ".join(pages_found))

    @staticmethod
    def found(page, audit) -> str:
        """The page, with what the audit measured or the resources that failed."""
        if audit.get("displayValue"):
            return f"{page} ({audit['displayValue']})"
        failed = sorted(
            {
                item["sourceLocation"]["url"]
                for item in audit.get("details", {}).get("items", [])
                if "sourceLocation" in item
            }
        )
        return (
            f"{page} ({', '.join(urllib.parse.urlsplit(url).path for url in failed)})"
            if failed
            else page
        )

    def lighthouse_report(self, url, cookie) -> dict:
        command = [
            "npx", "--yes", LIGHTHOUSE, url, "--output=json", "--quiet",
            "--chrome-flags=--headless --no-sandbox",
        ]  # fmt: skip
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        for _ in range(3):  # Lighthouse sometimes loses its trace of a page load; then try again
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                timeout=600,
            )
            if result.returncode == 0:
                return json.loads(result.stdout)
        raise CommandError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")

    @staticmethod
    def percent(score) -> str:
        return "–" if score is None else str(round(score * 100))
