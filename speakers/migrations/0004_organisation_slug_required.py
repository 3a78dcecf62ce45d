import django.db.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0003_organisation_slug"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Its calendar's address: /organisations/<slug>/calendar.ics.",
                max_length=200,
                unique=True,
                verbose_name="web address",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="slug",
            field=models.SlugField(
                blank=True,
                db_index=True,
                help_text="Its calendar's address: /organisations/<slug>/calendar.ics.",
                max_length=200,
                verbose_name="web address",
            ),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.CheckConstraint(
                condition=~django.db.models.Q(slug=""), name="organisation_slug_not_empty"
            ),
        ),
    ]
