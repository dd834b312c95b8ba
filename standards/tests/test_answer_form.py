"""The section page's answer form, made for a phone: each item a card, the rarely needed fields
folded, one invalid item never blocking the others, and a save that comes back to the item."""

import re
from html.parser import HTMLParser

from standards.models import Assessment, Result
from standards.tests.posting import section_data, section_url
from tipguide.core.tests.posting import form_as_shown


def test_one_invalid_item_does_not_stop_the_valid_ones_being_saved(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    opened = kenya_assessment.version
    data = section_data(
        kenya_assessment,
        1,
        {"1.1": {"result": "met"}, "1.2": {"result": "n/a"}, "1.3": {"notes": "Planned"}},
    )
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response.status_code == 400
    assert "Saved 2 answer(s) in section 1." in response.text
    assert "1 answer needs correcting; it was not saved." in response.text
    assert "Say why this item does not apply." in response.text
    assert kenya_assessment.answers.get(item_code="1.1").result == Result.MET
    assert kenya_assessment.answers.get(item_code="1.3").notes == "Planned"
    assert kenya_assessment.answers.get(item_code="1.2").result == ""
    assert Assessment.objects.get(pk=kenya_assessment.pk).version == opened + 1
    shown = form_as_shown(response.text)
    assert shown["version"] == str(opened + 1)
    assert shown["form-1-result"] == "n/a"
    assert 'href="#answer-1.2"' in response.text


def test_the_invalid_item_saves_once_corrected_without_saving_the_others_again(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    data = section_data(kenya_assessment, 1, {"1.1": {"result": "met"}, "1.2": {"result": "n/a"}})
    refused = client.post(section_url(kenya_assessment, 1), data)
    corrected = {**form_as_shown(refused.text), "form-1-reason": "No migrants in our area"}
    response = client.post(section_url(kenya_assessment, 1), corrected)
    assert response.status_code == 302
    assert response["Location"].endswith("#answer-1.2")
    assert "Saved 1 answer(s) in section 1." in client.get(response["Location"]).text
    first, second = kenya_assessment.answers.filter(item_code__in=["1.1", "1.2"]).order_by(
        "item_position"
    )
    assert (first.result, first.changed_in_version) == (Result.MET, 2)
    assert (second.result, second.reason, second.changed_in_version) == (
        Result.NOT_APPLICABLE,
        "No migrants in our area",
        3,
    )


def test_a_partial_save_from_an_old_page_saves_nothing_and_shows_the_conflict(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    colleague = section_data(kenya_assessment, 1, {"1.3": {"result": "not-met"}})
    mine = section_data(kenya_assessment, 1, {"1.1": {"result": "met"}, "1.2": {"result": "n/a"}})
    assert client.post(section_url(kenya_assessment, 1), colleague).status_code == 302
    response = client.post(section_url(kenya_assessment, 1), mine)
    assert response.status_code == 409
    assert 'href="#answer-1.3"' in response.text
    assert kenya_assessment.answers.get(item_code="1.1").result == ""
    shown = form_as_shown(response.text)
    assert (shown["form-0-result"], shown["form-1-result"], shown["form-2-result"]) == (
        "met",
        "n/a",
        "not-met",
    )


def test_nothing_valid_to_save_beside_an_invalid_item_saves_nothing(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    data = section_data(kenya_assessment, 1, {"1.2": {"result": "n/a"}})
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response.status_code == 400
    assert "Some answers need correcting; nothing was saved." in response.text
    assert Assessment.objects.get(pk=kenya_assessment.pk).version == kenya_assessment.version


def test_a_save_comes_back_to_the_item_the_page_names(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    data = {**section_data(kenya_assessment, 1, {"1.1": {"result": "met"}}), "at": "1.3"}
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response["Location"] == section_url(kenya_assessment, 1) + "#answer-1.3"


def test_without_a_named_item_a_save_comes_back_to_the_last_item_changed(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    changes = {"1.1": {"result": "met"}, "1.2": {"notes": "Drafted"}}
    for attempt, at in enumerate(["", "<script>", "2.1"]):
        kenya_assessment.refresh_from_db()
        data = {**section_data(kenya_assessment, 1, changes), "at": at}
        response = client.post(section_url(kenya_assessment, 1), data)
        assert response["Location"] == section_url(kenya_assessment, 1) + "#answer-1.2"
        changes = {"1.1": {"result": "partly"}, "1.2": {"notes": f"Drafted, round {attempt}"}}


def test_save_and_go_on_leads_to_the_next_section(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    page = client.get(section_url(kenya_assessment, 1)).text
    assert '<button class="btn btn-outline-primary" type="submit" name="next" value="2">' in page
    data = {**section_data(kenya_assessment, 1, {"1.1": {"result": "met"}}), "next": "2"}
    response = client.post(section_url(kenya_assessment, 1), data)
    assert response["Location"] == section_url(kenya_assessment, 2)
    assert kenya_assessment.answers.get(item_code="1.1").result == Result.MET
    unchanged = {**section_data(kenya_assessment, 1), "next": "2"}
    assert client.post(section_url(kenya_assessment, 1), unchanged)["Location"] == section_url(
        kenya_assessment, 2
    )


def test_the_last_section_offers_no_next_one(client, kenya_assessment, focal_ke):
    client.force_login(focal_ke)
    assert 'name="next"' not in client.get(section_url(kenya_assessment, 2)).text


def _details(page: str) -> dict:
    """Map each item's code to whether its folded fields are open."""
    return {
        code: " open" in attrs
        for code, attrs in re.findall(
            r'id="answer-([\d.]+)".*?<details class="answer-more"([^>]*)>', page, re.S
        )
    }


def test_the_folded_fields_open_when_they_hold_something_or_have_an_error(
    client, kenya_assessment, focal_ke
):
    kenya_assessment.answers.filter(item_code="1.2").update(owner_role="PGI focal point")
    client.force_login(focal_ke)
    page = client.get(section_url(kenya_assessment, 1)).text
    assert _details(page) == {"1.1": False, "1.2": True, "1.3": False}
    data = section_data(kenya_assessment, 1, {"1.3": {"next_step": "Call +254 712 345 678"}})
    refused = client.post(section_url(kenya_assessment, 1), data).text
    assert _details(refused) == {"1.1": False, "1.2": True, "1.3": True}


def test_the_result_is_a_group_of_large_radio_buttons_named_by_a_legend(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    page = client.get(section_url(kenya_assessment, 1)).text
    options = re.findall(r'<label><input type="radio" name="form-0-result" value="([^"]+)"', page)
    assert options == [value for value, _label in Result.choices]
    assert '<fieldset class="result"><legend class="visually-hidden">Result</legend>' in page


class _Structure(HTMLParser):
    """Note each fieldset's first child element, the ids, and the names of the answer form's
    fields other than radio buttons."""

    def __init__(self):
        super().__init__()
        self.ids, self.names, self.first_children = [], [], []
        self.open_fieldset = self.in_answers_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.open_fieldset:
            self.first_children.append(tag)
            self.open_fieldset = False
        if tag == "fieldset":
            self.open_fieldset = True
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "form" and attrs.get("class") == "answers-form":
            self.in_answers_form = True
        if (
            self.in_answers_form
            and tag in ("input", "textarea")
            and attrs.get("type") != "radio"
            and "name" in attrs
        ):
            self.names.append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_answers_form = False


def test_each_answer_is_a_fieldset_named_by_its_legend_with_no_field_sent_twice(
    client, kenya_assessment, focal_ke
):
    client.force_login(focal_ke)
    structure = _Structure()
    structure.feed(client.get(section_url(kenya_assessment, 1)).text)
    assert structure.first_children and set(structure.first_children) == {"legend"}
    assert len(structure.ids) == len(set(structure.ids))
    assert len(structure.names) == len(set(structure.names))
