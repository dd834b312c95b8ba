"""The guidance's words that have a column per language; codes and rules keep one column.

The bold phrases (`emphasis`) stay in English: they mark phrases of the English text.
"""

from tipguide.core.languages import register
from tipguide.core.models import DefinitionElement, Passage, Resource, Source

register(Source, "text")
register(Passage, "title", "text")
register(DefinitionElement, "text")
register(Resource, "title", "description")
