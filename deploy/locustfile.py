"""The load of a reporting deadline, for the cluster test (deploy/cluster_test.py).

Focal points open sections of their National Society's assessment, answer and save them, and
submit it when it is complete; managers load the dashboard and its exports; anonymous readers
browse the guidance. Signed-in users start with the session the cluster test opened for them
(some sign in through the form), and post forms as a browser does: every field as the page shows
it, with one or two changed.

The cluster test reads what happened from the JSON lines file CLUSTER_LOG: every request, and
every attempted write with what it wrote, so that it can check the database against it.
"""

import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task

ACCOUNTS = json.loads(Path(os.environ["CLUSTER_ACCOUNTS"]).read_text())
FOCAL_POINTS = itertools.cycle(ACCOUNTS["focal_points"])
MANAGERS = itertools.cycle(ACCOUNTS["managers"])
LOG = open(os.environ["CLUSTER_LOG"], "a", buffering=1)  # noqa: SIM115 (open while Locust runs)
RESULTS = ["met", "partly", "not-met"]
labels = itertools.count(1)


def log(**record) -> None:
    LOG.write(json.dumps(record) + "\n")


@events.request.add_listener
def log_request(request_type, name, response_time, response, context, exception, **kwargs):
    log(
        kind="request",
        user=context.get("user"),
        method=request_type,
        name=name,
        end=time.time(),
        ms=response_time,
        status=getattr(response, "status_code", 0),
        ok=exception is None,
    )


class _Forms(HTMLParser):
    """Each POST form of a page: its action, what a browser sends from it as shown, and the
    choices of its radio buttons (a group with none ticked sends nothing)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.form = {"action": attrs.get("action") or "", "fields": {}, "radios": {}}
            self.forms.append(self.form)
        if self.form is None or "disabled" in attrs:
            return
        name, fields = attrs.get("name"), self.form["fields"]
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind == "radio":
                self.form["radios"].setdefault(name, []).append(attrs.get("value") or "on")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    fields[name] = attrs.get("value") or "on"
            elif kind not in ("submit", "button", "reset", "file", "image"):
                fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea, fields[name] = name, ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select:
            value = attrs.get("value") or ""
            if "selected" in attrs or self.select not in fields:
                fields[self.select] = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.form["fields"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that Django writes after <textarea>.
            fields = self.form["fields"]
            fields[self.textarea] = fields[self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None


def post_forms(html: str) -> list[dict]:
    reader = _Forms()
    reader.feed(html)
    return reader.forms


class SignedIn(HttpUser):
    abstract = True

    def on_start(self):
        self.label = f"{self.account['username']}#{next(labels)}"
        if self.account.get("signs_in"):
            self.sign_in()
        else:
            self.client.cookies.set("sessionid", self.account["session"])

    def context(self):
        return {"user": self.label}

    def sign_in(self):
        page = self.client.get("/accounts/login/", name="sign-in page")
        form = post_forms(page.text)[-1]["fields"]
        form.update(username=self.account["username"], password=self.account["password"])
        with self.client.post(
            "/accounts/login/", data=form, name="sign in", catch_response=True
        ) as response:
            if response.ok and response.url.endswith("/accounts/login/"):
                response.failure("still on the sign-in page")


class FocalPoint(SignedIn):
    """A National Society's focal point answering its assessment before the deadline."""

    weight = 4
    wait_time = between(20, 40)

    def on_start(self):
        self.account = next(FOCAL_POINTS)
        self.assessment = self.account["assessment"]
        self.saves = itertools.count(1)
        super().on_start()

    @task(3)
    def answer_a_section(self):
        number = random.choice(self.account["sections"])
        url = f"/standards/assessments/{self.assessment}/section/{number}/"
        page = self.client.get(url, name="section page")
        forms = [form for form in post_forms(page.text) if "version" in form["fields"]]
        if page.status_code != 200 or not forms:
            return  # submitted meanwhile: read-only now
        data = forms[0]["fields"]
        prefix = random.choice(
            [m[1] for name in data if (m := re.fullmatch(r"(?!initial-)(.+)-id", name))]
        )
        marker = f"Checked by {self.label}, save {next(self.saves)}"
        data[f"{prefix}-notes"] = marker
        # Answer what is still unanswered in the section, as a focal point filling it in.
        for name, choices in forms[0]["radios"].items():
            if name not in data:
                data[name] = random.choice([c for c in choices if c in RESULTS])
        write = {
            "kind": "save",
            "key": marker,
            "user": self.label,
            "assessment": self.assessment,
            "version": int(data["version"]),
            "answer": int(data[f"{prefix}-id"]),
            "outcome": "unanswered",  # until the answer comes, if Locust stops first
            "started": time.time(),
        }
        log(**write)
        with self.client.post(
            url, data=data, name="section save", allow_redirects=False, catch_response=True
        ) as response:
            write["status"] = response.status_code
            if response.status_code == 302:
                write["outcome"] = "saved"
            elif response.status_code in (403, 409):
                # Another focal point of the same society saved first (409), or submitted the
                # assessment, which is now read-only (403): the version guard and the workflow
                # at work, not errors.
                write["outcome"] = "refused"
                response.success()
            else:
                write["outcome"] = "failed"
                response.failure(f"section save answered {response.status_code}")
        write["ended"] = time.time()
        log(**write)
        if write["outcome"] == "saved":
            self.client.get(response.headers["Location"], name="section page")

    @task(2)
    def submit_when_complete(self):
        url = f"/standards/assessments/{self.assessment}/"
        page = self.client.get(url, name="assessment page")
        forms = [f for f in post_forms(page.text) if f["action"].endswith("/submit/")]
        if not forms or "Answer every item" in page.text:
            return
        write = {
            "kind": "submit",
            "key": f"{self.label} submit {next(self.saves)}",
            "user": self.label,
            "assessment": self.assessment,
            "outcome": "unanswered",
            "started": time.time(),
        }
        log(**write)
        with self.client.post(
            forms[0]["action"], data=forms[0]["fields"], name="submit", catch_response=True
        ) as response:
            write["status"] = response.status_code
            if response.status_code == 200 and "submitted for review" in response.text:
                write["outcome"] = "submitted"
            elif response.status_code in (200, 403):
                # Not complete, or saved since the page was loaded (the page says so), or
                # submitted by the other focal point meanwhile (403: read-only now).
                write["outcome"] = "refused"
                response.success()
            else:
                write["outcome"] = "failed"
                response.failure(f"submit answered {response.status_code}")
        write["ended"] = time.time()
        log(**write)

    @task(2)
    def read_the_action_plan(self):
        self.client.get(f"/standards/assessments/{self.assessment}/actions/", name="action plan")


