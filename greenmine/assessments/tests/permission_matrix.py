"""Permission matrix of plans and self-assessments (see greenmine.core.testing.matrix).

Fixture: a mine of world.orgs["enterprise"] (虎头镇) with plans and self-assessments in the state each route
needs. Drafts are the enterprise's own (everyone else: 404); submitted records are read by Hulin's bureau and
departments and reviewed by the bureau's staff and admins. The other enterprise, the township, the
exploration unit, the assessor and Mishan's bureau never learn they exist (404).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from greenmine.assessments.tests.helpers import matrix_fixture, png_bytes
from greenmine.core.testing.matrix import Route, signed_in

NOT_VISIBLE = 404
OWNER_ONLY = {"enterprise": 200, "anonymous": 302}
OWNER_ONLY_POST = {"enterprise": 302, "anonymous": 302}
SEES_SUBMITTED = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "department": 200,
    "enterprise": 200,
    "anonymous": 302,
}
REVIEWS = {
    "bureau_admin": 302,
    "bureau_staff": 302,
    "bureau_viewer": 403,
    "department": 403,
    "enterprise": 403,
    "anonymous": 302,
}
REVIEWS_PAGE = {**REVIEWS, "bureau_admin": 200, "bureau_staff": 200}
REVISES = {
    "enterprise": 302,
    "bureau_admin": 403,
    "bureau_staff": 403,
    "bureau_viewer": 403,
    "department": 403,
    "anonymous": 302,
}
HAS_MINE = {"enterprise": 200, "anonymous": 302}  # others have no mine to write for: 403


def api(expect: dict[str, int], ok: int | None = None) -> dict[str, int]:
    """The same expectations for the API: anonymous gets 401, redirects become the success code."""
    return {r: (401 if r == "anonymous" else (ok if s == 302 and ok else s)) for r, s in expect.items()}


def _k(state: str, key: str):  # noqa: ANN202
    return lambda w: {"pk": matrix_fixture(w, state)[key].pk}


def _mine_only(w):  # noqa: ANN001, ANN202
    matrix_fixture(w, "mine")
    return {}


def _item(state: str):  # noqa: ANN202
    return lambda w: {"pk": matrix_fixture(w, state)["assessment"].pk, "indicator_id": "P1"}


def _milestone(w):  # noqa: ANN001, ANN202
    plan = matrix_fixture(w, "plan_draft")["plan"]
    return {"pk": plan.pk, "milestone_pk": plan.milestones.get().pk}


def _detach(w):  # noqa: ANN001, ANN202
    from greenmine.assessments import services
    from greenmine.core.evidence_services import store_evidence

    a = matrix_fixture(w, "draft")["assessment"]
    ent = w.users["enterprise"]
    record = store_evidence(
        actor=ent, organisation=w.orgs["enterprise"], uploaded_file=SimpleUploadedFile("p.png", png_bytes())
    )
    services.attach_evidence(actor=ent, assessment=a, indicator_id="P1", evidence=record)
    return {"pk": a.pk, "indicator_id": "P1", "evidence_pk": record.pk}


def _evidence(w):  # noqa: ANN001, ANN202
    from greenmine.core.evidence_services import store_evidence

    record = store_evidence(
        actor=w.users["enterprise"],
        organisation=w.orgs["enterprise"],
        uploaded_file=SimpleUploadedFile("p.png", png_bytes()),
    )
    return {"pk": record.pk}


def _report(w):  # noqa: ANN001, ANN202
    return {"pk": matrix_fixture(w, "submitted")["assessment"].pk, "fmt": "docx"}


def _upload(w, role):  # noqa: ANN001, ANN202
    return {
        "file": SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png"),
        "indicator_id": "P1",
    }


def _plan_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.registry.models import Mine
    from greenmine.standards.models import StandardVersion

    mine = Mine.objects.filter(enterprise=w.orgs["enterprise"]).first()
    return {
        "mine": mine.pk,
        "title": "方案",
        "standard_version": StandardVersion.objects.get(standard__code="T-SMALL").pk,
        "target_year": 2027,
        "tasks": [{"title": "绿化", "owner": "环保部", "start_date": "2026-01-01", "end_date": "2026-06-30"}],
        "milestones": [{"title": "完成", "due_date": "2026-06-30", "progress": 0}],
    }


API_SEES = api(SEES_SUBMITTED)
API_REVIEWS = api(REVIEWS, ok=200)
API_OWNER = api(OWNER_ONLY)
API_SEES_EVIDENCE = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "enterprise": 200,
    "anonymous": 401,
}
SEES_EVIDENCE = {**API_SEES_EVIDENCE, "anonymous": 302}
# Creating through the API: those who see the mine but do not write for it are refused (403), the rest 404.
API_CREATES = {
    "enterprise": 201,
    "bureau_admin": 403,
    "bureau_staff": 403,
    "bureau_viewer": 403,
    "department": 403,
    "township": 403,
    "anonymous": 401,
}

ROUTES = [
    # Pages: plans
    Route("assessments:plan_list", signed_in(200)),
    Route("assessments:plan_create", HAS_MINE, kwargs=_mine_only),
    Route(
        "assessments:plan_detail", SEES_SUBMITTED, default=NOT_VISIBLE, kwargs=_k("plan_submitted", "plan")
    ),
    Route("assessments:plan_edit", OWNER_ONLY, default=NOT_VISIBLE, kwargs=_k("plan_draft", "plan")),
    Route(
        "assessments:plan_submit",
        OWNER_ONLY_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_draft", "plan"),
    ),
    Route(
        "assessments:plan_file",
        REVIEWS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_submitted", "plan"),
    ),
    Route(
        "assessments:plan_return",
        REVIEWS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_submitted", "plan"),
        data=lambda w, r: {"comments": "补充预算"},
    ),
    Route(
        "assessments:plan_revise",
        REVISES,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_submitted", "plan"),
    ),
    Route(
        "assessments:milestone_progress",
        OWNER_ONLY_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_milestone,
        data=lambda w, r: {"progress": "50"},
    ),
    # Pages: self-assessments
    Route("assessments:assessment_list", signed_in(200)),
    Route("assessments:assessment_start", HAS_MINE, kwargs=_mine_only),
    Route(
        "assessments:assessment_detail",
        SEES_SUBMITTED,
        default=NOT_VISIBLE,
        kwargs=_k("submitted", "assessment"),
    ),
    Route("assessments:assessment_fill", OWNER_ONLY, default=NOT_VISIBLE, kwargs=_k("draft", "assessment")),
    Route(
        "assessments:item_save",
        OWNER_ONLY,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_item("draft"),
        data=lambda w, r: {"answer": "yes", "token": "0"},
    ),
    Route(
        "assessments:evidence_upload",
        OWNER_ONLY,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_item("draft"),
        data=_upload,
    ),
    Route("assessments:evidence_detach", OWNER_ONLY, default=NOT_VISIBLE, method="post", kwargs=_detach),
    Route(
        "assessments:assessment_submit",
        OWNER_ONLY_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("filled", "assessment"),
    ),
    Route(
        "assessments:assessment_return",
        REVIEWS_PAGE,
        default=NOT_VISIBLE,
        kwargs=_k("submitted", "assessment"),
    ),
    Route(
        "assessments:assessment_accept",
        REVIEWS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("submitted", "assessment"),
    ),
    Route(
        "assessments:assessment_revise",
        REVISES,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("submitted", "assessment"),
    ),
    Route("assessments:report_download", SEES_SUBMITTED, default=NOT_VISIBLE, kwargs=_report),
    # API
    Route("assessments-plan-list", signed_in(200, anonymous=401)),
    Route(
        "assessments-plan-list",
        API_CREATES,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_mine_only,
        content_type="application/json",
        data=_plan_data,
        label="POST assessments-plan-list",
    ),
    Route("assessments-plan-detail", API_SEES, default=NOT_VISIBLE, kwargs=_k("plan_submitted", "plan")),
    Route(
        "assessments-plan-submit",
        API_OWNER,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_draft", "plan"),
    ),
    Route(
        "assessments-plan-file",
        API_REVIEWS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_submitted", "plan"),
    ),
    Route(
        "assessments-plan-return",
        API_REVIEWS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_submitted", "plan"),
        content_type="application/json",
        data=lambda w, r: {"comments": "补充"},
    ),
    Route(
        "assessments-plan-revise",
        {**api(REVISES), "enterprise": 201},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("plan_submitted", "plan"),
    ),
    Route("assessments-self-assessment-list", signed_in(200, anonymous=401)),
    Route(
        "assessments-self-assessment-list",
        {**API_CREATES},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_mine_only,
        content_type="application/json",
        data=lambda w, r: {
            "mine": __import__("greenmine.registry.models", fromlist=["Mine"])
            .Mine.objects.filter(enterprise=w.orgs["enterprise"])
            .first()
            .pk
        },
        label="POST assessments-self-assessment-list",
    ),
    Route(
        "assessments-self-assessment-detail",
        API_SEES,
        default=NOT_VISIBLE,
        kwargs=_k("submitted", "assessment"),
    ),
    Route(
        "assessments-self-assessment-items",
        API_SEES,
        default=NOT_VISIBLE,
        kwargs=_k("submitted", "assessment"),
    ),
    Route(
        "assessments-self-assessment-items",
        API_OWNER,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("draft", "assessment"),
        content_type="application/json",
        data=lambda w, r: {"indicator_id": "P1", "answer": {"holds": True}, "lock_version": 0},
        label="POST assessments-self-assessment-items",
    ),
    Route(
        "assessments-self-assessment-evidence",
        {"enterprise": 201, "anonymous": 401},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("draft", "assessment"),
        data=_upload,
    ),
    Route(
        "assessments-self-assessment-score",
        API_SEES,
        default=NOT_VISIBLE,
        kwargs=_k("submitted", "assessment"),
    ),
    Route(
        "assessments-self-assessment-submit",
        API_OWNER,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("filled", "assessment"),
    ),
    Route(
        "assessments-self-assessment-return",
        API_REVIEWS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("submitted", "assessment"),
        content_type="application/json",
        data=lambda w, r: {"comment": "请补充", "item_comments": {"P1": "不清晰"}},
    ),
    Route(
        "assessments-self-assessment-revise",
        {**api(REVISES), "enterprise": 201},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("submitted", "assessment"),
    ),
    Route(
        "assessments-self-assessment-report",
        API_SEES,
        default=NOT_VISIBLE,
        kwargs=_k("submitted", "assessment"),
        query="kind=docx",
    ),
    Route("assessments-evidence-list", signed_in(200, anonymous=401)),
    Route("assessments-evidence-detail", API_SEES_EVIDENCE, default=NOT_VISIBLE, kwargs=_evidence),
    Route("assessments-evidence-download", API_SEES_EVIDENCE, default=NOT_VISIBLE, kwargs=_evidence),
]
