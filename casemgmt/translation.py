"""Case management's words that have a column per language; codes and rules keep one column."""

from casemgmt.models import ProtocolStep, Strategy
from tipguide.core.languages import register

register(Strategy, "name", "text")
register(ProtocolStep, "text")
