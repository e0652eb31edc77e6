"""The core part of the demo: Hulin's bureau, departments, townships, fictional enterprises, an
exploration unit and an assessment agency, and one login per role. Everything goes through services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from stdnum.cn import uscc

from greenmine.core import services
from greenmine.core.choices import MembershipRole, OrganisationKind
from greenmine.core.models import Division, Organisation, User

HULIN = "230381"
# Hulin's townships. Codes follow the 统计用区划代码 pattern (100s towns, 200s townships) and are
# demonstration values: the bureau corrects them in a real installation.
TOWNSHIPS = [
    ("230381100", "虎林镇"),
    ("230381101", "东方红镇"),
    ("230381102", "迎春镇"),
    ("230381103", "虎头镇"),
    ("230381104", "杨岗镇"),
    ("230381105", "东诚镇"),
    ("230381106", "宝东镇"),
    ("230381200", "新乐乡"),
    ("230381201", "伟光乡"),
    ("230381202", "珍宝岛乡"),
    ("230381203", "阿北乡"),
]
DEPARTMENTS = [
    "虎林市生态环境局",
    "虎林市应急管理局",
    "虎林市林业和草原局",
    "虎林市水务局",
    "虎林市财政局",
    "国家税务总局虎林市税务局",
]
ENTERPRISES = [
    ("虎林市示例建筑石料有限公司", "230381103"),
    ("虎林示例砂石开采有限公司", "230381101"),
    ("虎林市示例石墨矿业有限公司", "230381104"),
    ("黑龙江示例花岗岩矿业有限公司", "230381106"),
]
EXPLORATION_UNIT = ("黑龙江省示例地质勘查院", HULIN)
ASSESSOR = ("黑龙江示例绿色矿山评估中心", HULIN)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str


def demo_uscc(serial: int, division: str = HULIN) -> str:
    """A well-formed, fictional 统一社会信用代码 (registration 9, enterprise 1, the division, a serial)."""
    body = f"91{division}MA{serial:06d}"[:17]
    body = body + "X" * (17 - len(body))
    return body + uscc.calc_check_digit(body)


def _org(
    actor: User, name: str, kind: str, division: str, serial: int | None = None, **extra: Any
) -> Organisation:
    existing = Organisation.objects.filter(kind=kind, name=name).first()
    if existing:
        return existing
    data = {"name": name, "kind": kind, "division": Division.objects.get(code=division), **extra}
    if serial is not None:
        data["uscc"] = demo_uscc(serial, division[:6])
    return services.create_organisation(actor=actor, **data)


def _login(actor: User, username: str, org: Organisation, role: str, display_name: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = services.create_user(
            actor=actor, username=username, organisation=org, role=role, display_name=display_name
        )
    user.set_password(settings.DEMO_PASSWORDS[0])
    user.has_demo_password = True
    user.save(update_fields=["password", "has_demo_password"])
    return user


def load(logins: list[DemoLogin]) -> dict[str, Any]:
    """Create the core demo data (idempotent) and return the objects later apps' demos build on."""
    for code, name in TOWNSHIPS:
        services.ensure_division(code, name)
    admin = User.objects.filter(username="hl_admin").first()
    if admin is None:
        admin = services.bootstrap_bureau(
            name="虎林市自然资源局",
            division_code=HULIN,
            admin_username="hl_admin",
            admin_password=None,
            admin_display_name="自然资源局管理员",
        )
    bureau = admin.memberships.get().organisation
    _login(admin, "hl_admin", bureau, MembershipRole.ADMIN, "自然资源局管理员")
    context: dict[str, Any] = {"actor": admin, "bureau": bureau}
    _login(admin, "hl_staff", bureau, MembershipRole.STAFF, "矿管股 王科员")
    _login(admin, "hl_viewer", bureau, MembershipRole.VIEWER, "局领导 查阅")
    departments = [_org(admin, name, OrganisationKind.DEPARTMENT, HULIN) for name in DEPARTMENTS]
    context["departments"] = departments
    _login(admin, "sthj_staff", departments[0], MembershipRole.STAFF, "生态环境局 李科员")
    townships = {
        code: _org(admin, f"{name}人民政府", OrganisationKind.TOWNSHIP, code) for code, name in TOWNSHIPS
    }
    context["townships"] = townships
    _login(admin, "hutou_staff", townships["230381103"], MembershipRole.STAFF, "虎头镇 赵干部")
    enterprises = [
        _org(
            admin,
            name,
            OrganisationKind.ENTERPRISE,
            township,
            serial=100 + i,
            legal_representative="张示例",
            contact_person="刘示例",
            phone="0467-5800000",
            address=f"黑龙江省虎林市{dict(TOWNSHIPS)[township]}",
        )
        for i, (name, township) in enumerate(ENTERPRISES)
    ]
    context["enterprises"] = enterprises
    _login(admin, "qy_admin", enterprises[0], MembershipRole.ADMIN, "示例建筑石料 企业管理员")
    _login(admin, "qy_staff", enterprises[0], MembershipRole.STAFF, "示例建筑石料 安全环保员")
    _login(admin, "qy2_admin", enterprises[1], MembershipRole.ADMIN, "示例砂石 企业管理员")
    exploration = _org(
        admin, EXPLORATION_UNIT[0], OrganisationKind.EXPLORATION_UNIT, EXPLORATION_UNIT[1], serial=200
    )
    context["exploration_unit"] = exploration
    _login(admin, "dk_staff", exploration, MembershipRole.STAFF, "地勘院 项目负责人")
    assessor = _org(admin, ASSESSOR[0], OrganisationKind.ASSESSOR, ASSESSOR[1], serial=300)
    context["assessor"] = assessor
    _login(admin, "pg_staff", assessor, MembershipRole.STAFF, "评估中心 评估专家")
    logins.extend(DEMO_LOGINS)
    return context


DEMO_LOGINS = [
    DemoLogin("hl_admin", "bureau admin 自然资源局管理员", "虎林市自然资源局"),
    DemoLogin("hl_staff", "bureau staff 自然资源局工作人员", "虎林市自然资源局"),
    DemoLogin("hl_viewer", "bureau viewer 自然资源局查阅", "虎林市自然资源局"),
    DemoLogin("sthj_staff", "department 生态环境局", "虎林市生态环境局"),
    DemoLogin("hutou_staff", "township 虎头镇", "虎头镇人民政府"),
    DemoLogin("qy_admin", "enterprise admin 企业管理员", ENTERPRISES[0][0]),
    DemoLogin("qy_staff", "enterprise staff 企业工作人员", ENTERPRISES[0][0]),
    DemoLogin("qy2_admin", "another enterprise 另一企业", ENTERPRISES[1][0]),
    DemoLogin("dk_staff", "exploration unit 地勘单位", EXPLORATION_UNIT[0]),
    DemoLogin("pg_staff", "assessor 第三方评估机构", ASSESSOR[0]),
]
