from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from advocacy.models import Approach, Audience, Briefing, BriefingMessage, Message
from advocacy.tests.factories import (
    CoreAskFactory,
    MessageFactory,
    PrincipleFactory,
    build_library,
    start_briefing,
)
from tipguide.core.tests.database import database_state
from tipguide.core.tests.factories import SourceFactory
from tipguide.organisations.tests.factories import SocietyProfileFactory

pytestmark = pytest.mark.django_db


def quoted_codes(briefing):
    return list(briefing.quoted_messages.values_list("code", flat=True))


def edit_data(client, briefing, **changes):
    """The builder's form as the page shows it, with `changes` laid over it."""
    response = client.get(reverse("advocacy:briefing_edit", args=[briefing.pk]))
    form, formset = response.context["form"], response.context["formset"]
    data = {}
    for bound in [*form, *formset.management_form]:
        value = bound.value()
        data[bound.html_name] = "" if value is None else value
        if bound.field.show_hidden_initial:
            data[bound.html_initial_name] = data[bound.html_name]
    for row in formset:
        for bound in row:
            if bound.name == "DELETE":
                continue
            value = bound.value()
            data[bound.html_name] = "" if value is None else value
            if bound.field.show_hidden_initial:
                data[bound.html_initial_name] = data[bound.html_name]
    data.update(changes)
    return data


def test_the_start_page_preselects_the_recommended_approach_with_the_guidances_reason(
    client, focal_ke, kenya
):
    build_library(1)
    SocietyProfileFactory(national_society=kenya, engages_with_trafficked_people=True)
    recommended = Approach.objects.get(number=2)
    recommended.recommended_for = (
        "recommended for National Societies who currently engage with trafficked people."
    )
    recommended.save()
    client.force_login(focal_ke)
    response = client.get(reverse("advocacy:briefing_start"))
    assert response.status_code == 200
    assert f'name="approach" id="approach-2" value="{recommended.pk}" checked' in response.text
    assert (
        "Approach 2 is recommended, going by its profile: recommended for National Societies "
        "who currently engage with trafficked people." in response.text
    )
    for audience in (
        "Local and national government authorities",
        "Donors",
        "The wider humanitarian and development community",
    ):
        assert audience in response.text


def test_a_focal_point_starts_a_briefing_with_every_message_of_the_chosen_objectives(
    client, focal_ke, kenya
):
    build_library(3)
    client.force_login(focal_ke)
    response = client.post(
        reverse("advocacy:briefing_start"),
        {
            "national_society": kenya.pk,
            "title": "Ministry of Labour",
            "audience": "authorities",
            "approach": Approach.objects.get(number=2).pk,
            "objectives": ["2.3", "1.1"],
        },
    )
    briefing = Briefing.objects.get()
    assert response["Location"] == reverse("advocacy:briefing_edit", args=[briefing.pk])
    assert briefing.national_society == kenya
    assert briefing.created_by == focal_ke
    assert quoted_codes(briefing) == ["1.1.1", "1.1.2", "1.1.3", "2.3.1", "2.3.2", "2.3.3"]


def test_starting_from_a_message_quotes_it_first(client, focal_ke, kenya):
    build_library(2)
    client.force_login(focal_ke)
    page = client.get(reverse("advocacy:briefing_start"), {"message": "2.4.2"})
    assert "The briefing starts with message 2.4.2:" in page.text
    client.post(
        reverse("advocacy:briefing_start"),
        {
            "national_society": kenya.pk,
            "title": "Donor round table",
            "audience": "donors",
            "approach": Approach.objects.get(number=1).pk,
            "message": "2.4.2",
            "objectives": ["1.2"],
        },
    )
    assert quoted_codes(Briefing.objects.get()) == ["2.4.2", "1.2.1", "1.2.2"]


