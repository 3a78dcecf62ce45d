"""The one "now" of the run of show (the browser test moves it with the browser's clock)."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
