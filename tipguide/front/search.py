"""Find guidance records by the stems of their words, the same way on every database.

Django's full-text search is PostgreSQL's alone, and SQLite folds case only in ASCII, so the
records are matched here, in Python: there are a few hundred of them, read in one query per kind.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from tipguide.core.models import FOOTNOTE_MARKER, searchable_models

MAX_HITS_PER_KIND = 25

# Enough for a few hyphenated terms (face-to-face); more would only make the search slower.
MAX_WORDS = 16

# The guidance is in English. snowballstemmer stems French, Spanish and Arabic too, for the
# guidance's other languages.
STEMMER = snowballstemmer.stemmer("english")

# A stemmer strips endings; these plurals change the word itself.
IRREGULAR_PLURALS = {"children": "child", "women": "woman", "men": "man"}

# A checklist item's or a message's code (1.3, 2.2.4) is one word, as the guidance cites it.
WORD = re.compile(r"\d+(?:\.\d+)+|\w+")

# A misspelt word is offered its closest indexed word only when they are this alike (0 to 1).
SUGGESTION_CUTOFF = 0.8


def words(text: str) -> list[str]:
    """The words of `text`, leaving out footnote markers."""
    return WORD.findall(FOOTNOTE_MARKER.sub(" ", text))


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    word = word.casefold()
    return STEMMER.stemWord(IRREGULAR_PLURALS.get(word, word))


@dataclass(frozen=True)
class Hit:
    """A record found, the text of it whose excerpt shows, and its words to mark there."""

    record: object
    text: str
    marks: frozenset[str]


@dataclass(frozen=True)
class Results:
    groups: list[tuple[str, list[Hit]]]
    total: int
    suggestion: str = ""


def _hit(record, texts: list[str], stems: set[str]) -> Hit | None:
    """The record as a hit if it holds every one of `stems`, showing its longest text that holds
    one of them."""
    found = [(text, {w for w in words(text) if stem(w) in stems}) for text in texts]
    if stems - {stem(w) for _, marks in found for w in marks}:
        return None
    shown = max((text for text, marks in found if marks), key=len)
    return Hit(record, shown, frozenset(w for _, marks in found for w in marks))


def _suggestion(terms: list[str], vocabulary: set[str]) -> str:
    """The query with each word that no record holds replaced by the closest word one does."""
    known = {stem(w) for w in vocabulary}
    suggested = []
    for term in terms:
        if stem(term) in known:
            suggested.append(term)
            continue
        closest = difflib.get_close_matches(
            term.casefold(), vocabulary, n=1, cutoff=SUGGESTION_CUTOFF
        )
        suggested.append(closest[0] if closest else term)
    return " ".join(suggested) if suggested != terms else ""


def search_guidance(query: str) -> Results:
    """Find the records holding a word of each of the query's words' stems ("children" finds
    "child"), in the order of their kinds; offer a closer spelling when nothing is found."""
    terms = words(query)[:MAX_WORDS]
    stems = {stem(t) for t in terms}
    groups, total, vocabulary = [], 0, set()
    if not stems:
        return Results(groups, total)
    for model in searchable_models():
        hits = []
        # The primary key breaks ties in an ordering, so both databases list hits alike.
        records = model.objects.select_related(*model.SEARCH.related).order_by(
            *model._meta.ordering, "pk"
        )
        for record in records:
            texts = [str(getattr(record, field)) for field in model.SEARCH.fields]
            vocabulary.update(w.casefold() for text in texts for w in words(text))
            hit = _hit(record, texts, stems)
            if hit and len(hits) < MAX_HITS_PER_KIND:
                hits.append(hit)
        if hits:
            groups.append((model.SEARCH.label, hits))
            total += len(hits)
    suggestion = "" if total else _suggestion(terms, vocabulary)
    return Results(groups, total, suggestion)