def test_a_briefing_needs_an_objective_or_a_message(client, focal_ke, kenya):
    build_library(1)
    client.force_login(focal_ke)
    response = client.post(
        reverse("advocacy:briefing_start"),
        {
            "national_society": kenya.pk,
            "title": "Ministry",
            "audience": "authorities",
            "approach": Approach.objects.get(number=1).pk,
        },
    )
    assert response.status_code == 400
    assert "Choose at least one objective." in response.text
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"audience": "the-minister"},
        {"approach": "999999"},
        {"objectives": ["9.9"]},
        {"national_society": "not-a-number"},
        {"message": "<script>"},
    ],
)
def test_a_malformed_start_is_refused_with_a_message(client, focal_ke, kenya, data):
    build_library(1)
    client.force_login(focal_ke)
    response = client.post(
        reverse("advocacy:briefing_start"),
        {
            "national_society": kenya.pk,
            "title": "Ministry",
            "audience": "authorities",
            "approach": Approach.objects.get(number=1).pk,
            "objectives": ["1.1"],
            **data,
        },
    )
    assert response.status_code == 400
    assert not Briefing.objects.exists()


def test_a_focal_point_cannot_start_a_briefing_for_another_national_society(
    client, focal_ke, philippines
):
    build_library(1)
    client.force_login(focal_ke)
    response = client.post(
        reverse("advocacy:briefing_start"),
        {
            "national_society": philippines.pk,
            "title": "Ministry",
            "audience": "authorities",
            "approach": Approach.objects.get(number=1).pk,
            "objectives": ["1.1"],
        },
    )
    assert response.status_code == 400
    assert not Briefing.objects.exists()


def test_the_builder_offers_the_guidances_three_audiences_and_no_empty_one(client, focal_ke, kenya):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1"])
    client.force_login(focal_ke)
    response = client.get(reverse("advocacy:briefing_edit", args=[briefing.pk]))
    assert list(response.context["form"].fields["audience"].choices) == Audience.choices


def test_local_context_that_looks_like_personal_data_needs_confirming(client, focal_ke, kenya):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1"])
    client.force_login(focal_ke)
    situation = "A survivor reached us on +254 712 345 678 last week."
    data = edit_data(client, briefing, situation=situation)
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response.status_code == 400
    assert "This looks like it holds a phone number." in response.text
    briefing.refresh_from_db()
    assert briefing.situation == ""
    data["no_personal_data"] = "on"
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.situation == situation
    assert briefing.version == 2


def test_the_builder_removes_and_reorders_messages(client, focal_ke, kenya):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1", "1.2.1", "1.3.1", "1.4.1"])
    client.force_login(focal_ke)
    data = edit_data(client, briefing)
    data["quotes-0-DELETE"] = "on"  # 1.1.1
    data["quotes-3-position"] = "1"  # 1.4.1 first
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response.status_code == 302
    assert quoted_codes(briefing) == ["1.4.1", "1.2.1", "1.3.1"]
    assert list(briefing.quoted_messages.values_list("position", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize(
    ("move", "order"), [("2-up", ["a", "c", "b"]), ("0-down", ["b", "a", "c"])]
)
def test_the_up_and_down_buttons_move_a_message_and_keep_other_edits(
    client, focal_ke, kenya, move, order
):
    build_library(1)
    codes = {"a": "1.1.1", "b": "1.2.1", "c": "1.3.1"}
    briefing = start_briefing(kenya, focal_ke, codes=codes.values())
    client.force_login(focal_ke)
    data = edit_data(client, briefing, move=move, request="Fund safe shelters.")
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#messages")
    assert quoted_codes(briefing) == [codes[key] for key in order]
    briefing.refresh_from_db()
    assert briefing.request == "Fund safe shelters."


@pytest.mark.parametrize("move", ["7-up", "x-down", "0-sideways", ""])
def test_a_malformed_move_is_refused(client, focal_ke, kenya, move):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1", "1.2.1"])
    client.force_login(focal_ke)
    data = edit_data(client, briefing, move=move)
    before = database_state()
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response.status_code == 400
    assert "That move is not one this page offers; nothing was saved." in response.text
    assert database_state() == before


def test_a_conflicting_save_keeps_the_other_persons_work_and_carries_only_mine(
    client, focal_ke, kenya
):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1", "1.2.1"])
    client.force_login(focal_ke)
    mine = edit_data(client, briefing, request="Keep shelters open.")
    theirs = edit_data(client, briefing, situation="Lockdown since March.")
    theirs["quotes-1-DELETE"] = "on"
    assert (
        client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), theirs).status_code
        == 302
    )
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), mine)
    assert response.status_code == 409
    assert "Someone saved this briefing after you opened the page" in response.text
    form = response.context["form"]
    assert form["request"].value() == "Keep shelters open."
    assert form["situation"].value() == "Lockdown since March."
    assert [row.instance.code for row in response.context["formset"]] == ["1.1.1"]
    briefing.refresh_from_db()
    assert briefing.request == ""
    # Saving the form as shown applies my change only.
    shown = response.context["form"].data
    data = {key: value for key, value in shown.items() if value is not None}
    saved = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert saved.status_code == 302
    briefing.refresh_from_db()
    assert (briefing.situation, briefing.request) == (
        "Lockdown since March.",
        "Keep shelters open.",
    )
    assert quoted_codes(briefing) == ["1.1.1"]


