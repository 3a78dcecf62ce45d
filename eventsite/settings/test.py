"""Test settings: fast hashing, in-memory e-mail and cache."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import cache_config

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
# Local memory even when REDIS_URL is set: the Redis tests configure Redis themselves.
CACHES = cache_config("")
# Most tests count the queries of rendering or edit rows behind the ORM's back;
# tests/agenda/test_caching.py switches the page cache on where it is under test.
EVENTSITE_PAGE_CACHE = False
# The data generation (common/generation.py) of this test process alone: another
# xdist worker's edits must not end this one's cached versions mid-test.
EVENTSITE_GENERATION_FILE = os.path.join(
    tempfile.gettempdir(), f"eventsite-test-generation-{os.getpid()}"
)
AXES_ENABLED = False  # on in tests/eventsite/test_signin.py, where lockouts are under test
