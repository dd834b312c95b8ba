from django import template

register = template.Library()


@register.filter
def hidden_initial(bound_field):
    """The hidden input holding the value the user was shown, so a save can tell what changed."""
    return bound_field.as_hidden(only_initial=True)
