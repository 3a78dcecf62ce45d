"""Single-line text: names, organisations, titles, positions, places.

Such a value holds no control character (C0 including CR, LF and TAB, DEL, C1)
and no Unicode line or paragraph separator. These values end up in e-mail
headers (`To: name <address>`) and calendar parameters (`CN=`), which cannot
carry a line break, so the value is refused where it is typed, not dropped later.

`validate_single_line` is the field validator (forms, the admin, `full_clean()`
and so `import_event`); `single_line_constraint()` is the same rule as a
database constraint. Both give the same message.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext_lazy as _

# Written with escapes, so that PostgreSQL's regular expressions and Python's
# (SQLite's REGEXP) read the same class. NUL is left out of the database
# pattern: PostgreSQL cannot store it and the form fields refuse it first.
_DATABASE_PATTERN = r"[\x01-\x1f\x7f-\x9f\u2028\u2029]"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

MESSAGE = _(
    "Please write this on one line: line breaks, tabs and other control characters "
    "cannot go in a name or title."
)


def has_control_characters(value: str) -> bool:
    return _CONTROL.search(value) is not None


def validate_single_line(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(MESSAGE, code="single_line")


def single_line_constraint(field: str, name: str) -> CheckConstraint:
    """A CHECK that `field` holds no control character (see the module docstring)."""
    return CheckConstraint(
        condition=~Q(**{f"{field}__regex": _DATABASE_PATTERN}),
        name=name,
        violation_error_message=MESSAGE,
    )


def translated_single_line_constraints(field: str, prefix: str) -> list[CheckConstraint]:
    """The same CHECK on each language's column of a translated text (`title_fr`, named
    `<prefix>_fr_single_line`): django-modeltranslation copies the validator, not this."""
    return [
        single_line_constraint(f"{field}_{code}", f"{prefix}_{code}_single_line")
        for code in settings.MODELTRANSLATION_LANGUAGES
    ]
