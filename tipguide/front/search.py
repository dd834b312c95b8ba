"""Find guidance records by the stems of their words, the same way on every database.

Django's full-text search is PostgreSQL's alone, and SQLite folds case only in ASCII, so the
records are matched here, in Python: there are a few hundred of them, read in one query per kind.

A reader searches the guidance in the language of the pages and in English, its own language:
the translations entered so far, stemmed as words of that language, and the English original,
stemmed as English.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from tipguide.core.languages import ORIGINAL_LANGUAGE, column, original, reader_language
from tipguide.core.languages import translated_fields as translated
from tipguide.core.models import FOOTNOTE_MARKER, searchable_models

MAX_HITS_PER_KIND = 25

# Enough for a few hyphenated terms (face-to-face); more would only make the search slower.
MAX_WORDS = 16

STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "fr": snowballstemmer.stemmer("french"),
    "es": snowballstemmer.stemmer("spanish"),
    "ar": snowballstemmer.stemmer("arabic"),
}

# A stemmer strips endings; these English plurals change the word itself.
IRREGULAR_PLURALS = {"children": "child", "women": "woman", "men": "man"}

# A checklist item's or a message's code (1.3, 2.2.4) is one word, as the guidance cites it.
WORD = re.compile(r"\d+(?:\.\d+)+|\w+")

# A misspelt word is offered its closest indexed word only when they are this alike (0 to 1).
SUGGESTION_CUTOFF = 0.8


def words(text: str) -> list[str]:
    """The words of `text`, leaving out footnote markers."""
    return WORD.findall(FOOTNOTE_MARKER.sub(" ", text))


@lru_cache(maxsize=20_000)
def stem(word: str, language: str = ORIGINAL_LANGUAGE) -> str:
    word = word.casefold()
    if language == ORIGINAL_LANGUAGE:
        word = IRREGULAR_PLURALS.get(word, word)
    return STEMMERS[language].stemWord(word)


@dataclass(frozen=True)
class Hit:
    """A record found, the text of it whose excerpt shows, the language that text is in, and
    its words to mark there."""

    record: object
    text: str
    marks: frozenset[str]
    language: str = ORIGINAL_LANGUAGE


@dataclass(frozen=True)
class Results:
    groups: list[tuple[str, list[Hit]]]
    total: int
    suggestion: str = ""


def _texts(record, fields: tuple[str, ...], language: str) -> list[tuple[str, str]]:
    """The record's searched texts, each with its language: in English, and in `language` where
    translated."""
    texts = []
    for name in fields:
        if name not in translated(type(record)):
            texts.append((str(getattr(record, name)), ORIGINAL_LANGUAGE))
            continue
        texts.append((getattr(record, original(name)) or "", ORIGINAL_LANGUAGE))
        if language != ORIGINAL_LANGUAGE and getattr(record, column(name, language)):
            texts.append((getattr(record, column(name, language)), language))
    return texts


def _hit(record, texts: list[tuple[str, str]], terms: list[dict[str, str]]) -> Hit | None:
    """The record as a hit if it holds every one of the `terms` (each one's stem by language),
    in one language or the other, showing its longest text that holds one of them: in the
    reader's language rather than English where both do."""
    found = []
    for text, language in texts:
        stems = {term[language] for term in terms}
        found.append((text, language, {w for w in words(text) if stem(w, language) in stems}))
    held = {(language, stem(w, language)) for _, language, marks in found for w in marks}
    if any(not any((lang, term[lang]) in held for lang in term) for term in terms):
        return None
    text, language, _ = max(
        ((text, language, marks) for text, language, marks in found if marks),
        key=lambda shown: (shown[1] != ORIGINAL_LANGUAGE, len(shown[0])),
    )
    return Hit(record, text, frozenset(w for _, _, marks in found for w in marks), language)


def _suggestion(terms: list[str], vocabulary: set[str]) -> str:
    """The query with each word that no record holds replaced by the closest word one does."""
    known = {w.casefold() for w in vocabulary} | {stem(w) for w in vocabulary}
    suggested = []
    for term in terms:
        if stem(term) in known or term.casefold() in known:
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
    language = reader_language()
    languages = {ORIGINAL_LANGUAGE, language}
    stems = [{lang: stem(term, lang) for lang in languages} for term in terms]
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
            texts = _texts(record, model.SEARCH.fields, language)
            vocabulary.update(w.casefold() for text, _ in texts for w in words(text))
            hit = _hit(record, texts, stems)
            if hit and len(hits) < MAX_HITS_PER_KIND:
                hits.append(hit)
        if hits:
            groups.append((model.SEARCH.label, hits))
            total += len(hits)
    suggestion = "" if total else _suggestion(terms, vocabulary)
    return Results(groups, total, suggestion)
