from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tipguide.core.forms import rebuilt_after_conflict
from tipguide.organisations.forms import ContactRoleFormSet, SocietyProfileForm
from tipguide.organisations.models import SocietyProfile
from tipguide.organisations.services import StaleProfile, society_profile_update
from tipguide.organisations.shortcuts import get_society_for_user


@login_required
def society_profile(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2, write=True)
    profile = SocietyProfile.objects.filter(national_society=society).first() or SocietyProfile(
        national_society=society
    )
    if request.method != "POST":
        form = SocietyProfileForm(instance=profile, initial={"version": profile.version})
        roles = ContactRoleFormSet(instance=profile)
        return _render_profile(request, society, form, roles)
    form = SocietyProfileForm(request.POST, instance=profile)
    roles = ContactRoleFormSet(request.POST, instance=profile)
    if not (form.is_valid() and roles.is_valid()):
        messages.error(request, _("Some fields need correcting; nothing was saved."))
        return _render_profile(request, society, form, roles, status=400)
    try:
        society_profile_update(
            profile=profile,
            user=request.user,
            version=form.cleaned_data["version"],
            form=form,
            roles=roles,
        )
    except StaleProfile:
        saved = SocietyProfile.objects.get(national_society=society)
        form = rebuilt_after_conflict(
            form,
            SocietyProfileForm(instance=saved, initial={"version": saved.version}),
            lambda data: SocietyProfileForm(data, instance=saved),
        )
        roles = rebuilt_after_conflict(
            roles,
            ContactRoleFormSet(instance=saved),
            lambda data: ContactRoleFormSet(data, instance=saved),
        )
        messages.warning(
            request,
            _(
                "Someone saved this profile after you opened the page, so nothing was saved. "
                "The form shows what is saved now with your edits laid over it. Check them and "
                "save again to apply them."
            ),
        )
        return _render_profile(request, society, form, roles, status=409)
    messages.success(request, _("Profile saved."))
    return redirect(society)


def _render_profile(request, society, form, roles, status=200) -> HttpResponse:
    return render(
        request,
        "tipguide/society_profile.html",
        {"society": society, "form": form, "roles": roles},
        status=status,
    )
