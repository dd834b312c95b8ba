from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from tipguide.core.editing import versioned_edit
from tipguide.core.languages import remember_language
from tipguide.organisations.forms import ContactRoleFormSet, PreferencesForm, SocietyProfileForm
from tipguide.organisations.models import SocietyProfile
from tipguide.organisations.services import (
    society_profile_update,
    user_language_choose,
    user_preferences_update,
)
from tipguide.organisations.shortcuts import get_society_for_user


def _profile_forms(profile: SocietyProfile, data=None) -> list:
    return [
        SocietyProfileForm(data, instance=profile, initial={"version": profile.version}),
        ContactRoleFormSet(data, instance=profile),
    ]


@login_required
def society_profile(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2, write=True)
    profile = SocietyProfile.objects.filter(national_society=society).first() or SocietyProfile(
        national_society=society
    )
    if request.method != "POST":
        return _render_profile(request, society, *_profile_forms(profile))
    edit = versioned_edit(
        request,
        _profile_forms(profile, request.POST),
        save=lambda form, roles: society_profile_update(
            profile=profile,
            user=request.user,
            version=form.cleaned_data["version"],
            form=form,
            roles=roles,
        ),
        forms_for=_profile_forms,
        invalid=_("Some fields need correcting; nothing was saved."),
        conflict=_(
            "Someone saved this profile after you opened the page, so nothing was saved. "
            "The form shows what is saved now with your edits laid over it. Check them and "
            "save again to apply them."
        ),
        # A first save creates the profile, even as shown.
        always_save=True,
    )
    if edit.done:
        messages.success(request, _("Profile saved."))
        return redirect(society)
    return _render_profile(request, society, *edit.forms, status=edit.status)


def _render_profile(request, society, form, roles, status=200) -> HttpResponse:
    return render(
        request,
        "tipguide/society_profile.html",
        {"society": society, "form": form, "roles": roles},
        status=status,
    )


def _preferences_forms(user, data=None) -> list:
    return [PreferencesForm(data, instance=user, initial={"version": user.version})]


@login_required
def account_notices(request: HttpRequest) -> HttpResponse:
    """A signed-in user's own choices: the portal's language, and notices by e-mail or none."""
    user = request.user
    if request.method == "POST":
        edit = versioned_edit(
            request,
            _preferences_forms(user, request.POST),
            save=lambda form: user_preferences_update(
                user=user,
                version=form.cleaned_data["version"],
                receives_notices=form.cleaned_data["receives_notices"],
                language=form.cleaned_data["language"],
            ),
            forms_for=_preferences_forms,
            invalid=_("The form needs correcting; nothing was saved."),
            conflict=_(
                "Your choices were changed elsewhere after you opened the page, so nothing was "
                "saved. Check them and save again."
            ),
        )
        if edit.done:
            language = edit.forms[0].cleaned_data["language"] or get_language_from_request(request)
            with translation.override(language):
                messages.success(request, _("Your choices are saved."))
                return remember_language(redirect("account_notices"), language)
        form, status = edit.forms[0], edit.status
    else:
        form, status = _preferences_forms(user)[0], 200
    return render(
        request,
        "registration/notices.html",
        {
            "form": form,
            "heading": _("Your preferences"),
            "intro": _(
                "The portal sends one message per event and one reminder digest at most per run, "
                "to %(email)s. It never includes anything about survivors."
            )
            % {"email": user.email or _("no address yet: ask an administrator to add yours")},
            "submit_label": _("Save"),
        },
        status=status,
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's own view, which keeps the choice for the browser and goes
    back to the page in that language, and the signed-in user's preference kept as well."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        reason = _("Choose one of the languages the portal offers.")
        return render(request, "400.html", {"reason": reason}, status=400)
    if request.user.is_authenticated:
        user_language_choose(user=request.user, language=language)
    return i18n.set_language(request)
