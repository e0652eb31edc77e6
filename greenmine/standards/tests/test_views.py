"""Pages and API of the standards app: the tree, the diff view, the editor, import, scoring."""

import copy
import json

import pytest
from django.conf import settings
from django.urls import reverse

from greenmine.standards import services
from greenmine.standards.bundled import DATA_DIR
from greenmine.standards.document import read_yaml
from greenmine.standards.models import StandardVersion
from greenmine.standards.tests.factories import full_answers, indicator, small_doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(client_for):  # noqa: ANN001, ANN201
    """client_for(role) with English pages (the assertions read the English msgids)."""

    def make(role: str):  # noqa: ANN202
        client = client_for(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _two_versions():  # noqa: ANN202
    v1 = services.load_standard_document(actor=None, data=small_doc())
    v2 = services.create_draft_version(actor=None, version=v1, new_version="2.0")
    doc = copy.deepcopy(v2.document)
    indicator(doc, "Q1")["points"] = 5
    indicator(doc, "Q2")["points"] = 15
    indicator(doc, "Q3")["name"] = "甲三（改）"
    doc["indicators"] = [i for i in doc["indicators"] if i["id"] != "R3"]
    doc["indicators"].append({"id": "Q5", "parent": "Q", "name": "新增项", "points": 0})
    v2 = services.update_draft(actor=None, version=v2, document=doc)
    return v1, v2


def test_detail_shows_the_indicator_tree_with_points_and_provenance(en) -> None:  # noqa: ANN001
    client = en("anonymous")
    version = services.load_standard_document(actor=None, data=read_yaml(DATA_DIR / "demo-zone.yaml"))
    page = client.get(reverse("standards:detail", args=[version.pk])).content.decode()
    assert 'id="node-Z4.1"' in page and "自然保护地内矿业权退出完成率" in page
    assert "Template — our draft on official structure" in page and "Mandatory" in page
    assert "ZV1" in page and "ZP2" in page and "退出矿业权清单" in page


def test_diff_view_shows_added_removed_and_changed_items_and_points(en, client_for) -> None:  # noqa: ANN001
    v1, v2 = _two_versions()
    page = en("bureau_staff").get(reverse("standards:compare", args=[v2.pk]), {"against": v1.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-changed="Q1"' in html and "<del>10</del> → <ins>5</ins>" in html
    assert 'data-changed="Q3"' in html and "甲三（改）" in html
    assert "Q5" in html and "新增项" in html and "Added" in html
    assert "R3" in html and "Removed" in html
    # The public cannot see the draft, so cannot compare against it.
    assert (
        client_for("anonymous")
        .get(reverse("standards:compare", args=[v1.pk]), {"against": v2.pk})
        .status_code
        == 404
    )


def test_list_filters_by_kind_and_status(client_for) -> None:  # noqa: ANN001
    services.load_standard_document(actor=None, data=small_doc())
    services.load_standard_document(actor=None, data=read_yaml(DATA_DIR / "national-2024.yaml"))
    client = client_for("bureau_viewer")
    assert "CN-GM-2024" in client.get(reverse("standards:list")).content.decode()
    drafts = client.get(reverse("standards:list"), {"status": "draft"}).content.decode()
    assert "CN-GM-2024" in drafts and "T-SMALL" not in drafts
    cities = client.get(reverse("standards:list"), {"kind": "city"}).content.decode()
    assert "T-SMALL" in cities and "CN-GM-2024" not in cities
    assert "CN-GM-2024" not in client_for("enterprise").get(reverse("standards:list")).content.decode()


def test_editor_keeps_what_was_typed_and_lists_errors_by_node_and_field(client_for) -> None:  # noqa: ANN001
    draft = services.load_standard_document(actor=None, data=small_doc(status="draft"))
    doc = small_doc(status="draft")
    indicator(doc, "Q3")["points"] = 12  # Q's children now sum to 52
    typed = json.dumps(doc, ensure_ascii=False, indent=1)
    page = client_for("bureau_admin").post(reverse("standards:edit", args=[draft.pk]), {"yaml_text": typed})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="issues"' in html
    assert "&quot;points&quot;: 12" in html  # the textarea keeps the typed text
    assert StandardVersion.objects.get(pk=draft.pk).content_hash == draft.content_hash
    bad_yaml = client_for("bureau_admin").post(
        reverse("standards:edit", args=[draft.pk]), {"yaml_text": "a: [1,"}
    )
    assert bad_yaml.status_code == 200 and "a: [1," in bad_yaml.content.decode()
    indicator(doc, "Q3")["points"] = 10
    indicator(doc, "Q3")["guidance"] = "新的说明"
    saved = client_for("bureau_admin").post(
        reverse("standards:edit", args=[draft.pk]), {"yaml_text": json.dumps(doc, ensure_ascii=False)}
    )
    assert saved.status_code == 302
    assert indicator(StandardVersion.objects.get(pk=draft.pk).document, "Q3")["guidance"] == "新的说明"


def test_publish_page_refuses_an_incomplete_frame(client_for) -> None:  # noqa: ANN001
    draft = services.load_standard_document(actor=None, data=read_yaml(DATA_DIR / "national-2020.yaml"))
    page = client_for("bureau_admin").post(reverse("standards:publish", args=[draft.pk]), {"confirm": "on"})
    assert page.status_code == 200 and 'data-testid="issues"' in page.content.decode()
    assert not StandardVersion.objects.get(pk=draft.pk).is_published


def test_import_page_yaml_upload_and_errors(client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    upload = (DATA_DIR / "green-exploration.yaml").open("rb")
    response = client.post(reverse("standards:import"), {"source": "yaml", "yaml-yaml_file": upload})
    assert response.status_code == 302
    assert StandardVersion.objects.get(standard__code="HL-GE-2024").is_published
    doc = small_doc()
    indicator(doc, "Q1")["points"] = "ten"
    typed = json.dumps(doc, ensure_ascii=False)
    page = client.post(reverse("standards:import"), {"source": "yaml", "yaml-yaml_text": typed})
    assert page.status_code == 200 and "Q1 points" in page.content.decode()
    assert "&quot;ten&quot;" in page.content.decode()


def test_api_score_answers_the_cli_json(client_for) -> None:  # noqa: ANN001
    version = services.load_standard_document(actor=None, data=small_doc())
    answers = full_answers()
    answers["items"]["Q3"] = {"defects": 2}  # 10 − 2 × 3 = 4
    answers["items"]["Q4"] = {"value": 90}  # (90 − 60) / 40 × 20 = 15
    url = reverse("standard-version-score", args=[version.pk])
    response = client_for("anonymous").post(url, answers, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["total", "max", "passed", "reasons", "nodes"]
    assert body["total"] == 89.0 and body["passed"] is True and body["reasons"] == []
    assert body["nodes"][0] == {"id": "Q", "score": 39.0, "max": 50.0}
    bad = client_for("enterprise").post(
        url, {"items": {"Q9": {"met": True}}}, content_type="application/json"
    )
    assert bad.status_code == 400 and "Q9" in json.dumps(bad.json(), ensure_ascii=False)


def test_api_diff_import_and_publish(client_for) -> None:  # noqa: ANN001
    v1, v2 = _two_versions()
    client = client_for("bureau_admin")
    body = client.get(reverse("standard-version-diff", args=[v2.pk]), {"against": v1.pk}).json()
    changed = {c["id"]: c for c in body["changed"]}
    assert changed["Q1"]["old_points"] == 10 and changed["Q1"]["new_points"] == 5
    assert [a["id"] for a in body["added"]] == ["Q5"] and [r["id"] for r in body["removed"]] == ["R3"]
    assert body["scoring_changed"] is True
    refused = client.post(
        reverse("standard-version-publish", args=[v2.pk]), {}, content_type="application/json"
    )
    assert refused.status_code == 200  # Q5 has 0 points but sums still hold: a complete draft publishes
    assert StandardVersion.objects.get(pk=v2.pk).is_published
    frame = read_yaml(DATA_DIR / "national-2024.yaml")
    created = client.post(
        reverse("standard-version-import"),
        {"document": frame, "publish": True},
        content_type="application/json",
    )
    assert created.status_code == 400 and "document" in created.json()
    created = client.post(
        reverse("standard-version-import"),
        {"yaml": (DATA_DIR / "national-2024.yaml").read_text()},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["status"] == "draft"
