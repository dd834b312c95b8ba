"""The risks' words that have a column per language; codes and names of sources keep one."""

from risks.models import AtRiskGroup, Category, RiskFactor
from tipguide.core.languages import register

register(Category, "title", "intro", "note")
register(AtRiskGroup, "name")
register(RiskFactor, "title", "text", "quote")
