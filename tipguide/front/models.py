"""No models: the front composes the domains' pages. The module lets Django send this app's
post_migrate signal, after every other app's, when all permissions exist."""
