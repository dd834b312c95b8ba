from django.utils.functional import SimpleLazyObject

from tipguide.organisations.models import Membership


def roles(request):
    """The signed-in user's roles, for the navigation; read only when a template asks."""

    def user_roles():
        user = request.user
        if not user.is_authenticated:
            return set()
        found = set(Membership.objects.filter(user=user).values_list("role", flat=True))
        if user.is_superuser:
            found |= set(Membership.Role.values)
        return found

    return {"user_roles": SimpleLazyObject(user_roles)}
