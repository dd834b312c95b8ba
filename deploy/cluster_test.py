"""Run tipguide as production runs it, on this machine, and prove it holds under load and failure.

nginx in front of two gunicorn app servers that share nothing but PostgreSQL (a throwaway
database) and Redis (a dedicated database number), all on the loopback with free ports. Locust
plays a reporting deadline (deploy/locustfile.py); midway one app server is killed. Then:

- no 5xx, except form POSTs in flight on the killed server at that moment (nginx retries the
  idempotent requests on the other server, never a POST that may have been saved);
- no lost or duplicated write: every save answered with success is in the database exactly once,
  every version was claimed by one write only, and each assessment's version counts them;
- every user carries on after the kill;
- the median and 95th percentile per page.

Everything it starts, it stops by PID (each process and its children, as a process group), even
when a check fails. Run it with `make cluster-test`.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path
from statistics import quantiles

import psutil
import redis

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "postgres")
# Redis runs on these machines; the test takes a database number of its own and empties it.
REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/13")

# The load: 250 users, each pausing 20 to 40 s between steps (a focal point reads an item before
# answering it), about 8 steps and 13 requests a second. This 2-core machine, shared with other
# work, serves that with room to spare, so the timings measure the portal rather than a starved
# CPU; three times as much only measures the queue. 10 new users a second are all on within 25 s;
# the kill comes 30 s in, with all of them working, and leaves 45 s, longer than any pause.
USERS = int(os.environ.get("CLUSTER_USERS", 250))
SPAWN_RATE = int(os.environ.get("CLUSTER_SPAWN_RATE", 10))
RUN_SECONDS = int(os.environ.get("CLUSTER_RUN_SECONDS", 75))
KILL_AFTER = int(os.environ.get("CLUSTER_KILL_AFTER", 30))
# Focal points of 150 National Societies with an assessment each, 40 of them with a second focal
# point saving the same assessment (the version guard at work), and 20 managers.
SOCIETIES, SHARED, MANAGERS = 150, 40, 20
PASSWORD = "cluster-test-only"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

LOG_FORMAT = (
    'log_format cluster \'$msec $request_time $request_method "$request_uri" $status '
    '"$upstream_addr" "$upstream_status"\';'
)

ACCESS = re.compile(r'(\S+) (\S+) (\S+) "(\S*)" (\d+) "([^"]*)" "([^"]*)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def psql(*commands: str) -> None:
    args = ["psql", "-h", PGHOST, "-U", PGUSER, "-q", "-v", "ON_ERROR_STOP=1"]
    for command in commands:
        args += ["-c", command]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process ended ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class Processes:
    """The processes the test started, each the leader of its own process group."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list, env: dict) -> subprocess.Popen:
        with open(self.logs / f"{name}.log", "w") as log:
            process = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.started.append((name, process))
        return process

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.started):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Phases:
    def __init__(self):
        self.times: list[tuple[str, float]] = []
        self.began = time.monotonic()

    def __call__(self, name: str) -> None:
        self.times.append((name, time.monotonic()))
        print(f"-- {name}", flush=True)

    def report(self) -> None:
        marks = [*self.times, ("end", time.monotonic())]
        spans = ", ".join(
            f"{name} {end - start:.0f} s"
            for (name, start), (_, end) in zip(marks, marks[1:], strict=False)
        )
        print(f"Took {marks[-1][1] - self.began:.0f} s: {spans}")


