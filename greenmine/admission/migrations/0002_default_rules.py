"""The default admission rules (seed 基本原则3 and 三(一)), installed so they hold after a bare migrate.

No new exploration or mining right in ecological red lines, nature reserves, scenic areas or geoparks
(prohibited on overlap); the prohibited-mining zones of the plan likewise; restricted zones, drinking-water
source areas and forest / wetland parks need review (their own rules decide); within 500 m of a nature
reserve needs review; a mining right outside every planning zone (when planning zones exist) needs review.
"""

from django.db import migrations

# Installed again by the test suite after a flush (greenmine.core.testing.reference): keep it idempotent.
REFERENCE_DATA = True

DEFAULT_RULES = [
    # (layer_kind, right_kind, overlap, within_m, within, outside, note)
    ("ecological_redline", "", "prohibited", None, "", "", "种子文件 基本原则3、三(一)；自然资发〔2022〕142号"),
    ("nature_reserve", "", "prohibited", 500.0, "review", "", "种子文件 基本原则3、三(一)"),
    ("scenic_area", "", "prohibited", None, "", "", "种子文件 基本原则3、三(一)"),
    ("geopark", "", "prohibited", None, "", "", "种子文件 基本原则3、三(一)"),
    ("prohibited_zone", "", "prohibited", None, "", "", "矿产资源规划 禁止开采区"),
    ("restricted_zone", "", "review", None, "", "", "矿产资源规划 限制开采区"),
    ("water_source", "", "review", None, "", "", "饮用水水源保护区按其法规核实"),
    ("forest_park", "", "review", None, "", "", "森林公园按其规定核实"),
    ("wetland_park", "", "review", None, "", "", "湿地公园按其规定核实"),
    ("planning_zone", "mining", "", None, "", "review", "矿产资源规划 开采规划区块"),
]


def install(apps, schema_editor):
    rule = apps.get_model("admission", "AdmissionRule")
    for kind, right_kind, overlap, within_m, within, outside, note in DEFAULT_RULES:
        if not rule.objects.filter(layer_kind=kind, right_kind=right_kind).exists():
            rule.objects.create(layer_kind=kind, right_kind=right_kind, overlap_verdict=overlap, within_m=within_m,
                                within_verdict=within, outside_verdict=outside, note=note, active=True)


def remove(apps, schema_editor):
    rule = apps.get_model("admission", "AdmissionRule")
    for kind, right_kind, *_ in DEFAULT_RULES:
        rule.objects.filter(layer_kind=kind, right_kind=right_kind).delete()


class Migration(migrations.Migration):
    dependencies = [("admission", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