def test_a_move_made_while_someone_removed_a_message_moves_the_one_the_user_chose(
    client, focal_ke, kenya
):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1", "1.2.1", "1.3.1"])
    client.force_login(focal_ke)
    mine = edit_data(client, briefing, move="2-up")
    theirs = edit_data(client, briefing)
    theirs["quotes-0-DELETE"] = "on"
    client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), theirs)
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), mine)
    assert response.status_code == 409
    rows = {row.instance.code: row for row in response.context["formset"]}
    assert list(rows) == ["1.2.1", "1.3.1"]
    # Mine: 1.1.1, 1.3.1, 1.2.1.
    assert (rows["1.2.1"]["position"].value(), rows["1.3.1"]["position"].value()) == ("3", "2")
    assert quoted_codes(briefing) == ["1.2.1", "1.3.1"]


def test_adding_an_objectives_messages_appends_those_not_yet_quoted(client, focal_ke, kenya):
    build_library(2)
    briefing = start_briefing(kenya, focal_ke, codes=["2.1.2"])
    client.force_login(focal_ke)
    response = client.post(
        reverse("advocacy:briefing_add", args=[briefing.pk]),
        {"version": briefing.version, "objective": "2.1"},
    )
    assert response.status_code == 302
    assert quoted_codes(briefing) == ["2.1.2", "2.1.1"]
    briefing.refresh_from_db()
    assert briefing.version == 2


def test_adding_from_a_stale_page_adds_nothing_and_answers_409(client, focal_ke, kenya):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1"])
    Briefing.objects.filter(pk=briefing.pk).update(version=5)
    client.force_login(focal_ke)
    before = database_state()
    response = client.post(
        reverse("advocacy:briefing_add", args=[briefing.pk]), {"version": 1, "message": "1.2.1"}
    )
    assert response.status_code == 409
    assert database_state() == before
    assert response.context["add_form"]["version"].value() == 5
    assert response.context["add_form"]["message"].value() == "1.2.1"


@pytest.mark.parametrize(
    "data",
    [{"version": 1}, {"version": 1, "objective": "7.7"}, {"version": "x", "message": "1.1.1"}],
)
def test_adding_nothing_or_something_unknown_is_refused(client, focal_ke, kenya, data):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=[])
    client.force_login(focal_ke)
    response = client.post(reverse("advocacy:briefing_add", args=[briefing.pk]), data)
    assert response.status_code == 400
    assert "Nothing was added" in response.text
    assert quoted_codes(briefing) == []


