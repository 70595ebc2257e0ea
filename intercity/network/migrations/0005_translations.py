# The registry's translated fields (network/translation.py). Today's text is English: each
# original value is copied into its ``_en`` column, the other languages start empty and fall
# back to English until the seed or the Secretariat writes them.

from django.db import migrations, models

TRANSLATED = {
    "network": ("name", "short_name", "description"),
    "membershipcategory": ("name", "description"),
    "region": ("name",),
    "body": ("name", "description"),
    "organisation": ("name", "description"),
    "regionaloffice": ("name",),
}


def copy_into_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("network", model_name)
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(**{f"{f}_en": getattr(row, f) for f in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_organisation_search_and_coordinates"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="body",
            options={
                "ordering": ["network", "position"],
                "verbose_name": "body",
                "verbose_name_plural": "bodies",
            },
        ),
        migrations.AlterModelOptions(
            name="mandate",
            options={
                "ordering": ["body", "-start", "office", "organisation__name"],
                "verbose_name": "mandate",
                "verbose_name_plural": "mandates",
            },
        ),
        migrations.AlterModelOptions(
            name="membership",
            options={
                "ordering": ["network", "organisation__name"],
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
            },
        ),
        migrations.AlterModelOptions(
            name="membershipcategory",
            options={
                "ordering": ["network", "position", "name"],
                "verbose_name": "membership category",
                "verbose_name_plural": "membership categories",
            },
        ),
        migrations.AlterModelOptions(
            name="membershipperiod",
            options={
                "ordering": ["membership", "valid_from"],
                "verbose_name": "membership period",
                "verbose_name_plural": "membership periods",
            },
        ),
        migrations.AlterModelOptions(
            name="network",
            options={
                "ordering": ["slug"],
                "verbose_name": "network",
                "verbose_name_plural": "networks",
            },
        ),
        migrations.AlterModelOptions(
            name="organisation",
            options={
                "ordering": ["name"],
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
            },
        ),
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name"],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AlterModelOptions(
            name="personrole",
            options={
                "ordering": ["role", "person__name"],
                "verbose_name": "role of a person",
                "verbose_name_plural": "roles of people",
            },
        ),
        migrations.AlterModelOptions(
            name="region",
            options={
                "ordering": ["network", "position", "name"],
                "verbose_name": "region",
                "verbose_name_plural": "regions",
            },
        ),
        migrations.AlterModelOptions(
            name="regionaloffice",
            options={
                "ordering": ["network", "region__position"],
                "verbose_name": "regional office",
                "verbose_name_plural": "regional offices",
            },
        ),
        migrations.AlterModelOptions(
            name="reportedtotal",
            options={
                "ordering": ["network", "position"],
                "verbose_name": "reported total",
                "verbose_name_plural": "reported totals",
            },
        ),
        migrations.AddField(
            model_name="body",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="description_es",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="description_ko",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="description_ru",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="description_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="name_en",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="name_es",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="name_ko",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="name_ru",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="body",
            name="name_zh_hans",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="description_es",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="description_ko",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="description_ru",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="description_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="name_en",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="name_es",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="name_ko",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="name_ru",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="membershipcategory",
            name="name_zh_hans",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="description_es",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="description_ko",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="description_ru",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="description_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="name_es",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="name_ko",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="name_ru",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="name_zh_hans",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="short_name_en",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="short_name_es",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="short_name_ko",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="short_name_ru",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="network",
            name="short_name_zh_hans",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="description_es",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="description_ko",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="description_ru",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="description_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_en",
            field=models.CharField(db_index=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_es",
            field=models.CharField(db_index=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_ko",
            field=models.CharField(db_index=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_ru",
            field=models.CharField(db_index=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_zh_hans",
            field=models.CharField(db_index=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="region",
            name="name_en",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="region",
            name="name_es",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="region",
            name="name_ko",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="region",
            name="name_ru",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="region",
            name="name_zh_hans",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="regionaloffice",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="regionaloffice",
            name="name_es",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="regionaloffice",
            name="name_ko",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="regionaloffice",
            name="name_ru",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="regionaloffice",
            name="name_zh_hans",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
