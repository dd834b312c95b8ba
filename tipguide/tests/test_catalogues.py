"""The French, Spanish and Arabic catalogues are complete and up to date with the code.

The messages are extracted here as `make messages` (Django's makemessages) extracts them, but
with Babel and Django's own template reader, so the check needs no GNU gettext on the machine.
"""

import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What makemessages leaves out in the Makefile, besides hidden folders.
NOT_SCANNED = {"staticfiles", "deploy", "docs"}
# Django's gettext functions, and where each takes its context and message.
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "_": None,
    "ngettext": None,
    "ngettext_lazy": None,
    "pgettext": "context",
    "pgettext_lazy": "context",
    "npgettext": "context",
    "npgettext_lazy": "context",
}
# A value a message takes: %(name)s, %s, {name}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _sources():
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") for part in parts) or NOT_SCANNED & set(parts):
            continue
        if path.suffix == ".py":
            yield path.read_bytes()
        elif path.suffix in (".html", ".txt"):
            # Django's reader turns a template into Python-like text for gettext; Python's own
            # tokenizer then needs every line at the left margin.
            text = templatize(path.read_text(), origin=str(path))
            yield "\n".join(line.lstrip() for line in text.splitlines()).encode()


@cache
def messages_in_code() -> frozenset:
    found = set()
    for source in _sources():
        for _line, function, strings, _comments in extract_python(
            io.BytesIO(source), KEYWORDS.keys(), [], {}
        ):
            strings = (strings,) if isinstance(strings, str) else strings
            context = strings[0] if KEYWORDS[function] == "context" else None
            message = strings[1] if context else strings[0]
            if message:
                found.add((context, message))
    return frozenset(found)


def catalogue(language: str, kind: str = "po"):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / f"django.{kind}"
    with path.open("rb") as file:
        return (read_po if kind == "po" else read_mo)(file)


def _key(message) -> tuple:
    return message.context, message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def _strings(message) -> tuple:
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)


def _placeholders(text: str) -> set:
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_message_of_the_code_and_no_other(language):
    held = {_key(message) for message in catalogue(language) if message.id}
    assert messages_in_code() - held == set(), "run `make messages` and translate what it adds"
    assert held - messages_in_code() == set(), "run `make messages` to drop what the code lost"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    untranslated = [
        _key(message)
        for message in catalogue(language)
        if message.id and (message.fuzzy or not all(_strings(message)))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_message(language):
    for message in catalogue(language):
        if not message.id or isinstance(message.id, tuple):
            continue
        assert _placeholders(message.string) == _placeholders(message.id), message.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_one_written(language):
    written = {_key(m): _strings(m) for m in catalogue(language) if m.id and not m.fuzzy}
    compiled = {_key(m): _strings(m) for m in catalogue(language, "mo") if m.id}
    assert compiled == written, "run `make messages` to compile the catalogues"
