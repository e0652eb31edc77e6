"""The listing services: review with department opinions, notice and objections, recommendation, the
higher level's decision, the list, removal, and the registry rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from greenmine.core.models import AuditEvent
from greenmine.listing import services
from greenmine.listing.choices import (
    ListingDecision,
    ListingStatus,
    NoticeStatus,
    ObjectionStatus,
    OpinionAnswer,
    RecommendationStatus,
    ReviewStatus,
)
from greenmine.listing.models import Objection, OpinionRequest
from greenmine.listing.receipts import ALPHABET
from greenmine.listing.tests.helpers import (
    closed,
    completed,
    department,
    listed,
    open_review,
    published_notice,
    recommended_review,
)

DOC = "虎自然资审〔2026〕2号"


@pytest.fixture(autouse=True)
def english():  # noqa: ANN201
    """Messages are checked in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


def decide(world, review, decision=ListingDecision.RECOMMEND, **extra):  # noqa: ANN001, ANN201
    data = {"reasons": "材料齐全", "document_no": DOC, **extra}
    return services.decide_review(actor=world.users["bureau_staff"], review=review, decision=decision, **data)


# --- review and opinions ---------------------------------------------------------------------------------


def test_only_a_completed_assessment_is_reviewed_by_the_bureau_of_its_division(world) -> None:  # noqa: ANN001
    from greenmine.thirdparty.tests.helpers import in_review

    assessment, _experts = in_review(world)
    with pytest.raises(ValidationError) as exc:
        services.open_review(actor=world.users["bureau_staff"], assessment=assessment)
    assert "completed" in str(exc.value)
    done = completed(world)
    for role in ("bureau_viewer", "department", "enterprise", "other_bureau"):
        with pytest.raises(PermissionDenied):
            services.open_review(actor=world.users[role], assessment=done)
    review = services.open_review(actor=world.users["bureau_staff"], assessment=done)
    assert (review.status, review.mine_id) == (ReviewStatus.OPEN, done.mine_id)
    with pytest.raises(ValidationError, match="already under review"):
        services.open_review(actor=world.users["bureau_staff"], assessment=done)
    assert AuditEvent.objects.filter(action="listing.review_opened").count() == 1


def test_opinion_deadline_defaults_to_working_days(world, settings) -> None:  # noqa: ANN001
    settings.LISTING_OPINION_WORKING_DAYS = 3
    review = open_review(world)
    opinion = services.request_opinion(
        actor=world.users["bureau_staff"], review=review, department=world.orgs["department"]
    )
    assert opinion.deadline == services.opinion_deadline(timezone.localdate())
    # Friday 2026-10-09 + 3 working days (the National Day make-up Saturday 10-10 counts) → Tuesday 10-13.
    assert services.opinion_deadline(date(2026, 10, 9)) == date(2026, 10, 13)
    with pytest.raises(ValidationError) as exc:
        services.request_opinion(
            actor=world.users["bureau_staff"], review=review, department=world.orgs["department"]
        )
    assert exc.value.message_dict == {
        "department": ["This department has already been asked on this review."]
    }
    with pytest.raises(ValidationError) as exc:
        services.request_opinion(
            actor=world.users["bureau_staff"], review=review, department=world.orgs["township"]
        )
    assert "department" in exc.value.message_dict