class Manager(SignedIn):
    """A manager following readiness across the federation as the deadline nears."""

    weight = 1
    wait_time = between(20, 40)

    def on_start(self):
        self.account = next(MANAGERS)
        super().on_start()

    @task(4)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")

    @task(1)
    def csv_export(self):
        self.client.get("/dashboard/readiness.csv", name="dashboard.csv")

    @task(1)
    def xlsx_export(self):
        self.client.get("/dashboard/readiness.xlsx", name="dashboard.xlsx")

    @task(1)
    def society_report(self):
        society = random.choice(ACCOUNTS["societies"])
        self.client.get(f"/societies/{society}/report/", name="society report")


class Reader(HttpUser):
    """Someone reading the guidance without signing in."""

    weight = 5
    wait_time = between(20, 40)

    def on_start(self):
        self.label = f"reader#{next(labels)}"

    def context(self):
        return {"user": self.label}

    @task(2)
    def home(self):
        page = self.client.get("/", name="home")
        for stylesheet in re.findall(r'href="(/static/[^"]+\.css)"', page.text):
            self.client.get(stylesheet, name="static file")

    @task(3)
    def risk_factor(self):
        self.client.get(random.choice(["/risks/", "/risks/1.3/", "/risks/2.1/"]), name="risks")

    @task(2)
    def standards(self):
        self.client.get(random.choice(["/standards/", "/standards/3.12/"]), name="standards")

    @task(2)
    def advocacy(self):
        self.client.get("/advocacy/", name="advocacy")

    @task(2)
    def search(self):
        words = random.choice(["remittances", "migrants", "hotline", "debt bondage"])
        self.client.get("/search/", params={"q": words}, name="search")
