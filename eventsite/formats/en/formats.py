"""English as in en-GB: day before month."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