def test_unknown_calendar_year_names_the_year_to_enter(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.opinion_deadline(date(2031, 12, 20))
    assert "2031" in exc.value.message_dict["deadline"][0]
    review = recommended_review(world)
    with pytest.raises(ValidationError) as exc:
        published_notice(world, [review], starts_on=date(2032, 3, 1))
    assert exc.value.message_dict["starts_on"] == [
        "The 2032 holiday schedule is not known yet: enter the 2032 schedule in the working-day calendar "
        "first."
    ]


def test_department_answers_its_own_request_once(world) -> None:  # noqa: ANN001
    review = open_review(world)
    other = department(world)
    mine_req = services.request_opinion(
        actor=world.users["bureau_staff"], review=review, department=world.orgs["department"]
    )
    other_req = services.request_opinion(actor=world.users["bureau_staff"], review=review, department=other)
    dept_user = world.users["department"]
    # A department sees only the requests addressed to it.
    assert list(OpinionRequest.objects.restrict(dept_user, "view")) == [mine_req]
    assert OpinionRequest.objects.restrict(world.users["bureau_viewer"], "view").count() == 2
    assert OpinionRequest.objects.restrict(world.users["enterprise"], "view").count() == 0
    with pytest.raises(PermissionDenied):
        services.answer_opinion(actor=dept_user, request=other_req, answer=OpinionAnswer.AGREE)
    with pytest.raises(PermissionDenied):
        services.answer_opinion(
            actor=world.users["bureau_staff"], request=mine_req, answer=OpinionAnswer.AGREE
        )
    with pytest.raises(ValidationError) as exc:
        services.answer_opinion(actor=dept_user, request=mine_req, answer=OpinionAnswer.CONDITIONAL)
    assert "answer_text" in exc.value.message_dict
    services.answer_opinion(
        actor=dept_user, request=mine_req, answer=OpinionAnswer.CONDITIONAL, text="雨季前清淤"
    )
    with pytest.raises(ValidationError, match="cannot change"):
        services.answer_opinion(actor=dept_user, request=mine_req, answer=OpinionAnswer.AGREE)
    mine_req.refresh_from_db()
    assert (mine_req.answer, mine_req.answer_text) == (OpinionAnswer.CONDITIONAL, "雨季前清淤")


def test_decide_is_refused_while_opinions_are_awaited_and_names_them(world) -> None:  # noqa: ANN001
    review = open_review(world)
    today = timezone.localdate()
    services.request_opinion(
        actor=world.users["bureau_staff"], review=review, department=world.orgs["department"], deadline=today
    )
    with pytest.raises(ValidationError) as exc:
        decide(world, review)
    assert world.orgs["department"].name in exc.value.messages[0]
    assert today.isoformat() in exc.value.messages[0]
    # Past the deadline the bureau may decide without the opinion; the request is overdue, derived.
    opinion = review.opinions.get()
    assert opinion.is_overdue(today + timedelta(days=1)) and not opinion.is_overdue(today)
    assert services.missing_opinions(review, on=today + timedelta(days=1)) == []
    with pytest.raises(ValidationError) as exc:
        decide(world, review, reasons="", document_no="")
    assert set(exc.value.message_dict) == {"reasons"}


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        (ListingDecision.RECOMMEND, ReviewStatus.RECOMMENDED),
        (ListingDecision.RETURN, ReviewStatus.RETURNED),
        (ListingDecision.REJECT, ReviewStatus.REJECTED),
    ],
)
def test_decision_is_final_and_carries_reasons_and_document_number(world, decision, status) -> None:  # noqa: ANN001
    review = open_review(world)
    with pytest.raises(ValidationError) as exc:
        decide(world, review, decision, document_no=" ")
    assert exc.value.message_dict == {"document_no": ["Enter the document number (文号) of the decision."]}
    review = decide(world, review, decision)
    assert (review.status, review.document_no, review.reasons) == (status, DOC, "材料齐全")
    with pytest.raises(ValidationError, match="decided"):
        decide(world, review, ListingDecision.REJECT)


def test_a_failed_assessment_cannot_be_recommended(world) -> None:  # noqa: ANN001
    review = open_review(world, passed=False)
    with pytest.raises(ValidationError) as exc:
        decide(world, review)
    assert "did not pass" in exc.value.message_dict["decision"][0]
    assert decide(world, review, ListingDecision.REJECT).status == ReviewStatus.REJECTED


# --- notice and objections -------------------------------------------------------------------------------


def test_notice_period_in_working_days(world, settings) -> None:  # noqa: ANN001
    review = recommended_review(world)
    # Friday 2026-09-25 (Mid-Autumn) + 5 working days: 28, 29, 30 Sep, then the National Day holiday
    # (1–7 Oct), 8 Oct, 9 Oct → 2026-10-09.
    notice = published_notice(world, [review], starts_on=date(2026, 9, 25))
    assert (notice.period_days, notice.ends_on) == (5, date(2026, 10, 9))
    settings.DEFAULT_NOTICE_WORKING_DAYS = 7
    second = recommended_review(world)
    other = services.publish_notice(
        actor=world.users["bureau_staff"],
        title="公示",
        document_no="文号",
        starts_on=date(2026, 3, 6),
        reviews=[second],
        period_days=2,
    )
    assert other.ends_on == date(2026, 3, 10)
    with pytest.raises(ValidationError, match="already on a notice"):
        published_notice(world, [review])


def test_notice_refuses_unrecommended_reviews_and_non_bureau(world) -> None:  # noqa: ANN001
    review = open_review(world)
    with pytest.raises(ValidationError) as exc:
        published_notice(world, [review])
    assert "reviews" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.publish_notice(
            actor=world.users["department"],
            title="t",
            document_no="d",
            starts_on=timezone.localdate(),
            reviews=[review],
        )