def test_a_message_is_quoted_as_it_was_when_added_with_a_notice_once_edited(
    client, focal_ke, kenya
):
    message = MessageFactory(text="Keep TiP services open.[^4]", emphasis=["TiP services"])
    SourceFactory(number=4, text="UNODC, 2020.")
    briefing = start_briefing(kenya, focal_ke, codes=[message.code])
    client.force_login(focal_ke)
    page = client.get(briefing.get_absolute_url())
    assert "Keep <strong>TiP services</strong> open." in page.text
    assert "has been edited since it was added" not in page.text
    message.text, message._change_reason = "Keep all TiP services open.[^4]", "Clearer"
    message.save()
    for url in (briefing.get_absolute_url(), reverse("advocacy:briefing_edit", args=[briefing.pk])):
        page = client.get(url)
        assert "Keep <strong>TiP services</strong> open." in page.text
        assert ('name="requote"' in page.text) is url.endswith("/edit/")
        assert "has been edited since it was added" in page.text
        assert "Keep all <strong>TiP services</strong> open." in page.text
    message.delete()
    page = client.get(briefing.get_absolute_url())
    assert "Keep <strong>TiP services</strong> open." in page.text
    assert "taken out of the guidance" in page.text


def test_a_focal_point_can_quote_the_guidances_current_words_instead(client, focal_ke, kenya):
    message = MessageFactory(text="Keep TiP services open.", emphasis=[])
    briefing = start_briefing(kenya, focal_ke, codes=[message.code])
    message.text, message._change_reason = "Keep all TiP services open.", "Clearer"
    message.save()
    client.force_login(focal_ke)
    data = edit_data(client, briefing, requote=message.code)
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response["Location"].endswith(f"#quote-{message.code}")
    quote = briefing.quoted_messages.get()
    assert quote.text == "Keep all TiP services open."
    page = client.get(reverse("advocacy:briefing_edit", args=[briefing.pk]))
    assert "has been edited since it was added" not in page.text
    history = client.get(reverse("advocacy:briefing_history", args=[briefing.pk]))
    assert f"Quoted the guidance&#x27;s current words of message {message.code}" in history.text


@pytest.mark.parametrize("requote", ["9.9.9", "", "<b>"])
def test_quoting_the_current_words_of_a_message_not_in_the_briefing_is_refused(
    client, focal_ke, kenya, requote
):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1"])
    client.force_login(focal_ke)
    data = edit_data(client, briefing, requote=requote)
    before = database_state()
    response = client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    assert response.status_code == 400
    assert "That message is not in this briefing; nothing was saved." in response.text
    assert database_state() == before


def test_the_briefing_page_frames_the_messages_with_the_asks_principles_and_sources(
    client, focal_ke, manager_africa, kenya
):
    CoreAskFactory(number=1, text="Covid-19 responses are tailored;")
    PrincipleFactory(number=1, text="Follow the Fundamental Principles")
    message = MessageFactory(text="Fund shelters.[^7]")
    SourceFactory(number=7, text="ILO, Forced labour, 2020.")
    SourceFactory(number=8, text="Not cited.")
    briefing = start_briefing(kenya, focal_ke, codes=[message.code])
    client.force_login(manager_africa)
    page = client.get(briefing.get_absolute_url())
    assert page.status_code == 200
    assert "Covid-19 responses are tailored;" in page.text
    assert "Follow the Fundamental Principles" in page.text
    assert "ILO, Forced labour, 2020." in page.text
    assert "Not cited." not in page.text
    assert reverse("advocacy:briefing_edit", args=[briefing.pk]) not in page.text


