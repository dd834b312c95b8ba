"""seed_guidance inserts what is missing, never overwrites an admin's edit nor brings back a record
an editor deleted, and --reset restores exactly what it listed."""

import os
import subprocess
import sys
from functools import partial
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from advocacy.models import Message
from casemgmt.models import ProtocolStep, Strategy
from risks.models import AtRiskGroup, RiskFactor
from standards.models import ChecklistItem, Topic
from tipguide.core.management.commands import seed_guidance
from tipguide.core.models import Passage, Source
from tipguide.core.services import guidance_seed


def seed(*args):
    out = StringIO()
    call_command("seed_guidance", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db, monkeypatch):
    """Seed only the given fixtures, and have seed_guidance load only those: quicker than the
    whole guidance. Each fixture named here stands on its own."""

    def seeded(*fixtures):
        only = partial(guidance_seed, fixtures=list(fixtures))
        monkeypatch.setattr(seed_guidance, "guidance_seed", only)
        only()

    return seeded


def snapshot():
    return {
        "factors": list(RiskFactor.objects.values_list("code", "title", "text")),
        "items": list(ChecklistItem.objects.values_list("code", "text", "emphasis")),
        "messages": list(Message.objects.values_list("code", "text")),
        "topics": list(Topic.objects.values_list("item__code", "position", "text")),
        "groups": list(
            RiskFactor.groups.through.objects.values_list("riskfactor__code", "atriskgroup__slug")
        ),
    }


@pytest.mark.django_db
def test_seeding_an_empty_database_creates_the_whole_guidance():
    output = seed()
    assert RiskFactor.objects.count() == 18
    assert ChecklistItem.objects.count() == 35
    assert Source.objects.count() == 22
    assert "0 skipped as edited" in output


def test_seeding_twice_changes_nothing(full_guidance):
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "0 created, 0 restored, 0 re-created, 0 skipped as edited, 0 left deleted" in output


def test_an_admins_edit_survives_a_reseed_and_is_reported(full_guidance):
    factor = RiskFactor.objects.get(code="1.3")
    factor.text = "Edited by an admin."
    factor.save()
    output = seed()
    assert RiskFactor.objects.get(code="1.3").text == "Edited by an admin."
    assert "Skipped (edited by an admin): risk factor 1.3" in output
    assert "1 skipped as edited" in output


def test_an_edited_group_link_survives_a_reseed(full_guidance):
    factor = RiskFactor.objects.get(code="2.1")
    factor.groups.clear()
    output = seed()
    assert not factor.groups.exists()
    assert "risk factor 2.1" in output


def test_a_record_an_editor_deleted_is_reported_and_not_created_again(seeded):
    seeded("casemgmt")
    ProtocolStep.objects.get(code="C3").delete()
    output = seed()
    assert not ProtocolStep.objects.filter(code="C3").exists()
    assert "Deleted by an editor, not re-created: protocol step C3" in output


def test_reset_lists_a_deleted_record_and_creates_it_again(seeded):
    seeded("casemgmt")
    ProtocolStep.objects.get(code="C3").delete()
    output = seed("--reset", "--no-input")
    assert output.index("  protocol step C3") < output.index("Re-created: protocol step C3")
    assert ProtocolStep.objects.get(code="C3").strategy.code == "containment"


def test_a_deleted_checklist_item_stays_deleted_with_its_training_topics(seeded):
    seeded("standards")
    ChecklistItem.objects.get(code="2.1").delete()
    output = seed()
    assert not ChecklistItem.objects.filter(code="2.1").exists()
    assert not Topic.objects.filter(item__code="2.1").exists()
    assert "Deleted by an editor, not re-created: checklist item 2.1" in output
    assert "Deleted by an editor, not re-created: training topic 2.1 1" in output


def test_reset_creates_a_deleted_checklist_item_again_with_its_training_topics(seeded):
    seeded("standards")
    topics = list(Topic.objects.filter(item__code="2.1").values_list("position", "text"))
    ChecklistItem.objects.get(code="2.1").delete()
    output = seed("--reset", "--no-input")
    assert output.index("  training topic 2.1 1") < output.index("Re-created: training topic 2.1 1")
    assert list(Topic.objects.filter(item__code="2.1").values_list("position", "text")) == topics


