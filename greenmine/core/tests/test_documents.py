"""The document cache: built once per content, rebuilt when the content changes, bounded in memory."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from greenmine.core import documents


@dataclass
class Data:
    name: str
    total: Decimal
    day: date


@pytest.fixture(autouse=True)
def empty_cache():  # noqa: ANN201
    documents.clear()
    yield
    documents.clear()


def test_the_same_content_is_built_once_and_changed_content_again() -> None:
    calls = []

    def build(data: Data) -> bytes:
        calls.append(data.name)
        return f"{data.name}:{data.total}".encode()

    first = Data("虎头示例石墨矿", Decimal("81.5"), date(2026, 11, 29))
    assert documents.cached_document("report.pdf", first, build) == "虎头示例石墨矿:81.5".encode()
    assert documents.cached_document("report.pdf", Data(first.name, Decimal("81.5"), first.day), build)
    assert calls == ["虎头示例石墨矿"]
    documents.cached_document("report.pdf", Data(first.name, Decimal("82"), first.day), build)
    documents.cached_document("report.docx", first, build)
    assert calls == ["虎头示例石墨矿", "虎头示例石墨矿", "虎头示例石墨矿"]


def test_the_least_recently_used_documents_leave_first(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(documents, "MAX_BYTES", 40)
    built = []

    def build(n: int) -> bytes:
        built.append(n)
        return bytes(10)

    for n in range(4):
        documents.cached_document("k", n, build)
    documents.cached_document("k", 0, build)  # touch 0: 1 is now the oldest
    documents.cached_document("k", 4, build)  # over budget: 1 leaves
    documents.cached_document("k", 0, build)
    documents.cached_document("k", 1, build)
    assert built == [0, 1, 2, 3, 4, 1]


def test_a_document_larger_than_a_quarter_of_the_budget_is_not_kept(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(documents, "MAX_BYTES", 40)
    built = []
    documents.cached_document("k", "big", lambda d: built.append(d) or bytes(20))
    documents.cached_document("k", "big", lambda d: built.append(d) or bytes(20))
    assert built == ["big", "big"]