def test_the_word_document_has_the_headings_the_numbered_messages_and_the_sources(
    client, focal_ke, kenya
):
    CoreAskFactory(number=1, text="Covid-19 responses are tailored;")
    PrincipleFactory(number=1, text="Uphold the safety and dignity of affected persons")
    first = MessageFactory(text="Fund shelters.[^7]", emphasis=["shelters"])
    second = MessageFactory(text="Keep hotlines open.")
    SourceFactory(number=7, text="ILO, Forced labour, 2020.", url="https://ilo.org/x")
    briefing = start_briefing(kenya, focal_ke, codes=[second.code, first.code])
    briefing.situation, briefing.figures_source = "Borders closed.", "Ministry survey, May 2020"
    briefing.save()
    client.force_login(focal_ke)
    response = client.get(reverse("advocacy:briefing_docx", args=[briefing.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="briefing-ke-ministry-of-labour.docx"'
    )
    document = Document(BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        "Ministry of Labour",
        "Our context",
        "The situation",
        "Source of the figures",
        "What we call for",
        "Our messages",
        "How we carry these messages",
        "Sources",
    ]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["Keep hotlines open.", "Fund shelters.7"]
    runs = {run.text: run for run in numbered[1].runs}
    assert runs["shelters"].bold
    assert runs["7"].font.superscript
    texts = [p.text for p in document.paragraphs]
    assert "7. ILO, Forced labour, 2020. https://ilo.org/x" in texts
    assert "Covid-19 responses are tailored;" in texts
    assert "Uphold the safety and dignity of affected persons" in texts


def test_the_history_says_who_changed_what(client, focal_ke, kenya):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1", "1.2.1"])
    client.force_login(focal_ke)
    data = edit_data(client, briefing, audience="donors")
    data["quotes-1-DELETE"] = "on"
    client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data)
    page = client.get(reverse("advocacy:briefing_history", args=[briefing.pk]))
    assert "Started the briefing" in page.text
    assert "Added message 1.1.1" in page.text
    assert "Removed message 1.2.1" in page.text
    assert (
        "Audience: <del>Local and national government authorities</del> → <ins>Donors</ins>"
        in page.text
    )


def test_a_manager_in_scope_reads_but_cannot_change_a_briefing(
    client, manager_africa, focal_ke, kenya
):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1"])
    client.force_login(manager_africa)
    before = database_state()
    data = {"version": 1, "title": "Changed"}
    assert (
        client.post(reverse("advocacy:briefing_edit", args=[briefing.pk]), data).status_code == 403
    )
    assert (
        client.post(
            reverse("advocacy:briefing_add", args=[briefing.pk]), {"version": 1, "message": "1.2.1"}
        ).status_code
        == 403
    )
    assert database_state() == before


def test_another_national_societys_focal_point_cannot_reach_a_briefing(
    client, focal_ph, focal_ke, kenya
):
    build_library(1)
    briefing = start_briefing(kenya, focal_ke, codes=["1.1.1"])
    client.force_login(focal_ph)
    before = database_state()
    for name in ("briefing_edit", "briefing_add"):
        response = client.post(reverse(f"advocacy:{name}", args=[briefing.pk]), {"version": 1})
        assert response.status_code == 404
    assert database_state() == before
    listing = client.get(reverse("advocacy:briefing_list"))
    assert briefing.title not in listing.text


def test_only_focal_points_see_start_a_briefing_on_the_advocacy_pages(
    client, focal_ke, manager, editor
):
    message = MessageFactory()
    link = "Start a briefing with this message"
    for user, shown in ((None, False), (manager, False), (editor, False), (focal_ke, True)):
        client.logout()
        if user:
            client.force_login(user)
        for url in (reverse("advocacy:index"), message.get_absolute_url()):
            assert (link in client.get(url).text) is shown, (user, url)


@pytest.mark.parametrize("messages_per_objective", [1, 12])
def test_each_briefing_page_needs_the_same_few_queries_whatever_the_number_of_messages(
    client, django_assert_max_num_queries, focal_ke, kenya, messages_per_objective
):
    build_library(messages_per_objective)
    for number in range(1, 30):
        SourceFactory(number=number)
    for message in Message.objects.all():
        message.text += f"[^{message.position}]"
        message.save()
    codes = list(Message.objects.values_list("code", flat=True))
    briefing = start_briefing(kenya, focal_ke, codes=codes)
    for message in Message.objects.all()[:5]:
        message.text = "Edited."
        message.save()
    client.force_login(focal_ke)
    pages = {
        "advocacy:briefing_list": [],
        "advocacy:briefing_start": [],
        "advocacy:briefing_detail": [briefing.pk],
        "advocacy:briefing_edit": [briefing.pk],
        "advocacy:briefing_docx": [briefing.pk],
        "advocacy:briefing_history": [briefing.pk],
    }
    for name, args in pages.items():
        with django_assert_max_num_queries(14, info=name):
            response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    assert BriefingMessage.objects.count() == 8 * messages_per_objective
