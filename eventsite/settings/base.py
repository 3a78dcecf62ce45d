"""Settings shared by every environment. Values come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from eventsite import paths

# Where templates/, static/ and data/ are (eventsite/paths.py: checkout or wheel),
# and where the site writes its SQLite file, collected static files and uploads.
BASE_DIR = paths.SITE_DIR
VAR_DIR = paths.VAR_DIR


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def require_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Rotating the key: put the old one here (comma-separated) for as long as links
# signed with it (registrants' manage links) must keep working.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The domain that makes calendar UIDs globally unique; it must never change once
# calendars have been published, so it is a setting rather than the request host.
EVENTSITE_UID_DOMAIN = os.environ.get("EVENTSITE_UID_DOMAIN", "eventsite.local")
# Absolute base for links in exports (calendars, JSON-LD) when no request is at hand.
EVENTSITE_BASE_URL = os.environ.get("EVENTSITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Speakers' invitations: how long a private link lives; reminder days before the event.
EVENTSITE_INVITATION_LINK_DAYS = int(os.environ.get("EVENTSITE_INVITATION_LINK_DAYS", "90"))
# A colleague's invitation to an organisation's team works once, for this many days.
EVENTSITE_TEAM_INVITATION_DAYS = float(os.environ.get("EVENTSITE_TEAM_INVITATION_DAYS", "7"))
# How long a draft's shareable preview link (agenda.preview_links) stays valid.
EVENTSITE_PREVIEW_LINK_DAYS = int(os.environ.get("EVENTSITE_PREVIEW_LINK_DAYS", "14"))
EVENTSITE_CONFIRMATION_REMINDER_DAYS = [
    int(d) for d in os.environ.get("EVENTSITE_CONFIRMATION_REMINDER_DAYS", "7,2").split(",") if d
]
# A new event's time zone when its organiser has none yet (IANA name); empty: they choose.
EVENTSITE_DEFAULT_TIME_ZONE = os.environ.get("EVENTSITE_DEFAULT_TIME_ZONE", "")

INSTALLED_APPS = [
    # Before the admin: its tabbed admin templates and static files win.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "adminsortable2",
    "simple_history",
    "rules",
    "axes",
    # Two-factor sign-in with an authenticator app (accounts.two_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "speakers",
    "agenda",
    "registrations",
    "runofshow",
    "materials",
    "invitations",
    "accounts",
]

MIDDLEWARE = [
    "eventsite.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache hits of per-event pages end here, near a static file's cost (common/hits.py).
    "common.hits.EarlyHitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language comes from the URL prefix (/fr/, /es/).
    "eventsite.languages.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which device, if any, proved this session's sign-in (user.is_verified()); then
    # the two-factor rules: a code before the admin, enrolment where it is required.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's exception first: a lost database is a 503, not a 500.
    "eventsite.outage.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "eventsite.urls"
WSGI_APPLICATION = "eventsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "eventsite.languages.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# Object permissions: rules' predicates (agenda.teams) decide for one event; the model
# backend keeps the group's table-level permissions.
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while its address or account name is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend; reading a session's user, it also reads whether they have
    # an authenticator app and must use one, in the same query (accounts.backends).
    "accounts.backends.ModelBackend",
]

# Failed sign-ins (django-axes): 10 from one address, or for one account name, lock
# that address or name for an hour; the message says neither which nor whether the
# account exists (eventsite.signin.locked_out).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(hours=float(os.environ.get("AXES_COOLOFF_HOURS", "1")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "eventsite.signin.locked_out"
# Two-factor sign-in: the name authenticator apps show beside the account, and how
# many wrong codes end a sign-in (each also counts as a failed sign-in for axes).
OTP_TOTP_ISSUER = os.environ.get("EVENTSITE_TWO_FACTOR_ISSUER", "eventsite")
EVENTSITE_TWO_FACTOR_TRIES = int(os.environ.get("EVENTSITE_TWO_FACTOR_TRIES", "5"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English, French and Spanish, IOM's official languages. English URLs carry no
# prefix (eventsite/urls.py), so no existing link or calendar URL: changes.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
]
# Event texts in several languages (django-modeltranslation): a column per language
# (title_en, title_fr, title_es) beside the original; a text missing in the page's
# language falls back to English, the language organisers write in first.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Compiled catalogues (.mo) are committed beside the .po files; a test checks they match.
LOCALE_PATHS = [BASE_DIR / "locale"]
# English written the British way (04/09/2017 is 4 September): eventsite/formats/en.
FORMAT_MODULE_PATH = ["eventsite.formats"]
# Storage is UTC; each event carries its own IANA zone for display.
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Event documents (materials): outside MEDIA_ROOT, served only through their view.
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("DOCUMENTS_ROOT", VAR_DIR / "documents"))},
    },
}
# The largest document an organiser may upload, in bytes (default 25 MB).
EVENTSITE_MAX_UPLOAD_BYTES = int(os.environ.get("EVENTSITE_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))
# A speaker photo sent through the invitation link (speakers.photos re-encodes it).
EVENTSITE_PHOTO_MAX_BYTES = int(os.environ.get("EVENTSITE_PHOTO_MAX_BYTES", 5 * 1000 * 1000))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"

# Security headers on every response, tests included. HSTS and secure cookies need
# HTTPS, so they are switched on in prod.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: pages load their code and CSS from static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}


def cache_config(redis_url: str) -> dict:
    """Redis when a URL is given (shared by every app server), else this process's memory."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "eventsite",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "eventsite",
        }
    }


