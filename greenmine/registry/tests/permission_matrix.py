"""Permission matrix of the registry's record pages and API (see greenmine.core.testing.matrix).

Fixture: a mine of world.orgs["enterprise"] in world.orgs["township"] (虎头镇 230381103) with one mining
right, and an exploration right held by the same enterprise. The other enterprise, the exploration unit,
the assessor and Mishan's bureau must not even learn these records exist (404).
"""

from datetime import date

from greenmine.core.testing.matrix import Route, everyone, signed_in
from greenmine.registry.tests.factories import (
    BOUNDARY_44_A,
    BOUNDARY_44_FAR,
    make_exploration_right,
    make_mine,
    make_mining_right,
)

NOT_VISIBLE = 404
# Seeing the enterprise's records: Hulin's government (its division), the township, the enterprise itself.
SEES_RECORD = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 200,
    "department": 200,
    "township": 200,
    "enterprise": 200,
    "anonymous": 302,
}
# Changing them: Hulin's bureau staff and admins; the others who see the record are refused (403).
CHANGES_RECORD = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 403,
    "department": 403,
    "township": 403,
    "enterprise": 403,
    "anonymous": 302,
}
CHANGES_RECORD_POST = {**CHANGES_RECORD, "bureau_admin": 302, "bureau_staff": 302}
# Creating: any bureau's writers get the form (Mishan's bureau only sees its own division's choices).
CREATES = {"bureau_admin": 200, "bureau_staff": 200, "other_bureau": 200, "anonymous": 302}
# A valid POST: Hulin's writers are redirected to the new record; Mishan's bureau gets the form back
# (Hulin's township/mine is not among its choices).
CREATES_POST = {"bureau_admin": 302, "bureau_staff": 302, "other_bureau": 200, "anonymous": 302}


def _mine(w):  # noqa: ANN001, ANN202
    return make_mine(w.users["bureau_admin"], w.orgs["enterprise"], w.orgs["township"])


def _mine_pk(w):  # noqa: ANN001, ANN202
    return {"pk": _mine(w).pk}


def _right_pk(w):  # noqa: ANN001, ANN202
    return {"pk": make_mining_right(w.users["bureau_admin"], _mine(w), BOUNDARY_44_A).pk}


def _exploration_pk(w):  # noqa: ANN001, ANN202
    right = make_exploration_right(w.users["bureau_admin"], w.orgs["enterprise"], w.orgs["township"])
    return {"pk": right.pk}


def _mine_data(w, role):  # noqa: ANN001, ANN202
    return {
        "name": f"矩阵示例矿山{role}",
        "enterprise": w.orgs["enterprise"].pk,
        "township": w.orgs["township"].pk,
        "mineral": "building_stone",
        "mine_kind": "open_pit",
        "production_scale": "6",
        "status": "producing",
        "green_status": "not_started",
    }


def _right_data(w, role):  # noqa: ANN001, ANN202
    return {
        "mine": _mine(w).pk,
        "licence_no": f"C230381MATRIX{role}",
        "valid_from": "2024-01-01",
        "valid_until": "2030-01-01",
        "status": "valid",
        "boundary_text": BOUNDARY_44_FAR,
    }


def _right_edit_data(w, role):  # noqa: ANN001, ANN202
    data = _right_data(w, role)
    data.pop("mine")
    return data


def _exploration_data(w, role):  # noqa: ANN001, ANN202
    return {
        "licence_no": f"T230381MATRIX{role}",
        "project_name": "矩阵示例勘查",
        "holder": w.orgs["enterprise"].pk,
        "township": w.orgs["township"].pk,
        "mineral": "graphite",
        "stage": "preliminary",
        "valid_from": "2025-01-01",
        "valid_until": "2028-01-01",
        "status": "valid",
        "boundary_text": BOUNDARY_44_FAR,
    }


def _project_data(w, role):  # noqa: ANN001, ANN202
    return {
        "name": "矩阵示例勘查工作",
        "exploration_unit": w.orgs["exploration_unit"].pk,
        "stage": "preliminary",
        "starts_on": date(2026, 1, 1).isoformat(),
        "ends_on": date(2026, 12, 31).isoformat(),
        "methods": "无人机物探",
    }


PROFILE_OF_ENTERPRISE = {
    "bureau_admin": 200,
    "bureau_staff": 200,
    "bureau_viewer": 403,
    "department": 403,
    "enterprise": 200,
    "anonymous": 302,
}
PROFILE_OF_TOWNSHIP = {**PROFILE_OF_ENTERPRISE, "enterprise": NOT_VISIBLE, "township": 200}