def create_load_accounts() -> dict:
    """Focal points with an assessment to answer, and managers, each with a session open as
    after signing in; a few sign in through the form instead (a password hash costs a core a
    third of a second: a few hundred at once would measure only that)."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils.module_loading import import_string

    from standards.models import Assessment
    from standards.services import assessment_start
    from tipguide.organisations.models import Membership, NationalSociety

    SessionStore = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    password = make_password(PASSWORD)

    def account(username: str, **membership) -> dict:
        user = get_user_model().objects.create(username=username, password=password)
        Membership.objects.create(user=user, **membership)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return {"username": username, "password": PASSWORD, "session": session.session_key}

    focal_points, versions = [], {}
    societies = NationalSociety.objects.exclude(
        pk__in=Assessment.objects.values("national_society")
    ).order_by("iso2")[:SOCIETIES]
    with transaction.atomic():
        for index, society in enumerate(societies):
            role = {"role": Membership.Role.FOCAL_POINT, "national_society": society}
            first = account(f"load-{society.iso2.lower()}", **role)
            assessment = assessment_start(
                national_society=society,
                user=get_user_model().objects.get(username=first["username"]),
                from_previous=False,
            )
            if index % 3 == 0:  # nearly done: one save from being submitted
                assessment.answers.update(result="met")
            sections = sorted(set(assessment.answers.values_list("section_number", flat=True)))
            versions[assessment.pk] = assessment.version
            team = [first]
            if index < SHARED:
                team.append(account(f"load-{society.iso2.lower()}-2", **role))
            for member in team:
                member.update(assessment=assessment.pk, sections=sections)
            focal_points += team
        managers = [
            account(f"load-manager-{n}", role=Membership.Role.MANAGER, region=None)
            for n in range(1, MANAGERS + 1)
        ]
    for signs_in in focal_points[::10] + managers[::5]:
        signs_in["signs_in"] = True
    reported = NationalSociety.objects.filter(assessments__isnull=False).distinct()
    return {
        "focal_points": focal_points,
        "managers": managers,
        "societies": sorted(reported.values_list("iso2", flat=True)),
        "versions": versions,
    }


def read_log(path: Path) -> list[dict]:
    with open(path) as lines:
        return [json.loads(line) for line in lines]


def percentiles(times: list[float]) -> tuple[float, float]:
    if len(times) < 2:
        return (times[0], times[0]) if times else (0.0, 0.0)
    cuts = quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[94]


def report_pages(requests: list[dict], seconds: float) -> None:
    by_page = defaultdict(list)
    for request in requests:
        by_page[request["name"]].append(request)
    print(f"\n{'page':18} {'requests':>8} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for name, made in sorted(by_page.items(), key=lambda item: -len(item[1])):
        p50, p95 = percentiles([r["ms"] for r in made])
        failed = sum(not r["ok"] for r in made)
        print(f"{name:18} {len(made):8} {failed:6} {p50:7.0f} {p95:7.0f}")
    p50, p95 = percentiles([r["ms"] for r in requests])
    failed = sum(not r["ok"] for r in requests)
    print(f"{'all':18} {len(requests):8} {failed:6} {p50:7.0f} {p95:7.0f}")
    print(f"{len(requests) / seconds:.0f} requests a second over {seconds:.0f} s")


def at_the_kill(started: float, ended: float, kill_time: float) -> bool:
    return started <= kill_time + 0.2 and ended >= kill_time - 0.05


def check_server_errors(access_log: Path, killed: str, kill_time: float) -> tuple[list, Counter]:
    """The 5xx nginx answered that were not form POSTs in flight on the killed server when it
    died; and what nginx did with the requests that reached the killed server after it died."""
    unexpected, fates = [], Counter()
    with open(access_log) as lines:
        for line in lines:
            ended, took, method, _uri, status, upstreams, _statuses = ACCESS.match(line).groups()
            ended, started = float(ended), float(ended) - float(took)
            failed_over = upstreams.startswith(killed) and ended >= kill_time - 0.05
            if failed_over:
                when = "in flight" if at_the_kill(started, ended, kill_time) else "later"
                fates[when, method, int(status)] += 1
            if int(status) >= 500 and not (
                failed_over
                and method not in ("GET", "HEAD")
                and at_the_kill(started, ended, kill_time)
            ):
                unexpected.append(line.strip())
    return unexpected, fates


def check_writes(records: list[dict], versions: dict, kill_time: float) -> tuple[list, Counter]:
    """Compare the writes the users were told succeeded with the database.

    Each write is logged when sent and again when answered; one sent but never answered (Locust
    stopped its user at the end) may or may not be saved, as may a failed one."""
    from standards.models import Answer, Assessment

    writes = {record["key"]: record for record in records}  # the last record of each
    problems, outcomes = [], Counter()
    history = defaultdict(list)
    for row in Answer.history.filter(notes__startswith="Checked by ").values(
        "id", "notes", "changed_in_version"
    ):
        history[row["notes"]].append(row)
    claimed = defaultdict(list)  # assessment: the versions its saves claimed
    last_save = {}  # answer: the saved write with the highest version
    for write in writes.values():
        outcome = write["outcome"]
        if outcome == "failed" and not at_the_kill(write["started"], write["ended"], kill_time):
            problems.append(f"failed outside the kill: {write}")
        if write["kind"] == "submit":
            outcomes[f"submit {outcome}"] += 1
            continue
        rows = history[write["key"]]
        if outcome == "saved" and len(rows) != 1:
            problems.append(f"saved with success but {len(rows)} times in the database: {write}")
        if outcome == "refused" and rows:
            problems.append(f"refused but written: {write}")
        if outcome in ("failed", "unanswered") and rows:
            outcome += ", yet saved"  # the server died, or the client left, after COMMIT
        outcomes[f"save {outcome}"] += 1
        for row in rows:
            if row["id"] != write["answer"] or row["changed_in_version"] != write["version"] + 1:
                problems.append(f"written to another answer or version: {write} {row}")
            claimed[write["assessment"]].append(write["version"] + 1)
            if write["version"] > last_save.get(write["answer"], {"version": -1})["version"]:
                last_save[write["answer"]] = write
    submissions = Counter(
        Assessment.history.filter(history_change_reason="Submitted").values_list("id", flat=True)
    )
    for assessment in Assessment.objects.filter(pk__in=versions):
        saves, submitted = claimed.get(assessment.pk, []), submissions[assessment.pk]
        if len(saves) != len(set(saves)):
            problems.append(f"assessment {assessment.pk}: a version claimed twice: {saves}")
        if submitted != (assessment.status == Assessment.Status.SUBMITTED):
            problems.append(
                f"assessment {assessment.pk}: {assessment.status}, submitted {submitted}"
            )
        if assessment.version != versions[assessment.pk] + len(saves) + submitted:
            problems.append(
                f"assessment {assessment.pk}: version {assessment.version}, from "
                f"{versions[assessment.pk]} with {len(saves)} save(s) and {submitted} submission"
            )
    for write in writes.values():
        if write["outcome"] == "submitted" and not submissions[write["assessment"]]:
            problems.append(f"submitted with success but not in the database: {write}")
    current = dict(Answer.objects.filter(pk__in=last_save).values_list("pk", "notes"))
    for answer, write in last_save.items():
        if current[answer] != write["key"]:
            problems.append(f"answer {answer} lost its last save: {current[answer]!r} {write}")
    return problems, outcomes


def count_served(access_log: Path, server: str) -> int:
    with open(access_log) as lines:
        return sum(ACCESS.match(line)[6].endswith(server) for line in lines)


def check_users_carried_on(requests: list[dict], kill_time: float) -> list[str]:
    before = {r["user"] for r in requests if r["end"] < kill_time}
    after = {r["user"] for r in requests if r["end"] > kill_time + 1 and r["ok"]}
    return sorted(before - after)


def main() -> int:
    phase = Phases()
    run = Path(tempfile.mkdtemp(prefix="tipguide-cluster-"))
    processes = Processes(run)
    database = f"tipguide_cluster_{os.getpid()}"

    cache = redis.Redis.from_url(REDIS_URL)
    if not Path(NGINX).exists():
        raise SystemExit("nginx is missing: apt-get install nginx")
    try:
        cache.ping()
    except redis.ConnectionError as error:
        raise SystemExit(f"Redis does not answer at {REDIS_URL}") from error
    nginx_port, app_ports = free_port(), [free_port(), free_port()]
    base = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": f"postgres://{PGUSER}@{PGHOST}:5432/{database}",
        "CACHE_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    # The app servers as in production (DEBUG off) behind nginx, which tells them the scheme.
    # The loopback speaks plain HTTP, and a client sends no Secure cookie over it: the three
    # HTTPS-only settings are off, the only difference from production.
    server = {
        **base,
        "DEBUG": "off",
        "SECURE_SSL_REDIRECT": "off",
        "SESSION_COOKIE_SECURE": "off",
        "CSRF_COOKIE_SECURE": "off",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        "AXES_IPWARE_META_PRECEDENCE_ORDER": "HTTP_X_FORWARDED_FOR,REMOTE_ADDR",
        "AXES_IPWARE_PROXY_COUNT": "0",
        "WEB_CONCURRENCY": "2",
        # Notices of submitted assessments go to the app servers' logs.
        "EMAIL_URL": "consolemail://",
        "PORTAL_URL": f"http://127.0.0.1:{nginx_port}",
    }
    try:
        phase("a fresh database, migrated and seeded")
        cache.flushdb()
        psql(f"CREATE DATABASE {database}")
        # Alongside: the static files nginx serves, with the manifest the servers read.
        static = subprocess.Popen(
            [BIN / "python", "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=server,
        )
        # seed_demo creates accounts with a known password, so it runs only with DEBUG on.
        seeding = {**base, "DEBUG": "on"}
        for command in (["migrate", "-v0"], ["seed_guidance", "-v0"], ["seed_demo", "-v0"]):
            subprocess.run(
                [BIN / "python", "manage.py", *command],
                cwd=ROOT,
                env=seeding,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        if static.wait() != 0:
            raise SystemExit("collectstatic failed")

        phase("load accounts")
        os.environ.update(seeding)
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipguide.settings")
        import django

        django.setup()
        accounts = create_load_accounts()
        (run / "accounts.json").write_text(json.dumps(accounts))

        phase("two app servers and nginx")
        servers = []
        for number, port in enumerate(app_ports, 1):
            gunicorn = [BIN / "gunicorn", "--config", "deploy/gunicorn.conf.py"]
            process = processes.start(
                f"app-{number}", gunicorn, {**server, "TIPGUIDE_BIND": f"127.0.0.1:{port}"}
            )
            servers.append(process)
        for port, process in zip(app_ports, servers, strict=True):
            wait_until_up(f"http://127.0.0.1:{port}/health/", process)
        nginx = start_nginx(processes, run, nginx_port, app_ports)
        site = f"http://127.0.0.1:{nginx_port}"
        wait_until_up(f"{site}/ready/", nginx)

        phase(f"Locust: {USERS} users, {SPAWN_RATE} more a second, {RUN_SECONDS} s")
        options = (
            f"--headless --only-summary --users {USERS} --spawn-rate {SPAWN_RATE} "
            f"--run-time {RUN_SECONDS}s --stop-timeout 15 --host {site}"
        )
        locust = processes.start(
            "locust",
            [BIN / "locust", "-f", "deploy/locustfile.py", *options.split()],
            {
                **os.environ,
                "CLUSTER_ACCOUNTS": str(run / "accounts.json"),
                "CLUSTER_LOG": str(run / "events.jsonl"),
            },
        )
        load_began = time.time()
        time.sleep(KILL_AFTER)
        os.killpg(servers[0].pid, signal.SIGKILL)
        kill_time = time.time()
        print(
            f"   app server 1 (PID {servers[0].pid}) killed with SIGKILL "
            f"{kill_time - load_began:.0f} s in; load average {os.getloadavg()[0]:.1f}"
        )
        locust.wait(timeout=RUN_SECONDS + 60)
        load_seconds = time.time() - load_began

        phase("checks")
        survivor = psutil.Process(servers[1].pid)
        cpu = sum(sum(p.cpu_times()[:2]) for p in [survivor, *survivor.children()])
        events = read_log(run / "events.jsonl")
        requests = [e for e in events if e["kind"] == "request"]
        writes = [e for e in events if e["kind"] != "request"]
        report_pages(requests, load_seconds)
        unexpected, fates = check_server_errors(
            run / "access.log", f"127.0.0.1:{app_ports[0]}", kill_time
        )
        problems, outcomes = check_writes(writes, accounts["versions"], kill_time)
        stranded = check_users_carried_on(requests, kill_time)
        users = len({r["user"] for r in requests})
        print(f"\n{users} users; writes: {dict(sorted(outcomes.items()))}")
        served = count_served(run / "access.log", f"127.0.0.1:{app_ports[1]}")
        print(
            f"App server 2 served {served} requests with {cpu:.0f} CPU-seconds: "
            f"{1000 * cpu / max(served, 1):.0f} ms of CPU a request, start-up included"
        )
        print("Requests nginx sent to the killed server after the kill, and their answers:")
        for (when, method, status), count in sorted(fates.items()):
            print(f"   {when:9} {method:4} {status}: {count}")
        dropped = sum(count for (_, _, status), count in fates.items() if status >= 500)
        failures = [r for r in requests if not r["ok"]]
        client_side = [r for r in failures if r["method"] == "GET" or r["status"] < 500]
        checks = {
            "no 5xx but POSTs in flight at the kill": not unexpected,
            "no failed request but those": not client_side and len(failures) <= dropped,
            "every successful save in the database exactly once, versions consistent": not problems,
            "every user carried on after the kill": not stranded,
            "the other app server still ready": fetch_status(f"{site}/ready/") == 200,
        }
        for line in (
            unexpected[:10] + [str(r) for r in client_side[:10]] + problems[:10] + stranded[:10]
        ):
            print(f"   {line}")
        for check, passed in checks.items():
            print(f"{'ok  ' if passed else 'FAIL'} {check}")
        return 0 if all(checks.values()) else 1
    finally:
        processes.stop_all()
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        cache.flushdb()
        phase.report()
        print(f"Logs: {run}")


def fetch_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def start_nginx(
    processes: Processes, run: Path, port: int, app_ports: list[int]
) -> subprocess.Popen:
    """nginx with the site of deploy/nginx, in a prefix of its own, logging which app server
    answered each request."""
    site = (ROOT / "deploy/nginx/tipguide.conf.template").read_text()
    for name, value in {
        "TIPGUIDE_LISTEN": f"127.0.0.1:{port}",
        "TIPGUIDE_SERVER_NAME": "127.0.0.1",
        "TIPGUIDE_APP_1": f"127.0.0.1:{app_ports[0]}",
        "TIPGUIDE_APP_2": f"127.0.0.1:{app_ports[1]}",
        "TIPGUIDE_STATIC_ROOT": str(ROOT / "staticfiles"),
    }.items():
        site = site.replace(f"${{{name}}}", value)
    (run / "tipguide.conf").write_text(site)
    # As root, nginx's workers would run as nobody, who may not read the checkout.
    user = "user root;" if os.geteuid() == 0 else ""
    (run / "nginx.conf").write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {LOG_FORMAT}
    access_log {run}/access.log cluster;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/tipguide.conf;
}}
"""
    )
    args = [NGINX, "-p", run, "-c", run / "nginx.conf", "-e", run / "error.log"]
    return processes.start("nginx", args, os.environ.copy())


if __name__ == "__main__":
    sys.exit(main())
