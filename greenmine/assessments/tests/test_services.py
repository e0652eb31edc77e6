"""Plans and self-assessments through the services: workflow, standard choice, concurrency, freezing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from greenmine.assessments import services
from greenmine.assessments.choices import AssessmentStatus, PlanStatus
from greenmine.assessments.models import AssessmentItem, SelfAssessment
from greenmine.assessments.selectors import applicable_version, completeness, live_result, standard_of
from greenmine.assessments.tests.helpers import fill, full_answers, make_plan, png_bytes
from greenmine.core.evidence_services import store_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():  # noqa: ANN201
    """Messages are checked in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


def test_plan_workflow_keeps_every_version(world, mine, hlss) -> None:  # noqa: ANN001
    ent, bureau = world.users["enterprise"], world.users["bureau_staff"]
    plan = make_plan(ent, mine, hlss)
    assert plan.version_no == 1 and plan.tasks.count() == 1 and plan.milestones.count() == 1
    services.submit_plan(actor=ent, plan=plan)
    with pytest.raises(ValidationError):
        services.update_plan(actor=ent, plan=plan, title="改")
    with pytest.raises(PermissionDenied):
        services.file_plan(actor=world.users["bureau_viewer"], plan=plan)
    services.return_plan(actor=bureau, plan=plan, comments="补充预算明细")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED and plan.comments == "补充预算明细"
    v2 = services.revise_plan(actor=ent, plan=plan)
    assert v2.version_no == 2 and v2.previous_id == plan.pk and v2.tasks.count() == 1
    services.update_plan(actor=ent, plan=v2, budget="120")
    services.submit_plan(actor=ent, plan=v2)
    services.file_plan(actor=bureau, plan=v2)
    v2.refresh_from_db()
    assert v2.status == PlanStatus.FILED
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED  # the old version stays as it was


def test_other_enterprise_cannot_write(world, mine, hlss) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        make_plan(world.users["enterprise_other"], mine, hlss)
    with pytest.raises(PermissionDenied):
        services.start_self_assessment(actor=world.users["enterprise_other"], mine=mine)


def test_standard_chosen_by_applies_to_and_bureau_override(world, mine, hlss) -> None:  # noqa: ANN001
    assert applicable_version(mine) == hlss
    from greenmine.registry.tests.factories import make_mine

    graphite = make_mine(
        world.users["bureau_admin"],
        world.orgs["enterprise"],
        world.orgs["township"],
        mineral="graphite",
        mine_kind="underground",
    )
    with pytest.raises(ValidationError, match="No published standard"):
        services.start_self_assessment(actor=world.users["enterprise"], mine=graphite)
    with pytest.raises(PermissionDenied):
        services.assign_standard(actor=world.users["enterprise"], mine=graphite, standard_version=hlss)
    services.assign_standard(
        actor=world.users["bureau_staff"], mine=graphite, standard_version=hlss, reason="参照砂石标准"
    )
    assert (
        services.start_self_assessment(actor=world.users["enterprise"], mine=graphite).standard_version
        == hlss
    )


def test_live_scoring_and_completeness(world, mine, hlss) -> None:  # noqa: ANN001
    ent = world.users["enterprise"]
    a = services.start_self_assessment(actor=ent, mine=mine)
    result = live_result(a)
    assert result.total == 0 and not result.passed
    total_needed = len(full_answers(hlss))
    assert len(completeness(a)) == total_needed
    fill(ent, a, skip={"P1"})
    missing = completeness(a)
    assert [m.id for m in missing] == ["P1"]
    with pytest.raises(services.IncompleteError) as exc:
        services.submit_self_assessment(actor=ent, assessment=a)
    assert "P1" in exc.value.messages[0]
    assert live_result(a).total == standard_of(hlss).total_points


def test_bad_answer_names_the_field(world, mine, hlss) -> None:  # noqa: ANN001
    a = services.start_self_assessment(actor=world.users["enterprise"], mine=mine)
    leaf = standard_of(hlss).leaves()[0]
    with pytest.raises(ValidationError) as exc:
        services.save_item(
            actor=world.users["enterprise"], assessment=a, indicator_id=leaf.id, answer={"value": "abc"}
        )
    assert leaf.id in str(exc.value)
    with pytest.raises(ValidationError):
        services.save_item(actor=world.users["enterprise"], assessment=a, indicator_id="NOPE", answer={})


