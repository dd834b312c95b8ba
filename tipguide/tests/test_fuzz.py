"""Bad input gets a 4xx answer, never a server error.

Every page of the project, as each role that reaches it, is sent bad values in its query
parameters and in the fields of each form it shows: a NUL character, a very long value, bytes
that are not UTF-8, and values of the wrong type. The pages come from the URL resolver (and, for
their arguments, the access matrix's table), so a new page is fuzzed as soon as it exists; the
fields come from the forms and links each page renders.
"""

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit

import pytest
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ALL_VAR, IS_FACETS_VAR, ORDER_VAR, PAGE_VAR
from django.core.signals import got_request_exception
from django.urls import get_resolver, resolve, reverse

from casemgmt.services import continuity_plan_start
from casemgmt.tests.factories import build_protocols
from standards.services import assessment_submit
from standards.tests.factories import answer_all
from tipguide.tests import test_access_matrix as matrix

# The access matrix's objects: Kenya, its draft assessment, a guidance object of each kind.
objects = matrix.objects

# Each bad value as it goes into a query string or a form body, already percent-encoded. The very
# long value is letters too, no number, date or id. A list sends the parameter twice where a form
# sends it once.
BAD_VALUES = {
    "a NUL character": ["a%00b"],
    "a very long value": ["x" * 100_000],
    "bytes that are not UTF-8": ["%FF%FEa"],
    "a huge number": ["9" * 30],
    "a list": ["1", "2"],
}
# Every parameter and field gets each bad value at once: that reaches every field's validation.
# A value a field may accept and take further, to the database, is also sent to it alone: long
# text to what is typed, a huge number to numbers and query parameters (ids, pages), both to
# hidden fields.
ONE_AT_A_TIME = {
    "text": ["a very long value"],
    "number": ["a huge number"],
    "hidden": ["a very long value", "a huge number"],
    "parameter": ["a huge number"],
}
TYPED = {"text", "email", "url", "search", "password", "tel", "textarea"}
# gunicorn refuses a request line longer than 4,094 bytes, so a query string's values are cut
# to 4,000 characters; a form body takes the 100,000.
LONGEST_IN_A_QUERY_STRING = 4_000

# Query parameters the project's pages read, and those of the admin's changelists that its own
# links and search form don't show. (The admin answers a bad _to_field, _popup or e before
# reading anything else: they would hide the others.)
SITE_PARAMETERS = [
    "q",
    "group",
    "objective",
    "approach",
    "region",
    "status",
    "decision",
    "sort",
    "page",
    "next",
]
ADMIN_PARAMETERS = [ALL_VAR, IS_FACETS_VAR, ORDER_VAR, PAGE_VAR]

# A formset builds up to a thousand forms when told there are more (the management form's
# TOTAL_FORMS): slow by Django's design, bounded, and not sent here.
MANAGEMENT_FORM_COUNT = re.compile(r"-(TOTAL|INITIAL)_FORMS$")
# Only the first form of a formset gets bad values one field at a time: the others share its code.
LATER_FORM_OF_A_FORMSET = re.compile(r"-[1-9][0-9]*-")


@dataclass
class Form:
    method: str
    action: str
    # (name, value, kind, sent): an unchecked box is not sent, but it gets bad values too.
    fields: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def data(self):
        return [(name, value) for name, value, _, sent in self.fields if sent]

    def names(self):
        return [
            name
            for name in dict.fromkeys(f[0] for f in self.fields)
            if name != "csrfmiddlewaretoken"
        ]

    def one_at_a_time(self):
        """The fields to send a bad value alone, each with the values to send. The CSRF token is
        only compared, and the test client does not check it."""
        return {
            name: ONE_AT_A_TIME["text" if kind in TYPED else kind]
            for name, _, kind, _ in self.fields
            if ("text" if kind in TYPED else kind) in ONE_AT_A_TIME
            and name != "csrfmiddlewaretoken"
            and not LATER_FORM_OF_A_FORMSET.search(name)
        }