ROUTES = [
    # Visitors see the listed green mines only (Mine.scope.published): the list answers everyone.
    Route("registry:mine_list", everyone(200)),
    Route("registry:mine_create", CREATES),
    Route("registry:mine_create", CREATES_POST, method="post", data=_mine_data),
    Route(
        "registry:mine_detail",
        {**SEES_RECORD, "anonymous": NOT_VISIBLE},  # public page: an unlisted mine does not exist
        default=NOT_VISIBLE,
        kwargs=_mine_pk,
    ),
    Route("registry:mine_edit", CHANGES_RECORD, default=NOT_VISIBLE, kwargs=_mine_pk),
    Route(
        "registry:mine_edit",
        CHANGES_RECORD_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_mine_pk,
        data=_mine_data,
    ),
    Route("registry:right_list", signed_in(200)),
    Route("registry:right_create", CREATES),
    Route("registry:right_create", CREATES_POST, method="post", data=_right_data),
    Route("registry:right_detail", SEES_RECORD, default=NOT_VISIBLE, kwargs=_right_pk),
    Route("registry:right_edit", CHANGES_RECORD, default=NOT_VISIBLE, kwargs=_right_pk),
    Route(
        "registry:right_edit",
        CHANGES_RECORD_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_right_pk,
        data=_right_edit_data,
    ),
    Route("registry:right_geojson", SEES_RECORD, default=NOT_VISIBLE, kwargs=_right_pk),
    Route("registry:right_licence_text", SEES_RECORD, default=NOT_VISIBLE, kwargs=_right_pk),
    Route(
        "registry:boundary_check",
        signed_in(200),
        method="post",
        data=lambda w, r: {"boundary_text": BOUNDARY_44_A},
    ),
    Route("registry:exploration_list", signed_in(200)),
    Route("registry:exploration_create", CREATES),
    Route("registry:exploration_create", CREATES_POST, method="post", data=_exploration_data),
    Route("registry:exploration_detail", SEES_RECORD, default=NOT_VISIBLE, kwargs=_exploration_pk),
    Route("registry:exploration_edit", CHANGES_RECORD, default=NOT_VISIBLE, kwargs=_exploration_pk),
    Route(
        "registry:exploration_edit",
        CHANGES_RECORD_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_exploration_pk,
        data=_exploration_data,
    ),
    Route("registry:project_create", CHANGES_RECORD, default=NOT_VISIBLE, kwargs=_exploration_pk),
    Route(
        "registry:project_create",
        CHANGES_RECORD_POST,
        default=NOT_VISIBLE,
        method="post",
        kwargs=_exploration_pk,
        data=_project_data,
    ),
    Route(
        "registry:enterprise_profile_edit",
        PROFILE_OF_ENTERPRISE,
        default=NOT_VISIBLE,
        kwargs=lambda w: {"pk": w.orgs["enterprise"].pk},
    ),
    Route(
        "registry:enterprise_profile_edit",
        {**PROFILE_OF_ENTERPRISE, "bureau_admin": 302, "bureau_staff": 302, "enterprise": 302},
        default=NOT_VISIBLE,
        method="post",
        kwargs=lambda w: {"pk": w.orgs["enterprise"].pk},
        data=lambda w, r: {"employees": "40", "safety_licence_no": "AQ-2026-01"},
    ),
    Route(
        "registry:township_profile_edit",
        PROFILE_OF_TOWNSHIP,
        default=NOT_VISIBLE,
        kwargs=lambda w: {"pk": w.orgs["township"].pk},
    ),
    Route(
        "registry:township_profile_edit",
        {**PROFILE_OF_TOWNSHIP, "bureau_admin": 302, "bureau_staff": 302, "township": 302},
        default=NOT_VISIBLE,
        method="post",
        kwargs=lambda w: {"pk": w.orgs["township"].pk},
        data=lambda w, r: {"head": "示例镇长"},
    ),
    Route("registry:coords_check", signed_in(200)),
    Route(
        "registry:coords_check",
        signed_in(200),
        method="post",
        data=lambda w, r: {"boundary_text": BOUNDARY_44_A},
    ),
]


# --- API ------------------------------------------------------------------------------------------------


def _project_pk(w):  # noqa: ANN001, ANN202
    from greenmine.registry.tests.factories import make_exploration_project

    right = make_exploration_right(w.users["bureau_admin"], w.orgs["enterprise"], w.orgs["township"])
    return {"pk": make_exploration_project(w.users["bureau_admin"], right, w.orgs["exploration_unit"]).pk}


def _profile_pk(w):  # noqa: ANN001, ANN202
    from greenmine.registry.services import update_enterprise_profile

    profile = update_enterprise_profile(
        actor=w.users["bureau_admin"], organisation=w.orgs["enterprise"], employees=12
    )
    return {"pk": profile.pk}


def _api_project_data(w, role):  # noqa: ANN001, ANN202
    right = make_exploration_right(w.users["bureau_admin"], w.orgs["enterprise"], w.orgs["township"])
    return {**_project_data(w, role), "right": right.pk, "methods": ["无人机物探"]}


