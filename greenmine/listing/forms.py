"""Forms of the green-mine list pages. They parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from greenmine.listing.choices import ListingDecision, ListLevel, OpinionAnswer

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class AssessmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        score = f" · {obj.total_score}" if obj.total_score is not None else ""
        return f"{obj.mine.name} · #{obj.pk}{score}"


class OpenReviewForm(forms.Form):
    assessment = AssessmentChoice(label=_("Completed third-party assessment"), queryset=None)

    def __init__(self, *args: Any, assessments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = assessments


class OpinionRequestForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=None)
    deadline = forms.DateField(
        label=_("Answer by"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for the default number of working days."),
    )
    question = forms.CharField(label=_("What the opinion is asked on"), widget=TEXT, required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class OpinionAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Opinion"), choices=OpinionAnswer.choices, widget=forms.RadioSelect)
    answer_text = forms.CharField(label=_("Opinion text"), widget=TEXT, required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Review decision"), choices=ListingDecision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("Reasons for the decision"), widget=TEXT)
    document_no = forms.CharField(label=_("Document number (文号)"), max_length=100)


class ReviewChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.mine.name}（{obj.document_no}）"


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Notice title"), max_length=200)
    document_no = forms.CharField(label=_("Document number (文号)"), max_length=100)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    period_days = forms.IntegerField(
        label=_("Period (working days)"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=_("The end date is counted in working days (statutory holidays and make-up days)."),
    )
    body = forms.CharField(label=_("Text of the notice"), widget=TEXT, required=False)
    reviews = ReviewChoices(label=_("Recommended mines"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviews"].queryset = candidates
        self.fields["period_days"].initial = settings.DEFAULT_NOTICE_WORKING_DAYS


class MineOnNotice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.mine.name


class ObjectionForm(forms.Form):
    review = MineOnNotice(label=_("Mine objected to"), queryset=None)
    name = forms.CharField(label=_("Your name"), max_length=100, help_text=_("Required; never published."))
    contact = forms.CharField(
        label=_("Telephone or address"), max_length=200, help_text=_("Required; never published.")
    )
    content = forms.CharField(
        label=_("Objection and the facts behind it"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, reviews: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = reviews


class FollowForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=40)


class AnswerObjectionForm(forms.Form):
    answer = forms.CharField(label=_("The bureau's answer"), widget=forms.Textarea(attrs={"rows": 4}))


class RecommendForm(forms.Form):
    level = forms.ChoiceField(label=_("Recommended to"), choices=ListLevel.choices)
    recommended_on = forms.DateField(label=_("Recommended on"), widget=DATE)
    document_no = forms.CharField(label=_("Document number (文号)"), max_length=100)


class HigherDecisionForm(forms.Form):
    listed = forms.TypedChoiceField(
        label=_("The higher level's decision"),
        choices=[("yes", _("Listed")), ("no", _("Not listed"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    level = forms.ChoiceField(label=_("Decided by"), choices=ListLevel.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    document_no = forms.CharField(label=_("Document number (文号)"), max_length=100)
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)


class RemoveForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for removal"), widget=TEXT)
    document_no = forms.CharField(label=_("Document number (文号)"), max_length=100)
    removed_on = forms.DateField(label=_("Removed on"), widget=DATE, required=False)


class ExistingListingForm(forms.Form):
    """A listing decided before this system: the mine (one the bureau may change), the list, the date
    and the announcement's document number."""

    mine = forms.ModelChoiceField(label=_("Mine"), queryset=None)
    level = forms.ChoiceField(label=_("List"), choices=ListLevel.choices)
    listed_on = forms.DateField(label=_("Listed on"), widget=DATE)
    document_no = forms.CharField(label=_("Document number (文号)"), max_length=100)

    def __init__(self, *args: Any, mines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mine"].queryset = mines
