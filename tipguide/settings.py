"""Settings for tipguide, read from the environment (see .env.example)."""

from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.contrib.messages import constants as message_levels
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
)
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")
# A development key only when DEBUG is on; production must set SECRET_KEY.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-insecure-key")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
    "tipguide.apps.TipguideAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "tipguide.core",
    "tipguide.organisations",
    "risks",
    "standards",
    "casemgmt",
    "advocacy",
    "tipguide.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tipguide.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "tipguide.middleware.RejectUnreadableInputMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tipguide.middleware.PrivatePagesMiddleware",
]

ROOT_URLCONF = "tipguide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tipguide.organisations.context_processors.roles",
                "tipguide.front.context_processors.reviews_waiting",
            ],
        },
    },
]

WSGI_APPLICATION = "tipguide.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing with "database is locked": a
    # transaction takes the write lock when it begins, readers keep reading beside a writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
# Per-process memory by default; production may share one, e.g. CACHE_URL=rediscache://...
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language a visitor chose, kept for a year, sent over HTTPS only in production.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The guidance exists in English: each guidance text has a column per language, and a page shows
# the English one, marked as such, until an editor enters an official translation.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock it for an hour. More wrong passwords
# during the hour don't make it longer, and resetting the password lifts it (see urls.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Keep no log of successful sign-ins: only what locking out needs.
AXES_DISABLE_ACCESS_LOG = True


def axes_username(request, credentials):
    """The name tried, cut to the 255 characters axes keeps: no account has a longer one, and a
    longer one is a wrong password, not a server error."""
    username = (credentials or request.POST).get("username")
    return username[:255] if username else username


AXES_USERNAME_CALLABLE = axes_username
# Behind a reverse proxy every request comes from the proxy's address: name the header that
# carries the client's, and how many addresses follow it there, e.g.
# AXES_IPWARE_META_PRECEDENCE_ORDER=HTTP_X_FORWARDED_FOR,REMOTE_ADDR and AXES_IPWARE_PROXY_COUNT=0
# for one proxy that adds the address it sees to X-Forwarded-For. A header that doesn't match is
# passed over. Unset, the header is ignored: a client could forge it.
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list(
    "AXES_IPWARE_META_PRECEDENCE_ORDER", default=["REMOTE_ADDR"]
)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=None)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "society_list"
LOGOUT_REDIRECT_URL = "home"
# Password-reset mail: printed to the console in development; production sets EMAIL_URL. Until
# it does, sending fails and `check --deploy` says so, but commands that send no mail run.
if DEBUG or "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
else:
    EMAIL_BACKEND = "tipguide.core.mail.NotConfiguredEmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="tipguide@localhost")
# The portal's address as its users reach it, for the links in notices by e-mail.
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000")

# A server error's traceback goes to stderr (gunicorn's log) and, with DEBUG off, by mail to
# ADMINS, e.g. ADMINS="Ops <ops@example.org>, Ana Diaz <ana@example.org>".
ADMINS = [(name, address) for name, address in getaddresses([env("ADMINS", default="")]) if address]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stderr", "mail_admins"], "level": "INFO", "propagate": False},
    },
}

# The dashboard ranks a checklist item by how often it is not met only once this many National
# Societies answered it.
DASHBOARD_MIN_ANSWERING = env.int("DASHBOARD_MIN_ANSWERING", default=5)

# Bootstrap's alert classes: its name for an error is "danger".
MESSAGE_TAGS = {message_levels.ERROR: "danger"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Secure by default once DEBUG is off: HTTPS only, remembered by browsers for a year, cookies
# sent over HTTPS only and bound to this host (the __Host- prefix). Each can be overridden from
# the environment, e.g. for a plain-HTTP test set-up.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS-terminating proxy: the header it sets on HTTPS requests, e.g.
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https, and the origins forms are posted from
# when they differ from the host the proxy passes on.
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Portals are used on shared computers: a session ends after an hour without a request, and when
# the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The portal uses none of these browser features; no page it frames may either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Everything comes from this host; no inline script or style anywhere. Bootstrap's form
# controls draw their icons from data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