def test_a_deleted_training_topic_is_known_by_its_items_code_and_position(seeded):
    seeded("standards")
    Topic.objects.get(item__code="2.1", position=2).delete()
    output = seed()
    assert "Deleted by an editor, not re-created: training topic 2.1 2" in output
    assert not Topic.objects.filter(item__code="2.1", position=2).exists()
    assert Topic.objects.filter(item__code="2.1", position=3).exists()


def test_a_record_never_seeded_is_created_beside_deleted_ones(seeded):
    seeded("casemgmt")
    Passage.objects.get(slug="service-delivery").delete()
    report = guidance_seed(fixtures=["casemgmt", "standards"])
    assert report.deleted == ["passage service-delivery"]
    assert "passage integrating" in report.created
    assert Passage.objects.filter(slug="integrating").exists()


def test_a_deleted_at_risk_group_stays_deleted_and_reset_links_it_again(seeded):
    seeded("risks")
    AtRiskGroup.objects.get(slug="sex-work").delete()
    output = seed()
    assert "Deleted by an editor, not re-created: at-risk group sex-work" in output
    factor = RiskFactor.objects.get(code="1.1")
    assert list(factor.groups.values_list("slug", flat=True)) == ["poor-economic-opportunities"]
    seed("--reset", "--no-input")
    assert set(factor.groups.values_list("slug", flat=True)) == {
        "poor-economic-opportunities",
        "sex-work",
    }


def test_reset_says_what_it_will_replace_then_restores_the_guidance_text(full_guidance):
    original = ChecklistItem.objects.get(code="1.1").text
    ChecklistItem.objects.filter(code="1.1").update(text="Shortened.")
    output = seed("--reset", "--no-input")
    assert output.index("--reset will replace") < output.index("Restored: checklist item 1.1")
    assert ChecklistItem.objects.get(code="1.1").text == original


def test_reset_restores_group_links(full_guidance):
    factor = RiskFactor.objects.get(code="2.1")
    expected = set(factor.groups.values_list("slug", flat=True))
    factor.groups.set([AtRiskGroup.objects.get(slug="mental-health")])
    seed("--reset", "--no-input")
    assert set(factor.groups.values_list("slug", flat=True)) == expected


def test_reset_changes_nothing_when_the_user_does_not_confirm(full_guidance, monkeypatch):
    ChecklistItem.objects.filter(code="1.1").update(text="Shortened.")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError):
        seed("--reset")
    assert ChecklistItem.objects.get(code="1.1").text == "Shortened."


def test_reset_changes_nothing_if_another_record_is_edited_after_the_list(seeded, monkeypatch):
    seeded("casemgmt")
    Strategy.objects.filter(code="containment").update(text="Edited before the list.")

    def edit_another_then_confirm(prompt):
        ProtocolStep.objects.filter(code="C1").update(text="Edited after the list.")
        return "yes"

    monkeypatch.setattr("builtins.input", edit_another_then_confirm)
    with pytest.raises(CommandError, match="protocol step C1"):
        seed("--reset")
    assert Strategy.objects.get(code="containment").text == "Edited before the list."
    assert ProtocolStep.objects.get(code="C1").text == "Edited after the list."


def test_end_of_input_at_the_confirmation_is_a_no(seeded, monkeypatch):
    seeded("casemgmt")
    Strategy.objects.filter(code="containment").update(text="Edited.")

    def closed_stdin(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", closed_stdin)
    with pytest.raises(CommandError, match="end of input"):
        seed("--reset")
    assert Strategy.objects.get(code="containment").text == "Edited."


def test_reset_from_a_closed_stdin_fails_without_changes_or_a_traceback(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    def manage(*args, **options):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            **options,
        )

    def python(code):
        code = f"from tipguide.organisations.models import Region; {code}"
        return manage("shell", "-v0", "-c", code, check=True).stdout

    manage("migrate", "--no-input", "-v0", check=True)
    python("Region.objects.create(code='africa', name='Edited')")
    result = manage("seed_guidance", "--reset", stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "CommandError: No answer (end of input): nothing was changed." in result.stderr
    assert "Traceback" not in result.stderr
    assert python("print(*Region.objects.values_list('name', flat=True))") == "Edited\n"


def test_an_admin_edit_is_kept_in_the_change_history(full_guidance):
    source = Source.objects.get(number=9)
    source.url = "https://example.org/moved"
    source.save()
    assert source.history.first().url == "https://example.org/moved"
    assert source.history.count() == 2
