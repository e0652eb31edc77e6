"""Forms of the plan and self-assessment pages. They parse input; services decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greenmine.assessments.selectors import assessable_versions
from greenmine.standards.document import Deduction, Graded, Proportional, ZeroOut

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    standard_version = forms.ModelChoiceField(label=_("Target standard"), queryset=assessable_versions())
    target_year = forms.IntegerField(label=_("Target year"), min_value=2000, max_value=2100)
    targets = forms.CharField(label=_("Targets"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    budget = forms.DecimalField(
        label=_("Budget (10k CNY)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.CharField(label=_("Responsible"), max_length=100)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    budget = forms.DecimalField(
        label=_("Budget (10k CNY)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end cannot be before the start."))
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    done = forms.BooleanField(label=_("Done"), required=False)


TaskFormSet = forms.formset_factory(TaskForm, extra=1, can_delete=True, max_num=100)
MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=1, can_delete=True, max_num=100)


def rows_of(formset: Any) -> list[dict[str, Any]]:
    """The filled, not deleted rows of a valid formset."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class CommentForm(forms.Form):
    comments = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MilestoneProgressForm(forms.Form):
    progress = forms.IntegerField(min_value=0, max_value=100)
    done = forms.BooleanField(required=False)


class StartForm(forms.Form):
    mine = forms.ModelChoiceField(label=_("Mine"), queryset=None)

    def __init__(self, *args: Any, mines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mine"].queryset = mines


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))


class AnswerError(ValueError):
    pass


def parse_answer(section: str, method: Any, raw: str) -> dict[str, Any]:
    """The answer JSON of one item from its form value ('' = not answered). A malformed number is
    an AnswerError naming the problem, so the page can say so next to the item."""
    raw = (raw or "").strip()
    if raw == "":
        return {}
    if section == "prerequisite":
        return {"holds": raw == "yes"}
    if section == "veto":
        return {"occurred": raw == "yes"}
    if isinstance(method, Graded):
        return {"level": raw}
    if isinstance(method, ZeroOut):
        return {"triggered": raw == "yes"}
    if isinstance(method, Deduction):
        if not raw.isdigit():
            raise AnswerError(_("Enter a whole number of defects (0 or more)."))
        return {"defects": int(raw)}
    if isinstance(method, Proportional):
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            raise AnswerError(_("Enter a number.")) from None
        if not value.is_finite():
            raise AnswerError(_("Enter a number."))
        return {"value": str(value)}
    return {"met": raw == "yes"}


def answer_value(section: str, method: Any, answer: dict[str, Any]) -> str:
    """The form value of a saved answer (the inverse of parse_answer)."""
    if not answer:
        return ""
    if section == "prerequisite":
        return "yes" if answer.get("holds") else "no"
    if section == "veto":
        return "yes" if answer.get("occurred") else "no"
    for key in ("level", "defects", "value"):
        if key in answer:
            return str(answer[key])
    flag = answer.get("triggered", answer.get("met"))
    return "" if flag is None else ("yes" if flag else "no")
