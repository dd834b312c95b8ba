"""Find the interface's English left untranslated on a page shown in another language.

The guidance's own words are English until an editor enters an official translation; the pages
mark them lang="en", and they are left out here.
"""

import re
from html.parser import HTMLParser

from tipguide.tests.test_catalogues import PLACEHOLDER, catalogue

LABELS = ("placeholder", "title", "aria-label", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
NOT_TEXT = {"script", "style", "template"}


def space(text: str) -> str:
    return " ".join(text.split())


def english_interface(language: str) -> re.Pattern:
    """One pattern for all of the interface's English sentences and labels that the language's
    catalogue translates differently: one of them shown whole is English left untranslated.
    Single words are left out: a name or a code may spell like one ("Kenya", "PGI")."""
    patterns = []
    for message in catalogue(language):
        if not message.id or isinstance(message.id, tuple) or message.string == message.id:
            continue
        text = space(message.id)
        if "<" in text or len(PLACEHOLDER.sub("", text).split()) < 2:
            continue
        patterns.append(".+".join(re.escape(part) for part in PLACEHOLDER.split(text)))
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


class _ShownText(HTMLParser):
    """The text a reader sees, and the labels that stand for text, outside lang="en"."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # each open element, and if its text is skipped
        self.texts: list[str] = []

    def skipped(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = self.skipped() or tag in NOT_TEXT
        if "lang" in attrs:
            skip = skip or attrs["lang"] == "en"
        if not skip:
            self.texts += [attrs[name] for name in LABELS if attrs.get(name)]
        if tag not in VOID:
            self.open.append((tag, skip))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipped():
            self.texts.append(data)


def untranslated(html: str, interface: re.Pattern) -> list[str]:
    reader = _ShownText()
    reader.feed(html)
    texts = {space(text) for text in reader.texts}
    return sorted(text for text in texts if text and interface.fullmatch(text))
