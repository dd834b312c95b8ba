from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import ContactRole, SocietyProfile


class SocietyProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = SocietyProfile
        fields = ["runs_tip_services"]


ContactRoleFormSet = inlineformset_factory(
    SocietyProfile,
    ContactRole,
    fields=["title", "responsibility", "position"],
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
    labels={"position": _("Order")},
)
