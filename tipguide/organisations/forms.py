from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tipguide.core.forms import VersionedEditForm, VersionField
from tipguide.organisations.models import ContactRole, SocietyProfile, User


class SocietyProfileForm(VersionedEditForm, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = SocietyProfile
        fields = [
            "has_tip_skills_and_experience",
            "has_tip_programmes_or_services",
            "engages_with_trafficked_people",
        ]


class ContactRoleForm(VersionedEditForm, forms.ModelForm):
    class Meta:
        model = ContactRole
        fields = ["title", "responsibility", "position"]


ContactRoleFormSet = inlineformset_factory(
    SocietyProfile,
    ContactRole,
    form=ContactRoleForm,
    extra=2,
    max_num=20,
    validate_max=True,
    absolute_max=40,
    can_delete=True,
    labels={"position": _("Order")},
)


class PreferencesForm(VersionedEditForm, forms.ModelForm):
    version = VersionField()
    language = forms.ChoiceField(
        label=_("Language of the portal and its notices"),
        choices=[("", _("The one my browser asks for")), *settings.LANGUAGES],
        required=False,
        help_text=User._meta.get_field("language").help_text,
    )

    class Meta:
        model = User
        fields = ["language", "receives_notices"]
