"""The mineral code list with production units, and the scale thresholds of 国土资发〔2004〕208号 where the
reference gives them (unverified ones are marked so; the bureau edits or completes the table)."""

from decimal import Decimal

from django.db import migrations

# Installed again by the test suite after a flush (greenmine.core.testing.reference): keep it idempotent.
REFERENCE_DATA = True

# code, name, English name, unit
MINERALS = [
    ("coal", "煤", "Coal", "万吨/年"),
    ("graphite", "石墨", "Graphite", "万吨/年（矿物量）"),
    ("building_stone", "建筑用石料", "Building stone", "万立方米/年"),
    ("construction_sand", "建筑用砂", "Construction sand", "万立方米/年"),
    ("facing_granite", "饰面用花岗岩", "Facing granite", "万立方米/年"),
    ("marble", "大理岩", "Marble", "万吨/年"),
    ("rock_gold", "岩金", "Lode gold", "万吨/年（矿石）"),
    ("placer_gold", "砂金", "Placer gold", "万立方米/年（矿石）"),
    ("sillimanite", "夕线石", "Sillimanite", "万吨/年"),
    ("k_feldspar", "钾长石", "Potassium feldspar", "万吨/年"),
    ("mineral_water", "矿泉水", "Mineral water", "万立方米/年"),
    ("brick_clay", "砖瓦用黏土", "Brick clay", "万立方米/年"),
]
SOURCE = "国土资发〔2004〕208号 矿山生产建设规模分类一览表"
# mineral, mine kind ("" = any), large from, medium from, verified
THRESHOLDS = [
    ("coal", "underground", "120", "45", True),
    ("coal", "open_pit", "400", "100", True),
    ("graphite", "", "1", "0.3", True),
    ("building_stone", "", "10", "5", True),
    ("rock_gold", "", "15", "6", False),
    ("placer_gold", "", "210", "60", False),
]


def load(apps, schema_editor):  # noqa: ANN001, ANN201
    mineral = apps.get_model("registry", "Mineral")
    threshold = apps.get_model("registry", "ScaleThreshold")
    for code, name, name_en, unit in MINERALS:
        mineral.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "scale_unit": unit})
    for code, kind, large, medium, verified in THRESHOLDS:
        threshold.objects.get_or_create(
            mineral_id=code, mine_kind=kind,
            defaults={"large_from": Decimal(large), "medium_from": Decimal(medium), "source": SOURCE,
                      "verified": verified},
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
