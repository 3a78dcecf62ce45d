"""Filling a translated text's original-language column from a data migration.

django-modeltranslation reads ``title`` from ``title_en`` once it is registered;
the rows written before have their text only in ``title``. This copies it
over (what modeltranslation's ``update_translation_fields`` does), in SQL, for
rows whose column is still empty, so nothing already translated is overwritten.
"""

from django.db.models import F, Q


def fill_original(app_label: str, texts: dict[str, tuple[str, ...]], language: str):
    """A RunPython function copying each ``field`` into ``field_<language>`` for the
    models {model: (field, …)} of app_label and their history tables."""

    def forwards(apps, schema_editor):
        for model_name, fields in texts.items():
            for name in (model_name, f"historical{model_name}"):
                try:
                    manager = apps.get_model(app_label, name)._base_manager
                except LookupError:  # a model without history
                    continue
                for field in fields:
                    column = f"{field}_{language}"
                    manager.filter(Q(**{column: ""}) | Q(**{f"{column}__isnull": True})).update(
                        **{column: F(field)}
                    )

    return forwards
