"""Core services: validation names the field, permissions are checked, every change is audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from greenmine.core import services
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import AuditEvent, Division, Organisation, User
from greenmine.core.testing.factories import TEST_PASSWORD, make_uscc

pytestmark = pytest.mark.django_db


def _create(world, **data):  # noqa: ANN001, ANN003, ANN202
    base = {
        "name": "虎林测试新企业",
        "kind": OrganisationKind.ENTERPRISE,
        "division": Division.objects.get(code="230381"),
        "uscc": make_uscc(),
    }
    return services.create_organisation(actor=world.users["bureau_admin"], **{**base, **data})


@pytest.mark.parametrize(
    ("uscc", "message"),
    [
        # The messages users read: Chinese is the default language.
        ("91230381MA00000001", "校验码（第18位）不符"),
        ("9123038", "统一社会信用代码应为18位，当前输入为7位"),
        ("91230381MA0000000I", "不使用I、O、S、V、Z"),
        ("", "必须填写统一社会信用代码"),
    ],
)
def test_a_bad_uscc_is_refused_on_its_field(world, uscc: str, message: str) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info:
        _create(world, uscc=uscc)
    assert "uscc" in info.value.message_dict
    assert message in " ".join(info.value.message_dict["uscc"])


def test_creating_an_organisation_is_audited_with_its_fields(world) -> None:  # noqa: ANN001
    org = _create(world)
    event = AuditEvent.objects.get(action="organisation.created", object_id=str(org.pk))
    assert event.actor_id == world.users["bureau_admin"].pk
    assert event.changes["after"]["name"] == "虎林测试新企业"
    assert event.division_code == "230381"


def test_a_duplicate_uscc_is_refused(world) -> None:  # noqa: ANN001
    org = _create(world)
    with pytest.raises(ValidationError) as info:
        _create(world, name="另一家", uscc=org.uscc)
    assert "uscc" in info.value.message_dict


def test_only_bureau_admins_register_organisations(world) -> None:  # noqa: ANN001
    for role in ("bureau_staff", "enterprise", "department"):
        with pytest.raises(PermissionDenied):
            services.create_organisation(
                actor=world.users[role],
                name="x",
                kind="enterprise",
                division=Division.objects.get(code="230381"),
                uscc=make_uscc(),
            )


def test_a_bureau_cannot_register_outside_its_division(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.create_organisation(
            actor=world.users["other_bureau"],
            name="越界企业",
            kind="enterprise",
            division=Division.objects.get(code="230381"),
            uscc=make_uscc(),
        )
    assert not Organisation.objects.filter(name="越界企业").exists()


def test_an_enterprise_admin_edits_contact_details_but_not_identity(world) -> None:  # noqa: ANN001
    org = world.orgs["enterprise"]
    services.update_organisation(
        actor=world.users["enterprise"], organisation=org, phone="0467-111", name="改名"
    )
    org.refresh_from_db()
    assert org.phone == "0467-111" and org.name != "改名"
    event = AuditEvent.objects.filter(action="organisation.updated", object_id=str(org.pk)).latest("id")
    assert event.changes == {"before": {"phone": ""}, "after": {"phone": "0467-111"}}


def test_user_creation_checks_the_password_rules(world) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    org = world.orgs["enterprise"]
    for weak in ("short1A!", "alllowercaseletters", "Hulin#2026demo"):
        with pytest.raises(ValidationError) as info:
            services.create_user(actor=admin, username=f"u{len(weak)}", organisation=org, password=weak)
        assert "password" in info.value.message_dict
    user = services.create_user(
        actor=admin, username="new_user", organisation=org, password="Strong#pass2026"
    )
    assert user.check_password("Strong#pass2026")


def test_user_names_are_unique_ignoring_case(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info:
        services.create_user(
            actor=world.users["bureau_admin"], username="W_ENTERPRISE", organisation=world.orgs["enterprise"]
        )
    assert "username" in info.value.message_dict


def test_admin_password_reset_clears_the_demo_flag_and_is_audited(world) -> None:  # noqa: ANN001
    user = world.users["enterprise"]
    User.objects.filter(pk=user.pk).update(has_demo_password=True)
    services.admin_reset_password(
        actor=world.users["bureau_admin"], user=user, new_password="Another#pass2026"
    )
    user.refresh_from_db()
    assert not user.has_demo_password and user.check_password("Another#pass2026")
    event = AuditEvent.objects.filter(action="user.password_reset_by_admin").latest("id")
    assert "password" not in str(event.changes)


def test_a_user_cannot_deactivate_themselves(world) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    with pytest.raises(ValidationError):
        services.set_user_active(actor=admin, user=admin, active=False)


def test_bootstrap_refuses_a_second_bureau_in_the_same_division(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info:
        services.bootstrap_bureau(
            name="第二个局", division_code="230381", admin_username="x2", admin_password=TEST_PASSWORD
        )
    assert "division" in info.value.message_dict


def test_calendar_entries_are_bureau_admin_only(world) -> None:  # noqa: ANN001
    from datetime import date

    with pytest.raises(PermissionDenied):
        services.set_calendar_day(actor=world.users["bureau_staff"], day=date(2027, 1, 1), kind="holiday")
    entry = services.set_calendar_day(
        actor=world.users["bureau_admin"], day=date(2027, 1, 1), kind="holiday", name="元旦"
    )
    assert entry.name == "元旦"
    with pytest.raises(ValidationError):
        services.mark_schedule_entered(actor=world.users["bureau_admin"], year=1999)
