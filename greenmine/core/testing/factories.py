"""Small factories for tests of every app: organisations and users made through the services."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from stdnum.cn import uscc

from greenmine.core import services
from greenmine.core.choices import KINDS_WITH_USCC, MembershipRole, OrganisationKind
from greenmine.core.models import Division, Organisation, User

TEST_PASSWORD = "Test#pass2026"  # noqa: S105
_serial = itertools.count(1)

# Role names used by permission-matrix tests across the apps.
ROLES = [
    "anonymous",
    "bureau_admin",
    "bureau_staff",
    "bureau_viewer",
    "department",
    "township",
    "enterprise",
    "enterprise_other",
    "exploration_unit",
    "assessor",
    "other_bureau",
]


def division(code: str, name: str | None = None) -> Division:
    return services.ensure_division(code, name or f"区划{code}")


def make_uscc(division_code: str = "230381") -> str:
    body = f"91{division_code[:6]}MA{next(_serial):06d}X"[:17]
    return body + uscc.calc_check_digit(body)


def make_bureau_admin(division_code: str = "230381", username: str | None = None) -> User:
    """A bureau with its first administrator (the installation's bootstrap)."""
    division(division_code)
    name = f"测试自然资源局{division_code}"
    existing = Organisation.objects.filter(kind=OrganisationKind.BUREAU, division_id=division_code).first()
    if existing:
        return make_user(existing, MembershipRole.ADMIN, username=username)
    admin = services.bootstrap_bureau(
        name=name,
        division_code=division_code,
        admin_username=username or f"admin{next(_serial)}",
        admin_password=TEST_PASSWORD,
    )
    return admin


def make_org(
    actor: User, kind: str, division_code: str = "230381", name: str | None = None, **extra: Any
) -> Organisation:
    division(division_code)
    data: dict[str, Any] = {
        "name": name or f"测试{kind}{next(_serial)}",
        "kind": kind,
        "division": Division.objects.get(code=division_code),
        **extra,
    }
    if kind in KINDS_WITH_USCC and "uscc" not in data:
        data["uscc"] = make_uscc(division_code)
    return services.create_organisation(actor=actor, **data)


def make_user(
    organisation: Organisation,
    role: str = MembershipRole.STAFF,
    username: str | None = None,
    actor: User | None = None,
) -> User:
    actor = actor or _bureau_admin_for(organisation)
    return services.create_user(
        actor=actor,
        username=username or f"user{next(_serial)}",
        organisation=organisation,
        role=role,
        password=TEST_PASSWORD,
    )


def _bureau_admin_for(organisation: Organisation) -> User:
    admin = User.objects.filter(
        memberships__organisation__kind=OrganisationKind.BUREAU,
        memberships__role=MembershipRole.ADMIN,
        memberships__organisation__division_id__in=[organisation.division_id, organisation.division_id[:6]],
    ).first()
    if admin is None:
        admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
            f"root{next(_serial)}", password=TEST_PASSWORD
        )
    return admin


@dataclass
class World:
    """One of each role, with their organisations: the fixture of matrix and workflow tests."""

    users: dict[str, User | None] = field(default_factory=dict)
    orgs: dict[str, Organisation] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return self.users[role]


def build_world() -> World:
    """Hulin's bureau (three roles), a department, a township, two enterprises, an exploration unit,
    an assessor, and a bureau of another county (who must see none of Hulin's records)."""
    world = World()
    admin = make_bureau_admin("230381", username="w_bureau_admin")
    bureau = admin.memberships.get().organisation
    world.orgs["bureau"] = bureau
    world.users["anonymous"] = None
    world.users["bureau_admin"] = admin
    world.users["bureau_staff"] = make_user(bureau, MembershipRole.STAFF, "w_bureau_staff", actor=admin)
    world.users["bureau_viewer"] = make_user(bureau, MembershipRole.VIEWER, "w_bureau_viewer", actor=admin)
    division("230381103", "虎头镇")
    division("230381101", "东方红镇")
    for role, kind, code in [
        ("department", OrganisationKind.DEPARTMENT, "230381"),
        ("township", OrganisationKind.TOWNSHIP, "230381103"),
        ("enterprise", OrganisationKind.ENTERPRISE, "230381103"),
        ("enterprise_other", OrganisationKind.ENTERPRISE, "230381101"),
        ("exploration_unit", OrganisationKind.EXPLORATION_UNIT, "230381"),
        ("assessor", OrganisationKind.ASSESSOR, "230381"),
    ]:
        org = make_org(admin, kind, code, name=f"测试{role}")
        world.orgs[role] = org
        world.users[role] = make_user(org, MembershipRole.ADMIN, f"w_{role}", actor=admin)
    division("230300", "鸡西市")
    division("230382", "密山市")
    other = make_bureau_admin("230382", username="w_other_bureau")
    world.orgs["other_bureau"] = other.memberships.get().organisation
    world.users["other_bureau"] = other
    return world


def demo_password() -> str:
    return settings.DEMO_PASSWORDS[0]