class PageParser(HTMLParser):
    """The forms of a page, and the query parameters its links send to the page itself."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.forms: list[Form] = []
        self.link_parameters: dict[str, str] = {}
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        name = attrs.get("name")
        if tag == "form":
            self._form = Form(attrs.get("method", "get").lower(), attrs.get("action", ""))
            self.forms.append(self._form)
        elif tag == "a" and "?" in attrs.get("href", ""):
            url = urlsplit(attrs["href"])
            if url.path in ("", self.path):
                self.link_parameters.update(parse_qsl(url.query, keep_blank_values=True))
        elif tag == "option" and self._select is not None:
            self._select[1].append((attrs.get("value", ""), "selected" in attrs))
        elif self._form is None or not name:
            return
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            value = attrs.get("value", "on" if kind == "checkbox" else "")
            sent = kind not in ("checkbox", "radio", "submit") or "checked" in attrs
            self._form.fields.append((name, value, kind, sent))
        elif tag == "button":
            self._form.fields.append((name, attrs.get("value", ""), "button", False))
        elif tag == "select":
            self._select = (name, [])
        elif tag == "textarea":
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [
                value for value, _ in options[:1]
            ]
            for value in chosen:
                self._form.fields.append((name, value, "select", True))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.fields.append((*self._textarea, "textarea", True))
            self._textarea = None


def encode(pairs, names=(), bad=()):
    """A query string or form body: `pairs`, with the values of `names` replaced by `bad`."""
    kept = urlencode([(key, value) for key, value in pairs if key not in names])
    replaced = "&".join(f"{quote_plus(name)}={value}" for name in names for value in bad)
    return "&".join(part for part in (kept, replaced) if part)


class Fuzzer:
    """Sends bad values as one role and keeps what ended in a server error."""

    def __init__(self, client, role, sign_in):
        self.client = client
        self.role = role
        self.sign_in = sign_in
        self.requests = 0
        self.failures = []
        self.done = set()
        client.raise_request_exception = False
        sign_in()

    def send(self, method, path, query, what):
        exceptions = []

        def record(sender, **kwargs):
            exceptions.append(repr(sys.exc_info()[1])[:300])

        got_request_exception.connect(record)
        try:
            if method == "post":
                response = self.client.generic(
                    "POST",
                    path,
                    query.encode("latin-1"),
                    content_type="application/x-www-form-urlencoded",
                )
            else:
                response = self.client.get(path, QUERY_STRING=query)
        finally:
            got_request_exception.disconnect(record)
        self.requests += 1
        if response.status_code >= 500:
            self.failures.append(
                f"{method.upper()} {path} as {self.role}, {what}: {response.status_code} "
                f"{' '.join(exceptions)}"
            )
        if self.role != "anonymous" and not response.wsgi_request.user.is_authenticated:
            self.sign_in()  # that was the sign-out form

    def fuzz(self, method, path, pairs, names, one_at_a_time):
        """Send `pairs` with all `names` bad at once, then each of `one_at_a_time` alone."""
        bad_values = {
            kind: [value[:LONGEST_IN_A_QUERY_STRING] if method == "get" else value for value in bad]
            for kind, bad in BAD_VALUES.items()
        }
        every = [name for name in names if not MANAGEMENT_FORM_COUNT.search(name)]
        for kind, bad in bad_values.items():
            if every:
                self.send(method, path, encode(pairs, every, bad), f"every field {kind}")
        for name, kinds in one_at_a_time.items():
            for kind in kinds:
                if kind == "a huge number" and MANAGEMENT_FORM_COUNT.search(name):
                    continue
                self.send(method, path, encode(pairs, [name], bad_values[kind]), f"{name}={kind}")

    def page(self, path, parameters=()):
        """GET `path`; send bad values in `parameters`, in those its links and its own search
        forms send back to it, and in every other form it shows."""
        response = self.client.get(path)
        parser = PageParser(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser.feed(response.content.decode())
        names = [*parameters, *parser.link_parameters]
        one_at_a_time = dict.fromkeys(parser.link_parameters, ONE_AT_A_TIME["parameter"])
        for form in parser.forms:
            action = urlsplit(form.action)
            target = action.path or path
            if form.method == "get" and target == path:
                names += form.names()
                one_at_a_time |= form.one_at_a_time()
                continue
            key = (form.method, target, tuple(form.names()))
            if key not in self.done:
                self.done.add(key)
                pairs = [*parse_qsl(action.query), *form.data()]
                self.fuzz(form.method, target, pairs, form.names(), form.one_at_a_time())
        self.fuzz("get", path, [], list(dict.fromkeys(names)), one_at_a_time)

    def assert_no_server_error(self):
        assert self.failures == [], "\n".join(self.failures)


@pytest.mark.parametrize(
    "address", ["/search/?q=%00", "/search/?q=trafficking%00", "/risks/?group=%00", "/?%00=1"]
)
def test_a_nul_character_in_a_query_string_is_a_bad_request(client, db, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "This request could not be read" in response.text
    assert 'class="site-header"' in response.text  # in the site's layout


def test_a_nul_character_in_an_admin_search_or_filter_is_a_bad_request(client, admin_user):
    client.force_login(admin_user)
    for address in ["/admin/core/source/?q=%00", "/admin/core/passage/?page=%00"]:
        assert client.get(address).status_code == 400


def test_a_nul_character_in_a_form_is_a_bad_request(client, focal_ke):
    response = client.post(reverse("login"), {"username": "focal-ke\0", "password": "x"})
    assert response.status_code == 400
    assert "This request could not be read" in response.text


def test_a_search_too_long_for_any_address_is_a_bad_request(client, admin_user):
    assert client.get("/search/", {"q": "trafficking " * 10_000}).status_code == 400
    client.force_login(admin_user)
    assert client.get("/admin/core/source/", {"q": "x" * 100_000}).status_code == 400


@pytest.mark.parametrize("number", ["9" * 30, "-" + "9" * 19, " 00" + "1" * 19])
def test_a_number_too_large_for_any_record_is_a_bad_request(client, admin_user, number):
    client.force_login(admin_user)
    response = client.get("/admin/risks/riskfactor/", {"groups__id__exact": number})
    assert response.status_code == 400
    assert "a number too large to be a count or a record" in response.text


def test_a_membership_naming_no_user_is_refused_with_a_message(client, admin_user, focal_ke):
    client.force_login(admin_user)
    membership = focal_ke.memberships.get()
    url = reverse("admin:organisations_membership_change", args=[membership.pk])
    response = client.post(url, {"user": "abc", "role": "focal-point", "national_society": "x"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert focal_ke.memberships.get().national_society_id == membership.national_society_id


def can_reach(name, role):
    """Whether `role` gets the page or, for a URL that only takes POSTs, may post to it."""
    return matrix.URLS[name].statuses[matrix.ROLES.index(role)] in (200, 405)


def site_pages(objects, role):
    for name in dict.fromkeys(matrix.named_urls(get_resolver())):
        if name.split(":")[0] not in matrix.SKIPPED_NAMESPACES and can_reach(name, role):
            yield reverse(name, args=matrix.URLS[name].args(objects))


def admin_pages():
    """Each registered model's changelist, and the change form of its first record (the add form
    when it has none)."""
    for name in dict.fromkeys(matrix.named_urls(get_resolver())):
        if name.startswith("admin:") and name.endswith("_changelist"):
            changelist = reverse(name)
            model = resolve(changelist).func.model_admin.model
            record = model._default_manager.order_by("pk").first()
            if record is None:
                yield changelist, reverse(name.replace("_changelist", "_add"))
            else:
                change = name.replace("_changelist", "_change")
                yield changelist, reverse(change, args=[quote(record.pk)])


@pytest.fixture
def other_states(objects, focal_ke, philippines_assessment, focal_ph):
    """Forms that only another state shows: a continuity plan's steps, and the review of a
    submitted assessment (the Philippines', on the page returned)."""
    build_protocols()
    continuity_plan_start(national_society=objects.kenya, user=focal_ke)
    answer_all(philippines_assessment)
    assessment_submit(assessment=philippines_assessment, user=focal_ph)
    return reverse("standards:assessment_detail", args=[philippines_assessment.pk])


@pytest.mark.parametrize("role", ["anonymous", "focal_ke", "manager", "editor"])
def test_no_page_of_the_site_answers_bad_input_with_a_server_error(
    client, request, objects, other_states, role
):
    fuzzer = Fuzzer(client, role, lambda: matrix.sign_in(client, request, role))
    for path in site_pages(objects, role):
        fuzzer.page(path, SITE_PARAMETERS)
    if role == "manager":
        fuzzer.page(other_states)
    fuzzer.assert_no_server_error()


def test_no_admin_page_answers_bad_input_with_a_server_error(
    client, admin_user, objects, other_states
):
    fuzzer = Fuzzer(client, "a superuser", lambda: client.force_login(admin_user))
    for changelist, change_form in admin_pages():
        fuzzer.page(changelist, ADMIN_PARAMETERS)
        fuzzer.page(change_form)
    fuzzer.assert_no_server_error()