def test_stale_save_is_refused_naming_who_and_when(world, mine, hlss) -> None:  # noqa: ANN001
    from greenmine.core.testing.factories import make_user

    first = world.users["enterprise"]
    second = make_user(world.orgs["enterprise"], "staff", "second_editor")
    a = services.start_self_assessment(actor=first, mine=mine)
    seen = a.lock_version  # both opened the page at this counter
    services.save_item(
        actor=first, assessment=a, indicator_id="P1", answer={"holds": True}, lock_version=seen
    )
    with pytest.raises(services.ConcurrentEditError) as exc:
        services.save_item(
            actor=second, assessment=a, indicator_id="P1", answer={"holds": False}, lock_version=seen
        )
    assert first.username in exc.value.messages[0] and "P1" in exc.value.messages[0]
    assert AssessmentItem.objects.get(assessment=a, indicator_id="P1").answer == {"holds": True}
    # A different item does not conflict.
    _item, counter = services.save_item(
        actor=second, assessment=a, indicator_id="P2", answer={"holds": True}, lock_version=seen
    )
    assert counter == seen + 2


def test_submitted_content_is_frozen(world, mine, hlss) -> None:  # noqa: ANN001
    ent = world.users["enterprise"]
    a = services.start_self_assessment(actor=ent, mine=mine)
    fill(ent, a)
    photo = store_evidence(
        actor=ent,
        organisation=world.orgs["enterprise"],
        uploaded_file=SimpleUploadedFile("p.png", png_bytes()),
    )
    services.attach_evidence(actor=ent, assessment=a, indicator_id="P1", evidence=photo)
    services.submit_self_assessment(actor=ent, assessment=a)
    a.refresh_from_db()
    assert a.status == AssessmentStatus.SUBMITTED
    assert a.snapshot["standard"]["code"] == "HL-SS-2024"
    assert a.snapshot["evidence"][0]["sha256"] == photo.sha256
    assert a.snapshot["result"]["passed"] is True
    frozen_hash = a.snapshot_hash
    for call in (
        lambda: services.save_item(actor=ent, assessment=a, indicator_id="P1", answer={"holds": False}),
        lambda: services.attach_evidence(actor=ent, assessment=a, indicator_id="P2", evidence=photo),
        lambda: services.detach_evidence(actor=ent, assessment=a, indicator_id="P1", evidence=photo),
        lambda: services.submit_self_assessment(actor=ent, assessment=a),
    ):
        with pytest.raises(ValidationError):
            call()
    # Defence in depth: the models refuse too, whatever code path tries.
    item = AssessmentItem.objects.get(assessment=a, indicator_id="P1")
    item.answer = {"holds": False}
    with pytest.raises(ValidationError):
        item.save()
    with pytest.raises(ValidationError):
        item.delete()
    # clear() runs in atomic(savepoint=False): the refusal dooms the enclosing transaction, so give it one.
    with pytest.raises(ValidationError), transaction.atomic():
        item.evidence.clear()
    a.snapshot = {"tampered": True}
    a.snapshot_hash = "0" * 64
    with pytest.raises(ValidationError):
        a.save()
    a = SelfAssessment.objects.get(pk=a.pk)
    assert a.snapshot_hash == frozen_hash
    assert services.canonical_hash(a.snapshot) == frozen_hash


def test_return_with_item_comments_and_revise(world, mine, hlss) -> None:  # noqa: ANN001
    ent = world.users["enterprise"]
    a = services.start_self_assessment(actor=ent, mine=mine)
    fill(ent, a)
    services.submit_self_assessment(actor=ent, assessment=a)
    with pytest.raises(PermissionDenied):
        services.return_self_assessment(actor=ent, assessment=a, comment="x")
    with pytest.raises(ValidationError):
        services.return_self_assessment(actor=world.users["bureau_staff"], assessment=a)
    services.return_self_assessment(
        actor=world.users["bureau_staff"],
        assessment=a,
        comment="请补充",
        item_comments={"P1": "证照复印件不清晰"},
    )
    a.refresh_from_db()
    assert a.status == AssessmentStatus.RETURNED and a.return_comments.get().indicator_id == "P1"
    new = services.revise_self_assessment(actor=ent, assessment=a)
    assert new.previous_id == a.pk and new.version_no == 2 and new.status == AssessmentStatus.DRAFT
    assert new.items.count() == a.items.count()
    assert not completeness(new)
