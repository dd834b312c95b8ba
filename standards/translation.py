"""The checklists' words that have a column per language; codes and rules keep one column."""

from standards.models import ChecklistItem, Section, Topic
from tipguide.core.languages import register

register(Section, "title", "text")
register(ChecklistItem, "text", "lead_in")
register(Topic, "text")
