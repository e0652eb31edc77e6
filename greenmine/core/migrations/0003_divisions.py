"""The divisions above Hulin's townships (GB/T 2260), so a bare installation can register its bureau."""

from django.db import migrations

# Installed again by the test suite after a flush (greenmine.core.testing.reference): keep it idempotent.
REFERENCE_DATA = True

DIVISIONS = [
    ("230000", "黑龙江省", "province", None),
    ("230300", "鸡西市", "prefecture", "230000"),
    ("230381", "虎林市", "county", "230300"),
]


def load(apps, schema_editor):  # noqa: ANN001, ANN201
    division = apps.get_model("core", "Division")
    for code, name, level, parent in DIVISIONS:
        division.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
