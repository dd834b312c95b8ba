"""The reader's language: which one a request asks for, keeping the one chosen, and the
guidance's words in it, or in English, the guidance's language.

The guidance exists in English only. Each of its texts has a column per language (with
django-modeltranslation); a translation exists once an editor enters an official one, and until
then a page shows the English words, marked as English.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request
from modeltranslation.translator import NotRegistered, TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname, get_language

ORIGINAL_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRANSLATION_LANGUAGES = [code for code in LANGUAGE_CODES if code != ORIGINAL_LANGUAGE]


def column(name: str, language: str) -> str:
    """The name of field `name`'s column in `language`: text_fr."""
    return build_localized_fieldname(name, language)


def original(name: str) -> str:
    """The name of the column holding field `name` in the guidance's own words: text_en."""
    return column(name, ORIGINAL_LANGUAGE)


def reader_language() -> str:
    """The language pages are shown in now, as one of settings.LANGUAGES."""
    return get_language()


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` that have a column per language."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


@dataclass(frozen=True)
class Words:
    """A guidance text as a page shows it, and the language it is in."""

    value: str
    language: str

    @property
    def untranslated(self) -> bool:
        """Whether the reader gets the English original because there is no translation."""
        return self.language != reader_language()


def words(record, name: str) -> Words:
    """Field `name` of `record` in the reader's language, or else in English."""
    if isinstance(record, Mapping):  # words kept as the guidance said them, an answer's
        return Words(record.get(name, ""), ORIGINAL_LANGUAGE)
    if name not in translated_fields(type(record)):
        return Words(getattr(record, name), ORIGINAL_LANGUAGE)
    language = reader_language()
    value = getattr(record, column(name, language), None)
    if value:
        return Words(value, language)
    return Words(getattr(record, original(name)) or "", ORIGINAL_LANGUAGE)


def missing_translations(record, language: str) -> list[str]:
    """The fields of `record` that have English words and none in `language`."""
    return [
        name
        for name in translated_fields(type(record))
        if getattr(record, original(name)) and not getattr(record, column(name, language))
    ]


def register(model, *fields: str) -> None:
    """Give `fields` of the guidance record `model` a column per language, in its change
    history too: the history keeps every language's words, and reverting to an earlier version
    brings back every one of them."""
    options = type(
        f"{model.__name__}TranslationOptions",
        (TranslationOptions,),
        {"fields": fields, "required_languages": (ORIGINAL_LANGUAGE,)},
    )
    translator.register(model, options)
    historical = model.history.model
    translator.register(historical, options)
    columns = {column(name, code) for name in fields for code in LANGUAGE_CODES}
    historical.tracked_fields = [
        *historical.tracked_fields,
        *(field for field in model._meta.fields if field.name in columns),
    ]


def originals_copied(app_label: str, fields: dict[str, tuple[str, ...]]):
    """A migration step that copies each field's words into its new English column, in the
    records and in their change history, so that a database keeps its words.

    `fields` names, for each model of `app_label`, its fields that now have a column per
    language.
    """
    from django.db import migrations
    from django.db.models import F

    def copy(apps, schema_editor):
        for model_name, names in fields.items():
            for name in (model_name, f"historical{model_name}"):
                model = apps.get_model(app_label, name)
                model._base_manager.update(**{original(field): F(field) for field in names})

    return migrations.RunPython(copy, migrations.RunPython.noop, elidable=True)


def preferred_language(request: HttpRequest) -> str:
    """The language to show a page in when its address names none: the signed-in user's
    preference, else the one this browser chose here before, else the browser's own."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language:
        return user.language
    return get_language_from_request(request)


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Keep `language` for this browser, signed in or not, as Django's own switcher does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