API_SEES_RECORD = {**SEES_RECORD, "anonymous": 401}
API_CHANGES = {**CHANGES_RECORD, "anonymous": 401}
# Creating through the API: Hulin's writers 201; Mishan's bureau passes the writer check but names records it
# cannot see (400); everyone else is refused before validation (403).
API_CREATES = {"bureau_admin": 201, "bureau_staff": 201, "other_bureau": 400, "anonymous": 401}
JSON = "application/json"

ROUTES += [
    Route("registry-mine-list", everyone(200)),  # visitors: listed mines only
    Route(
        "registry-mine-list",
        API_CREATES,
        method="post",
        content_type=JSON,
        data=_mine_data,
        label="POST registry-mine-list",
    ),
    Route(
        "registry-mine-detail",
        {**SEES_RECORD, "anonymous": NOT_VISIBLE},
        default=NOT_VISIBLE,
        kwargs=_mine_pk,
    ),
    Route(
        "registry-mine-detail",
        API_CHANGES,
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_mine_pk,
        content_type=JSON,
        data=lambda w, r: {"production_scale": "12"},
        label="PATCH registry-mine-detail",
    ),
    Route("registry-mining-right-list", signed_in(200, anonymous=401)),
    Route(
        "registry-mining-right-list",
        API_CREATES,
        method="post",
        content_type=JSON,
        data=_right_data,
        label="POST registry-mining-right-list",
    ),
    Route("registry-mining-right-detail", API_SEES_RECORD, default=NOT_VISIBLE, kwargs=_right_pk),
    Route(
        "registry-mining-right-detail",
        API_CHANGES,
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_right_pk,
        content_type=JSON,
        data=lambda w, r: {"boundary_text": BOUNDARY_44_FAR},
        label="PATCH registry-mining-right-detail",
    ),
    Route("registry-exploration-right-list", signed_in(200, anonymous=401)),
    Route(
        "registry-exploration-right-list",
        API_CREATES,
        method="post",
        content_type=JSON,
        data=_exploration_data,
        label="POST registry-exploration-right-list",
    ),
    Route("registry-exploration-right-detail", API_SEES_RECORD, default=NOT_VISIBLE, kwargs=_exploration_pk),
    Route(
        "registry-exploration-right-detail",
        API_CHANGES,
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_exploration_pk,
        content_type=JSON,
        data=lambda w, r: {"stage": "general"},
        label="PATCH registry-exploration-right-detail",
    ),
    Route("registry-exploration-project-list", signed_in(200, anonymous=401)),
    Route(
        "registry-exploration-project-list",
        API_CREATES,
        method="post",
        content_type=JSON,
        data=_api_project_data,
        label="POST registry-exploration-project-list",
    ),
    # The unit doing the work sees its project (as owner) but not the enterprise's right itself.
    Route(
        "registry-exploration-project-detail",
        {**API_SEES_RECORD, "exploration_unit": 200},
        default=NOT_VISIBLE,
        kwargs=_project_pk,
    ),
    Route(
        "registry-exploration-project-detail",
        {**API_CHANGES, "exploration_unit": 403},
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_project_pk,
        content_type=JSON,
        data=lambda w, r: {"methods": ["以钻代槽"]},
        label="PATCH registry-exploration-project-detail",
    ),
    Route("registry-enterprise-profile-list", signed_in(200, anonymous=401)),
    Route(
        "registry-enterprise-profile-list",
        # The bureau and the enterprise itself complete the profile; the department sees but may not change
        # it (403); who cannot see the enterprise is told it does not exist (400 on the field).
        {
            "bureau_admin": 201,
            "bureau_staff": 201,
            "enterprise": 201,
            "bureau_viewer": 403,
            "department": 403,
            "anonymous": 401,
        },
        default=400,
        method="post",
        content_type=JSON,
        data=lambda w, r: {"organisation": w.orgs["enterprise"].pk, "employees": 30},
        label="POST registry-enterprise-profile-list",
    ),
    Route(
        "registry-enterprise-profile-detail",
        {**API_SEES_RECORD, "township": NOT_VISIBLE},
        default=NOT_VISIBLE,
        kwargs=_profile_pk,
    ),
    Route(
        "registry-enterprise-profile-detail",
        {**API_CHANGES, "township": NOT_VISIBLE, "enterprise": 200},
        default=NOT_VISIBLE,
        method="patch",
        kwargs=_profile_pk,
        content_type=JSON,
        data=lambda w, r: {"employees": 31},
        label="PATCH registry-enterprise-profile-detail",
    ),
    Route(
        "registry-coords-check",
        signed_in(200, anonymous=401),
        method="post",
        content_type=JSON,
        data=lambda w, r: {"text": BOUNDARY_44_A, "zone": None},
    ),
]
