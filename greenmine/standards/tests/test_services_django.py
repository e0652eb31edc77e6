"""The standards services: loading, versions, immutability, publishing, the audit trail."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from greenmine.core.models import AuditEvent
from greenmine.standards import selectors, services
from greenmine.standards.bundled import DATA_DIR
from greenmine.standards.document import read_yaml
from greenmine.standards.models import Standard, StandardVersion
from greenmine.standards.tests.factories import full_answers, indicator, small_doc

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # noqa: ANN202
    with translation.override("en"):  # the assertions read the English msgids
        yield


def _load(doc, actor=None, publish=False):  # noqa: ANN001, ANN202
    return services.load_standard_document(actor=actor, data=doc, publish=publish)


def test_load_creates_standard_and_published_version_recorded_as_system() -> None:
    version = _load(small_doc())
    assert version.is_published and version.complete and version.published_by is None
    assert version.standard.code == "T-SMALL" and version.standard.title == "测试标准"
    assert version.document["status"] == "published" and len(version.content_hash) == 64
    events = list(
        AuditEvent.objects.filter(object_id=str(version.pk))
        .order_by("id")
        .values_list("action", "actor_repr")
    )
    assert events == [("standard.version_loaded", "system"), ("standard.version_published", "system")]


def test_loading_the_same_published_content_again_is_idempotent() -> None:
    first = _load(small_doc())
    count = AuditEvent.objects.count()
    again = _load(small_doc(), publish=True)
    assert again.pk == first.pk and AuditEvent.objects.count() == count


def test_loading_changed_content_under_a_published_version_is_refused() -> None:
    _load(small_doc())
    changed = small_doc(title="改过的标题")
    with pytest.raises(ValidationError, match="immutable"):
        _load(changed)
    assert Standard.objects.get().title == "测试标准"


def test_a_new_version_string_under_an_existing_code_is_a_new_version() -> None:
    _load(small_doc())
    second = _load(small_doc(version="2.0"))
    assert Standard.objects.count() == 1 and second.standard.versions.count() == 2


def test_draft_reload_replaces_its_content() -> None:
    draft = _load(small_doc(status="draft"))
    assert not draft.is_published
    reloaded = _load(small_doc(status="draft", title="新标题"))
    assert reloaded.pk == draft.pk and reloaded.document["title"] == "新标题"


def test_invalid_document_errors_name_node_and_field_and_save_nothing() -> None:
    doc = small_doc()
    indicator(doc, "Q1")["points"] = -1
    with pytest.raises(services.DocumentRejected) as caught:
        _load(doc)
    assert any(issue.node == "Q1" and issue.field == "points" for issue in caught.value.issues)
    assert not StandardVersion.objects.exists() and not Standard.objects.exists()


@pytest.mark.parametrize("name", ["national-2020.yaml", "national-2024.yaml"])
def test_incomplete_national_frames_load_as_drafts_but_cannot_be_published(name: str) -> None:
    draft = _load(read_yaml(DATA_DIR / name))
    assert not draft.is_published and not draft.complete
    with pytest.raises(services.DocumentRejected) as caught:
        services.publish_version(actor=None, version=draft)
    assert any(
        issue.field in {"points", "pass_line", "total_points", "effective_date"}
        for issue in caught.value.issues
    )
    draft.refresh_from_db()
    assert not draft.is_published


def test_loading_with_publish_refuses_an_incomplete_frame_and_saves_nothing() -> None:
    with pytest.raises(ValidationError):
        _load(read_yaml(DATA_DIR / "national-2024.yaml"), publish=True)
    assert not StandardVersion.objects.exists()


def test_new_version_is_a_draft_copy_and_update_draft_edits_it() -> None:
    v1 = _load(small_doc())
    v2 = services.create_draft_version(actor=None, version=v1, new_version="2.0")
    assert not v2.is_published and v2.document["version"] == "2.0"
    assert v2.content_hash != v1.content_hash  # the version string is content
    doc = copy.deepcopy(v2.document)
    indicator(doc, "Q1")["points"] = 5
    indicator(doc, "Q2")["points"] = 15
    services.update_draft(actor=None, version=v2, document=doc)
    v2.refresh_from_db()
    assert indicator(v2.document, "Q1")["points"] == 5
    with pytest.raises(ValidationError, match="already has a version"):
        services.create_draft_version(actor=None, version=v1, new_version="2.0")


def test_update_draft_keeps_code_and_version() -> None:
    draft = _load(small_doc(status="draft"))
    with pytest.raises(services.DocumentRejected) as caught:
        services.update_draft(actor=None, version=draft, document=small_doc(status="draft", version="9"))
    assert [(i.node, i.field) for i in caught.value.issues] == [("standard", "version")]


def test_published_version_cannot_be_changed_by_any_service_or_save() -> None:
    v1 = _load(small_doc())
    with pytest.raises(ValidationError, match="immutable"):
        services.update_draft(actor=None, version=v1, document=small_doc(title="x"))
    with pytest.raises(ValidationError, match="immutable"):
        _load(small_doc(title="x"))
    assert services.publish_version(actor=None, version=v1).document == v1.document  # a no-op
    # The model refuses too, whatever code path tries.
    v1.document = small_doc(title="x")
    v1.content_hash = services.content_hash(v1.document)
    with pytest.raises(ValidationError, match="immutable"):
        v1.save()
    stored = StandardVersion.objects.get(pk=v1.pk)
    assert stored.document["title"] == "测试标准"


def test_a_score_against_a_pinned_version_survives_a_new_published_version() -> None:
    v1 = _load(small_doc())
    answers = full_answers()
    answers["items"]["Q1"] = {"met": False}  # Q1 (10 points, mandatory) lost
    before = selectors.score_version(v1, answers)
    assert float(before.total) == 90.0 and not before.passed  # mandatory:Q1
    v2 = services.create_draft_version(actor=None, version=v1, new_version="2.0")
    doc = copy.deepcopy(v2.document)
    indicator(doc, "Q1")["points"] = 5
    indicator(doc, "Q2")["points"] = 15
    indicator(doc, "Q2")["method"]["levels"][0]["points"] = 15  # "good" now earns 15
    services.update_draft(actor=None, version=v2, document=doc)
    services.publish_version(actor=None, version=v2)
    pinned = selectors.get_version_document(v1.pk)
    after = selectors.score_standard(pinned, answers)
    assert after.to_json_dict() == before.to_json_dict()
    # The same answers under version 2 are scored differently: Q1 is worth 5 there.
    assert float(selectors.score_version(StandardVersion.objects.get(pk=v2.pk), answers).total) == 95.0


def test_scoring_refuses_drafts_and_names_bad_answers() -> None:
    draft = _load(small_doc(status="draft"))
    with pytest.raises(ValidationError, match="published"):
        selectors.score_version(draft, full_answers())
    published = services.publish_version(actor=None, version=draft)
    with pytest.raises(services.DocumentRejected) as caught:
        selectors.score_version(published, {"items": {"Q2": {"level": "excellent"}}})
    assert [(i.node, i.field) for i in caught.value.issues] == [("Q2", "level")]


def test_only_bureau_admins_manage_standards(world) -> None:  # noqa: ANN001
    for role in ["bureau_staff", "bureau_viewer", "enterprise", "department", "assessor"]:
        with pytest.raises(PermissionDenied):
            _load(small_doc(), actor=world.users[role])
    version = _load(small_doc(status="draft"), actor=world.users["bureau_admin"])
    assert version.created_by == world.users["bureau_admin"]
    with pytest.raises(PermissionDenied):
        services.publish_version(actor=world.users["bureau_staff"], version=version)
    published = services.publish_version(actor=world.users["bureau_admin"], version=version)
    assert published.published_by == world.users["bureau_admin"]
    assert AuditEvent.objects.filter(
        action="standard.version_published", actor_id=published.published_by_id
    ).exists()


def test_visibility_public_sees_published_bureau_sees_drafts(world) -> None:  # noqa: ANN001
    published = _load(small_doc())
    draft = services.create_draft_version(actor=None, version=published, new_version="2.0")
    for role, expected in [
        ("anonymous", {published.pk}),
        ("enterprise", {published.pk}),
        ("bureau_viewer", {published.pk, draft.pk}),
        ("other_bureau", {published.pk, draft.pk}),
    ]:
        user = world.users[role]
        from django.contrib.auth.models import AnonymousUser

        seen = set(selectors.visible_versions(user or AnonymousUser()).values_list("pk", flat=True))
        assert seen == expected, role


def test_demo_publishes_the_three_templates_and_keeps_the_national_frames_as_drafts(world) -> None:  # noqa: ANN001
    from greenmine.standards import demo

    for _ in range(2):  # idempotent
        loaded = demo.load({"actor": world.users["bureau_admin"]})["standard_versions"]
    status = {code: v.status for code, v in loaded.items()}
    assert status == {
        "CN-GM-2020": "draft",
        "CN-GM-2024": "draft",
        "HL-SS-2024": "published",
        "HL-GE-2024": "published",
        "HL-DZ-2024": "published",
    }
    assert StandardVersion.objects.count() == 5
