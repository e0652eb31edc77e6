"""Permission matrix of the standards pages and API routes (see greenmine.core.testing.matrix).

Published versions are public (the public may read the standards); every bureau member reads drafts;
only bureau administrators (Hulin's and the other county's: standards are programme-wide) write.
"""

import json

from greenmine.core.testing.matrix import Route, everyone
from greenmine.standards import services
from greenmine.standards.tests.factories import full_answers, small_doc

BUREAU_READERS = {"bureau_admin": 200, "bureau_staff": 200, "bureau_viewer": 200, "other_bureau": 200}
# A draft is invisible (404) outside the bureaus; bureau staff and viewers see it but may not act (403).
DRAFT_ADMIN_PAGE = {
    "bureau_admin": 200,
    "other_bureau": 200,
    "bureau_staff": 403,
    "bureau_viewer": 403,
    "anonymous": 302,
}
DRAFT_ADMIN_POST = {
    "bureau_admin": 302,
    "other_bureau": 302,
    "bureau_staff": 403,
    "bureau_viewer": 403,
    "anonymous": 302,
}
# Pages that are not about one draft: bureau admins only; everyone else signed in is refused.
ADMIN_PAGE = {"bureau_admin": 200, "other_bureau": 200, "anonymous": 302}
ADMIN_POST = {"bureau_admin": 302, "other_bureau": 302, "anonymous": 302}
NOT_VISIBLE = 404


def _published_version(w):  # noqa: ANN001, ANN202
    return services.load_standard_document(actor=w.users["bureau_admin"], data=small_doc())


def _published(w):  # noqa: ANN001, ANN202
    return {"pk": _published_version(w).pk}


def _published_standard(w):  # noqa: ANN001, ANN202
    return {"pk": _published_version(w).standard_id}


def _draft_doc() -> dict:
    return small_doc(code="T-DRAFT", status="draft")


def _draft(w):  # noqa: ANN001, ANN202
    return {"pk": services.load_standard_document(actor=w.users["bureau_admin"], data=_draft_doc()).pk}


ROUTES = [
    Route("standards:list", everyone(200)),
    Route("standards:detail", everyone(200), kwargs=_published),
    Route(
        "standards:detail",
        BUREAU_READERS,
        default=NOT_VISIBLE,
        kwargs=_draft,
        label="GET standards:detail draft",
    ),
    Route("standards:compare", everyone(200), kwargs=_published),
    Route("standards:yaml", everyone(200), kwargs=_published),
    Route("standards:import", ADMIN_PAGE),
    Route(
        "standards:import",
        ADMIN_POST,
        method="post",
        label="POST standards:import",
        data=lambda w, r: {
            "source": "yaml",
            "yaml-yaml_text": json.dumps(small_doc(code=f"T-IMPORT-{r}"), indent=1),
        },
    ),
    Route("standards:excel_template", ADMIN_PAGE),
    Route("standards:edit", DRAFT_ADMIN_PAGE, default=NOT_VISIBLE, kwargs=_draft),
    Route("standards:publish", DRAFT_ADMIN_PAGE, default=NOT_VISIBLE, kwargs=_draft),
    Route(
        "standards:publish",
        DRAFT_ADMIN_POST,
        default=NOT_VISIBLE,
        kwargs=_draft,
        method="post",
        data=lambda w, r: {"confirm": "on"},
    ),
    Route("standards:new_version", ADMIN_PAGE, kwargs=_published),
    Route(
        "standards:new_version",
        ADMIN_POST,
        kwargs=_published,
        method="post",
        data=lambda w, r: {"new_version": "2.0"},
    ),
    # API
    Route("standard-list", everyone(200)),
    Route("standard-detail", everyone(200), kwargs=_published_standard),
    Route("standard-version-list", everyone(200)),
    Route("standard-version-detail", everyone(200), kwargs=_published),
    Route(
        "standard-version-detail",
        BUREAU_READERS,
        default=NOT_VISIBLE,
        kwargs=_draft,
        label="GET standard-version-detail draft",
    ),
    Route("standard-version-diff", everyone(200), kwargs=_published),
    Route(
        "standard-version-score",
        everyone(200),
        kwargs=_published,
        method="post",
        content_type="application/json",
        data=lambda w, r: full_answers(),
    ),
    Route(
        "standard-version-import",
        {"bureau_admin": 201, "other_bureau": 201, "anonymous": 401},
        method="post",
        content_type="application/json",
        data=lambda w, r: {"document": small_doc(code=f"T-API-{r}")},
    ),
    Route(
        "standard-version-document",
        {
            "bureau_admin": 200,
            "other_bureau": 200,
            "bureau_staff": 403,
            "bureau_viewer": 403,
            "anonymous": 401,
        },
        default=NOT_VISIBLE,
        kwargs=_draft,
        method="put",
        content_type="application/json",
        data=lambda w, r: {"document": _draft_doc()},
    ),
    Route(
        "standard-version-new-version",
        {"bureau_admin": 201, "other_bureau": 201, "anonymous": 401},
        kwargs=_published,
        method="post",
        content_type="application/json",
        data=lambda w, r: {"new_version": "2.0"},
    ),
    Route(
        "standard-version-publish",
        {
            "bureau_admin": 200,
            "other_bureau": 200,
            "bureau_staff": 403,
            "bureau_viewer": 403,
            "anonymous": 401,
        },
        default=NOT_VISIBLE,
        kwargs=_draft,
        method="post",
        content_type="application/json",
        data=lambda w, r: {},
    ),
]