def test_objection_needs_name_and_contact_and_gets_a_receipt(world) -> None:  # noqa: ANN001
    review = recommended_review(world)
    notice = published_notice(world, [review])
    with pytest.raises(ValidationError) as exc:
        services.submit_objection(notice=notice, review=review, name=" ", contact="", content="")
    assert set(exc.value.message_dict) == {"name", "contact", "content"}
    objection = services.submit_objection(
        notice=notice, review=review, name="张三", contact="13800000000", content="扬尘"
    )
    code = objection.receipt_code
    assert len(code) == 19 and code.count("-") == 3
    assert set(code.replace("-", "")) <= set(ALPHABET)
    other = services.submit_objection(notice=notice, review=review, name="李四", contact="x", content="y")
    assert other.receipt_code != code
    # The audit log keeps the objection's facts, not the objector's identity.
    event = AuditEvent.objects.get(action="listing.objection_received", object_id=str(objection.pk))
    assert "张三" not in str(event.changes) and "13800000000" not in str(event.changes)
    # Only the bureau of the division sees objections.
    assert Objection.objects.restrict(world.users["bureau_viewer"], "view").count() == 2
    for role in ("department", "enterprise", "other_bureau", "anonymous"):
        assert Objection.objects.restrict(world.users[role], "view").count() == 0


def test_objections_only_while_the_notice_runs(world) -> None:  # noqa: ANN001
    review = recommended_review(world)
    later = published_notice(world, [review], starts_on=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="not open"):
        services.submit_objection(notice=later, review=review, name="a", contact="b", content="c")


def test_bureau_answers_every_objection_once(world) -> None:  # noqa: ANN001
    review = recommended_review(world)
    notice = published_notice(world, [review])
    objection = services.submit_objection(
        notice=notice, review=review, name="张三", contact="1", content="扬尘"
    )
    with pytest.raises(PermissionDenied):
        services.answer_objection(actor=world.users["bureau_viewer"], objection=objection, answer="x")
    with pytest.raises(ValidationError) as exc:
        services.answer_objection(actor=world.users["bureau_staff"], objection=objection, answer="")
    assert "answer" in exc.value.message_dict
    services.answer_objection(actor=world.users["bureau_staff"], objection=objection, answer="已核实")
    with pytest.raises(ValidationError, match="cannot change"):
        services.answer_objection(actor=world.users["bureau_staff"], objection=objection, answer="改")
    objection.refresh_from_db()
    assert (objection.status, objection.answer) == (ObjectionStatus.ANSWERED, "已核实")


def test_notice_closes_by_the_clock_after_its_last_day_once(world) -> None:  # noqa: ANN001
    from greenmine.core.clock import tick

    review = recommended_review(world)
    notice = published_notice(world, [review], starts_on=date(2026, 3, 2))  # ends Monday 2026-03-09
    assert notice.ends_on == date(2026, 3, 9)
    at = timezone.make_aware(timezone.datetime(2026, 3, 9, 9, 0))
    [outcome] = [o for o in tick(at, only="listing.close_notices")]
    assert outcome.result == "0 closed"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED
    outcome = tick(at + timedelta(days=1), only="listing.close_notices")[0]
    assert outcome.result == "1 closed"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED
    assert services.close_notice(notice=notice, on=date(2026, 3, 20)) is None  # idempotent
    assert AuditEvent.objects.filter(action="listing.notice_closed").count() == 1


# --- recommendation, decision, list ----------------------------------------------------------------------


def test_no_recommendation_upward_before_the_notice_closes_or_with_an_objection_unanswered(world) -> None:  # noqa: ANN001
    review = recommended_review(world)
    notice = published_notice(world, [review])
    objection = services.submit_objection(
        notice=notice, review=review, name="张三", contact="1", content="扬尘"
    )
    kwargs = {
        "level": "provincial",
        "recommended_on": notice.ends_on + timedelta(days=2),
        "document_no": "文号",
    }
    with pytest.raises(ValidationError, match="recommend once it has closed"):
        services.recommend_upward(actor=world.users["bureau_staff"], review=review, **kwargs)
    closed(notice)
    with pytest.raises(ValidationError, match="1 objection"):
        services.recommend_upward(actor=world.users["bureau_staff"], review=review, **kwargs)
    services.answer_objection(actor=world.users["bureau_staff"], objection=objection, answer="已核实")
    recommendation = services.recommend_upward(actor=world.users["bureau_staff"], review=review, **kwargs)
    assert recommendation.status == RecommendationStatus.PENDING
    with pytest.raises(ValidationError, match="already awaits"):
        services.recommend_upward(actor=world.users["bureau_staff"], review=review, **kwargs)


