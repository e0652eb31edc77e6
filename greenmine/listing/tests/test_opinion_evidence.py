"""A department asked for its opinion may read the evidence it is asked about: the self-assessment's files
and the field review's commitment letter, shared by core Grants when the bureau asks, and to nobody else."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from greenmine.assessments import services as assessment_services
from greenmine.assessments.tests.helpers import fill, png_bytes, small_version, world_mine
from greenmine.core.evidence_services import store_evidence
from greenmine.core.models import AuditEvent, EvidenceFile
from greenmine.listing import services
from greenmine.listing.tests.helpers import completed, department


def _review_with_evidence(world):  # noqa: ANN001, ANN202
    mine = world_mine(world)
    owner = world.users["enterprise"]
    bureau = world.users["bureau_admin"]
    assessment_services.assign_standard(actor=bureau, mine=mine, standard_version=small_version())
    assessment = assessment_services.start_self_assessment(actor=owner, mine=mine)
    fill(owner, assessment)
    photo = store_evidence(
        actor=owner,
        organisation=mine.enterprise,
        uploaded_file=SimpleUploadedFile("排土场复绿.png", png_bytes(), content_type="image/png"),
    )
    assessment_services.attach_evidence(actor=owner, assessment=assessment, indicator_id="Q1", evidence=photo)
    assessment_services.submit_self_assessment(actor=owner, assessment=assessment)
    review = services.open_review(actor=world.users["bureau_staff"], assessment=completed(world, mine=mine))
    return review, photo


def test_the_asked_department_reads_the_evidence_and_others_do_not(world, client_for) -> None:  # noqa: ANN001
    review, photo = _review_with_evidence(world)
    letter = review.assessment.site_visit.commitment_letter
    url = reverse("core:evidence_download", kwargs={"pk": photo.pk})
    asked = client_for("department")
    assert asked.get(url).status_code == 404  # before the request: not the department's to read

    other = department(world, "测试应急管理局")
    request = services.request_opinion(
        actor=world.users["bureau_staff"], review=review, department=world.orgs["department"]
    )

    assert asked.get(url).status_code == 200
    assert set(EvidenceFile.objects.restrict(world.users["department"]).values_list("pk", flat=True)) >= {
        photo.pk,
        letter.pk,
    }
    assert not EvidenceFile.objects.filter(pk=photo.pk).restrict(world.users["enterprise_other"]).exists()
    assert other.grants.count() == 0
    event = AuditEvent.objects.filter(action="listing.opinion_requested").latest("pk")
    assert set(event.changes["after"]["evidence_shared"]) == {photo.pk, letter.pk}
    assert request.pk
