"""Names in the four languages: IFRC's regions, and the National Societies as IFRC GO lists
them."""

from tipguide.core.languages import register
from tipguide.organisations.models import NationalSociety, Region

register(Region, "name")
register(NationalSociety, "name")
