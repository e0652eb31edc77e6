"""The thirdparty services: commissioning, team rules with conflict records, draws, declarations and their
grants, desk and field review, scores and explanations, completion, the track record."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from greenmine.core.models import AuditEvent, EvidenceFile
from greenmine.core.permissions import VIEW, can
from greenmine.thirdparty import services
from greenmine.thirdparty.choices import ConflictKind, ThirdPartyStatus
from greenmine.thirdparty.exif import gps_of
from greenmine.thirdparty.selectors import score_rows, track_record
from greenmine.thirdparty.services_review import standard_for
from greenmine.thirdparty.tests.helpers import (
    ASSESSMENT_DATE,
    agency_admin,
    agency_with_experts,
    commissioned,
    completed_assessment,
    in_review,
    letter_upload,
    self_answers,
    submitted_self_assessment,
    verify_vetoes,
)


def test_completed_assessment_passes(world):
    assessment = completed_assessment(world)
    assert assessment.status == ThirdPartyStatus.COMPLETED == "completed"
    assert assessment.passed is True
    assert assessment.total_score == assessment.self_total
    assert assessment.completed_at is not None
    assert assessment.result["passed"] is True


def test_completed_assessment_fails_on_prerequisite(world):
    assessment = completed_assessment(world, passed=False)
    assert assessment.passed is False
    assert any(r.startswith("prerequisite") for r in assessment.result["reasons"])


def test_commissioning_rules(world):
    self_assessment = submitted_self_assessment(world)
    agency, _experts = agency_with_experts(world)
    kwargs = {"self_assessment": self_assessment, "agency": agency, "assessment_date": ASSESSMENT_DATE}
    for role in ("other_bureau", "department", "enterprise", "assessor", "bureau_viewer"):
        with pytest.raises(PermissionDenied):
            services.commission(actor=world.users[role], **kwargs)
    services.set_agency_registration(
        actor=world.users["bureau_admin"], profile=agency.agency_profile, registered=False
    )
    with pytest.raises(ValidationError) as error:
        services.commission(actor=world.users["bureau_admin"], **kwargs)
    assert "agency" in error.value.message_dict
    services.set_agency_registration(
        actor=world.users["bureau_admin"], profile=agency.agency_profile, registered=True
    )
    assessment = services.commission(actor=world.users["bureau_staff"], **kwargs)
    assert assessment.commissioned_by_org == world.orgs["bureau"]
    with pytest.raises(ValidationError) as error:
        services.commission(actor=world.users["bureau_admin"], **kwargs)
    assert "self_assessment" in error.value.message_dict


@override_settings(THIRDPARTY_COMMISSIONING_LEVEL="prefecture")
def test_commissioning_level_setting(world):
    self_assessment = submitted_self_assessment(world)
    agency, _experts = agency_with_experts(world)
    with pytest.raises(PermissionDenied):
        services.commission(
            actor=world.users["bureau_admin"],
            self_assessment=self_assessment,
            agency=agency,
            assessment_date=ASSESSMENT_DATE,
        )
    assert services.commissioning_code(self_assessment.mine) == "230300"


def test_draft_self_assessment_cannot_be_commissioned(world):
    """The bureau does not even see a draft (the enterprise's working copy)."""
    from greenmine.assessments import services as assessment_services
    from greenmine.assessments.tests.helpers import small_version, world_mine

    mine = world_mine(world)
    assessment_services.assign_standard(
        actor=world.users["bureau_admin"], mine=mine, standard_version=small_version()
    )
    draft = assessment_services.start_self_assessment(actor=world.users["enterprise"], mine=mine)
    agency, _experts = agency_with_experts(world)
    with pytest.raises(PermissionDenied):
        services.commission(
            actor=world.users["bureau_admin"],
            self_assessment=draft,
            agency=agency,
            assessment_date=ASSESSMENT_DATE,
        )


def test_conflict_record_by_the_bureau_refuses_the_member_by_name(world):
    assessment, experts = commissioned(world)
    services.add_conflict(
        actor=world.users["bureau_admin"],
        agency=assessment.agency,
        expert=experts[2],
        mine=assessment.mine,
        kind=ConflictKind.BUSINESS,
        start_date=dt.date(2025, 10, 1),
        end_date=dt.date(2025, 11, 1),
        note="矿区绿化工程咨询",
    )
    with pytest.raises(services.TeamRuleError) as error:
        services.save_team(
            actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
        )
    assert [b.code for b in error.value.broken] == ["conflict"]
    assert experts[2].name in error.value.message_dict["members"][0]
    assert services.eligible_pool(assessment) == [e for e in experts if e != experts[2]]


def test_conflict_records_of_other_counties_are_refused(world):
    assessment, experts = commissioned(world)
    with pytest.raises(PermissionDenied):
        services.add_conflict(
            actor=world.users["other_bureau"],
            agency=assessment.agency,
            mine=assessment.mine,
            kind="affiliation",
        )
    assert not AuditEvent.objects.filter(action="thirdparty.conflict_recorded").exists()


def test_team_can_change_only_until_a_member_declares(world):
    assessment, experts = commissioned(world)
    admin = agency_admin(assessment.agency)
    services.save_team(actor=admin, assessment=assessment, experts=experts, leader=experts[0])
    services.save_team(actor=admin, assessment=assessment, experts=experts, leader=experts[1])
    member = assessment.members.get(expert=experts[2])
    services.declare(actor=experts[2].user, member=member, text="无冲突")
    with pytest.raises(ValidationError):
        services.save_team(actor=admin, assessment=assessment, experts=experts, leader=experts[0])
    with pytest.raises(PermissionDenied):
        services.save_team(
            actor=world.users["enterprise"], assessment=assessment, experts=experts, leader=experts[0]
        )


def test_declaration_grants_the_view_rights_only_to_the_declaring_member(world):
    assessment, experts = commissioned(world)
    services.save_team(
        actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
    )
    self_assessment = assessment.self_assessment
    first, second = experts[0].user, experts[1].user
    assert can(first, VIEW, assessment)  # the header (which mine, which date): needed to declare
    assert not can(first, VIEW, self_assessment)
    member = assessment.members.get(expert=experts[0])
    with pytest.raises(PermissionDenied):
        services.declare(actor=second, member=member, text="代签")
    with pytest.raises(ValidationError):
        services.declare(actor=first, member=member, text="  ")
    services.declare(actor=first, member=member, text="无冲突")
    assert can(first, VIEW, self_assessment)
    assert not can(second, VIEW, self_assessment)
    assert not can(agency_admin(assessment.agency), VIEW, self_assessment)
    assessment.refresh_from_db()
    assert assessment.status == ThirdPartyStatus.TEAM_FORMED
    with pytest.raises(ValidationError):
        services.declare(actor=first, member=member, text="再次")


def test_declared_member_sees_the_evidence(world):
    from greenmine.assessments import services as assessment_services
    from greenmine.assessments.selectors import standard_of
    from greenmine.assessments.tests.helpers import fill, png_bytes, small_version, world_mine
    from greenmine.core.evidence_services import store_evidence

    mine = world_mine(world)
    bureau = world.users["bureau_admin"]
    assessment_services.assign_standard(actor=bureau, mine=mine, standard_version=small_version())
    owner = world.users["enterprise"]
    draft = assessment_services.start_self_assessment(actor=owner, mine=mine)
    fill(owner, draft)
    photo = store_evidence(
        actor=owner, organisation=mine.enterprise, uploaded_file=SimpleUploadedFile("a.png", png_bytes())
    )
    leaf = standard_of(draft.standard_version).leaves()[0].id
    assessment_services.attach_evidence(actor=owner, assessment=draft, indicator_id=leaf, evidence=photo)
    submitted = assessment_services.submit_self_assessment(actor=owner, assessment=draft)
    agency, experts = agency_with_experts(world)
    assessment = services.commission(
        actor=bureau, self_assessment=submitted, agency=agency, assessment_date=ASSESSMENT_DATE
    )
    services.save_team(actor=agency_admin(agency), assessment=assessment, experts=experts, leader=experts[0])
    member = assessment.members.get(expert=experts[0])
    assert not can(experts[0].user, VIEW, photo)
    services.declare(actor=experts[0].user, member=member, text="无冲突")
    assert can(experts[0].user, VIEW, EvidenceFile.objects.get(pk=photo.pk))
    assert not can(experts[1].user, VIEW, photo)
    assert not can(agency_admin(agency), VIEW, photo)


def test_conflict_at_declaration_is_refused(world):
    assessment, experts = commissioned(world)
    services.save_team(
        actor=agency_admin(assessment.agency), assessment=assessment, experts=experts, leader=experts[0]
    )
    services.add_conflict(
        actor=agency_admin(assessment.agency),
        agency=assessment.agency,
        expert=experts[4],
        enterprise=assessment.mine.enterprise,
        kind=ConflictKind.SELF_ASSESSMENT_AUTHOR,
    )
    with pytest.raises(ValidationError):
        services.declare(
            actor=experts[4].user, member=assessment.members.get(expert=experts[4]), text="无冲突"
        )
    assert not can(experts[4].user, VIEW, assessment.self_assessment)


def test_draw_fixes_the_seed_before_the_pool_and_cannot_be_repeated(world):
    assessment, experts = commissioned(world)
    admin = agency_admin(assessment.agency)
    assessment = services.draw_team(actor=admin, assessment=assessment)
    assert sorted(assessment.draw_result) == sorted(str(e.pk) for e in experts)
    assert assessment.draw_pool == [str(e.pk) for e in experts]
    events = list(
        AuditEvent.objects.filter(
            object_id=str(assessment.pk), object_type="thirdparty.thirdpartyassessment"
        ).order_by("id")
    )
    assert [e.action for e in events] == [
        "thirdparty.commissioned",
        "thirdparty.draw_seed_fixed",
        "thirdparty.team_drawn",
    ]
    assert events[1].changes["after"]["seed"] == assessment.draw_seed
    with pytest.raises(ValidationError):
        services.draw_team(actor=admin, assessment=assessment)
    assert AuditEvent.objects.filter(action="thirdparty.team_draw_refused").count() == 1
    from greenmine.thirdparty.tests.helpers import TEAM

    extra = services.add_expert(
        actor=admin, agency=assessment.agency, name="外人", title="senior", full_time=True
    )
    with pytest.raises(ValidationError) as error:
        services.save_team(actor=admin, assessment=assessment, experts=[*experts[1:], extra], leader=extra)
    assert "members" in error.value.message_dict
    assert len(TEAM) == 5


def test_scoring_waits_for_prerequisites_and_scores_are_final(world):
    assessment, experts = in_review(world)
    leader = experts[0].user
    standard = standard_for(assessment)
    answers = self_answers(assessment)
    leaf = standard.leaves()[0]
    with pytest.raises(ValidationError):
        services.score_indicator(
            actor=leader, assessment=assessment, indicator_id=leaf.id, answer=answers[leaf.id], finding="x"
        )
    for prerequisite in standard.prerequisites:
        services.verify_prerequisite(
            actor=leader, assessment=assessment, indicator_id=prerequisite.id, holds=True
        )
    with pytest.raises(ValidationError):
        services.verify_prerequisite(
            actor=leader,
            assessment=assessment,
            indicator_id=standard.prerequisites[0].id,
            holds=False,
            note="x",
        )
    with pytest.raises(ValidationError) as error:
        services.score_indicator(
            actor=leader, assessment=assessment, indicator_id=leaf.id, answer=answers[leaf.id], finding=""
        )
    assert "finding" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.score_indicator(
            actor=leader, assessment=assessment, indicator_id=leaf.id, answer={"bogus": 1}, finding="x"
        )
    assert "answer" in error.value.message_dict
    services.score_indicator(
        actor=leader, assessment=assessment, indicator_id=leaf.id, answer=answers[leaf.id], finding="x"
    )
    with pytest.raises(ValidationError):
        services.score_indicator(
            actor=leader, assessment=assessment, indicator_id=leaf.id, answer=answers[leaf.id], finding="y"
        )
    with pytest.raises(PermissionDenied):
        services.verify_prerequisite(
            actor=agency_admin(assessment.agency), assessment=assessment, indicator_id="x", holds=True
        )


def _worst(leaf) -> dict:  # noqa: ANN001
    method = type(leaf.method).__name__
    if method == "Graded":
        return {"level": min(leaf.method.levels, key=lambda lv: lv.points).key}
    if method == "Deduction":
        return {"defects": 1000}
    if method == "Proportional":
        good_high = leaf.method.direction.value == "higher_better"
        return {"value": str(leaf.method.lower if good_high else leaf.method.upper)}
    if method == "ZeroOut":
        return {"triggered": False}
    return {"met": False}


def test_large_difference_needs_an_explanation_before_completion(world):
    assessment, experts = in_review(world)
    leader = experts[0].user
    standard = standard_for(assessment)
    for prerequisite in standard.prerequisites:
        services.verify_prerequisite(
            actor=leader, assessment=assessment, indicator_id=prerequisite.id, holds=True
        )
    verify_vetoes(assessment, leader)
    services.record_site_visit(
        actor=leader,
        assessment=assessment,
        visit_date=ASSESSMENT_DATE,
        attendees="评估组",
        commitment_letter=letter_upload(),
    )
    answers = self_answers(assessment)
    lowered = []
    for leaf in standard.leaves():
        answer = answers[leaf.id]
        if (
            leaf.points
            and leaf.points > services.explain_threshold()
            and type(leaf.method).__name__ != "ZeroOut"
        ):
            answer = _worst(leaf)
            lowered.append(leaf.id)
        services.score_indicator(
            actor=leader, assessment=assessment, indicator_id=leaf.id, answer=answer, finding="核查"
        )
    assert lowered
    with pytest.raises(ValidationError) as error:
        services.complete(actor=leader, assessment=assessment, conclusion="结论")
    message = error.value.message_dict["explanation"][0]
    for indicator in lowered:
        assert indicator in message
    rows = {r.id: r for r in score_rows(assessment)}
    assert all(rows[i].needs_explanation for i in lowered)
    with pytest.raises(PermissionDenied):
        services.complete(actor=experts[1].user, assessment=assessment, conclusion="结论")
    for indicator in lowered:
        row = assessment.scores.get(indicator_id=indicator)
        services.explain_difference(actor=leader, score_row=row, explanation="现场发现与自评不符")
        with pytest.raises(ValidationError):
            services.explain_difference(actor=leader, score_row=row, explanation="改写")
    done = services.complete(actor=leader, assessment=assessment, conclusion="结论")
    assert done.total_score < done.self_total
    with pytest.raises(ValidationError):
        services.complete(actor=leader, assessment=assessment, conclusion="再次")
    record = track_record(assessment.agency)
    assert record.done == 1
    assert record.average_difference == (done.total_score - done.self_total).quantize(
        record.average_difference
    )


def test_completion_refuses_without_the_visit_and_names_unscored_indicators(world):
    assessment, experts = in_review(world)
    leader = experts[0].user
    standard = standard_for(assessment)
    for prerequisite in standard.prerequisites:
        services.verify_prerequisite(
            actor=leader, assessment=assessment, indicator_id=prerequisite.id, holds=True
        )
    with pytest.raises(ValidationError) as error:
        services.complete(actor=leader, assessment=assessment, conclusion="")
    errors = error.value.message_dict
    assert set(errors) == {"vetoes", "site_visit", "scores", "conclusion"}
    assert standard.leaves()[0].id in errors["scores"][0]
    assert len(errors["vetoes"]) == 1 and errors["vetoes"][0].endswith("V1")


def gps_jpeg(lat: tuple[int, int, int], lon: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: tuple(float(v) for v in lat), 3: "E", 4: tuple(float(v) for v in lon)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_gps_of_reads_exif_locations():
    assert gps_of(gps_jpeg((45, 45, 0), (133, 0, 36))) == (45.75, 133.01)
    plain = io.BytesIO()
    Image.new("RGB", (8, 8)).save(plain, format="PNG")
    assert gps_of(plain.getvalue()) is None
    assert gps_of(b"not an image") is None


def test_site_photo_takes_its_location_from_exif(world):
    assessment, experts = in_review(world)
    leader = experts[0].user
    for prerequisite in standard_for(assessment).prerequisites:
        services.verify_prerequisite(
            actor=leader, assessment=assessment, indicator_id=prerequisite.id, holds=True
        )
    with pytest.raises(ValidationError) as error:
        services.record_site_visit(
            actor=leader,
            assessment=assessment,
            visit_date=ASSESSMENT_DATE,
            attendees="评估组",
            commitment_letter=None,
        )
    assert "commitment_letter" in error.value.message_dict
    services.record_site_visit(
        actor=leader,
        assessment=assessment,
        visit_date=ASSESSMENT_DATE,
        attendees="评估组",
        commitment_letter=letter_upload(),
    )
    photo = services.add_site_photo(
        actor=leader,
        assessment=assessment,
        uploaded_file=SimpleUploadedFile("site.jpg", gps_jpeg((45, 45, 0), (133, 0, 36))),
        caption="排土场",
    )
    assert (photo.latitude, photo.longitude) == (45.75, 133.01)
    assert photo.evidence.organisation == assessment.agency


def test_track_record_counts_a_later_failed_spot_check(world):
    from greenmine.supervision.tests.helpers import failed_spot_check

    assessment = completed_assessment(world)
    assert track_record(assessment.agency).discrepancies == []
    failed_spot_check(world, assessment.mine)
    record = track_record(assessment.agency)
    assert [d["mine"] for d in record.discrepancies] == [assessment.mine]


def test_completed_assessment_helper_uses_the_mines_submitted_self_assessment(world):
    self_assessment = submitted_self_assessment(world)
    assessment = completed_assessment(world, mine=self_assessment.mine)
    assert assessment.self_assessment == self_assessment
    again = completed_assessment(world, mine=self_assessment.mine)
    assert again.self_assessment.version_no == self_assessment.version_no + 1
