"""Excel template, all-or-nothing import (as a background task with progress) and export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from greenmine.core.models import AuditEvent, Organisation
from greenmine.core.testing.factories import make_uscc
from greenmine.registry import excel
from greenmine.registry.importjobs import ImportJob, ImportStatus, start_import
from greenmine.registry.models import Mine, MiningRight
from greenmine.registry.tasks import run_import
from greenmine.registry.tests.factories import (
    BOUNDARY_44_A,
    BOUNDARY_44_FAR,
    BOUNDARY_INVALID,
    make_mine,
    make_mining_right,
)

pytestmark = pytest.mark.django_db


def template_workbook(client: Client) -> Workbook:
    response = client.get(reverse("registry:excel_template"))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def as_upload(workbook: Workbook, name: str = "导入.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def fill(workbook: Workbook, sheet: str, rows: list[dict[str, Any]]) -> None:
    ws = workbook[sheet]
    headers = [str(c.value).lstrip("*") for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])


def good_rows(world: Any, workbook: Workbook, suffix: str = "") -> str:
    """A new enterprise, its mine and the mine's right; returns the mine's name."""
    township = world.orgs["township"].name
    enterprise = f"虎林示例导入矿业有限公司{suffix}"
    mine = f"导入示例采石场{suffix}"
    fill(
        workbook,
        "企业",
        [
            {
                "名称": enterprise,
                "统一社会信用代码": make_uscc(),
                "法定代表人": "张三",
                "电话": 13800000000,
                "所属乡镇": township,
            }
        ],
    )
    fill(
        workbook,
        "矿山",
        [
            {
                "矿山名称": mine,
                "采矿权人": enterprise,
                "所属乡镇": township,
                "矿种": "建筑用石料",
                "开采方式": "露天",
                "生产规模": 6,
                "状态": "在建",
            }
        ],
    )
    fill(
        workbook,
        "采矿权",
        [
            {
                "许可证号": f"C2303812026{suffix or '0'}9990001",
                "采矿权人": enterprise,
                "矿山名称": mine,
                "有效期起": "2024-01-01",
                "有效期止": "2029/12/31",
                "发证面积(km²)": 1,
                "拐点坐标": BOUNDARY_44_A,
            }
        ],
    )
    return mine


def upload(client: Client, workbook: Workbook) -> ImportJob:
    response = client.post(reverse("registry:import"), {"file": as_upload(workbook)})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    return job


def test_template_has_the_three_sheets_with_chinese_headers(client_for) -> None:  # noqa: ANN001
    workbook = template_workbook(client_for("bureau_admin"))
    assert {"企业", "矿山", "采矿权"} <= set(workbook.sheetnames)
    assert [c.value for c in workbook["采矿权"][1]][:3] == ["*许可证号", "*采矿权人", "*矿山名称"]
    assert "*统一社会信用代码" in [c.value for c in workbook["企业"][1]]
    assert workbook["矿山"].max_row == 1  # no example rows that could be imported by mistake


def test_a_good_workbook_is_imported_through_the_services(world, client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    workbook = template_workbook(client)
    mine_name = good_rows(world, workbook)
    job = upload(client, workbook)
    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    assert (job.total_rows, job.processed_rows, job.created_count, job.percent()) == (3, 3, 3, 100)
    mine = Mine.objects.get(name=mine_name)
    assert (mine.mine_kind, mine.status, mine.township) == (
        "open_pit",
        "under_construction",
        world.orgs["township"],
    )
    right = mine.rights.get()
    assert right.area_km2 is not None and right.geojson["features"]
    enterprise = Organisation.objects.get(name="虎林示例导入矿业有限公司")
    assert enterprise.phone == "13800000000" and enterprise.division_id == "230381103"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "organisation.created",
        "mine.created",
        "mining_right.created",
        "registry.import_succeeded",
    } <= actions
    page = client.get(reverse("registry:import_job", kwargs={"pk": job.pk}))
    assert page.status_code == 200 and "100 %" in page.content.decode()


def test_any_bad_row_saves_nothing_and_every_bad_row_is_reported(world, client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    workbook = template_workbook(client)
    good_rows(world, workbook)
    township = world.orgs["township"].name
    enterprise = world.orgs["enterprise"].name
    fill(
        workbook,
        "矿山",
        [
            {
                "矿山名称": "坏行矿山",
                "采矿权人": enterprise,
                "所属乡镇": township,
                "矿种": "不存在的矿",
                "开采方式": "天上",
            }
        ],
    )
    fill(
        workbook,
        "采矿权",
        [
            {
                "许可证号": "C230381202600BAD",
                "采矿权人": enterprise,
                "矿山名称": "导入示例采石场",
                "有效期起": "2024-13-01",
                "有效期止": "2029-12-31",
                "拐点坐标": BOUNDARY_INVALID,
            }
        ],
    )
    organisations_before = Organisation.objects.count()
    job = upload(client, workbook)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert Organisation.objects.count() == organisations_before
    assert not Mine.objects.exists() and not MiningRight.objects.exists()
    errors = {(e["sheet"], e["row"], e["column"]) for e in job.errors}
    assert ("矿山", 3, "矿种") in errors and ("矿山", 3, "开采方式") in errors
    assert ("采矿权", 3, "有效期起") in errors
    page = client.get(reverse("registry:import_job", kwargs={"pk": job.pk})).content.decode()
    assert (
        "不存在的矿" not in page
        and "矿种" in page
        and "nothing was saved" in page.lower()
        or "未保存" in page
    )


def test_the_boundary_errors_name_their_licence_line(world, client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    mine = make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"])
    workbook = template_workbook(client)
    fill(
        workbook,
        "采矿权",
        [
            {
                "许可证号": "C2303812026BAD0001",
                "采矿权人": world.orgs["enterprise"].uscc,
                "矿山名称": mine.name,
                "有效期起": "2024-01-01",
                "有效期止": "2029-12-31",
                "拐点坐标": BOUNDARY_INVALID,
            }
        ],
    )
    job = upload(client, workbook)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    [error] = [e for e in job.errors if e["column"] == "拐点坐标"][:1]
    assert error["row"] == 2 and "第3行" in error["message"]


def test_staff_may_import_mines_but_not_register_enterprises(world, client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_staff")
    workbook = template_workbook(client)
    good_rows(world, workbook)
    job = upload(client, workbook)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert any(e["sheet"] == "企业" and e["row"] == 2 for e in job.errors)


def test_uploads_are_checked_by_content_and_size(client_for, monkeypatch) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    fake = SimpleUploadedFile("矿山.xlsx", b"name,uscc\n")
    response = client.post(reverse("registry:import"), {"file": fake})
    assert response.status_code == 200 and not ImportJob.objects.exists()
    monkeypatch.setattr(excel, "MAX_UPLOAD_BYTES", 100)
    response = client.post(reverse("registry:import"), {"file": as_upload(Workbook())})
    assert response.status_code == 200 and not ImportJob.objects.exists()


def test_a_workbook_without_known_sheets_fails_cleanly(world) -> None:  # noqa: ANN001
    job = start_import(actor=world.users["bureau_admin"], upload=as_upload(Workbook()), language="en")
    run_import.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.errors[0]["row"] == 0


def test_progress_fragment_polls_until_the_job_is_done(world, client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    workbook = template_workbook(client)
    good_rows(world, workbook)
    job = start_import(actor=world.users["bureau_admin"], upload=as_upload(workbook), language="en")
    url = reverse("registry:import_progress", kwargs={"pk": job.pk})
    assert 'hx-trigger="every 1s"' in client.get(url).content.decode()
    job.write_progress(1, 3)
    job.status = ImportStatus.RUNNING
    assert job.percent() == 33
    run_import.enqueue(job.pk)
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in response.content.decode() and response["HX-Refresh"] == "true"
    assert "100 %" in response.content.decode()
    # Only the owner sees a job.
    assert client_for("bureau_staff").get(url).status_code == 404


def test_export_holds_what_the_user_may_see_and_reimports(world, client_for) -> None:  # noqa: ANN001
    admin = world.users["bureau_admin"]
    own = make_mine(admin, world.orgs["enterprise"], world.orgs["township"], name="自有矿山")
    make_mining_right(admin, own, boundary_text=BOUNDARY_44_A)
    other = make_mine(admin, world.orgs["enterprise_other"], world.orgs["township"], name="=他人矿山")
    make_mining_right(admin, other, boundary_text=BOUNDARY_44_FAR)

    def exported(role: str) -> Workbook:
        response = client_for(role).get(reverse("registry:export"))
        assert response.status_code == 200
        return load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    bureau = exported("bureau_admin")
    names = [row[0] for row in bureau["矿山"].iter_rows(min_row=2, values_only=True)]
    assert set(names) == {"自有矿山", "=他人矿山"}  # text, never a formula
    rights = list(bureau["采矿权"].iter_rows(min_row=2, values_only=True))
    assert len(rights) == 2 and all("*," in row[6] for row in rights)
    enterprise = exported("enterprise")
    assert [row[0] for row in enterprise["矿山"].iter_rows(min_row=2, values_only=True)] == ["自有矿山"]
    assert exported("other_bureau")["矿山"].max_row == 1
    # Importing the export again is refused row by row (duplicates), never a crash.
    job = upload(client_for("bureau_admin"), bureau)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    reported = {(e["sheet"], e["row"], e["column"]) for e in job.errors}
    assert {("企业", 2, "统一社会信用代码"), ("矿山", 2, "矿山名称"), ("矿山", 3, "矿山名称")} <= reported, (
        job.errors
    )


def test_cell_conversions() -> None:
    assert excel._date("2026年1月31日").isoformat() == "2026-01-31"
    assert excel._date("20260131").isoformat() == "2026-01-31"
    with pytest.raises(ValueError):
        excel._date("31.01.2026x")
    assert excel._choice("地下", excel.MINE_KIND_LABELS, excel.MINE_KIND_ALIASES, None) == "underground"
    assert excel._choice("闭坑", excel.MINE_STATUS_LABELS, excel.MINE_STATUS_ALIASES, None) == "closed"
    assert excel._choice("", excel.MINE_STATUS_LABELS, excel.MINE_STATUS_ALIASES, "producing") == "producing"
    assert excel._text(13800000000.0) == "13800000000"