def test_listed_decision_creates_listing_and_sets_green_status(world) -> None:  # noqa: ANN001
    listing = listed(world)
    mine = listing.mine
    mine.refresh_from_db()
    assert (listing.level, listing.status, mine.green_status) == (
        "provincial",
        ListingStatus.ACTIVE,
        "provincial",
    )
    assert listing.document_no == "黑自然资公告〔2026〕3号"
    recommendation = listing.recommendation
    with pytest.raises(ValidationError, match="cannot change"):
        services.record_decision(
            actor=world.users["bureau_staff"],
            recommendation=recommendation,
            listed=False,
            decided_on=recommendation.decided_on,
            document_no="x",
        )
    assert AuditEvent.objects.filter(action="mine.green_status_changed", object_id=str(mine.pk)).exists()


def test_not_listed_decision_leaves_the_mine_unlisted(world) -> None:  # noqa: ANN001
    review = recommended_review(world)
    notice = closed(published_notice(world, [review]))
    rec = services.recommend_upward(
        actor=world.users["bureau_staff"],
        review=review,
        level="national",
        recommended_on=notice.ends_on + timedelta(days=1),
        document_no="虎自然资发〔2026〕9号",
    )
    with pytest.raises(ValidationError) as exc:
        services.record_decision(
            actor=world.users["bureau_staff"],
            recommendation=rec,
            listed=False,
            decided_on=rec.recommended_on - timedelta(days=1),
            document_no="x",
        )
    assert "decided_on" in exc.value.message_dict
    services.record_decision(
        actor=world.users["bureau_staff"],
        recommendation=rec,
        listed=False,
        decided_on=rec.recommended_on + timedelta(days=5),
        document_no="自然资公告〔2026〕1号",
    )
    rec.refresh_from_db()
    review.mine.refresh_from_db()
    assert (rec.status, rec.listings.count(), review.mine.green_status) == ("not_listed", 0, "not_started")


def test_manual_removal_with_reasons_and_document_number(world) -> None:  # noqa: ANN001
    listing = listed(world)
    with pytest.raises(PermissionDenied):
        services.remove_listing(
            actor=world.users["department"], listing=listing, reasons="x", document_no="y"
        )
    with pytest.raises(ValidationError) as exc:
        services.remove_listing(
            actor=world.users["bureau_staff"], listing=listing, reasons="", document_no=""
        )
    assert "reasons" in exc.value.message_dict
    services.remove_listing(
        actor=world.users["bureau_staff"],
        listing=listing,
        reasons="发生重大安全事故",
        document_no="黑自然资公告〔2026〕9号",
    )
    listing.refresh_from_db()
    listing.mine.refresh_from_db()
    assert (listing.status, listing.mine.green_status) == (ListingStatus.REMOVED, "removed")
    with pytest.raises(ValidationError, match="already been removed"):
        services.remove_listing(
            actor=world.users["bureau_staff"], listing=listing, reasons="x", document_no="y"
        )


def test_a_manual_mine_edit_can_no_longer_set_or_clear_a_listed_or_removed_status(world) -> None:  # noqa: ANN001
    from greenmine.registry import services as registry_services

    listing = listed(world)
    mine = listing.mine
    mine.refresh_from_db()
    admin = world.users["bureau_admin"]
    for value in ("building", "not_started", "removed", "national"):
        with pytest.raises(ValidationError) as exc:
            registry_services.update_mine(actor=admin, mine=mine, green_status=value)
        assert exc.value.message_dict["green_status"] == [
            "Only the green-mine list sets or clears a listed or removed status."
        ]
    registry_services.update_mine(actor=admin, mine=mine, notes="备注", green_status="provincial")
    from greenmine.registry.tests.factories import make_mine

    fresh = make_mine(admin, world.orgs["enterprise"], world.orgs["township"])
    with pytest.raises(ValidationError):
        registry_services.update_mine(actor=admin, mine=fresh, green_status="provincial")
    assert (
        registry_services.update_mine(actor=admin, mine=fresh, green_status="building").green_status
        == "building"
    )
