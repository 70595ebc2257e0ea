from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_editions_applications_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="demo",
            field=models.BooleanField(
                default=False, help_text="Demonstration data, labelled as such."
            ),
        ),
    ]
