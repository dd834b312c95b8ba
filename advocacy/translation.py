"""Advocacy's words that have a column per language; codes and rules keep one column."""

from advocacy.models import Approach, CoreAsk, Message, Objective, Principle
from tipguide.core.languages import register

register(CoreAsk, "text")
register(Principle, "text")
register(Approach, "title", "summary", "recommended_for", "text")
register(Objective, "title")
register(Message, "text")
