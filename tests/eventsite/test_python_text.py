"""Markup lint for Python: every text a person reads is marked for translation.

It walks the apps' modules (not migrations, tests or management commands, whose
output is for the people who run the site) and fails on a plain string literal
where a person reads it: a field's verbose name, label or help text, an admin
column's description, a choice's label, a ValidationError, a message to the
user. Mark it with gettext / gettext_lazy (imported as `_`)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = (
    "agenda",
    "common",
    "eventsite",
    "invitations",
    "materials",
    "registrations",
    "runofshow",
    "speakers",
)
SHOWN = {
    "violation_error_message",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "label",
    "empty_label",
    "description",
    "empty_value_display",
    "title",
}
MESSAGE_CALLS = {"success", "error", "warning", "info", "add_message", "message_user"}
CHOICES = {"TextChoices", "IntegerChoices", "Choices"}


def modules():
    root = Path(settings.BASE_DIR)
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).parts
            if "migrations" in parts or "management" in parts or "settings" in parts:
                continue
            yield path


BRAND = {"eventsite"}


def is_text(node):
    if isinstance(node, ast.Constant) and node.value in BRAND:
        return False
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(ch.isalpha() for ch in node.value)
    ) or isinstance(node, ast.JoinedStr)


def name_of(func):
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def plain_texts(tree):
    """(line, what) for each text a person reads that is not marked."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = name_of(node.func)
            for keyword in node.keywords:
                if keyword.arg in SHOWN and is_text(keyword.value):
                    found.append((keyword.value.lineno, f"{called}({keyword.arg}=…)"))
            for keyword in node.keywords:
                if keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
                    for value in keyword.value.values:
                        if is_text(value):
                            found.append((value.lineno, f"{called}(error_messages=…)"))
            first = node.args[0] if node.args else None
            # A relation's first argument names a model, not a text.
            relation = called in ("ForeignKey", "OneToOneField", "ManyToManyField")
            if called.endswith("Field") and not relation and first is not None and is_text(first):
                found.append((first.lineno, f"{called}(verbose name)"))
            if called == "ValidationError" and first is not None and is_text(first):
                found.append((first.lineno, "ValidationError"))
            if called in MESSAGE_CALLS and len(node.args) >= 2 and is_text(node.args[1]):
                found.append((node.args[1].lineno, f"{called}(message)"))
        elif isinstance(node, ast.ClassDef) and {name_of(b) for b in node.bases} & CHOICES:
            for statement in node.body:
                value = getattr(statement, "value", None)
                if isinstance(value, ast.Tuple) and value.elts and is_text(value.elts[-1]):
                    found.append((value.lineno, f"{node.name} choice label"))
        elif (
            isinstance(node, ast.Assign)
            and any(
                (
                    isinstance(t, ast.Name)
                    and t.id
                    in (
                        "short_description",
                        "verbose_name",
                        "site_header",
                        "site_title",
                        "index_title",
                    )
                )
                or (
                    isinstance(t, ast.Attribute)
                    and t.attr in ("short_description", "site_header", "site_title", "index_title")
                )
                for t in node.targets
            )
            and is_text(node.value)
        ):
            found.append((node.value.lineno, "shown name"))
    return found


@pytest.mark.parametrize(
    "path", list(modules()), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_no_plain_text_where_a_person_reads_it(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert plain_texts(tree) == []


@pytest.mark.parametrize(
    "source",
    [
        "models.CharField('title', max_length=5)",
        "models.CharField(max_length=5, help_text='Letters only.')",
        "forms.CharField(label='Full name')",
        "raise ValidationError('Too long.')",
        "messages.success(request, 'Saved.')",
        "class Kind(models.TextChoices):\n    TALK = 'talk', 'Talk'",
        "admin.display(description='Starts')",
        "forms.CharField(error_messages={'required': 'Please enter your name.'})",
        "models.CheckConstraint(condition=q, name='n', violation_error_message='Too early.')",
    ],
)
def test_the_lint_finds_plain_text(source):
    assert plain_texts(ast.parse(source)) != []


@pytest.mark.parametrize(
    "source",
    [
        "models.CharField(_('title'), max_length=5)",
        "models.CharField(max_length=5, help_text=_('Letters only.'))",
        "raise ValidationError(_('Too long.'), code='long')",
        "class Kind(models.TextChoices):\n    TALK = 'talk', _('Talk')",
        "models.CharField(max_length=5, default='')",
        "models.ForeignKey('agenda.Event', on_delete=models.CASCADE)",
        "admin.site.site_header = 'eventsite'",
    ],
)
def test_the_lint_lets_marked_text_through(source):
    assert plain_texts(ast.parse(source)) == []
