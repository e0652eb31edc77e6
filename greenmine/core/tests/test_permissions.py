"""The permission primitive: scopes by division, ownership, township, grants and roles."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from greenmine.core import services
from greenmine.core.models import AuditEvent, Membership, Organisation, User
from greenmine.core.permissions import MANAGE, VIEW, access_object, can, role_allows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("viewer", "view", True),
        ("viewer", "change", False),
        ("staff", "change", True),
        ("staff", "manage", False),
        ("admin", "manage", True),
        ("admin", "submit", True),
    ],
)
def test_role_caps_the_action(role: str, action: str, allowed: bool) -> None:
    assert role_allows(role, action) is allowed


def test_an_enterprise_sees_only_itself(world) -> None:  # noqa: ANN001
    visible = set(Organisation.objects.restrict(world.users["enterprise"], VIEW))
    assert visible == {world.orgs["enterprise"]}


def test_a_bureau_sees_its_division_and_not_the_neighbours(world) -> None:  # noqa: ANN001
    visible = set(Organisation.objects.restrict(world.users["bureau_viewer"], VIEW))
    assert world.orgs["enterprise"] in visible and world.orgs["township"] in visible
    assert world.orgs["other_bureau"] not in visible
    assert set(Organisation.objects.restrict(world.users["other_bureau"], VIEW)) == {
        world.orgs["other_bureau"]
    }


def test_a_province_bureau_sees_every_county_inside_it(world) -> None:  # noqa: ANN001
    from greenmine.core.testing.factories import make_bureau_admin

    province_admin = make_bureau_admin("230000", username="province_admin")
    visible = set(Organisation.objects.restrict(province_admin, VIEW))
    assert {world.orgs["enterprise"], world.orgs["other_bureau"]} <= visible


def test_anonymous_sees_only_published_records(world) -> None:  # noqa: ANN001
    from django.contrib.auth.models import AnonymousUser

    assert not Organisation.objects.restrict(AnonymousUser(), VIEW).exists()
    services.update_organisation(
        actor=world.users["bureau_admin"], organisation=world.orgs["enterprise"], is_published=True
    )
    assert list(Organisation.objects.restrict(AnonymousUser(), VIEW)) == [world.orgs["enterprise"]]
    assert not Organisation.objects.restrict(AnonymousUser(), "change").exists()


def test_a_grant_opens_one_record_to_an_assessor(world) -> None:  # noqa: ANN001
    assessor = world.users["assessor"]
    target = world.orgs["enterprise"]
    with pytest.raises(Http404):
        access_object(Organisation, assessor, VIEW, pk=target.pk)
    services.grant_access(
        actor=world.users["bureau_admin"],
        obj=target,
        action=VIEW,
        organisation=world.orgs["assessor"],
        reason="assigned assessment",
    )
    assert access_object(Organisation, assessor, VIEW, pk=target.pk) == target
    with pytest.raises(PermissionDenied):
        access_object(Organisation, assessor, "change", pk=target.pk)
    assert set(Organisation.objects.restrict(assessor, VIEW)) == {world.orgs["assessor"], target}


def test_nobody_grants_a_right_they_do_not_hold(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.grant_access(
            actor=world.users["enterprise"],
            obj=world.orgs["enterprise_other"],
            action=VIEW,
            user=world.users["enterprise"],
        )


def test_access_object_hides_invisible_records_and_refuses_visible_ones(world) -> None:  # noqa: ANN001
    with pytest.raises(Http404):
        access_object(Organisation, world.users["enterprise_other"], VIEW, pk=world.orgs["enterprise"].pk)
    with pytest.raises(PermissionDenied):
        access_object(Organisation, world.users["bureau_viewer"], "change", pk=world.orgs["enterprise"].pk)
    with pytest.raises(Http404):
        access_object(Organisation, world.users["bureau_admin"], VIEW, pk="not-a-number")


def test_only_bureau_admins_read_the_audit_log_of_their_division(world) -> None:  # noqa: ANN001
    assert AuditEvent.objects.restrict(world.users["bureau_admin"], MANAGE).exists()
    assert not AuditEvent.objects.restrict(world.users["bureau_staff"], MANAGE).exists()
    assert not AuditEvent.objects.restrict(world.users["enterprise"], MANAGE).exists()
    other = AuditEvent.objects.restrict(world.users["other_bureau"], MANAGE)
    assert other.exists() and not other.filter(division_code__startswith="230381").exists()


def test_users_are_managed_by_the_bureau_of_their_division(world) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    assert can(admin, MANAGE, world.users["enterprise"])
    assert not can(world.users["other_bureau"], MANAGE, world.users["enterprise"])
    assert not can(world.users["enterprise"], MANAGE, world.users["enterprise"])
    assert set(User.objects.restrict(world.users["enterprise"], VIEW)) == {world.users["enterprise"]}


def test_an_inactive_organisation_gives_its_members_nothing(world) -> None:  # noqa: ANN001
    services.set_organisation_active(
        actor=world.users["bureau_admin"], organisation=world.orgs["enterprise"], active=False
    )
    member = User.objects.get(pk=world.users["enterprise"].pk)
    assert not Organisation.objects.restrict(member, VIEW).exists()
    assert not Membership.objects.filter(user=member, organisation__is_active=True).exists()
