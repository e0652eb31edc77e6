"""Permission matrix of the thirdparty app (see greenmine.core.testing.matrix).

Fixture (greenmine.thirdparty.tests.helpers.matrix_fixture): world's assessor is the registered agency; its
admin (role 'assessor') is also the team leader's account. The mine belongs to world's enterprise (虎头镇).
Hulin's bureau sees and acts (commission, registration, conflicts) but never forms the team or scores;
departments and the enterprise see the assessment once completed; the other enterprise, the township, the
exploration unit and Mishan's bureau never learn it exists (404).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from greenmine.core.testing.matrix import Route, signed_in
from greenmine.thirdparty.tests.helpers import letter_upload, matrix_fixture, self_answers

NOT_VISIBLE = 404
BUREAU = ("bureau_admin", "bureau_staff", "bureau_viewer")


def _k(state: str, key: str = "assessment"):  # noqa: ANN202
    return lambda w: {"pk": matrix_fixture(w, state)[key].pk}


def _leaf(state: str):  # noqa: ANN202
    def kwargs(w):  # noqa: ANN001, ANN202
        from greenmine.thirdparty.services_review import standard_for

        assessment = matrix_fixture(w, state)["assessment"]
        return {"pk": assessment.pk, "indicator_id": standard_for(assessment).leaves()[0].id}

    return kwargs


def _scored_one(w):  # noqa: ANN001, ANN202
    from greenmine.thirdparty import services
    from greenmine.thirdparty.services_review import standard_for

    assessment = matrix_fixture(w, "verified")["assessment"]
    leaf = standard_for(assessment).leaves()[0]
    services.score_indicator(
        actor=w.users["assessor"],
        assessment=assessment,
        indicator_id=leaf.id,
        answer=self_answers(assessment)[leaf.id],
        finding="x",
    )
    return {"pk": assessment.pk, "indicator_id": leaf.id}


def _conflict(w):  # noqa: ANN001, ANN202
    from greenmine.thirdparty import services

    assessment = matrix_fixture(w, "commissioned")["assessment"]
    record = services.add_conflict(
        actor=w.users["bureau_admin"], agency=assessment.agency, mine=assessment.mine, kind="business"
    )
    return {"pk": record.pk}


def _submitted(w):  # noqa: ANN001, ANN202
    matrix_fixture(w, "submitted")
    return {}


def _first_prerequisite(w, role):  # noqa: ANN001, ANN202
    from greenmine.thirdparty.models import ThirdPartyAssessment
    from greenmine.thirdparty.services_review import standard_for

    assessment = ThirdPartyAssessment.objects.order_by("-pk").first()
    return {"indicator_id": standard_for(assessment).prerequisites[0].id, "holds": "yes", "note": ""}


def _first_veto(w, role):  # noqa: ANN001, ANN202
    from greenmine.thirdparty.models import ThirdPartyAssessment
    from greenmine.thirdparty.services_review import standard_for

    assessment = ThirdPartyAssessment.objects.order_by("-pk").first()
    return {"indicator_id": standard_for(assessment).vetoes[0].id, "occurred": "no", "note": ""}


def _api_first_veto(w, role):  # noqa: ANN001, ANN202
    return {**_first_veto(w, role), "occurred": False}


def _score_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.assessments.forms import answer_value
    from greenmine.thirdparty.models import ThirdPartyAssessment
    from greenmine.thirdparty.services_review import standard_for

    assessment = ThirdPartyAssessment.objects.order_by("-pk").first()
    leaf = standard_for(assessment).leaves()[0]
    return {"answer": answer_value("item", leaf.method, self_answers(assessment)[leaf.id]), "finding": "ok"}


def _api_score_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.thirdparty.models import ThirdPartyAssessment
    from greenmine.thirdparty.services_review import standard_for

    assessment = ThirdPartyAssessment.objects.order_by("-pk").first()
    leaf = standard_for(assessment).leaves()[0]
    return {"indicator_id": leaf.id, "answer": self_answers(assessment)[leaf.id], "finding": "ok"}


def _api_explain_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.thirdparty.models import IndicatorScore

    return {
        "indicator_id": IndicatorScore.objects.order_by("-pk").first().indicator_id,
        "explanation": "说明",
    }


def _visit_data(w, role):  # noqa: ANN001, ANN202
    return {"visit_date": "2026-06-15", "attendees": "评估组", "commitment_letter": letter_upload()}


def _photo_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.assessments.tests.helpers import png_bytes

    return {"photo": SimpleUploadedFile("site.png", png_bytes()), "caption": "排土场"}


def _commission_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.assessments.models import SelfAssessment

    return {
        "self_assessment": SelfAssessment.objects.order_by("-pk").first().pk,
        "agency": w.orgs["assessor"].pk,
        "assessment_date": "2026-06-15",
    }


def _team_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.thirdparty.models import Expert

    experts = list(Expert.objects.filter(agency=w.orgs["assessor"]).order_by("pk")[:5])
    return {"members": [e.pk for e in experts], "leader": experts[0].pk}


def _api_team_data(w, role):  # noqa: ANN001, ANN202
    data = _team_data(w, role)
    return {"experts": data["members"], "leader": data["leader"]}


def _conflict_data(w, role):  # noqa: ANN001, ANN202
    from greenmine.registry.models import Mine

    return {"kind": "business", "mine": Mine.objects.order_by("-pk").first().pk, "note": "咨询"}


def _api_conflict_data(w, role):  # noqa: ANN001, ANN202
    return {**_conflict_data(w, role), "agency": w.orgs["assessor"].pk}


def _expert_data(w, role):  # noqa: ANN001, ANN202
    return {"name": "新专家", "title": "intermediate", "full_time": "on", "active": "on"}


def _api_expert_data(w, role):  # noqa: ANN001, ANN202
    return {"agency": w.orgs["assessor"].pk, "name": "新专家", "title": "intermediate"}


def api(expect: dict[str, int], ok: int | None = None) -> dict[str, int]:
    """The same expectations for the API: anonymous gets 401, redirects become the success code."""
    out = {r: (401 if r == "anonymous" else (ok if s == 302 and ok else s)) for r, s in expect.items()}
    return {**out, "anonymous": 401}


def bureau(status: int, viewer: int | None = None) -> dict[str, int]:
    return {"bureau_admin": status, "bureau_staff": status, "bureau_viewer": viewer or status}


# Who sees an assessment before completion: the bureau and the agency (its grant).
SEES_OPEN = {**bureau(200), "assessor": 200, "anonymous": 302}
# Completed: departments and the mine's enterprise too.
SEES_DONE = {**SEES_OPEN, "department": 200, "enterprise": 200}
# The agency's team work (TEAM grant): the bureau sees the record but may not act (403).
AGENCY_PAGE = {**bureau(403), "assessor": 200, "anonymous": 302}
AGENCY_POST = {**bureau(403), "assessor": 302, "anonymous": 302}
# The declared leader's review work (ASSESS grant).
LEADER_PAGE = AGENCY_PAGE
LEADER_POST = AGENCY_POST
# Agency pages.
SEES_AGENCY = {**bureau(200), "department": 200, "assessor": 200, "other_bureau": 200, "anonymous": 302}
EDITS_AGENCY = {**bureau(200, 403), "department": 403, "assessor": 200, "other_bureau": 403, "anonymous": 302}
REGISTERS = {**bureau(302, 403), "department": 403, "assessor": 403, "other_bureau": 403, "anonymous": 302}
EXPERT_PAGE = {**bureau(403), "department": 403, "assessor": 200, "other_bureau": 403, "anonymous": 302}
EXPERT_EDIT = {**bureau(403), "assessor": 200, "other_bureau": 403, "anonymous": 302}
CONFLICT_PAGE = {
    **bureau(200, 403),
    "department": 403,
    "assessor": 200,
    "other_bureau": 200,
    "anonymous": 302,
}
API_COMMISSION = {**bureau(201, 403), "department": 403, "enterprise": 403, "anonymous": 401}

ROUTES = [
    Route("thirdparty:assessment_list", signed_in(200)),
    Route("thirdparty:commission", {**bureau(200, 403), "anonymous": 302}, kwargs=_submitted),
    Route(
        "thirdparty:commission",
        {**bureau(302, 403), "anonymous": 302},
        method="post",
        kwargs=_submitted,
        data=_commission_data,
    ),
    Route("thirdparty:assessment_detail", SEES_OPEN, default=NOT_VISIBLE, kwargs=_k("commissioned")),
    Route(
        "thirdparty:assessment_detail",
        SEES_DONE,
        default=NOT_VISIBLE,
        kwargs=_k("completed"),
        label="GET thirdparty:assessment_detail (completed)",
    ),
    Route("thirdparty:assessment_team", AGENCY_PAGE, default=NOT_VISIBLE, kwargs=_k("commissioned")),
    Route(
        "thirdparty:assessment_team",
        AGENCY_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("commissioned"),
        data=_team_data,
    ),
    Route(
        "thirdparty:assessment_draw",
        AGENCY_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("commissioned"),
        data=lambda w, r: {"k": 5},
    ),
    Route(
        "thirdparty:assessment_declare",
        {**bureau(403), "assessor": 200, "anonymous": 302},
        default=NOT_VISIBLE,
        kwargs=_k("team"),
    ),
    Route(
        "thirdparty:assessment_declare",
        {**bureau(403), "assessor": 302, "anonymous": 302},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("team"),
        data=lambda w, r: {"text": "本人与该矿山无利益冲突。"},
    ),
    Route("thirdparty:assessment_review", LEADER_PAGE, default=NOT_VISIBLE, kwargs=_k("review")),
    Route(
        "thirdparty:prerequisite_verify",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("review"),
        data=_first_prerequisite,
    ),
    Route(
        "thirdparty:veto_verify",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("review"),
        data=_first_veto,
    ),
    Route(
        "thirdparty:site_visit",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("verified"),
        data=_visit_data,
    ),
    Route(
        "thirdparty:site_photo",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("visited"),
        data=_photo_data,
    ),
    Route(
        "thirdparty:indicator_score",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_leaf("verified"),
        data=_score_data,
    ),
    Route(
        "thirdparty:indicator_explain",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_scored_one,
        data=lambda w, r: {"explanation": "现场与自评不符"},
    ),
    Route(
        "thirdparty:assessment_complete",
        LEADER_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("scored"),
        data=lambda w, r: {"conclusion": "达标"},
    ),
    Route("thirdparty:assessment_comparison", SEES_DONE, default=NOT_VISIBLE, kwargs=_k("completed")),
    Route(
        "thirdparty:report_download",
        SEES_DONE,
        default=NOT_VISIBLE,
        kwargs=lambda w: {"pk": matrix_fixture(w, "completed")["assessment"].pk, "fmt": "docx"},
    ),
    Route("thirdparty:agency_list", signed_in(200)),
    Route("thirdparty:agency_register", {**bureau(200, 403), "other_bureau": 200, "anonymous": 302}),
    Route("thirdparty:agency_detail", SEES_AGENCY, default=NOT_VISIBLE, kwargs=_k("agency", "profile")),
    Route("thirdparty:agency_edit", EDITS_AGENCY, default=NOT_VISIBLE, kwargs=_k("agency", "profile")),
    Route(
        "thirdparty:agency_registration",
        REGISTERS,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("agency", "profile"),
        data=lambda w, r: {"registered": "0"},
    ),
    Route("thirdparty:expert_create", EXPERT_PAGE, default=NOT_VISIBLE, kwargs=_k("agency", "profile")),
    Route(
        "thirdparty:expert_create",
        {**EXPERT_PAGE, "assessor": 302},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("agency", "profile"),
        data=_expert_data,
    ),
    Route("thirdparty:expert_edit", EXPERT_EDIT, default=NOT_VISIBLE, kwargs=_k("agency", "expert")),
    Route("thirdparty:conflict_create", CONFLICT_PAGE, default=NOT_VISIBLE, kwargs=_k("agency", "profile")),
    # API
    Route("thirdparty-agency-list", signed_in(200, anonymous=401)),
    Route("thirdparty-agency-detail", api(SEES_AGENCY), default=NOT_VISIBLE, kwargs=_k("agency", "profile")),
    Route(
        "thirdparty-agency-registration",
        api(REGISTERS, ok=200),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("agency", "profile"),
        data=lambda w, r: {"registered": False},
        content_type="application/json",
    ),
    Route("thirdparty-expert-list", signed_in(200, anonymous=401)),
    Route(
        "thirdparty-expert-list",
        {
            **api(EXPERT_PAGE),
            "assessor": 201,
            "enterprise": 403,
            "enterprise_other": 403,
            "township": 403,
            "exploration_unit": 403,
        },
        method="post",
        kwargs=lambda w: (matrix_fixture(w, "agency"), {})[1],
        data=_api_expert_data,
        content_type="application/json",
    ),
    Route(
        "thirdparty-expert-detail",
        api({**bureau(200), "assessor": 200, "other_bureau": 200}),
        default=NOT_VISIBLE,
        kwargs=_k("agency", "expert"),
    ),
    Route("thirdparty-conflict-list", signed_in(200, anonymous=401)),
    Route(
        "thirdparty-conflict-list",
        {**bureau(201, 403), "department": 403, "township": 403, "enterprise": 403, "anonymous": 401},
        default=NOT_VISIBLE,
        method="post",
        kwargs=_submitted,
        data=_api_conflict_data,
        content_type="application/json",
    ),
    Route(
        "thirdparty-conflict-detail",
        api({**bureau(200), "assessor": 200}),
        default=NOT_VISIBLE,
        kwargs=_conflict,
    ),
    Route("thirdparty-assessment-list", signed_in(200, anonymous=401)),
    Route(
        "thirdparty-assessment-list",
        API_COMMISSION,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_submitted,
        data=lambda w, r: {**_commission_data(w, r), "contract_ref": ""},
        content_type="application/json",
    ),
    Route("thirdparty-assessment-detail", api(SEES_OPEN), default=NOT_VISIBLE, kwargs=_k("commissioned")),
    Route(
        "thirdparty-assessment-team",
        api(AGENCY_POST, ok=200),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("commissioned"),
        data=_api_team_data,
        content_type="application/json",
    ),
    Route(
        "thirdparty-assessment-draw",
        api(AGENCY_POST, ok=200),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("commissioned"),
        data=lambda w, r: {"k": 5},
        content_type="application/json",
    ),
    Route(
        "thirdparty-assessment-declare",
        api({**bureau(403), "assessor": 200}),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("team"),
        data=lambda w, r: {"text": "无利益冲突"},
        content_type="application/json",
    ),
    Route(
        "thirdparty-assessment-prerequisites",
        api({**bureau(200), "assessor": 200}),
        default=NOT_VISIBLE,
        kwargs=_k("review"),
    ),
    Route(
        "thirdparty-assessment-vetoes",
        api({**bureau(200), "assessor": 200}),
        default=NOT_VISIBLE,
        kwargs=_k("review"),
    ),
    Route(
        "thirdparty-assessment-vetoes",
        api({**bureau(403), "assessor": 201}),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("review"),
        data=_api_first_veto,
        content_type="application/json",
    ),
    Route(
        "thirdparty-assessment-site-visit",
        api({**bureau(200), "assessor": 200, "department": 200, "enterprise": 200}),
        default=NOT_VISIBLE,
        kwargs=_k("completed"),
    ),
    Route(
        "thirdparty-assessment-photos",
        api({**bureau(403), "assessor": 201}),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("visited"),
        data=_photo_data,
    ),
    Route(
        "thirdparty-assessment-scores",
        api({**bureau(403), "assessor": 201}),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("verified"),
        data=_api_score_data,
        content_type="application/json",
    ),
    Route(
        "thirdparty-assessment-explain",
        api({**bureau(403), "assessor": 200}),
        default=NOT_VISIBLE,
        method="post",
        kwargs=lambda w: {"pk": _scored_one(w)["pk"]},
        data=_api_explain_data,
        content_type="application/json",
    ),
    Route(
        "thirdparty-assessment-complete",
        api({**bureau(403), "assessor": 200}),
        default=NOT_VISIBLE,
        method="post",
        kwargs=_k("scored"),
        data=lambda w, r: {"conclusion": "达标"},
        content_type="application/json",
    ),
    Route("thirdparty-assessment-comparison", api(SEES_DONE), default=NOT_VISIBLE, kwargs=_k("completed")),
    Route(
        "thirdparty-assessment-comparison-conditions",
        api(SEES_DONE),
        default=NOT_VISIBLE,
        kwargs=_k("completed"),
    ),
    Route(
        "thirdparty-assessment-report",
        api(SEES_DONE),
        default=NOT_VISIBLE,
        kwargs=_k("completed"),
        query="kind=docx",
    ),
]
