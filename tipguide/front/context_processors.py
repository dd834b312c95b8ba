from django.utils.functional import SimpleLazyObject

from standards.models import Assessment


def reviews_waiting(request):
    """How many submitted assessments wait for the signed-in manager's review, for the
    navigation; counted only when a template asks, and only for managers."""

    def count():
        user = request.user
        if not user.is_authenticated:
            return 0
        return Assessment.objects.awaiting_review_by(user).count()

    return {"reviews_waiting": SimpleLazyObject(count)}
