"""Every kind of seeded guidance text keeps its bold phrases and footnote markers sound.

What each part of the guidance says is checked in its app's test_seed_content.py.
"""

import pytest
from django.apps import apps

from tipguide.core.models import FOOTNOTE_MARKER, GuidanceText, Source

GUIDANCE_TEXTS = [model for model in apps.get_models() if issubclass(model, GuidanceText)]


def named(model):
    return model.__name__


def test_every_kind_of_guidance_text_has_seeded_records(seeded_guidance):
    assert all(model.objects.exists() for model in GUIDANCE_TEXTS)


@pytest.mark.parametrize("model", GUIDANCE_TEXTS, ids=named)
def test_every_bold_phrase_is_part_of_its_text(seeded_guidance, model):
    for record in model.objects.all():
        for phrase in record.emphasis:
            assert phrase in record.text, (record, phrase)


@pytest.mark.parametrize("model", GUIDANCE_TEXTS, ids=named)
def test_every_footnote_marker_names_one_of_the_guidance_footnotes(seeded_guidance, model):
    footnotes = set(Source.objects.values_list("number", flat=True))
    for record in model.objects.all():
        for number in FOOTNOTE_MARKER.findall(record.text):
            assert int(number) in footnotes, (record, number)