CACHES = cache_config(os.environ.get("REDIS_URL", "").strip())
# Rendered public pages and exports, cached per event (agenda/caching.py).
EVENTSITE_PAGE_CACHE = env_bool("EVENTSITE_PAGE_CACHE", True)
# Keys change on every edit; the timeout only bounds text that changes with the
# clock alone (a registration window opening or closing).
EVENTSITE_PAGE_CACHE_TIMEOUT = int(os.environ.get("EVENTSITE_PAGE_CACHE_TIMEOUT", "300"))
# Each worker's own copy of early cache hits when the cache is shared (common/hits.py).
EVENTSITE_EARLY_HIT_WORKER_BYTES = int(
    os.environ.get("EVENTSITE_EARLY_HIT_WORKER_BYTES", str(32 * 1000 * 1000))
)
# Events' data versions kept for cache hits (agenda/versions.py); every edit replaces
# them at once, so this only bounds an edit made around the app (raw SQL).
EVENTSITE_VERSION_CACHE_TIMEOUT = int(os.environ.get("EVENTSITE_VERSION_CACHE_TIMEOUT", "60"))
# Without Redis, the data generation is a file every worker on this machine stats
# (common/generation.py; empty: one per database in /dev/shm).
EVENTSITE_GENERATION_FILE = os.environ.get("EVENTSITE_GENERATION_FILE", "")
# Part of every page-cache key: set it to the release (e.g. the git commit) so a
# deploy with new templates never serves pages rendered by the old ones.
EVENTSITE_RELEASE = os.environ.get("EVENTSITE_RELEASE", "")

# One JSON line per request (eventsite.logs.RequestLogMiddleware) and per error, on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "eventsite.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # 4xx are already in the request line; keep 5xx, which carry the traceback.
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
    },
}
# E-mail (registrations): SMTP configured from the environment; dev uses the console.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "eventsite <events@eventsite.local>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Registrants' personal data is removed this many days after their event
# (`manage.py forget_registrants`, run daily).
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "180"))
# At most this many form submissions per IP address per window (seconds).
REGISTRATION_RATE_LIMIT = (
    int(os.environ.get("REGISTRATION_RATE_LIMIT", "20")),
    int(os.environ.get("REGISTRATION_RATE_WINDOW", "600")),
)
# How many proxies in front of the site append to X-Forwarded-For (0: use REMOTE_ADDR).
EVENTSITE_TRUSTED_PROXIES = int(os.environ.get("EVENTSITE_TRUSTED_PROXIES", "0"))
