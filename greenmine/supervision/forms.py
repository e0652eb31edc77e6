"""Forms of the supervision pages. They parse input only; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation, User
from greenmine.core.permissions import VIEW
from greenmine.registry.models import Mine
from greenmine.supervision.choices import DrawEligibility, SpotCheckResult
from greenmine.supervision.models import Inspector


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more uploaded files (each becomes an EvidenceFile through `store_evidence`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _avoid_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Enterprises to avoid (回避)"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Never drawn to inspect these enterprises' mines."),
    )


def _enterprises(actor: Any) -> Any:
    return (
        Organisation.objects.restrict(actor, VIEW).filter(kind=OrganisationKind.ENTERPRISE).order_by("name")
    )


class InspectorForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none())
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    certificate_no = forms.CharField(label=_("Law-enforcement certificate no."), max_length=40)
    disciplines = forms.CharField(label=_("Disciplines"), max_length=200, required=False)
    avoid_enterprises = _avoid_field()

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["avoid_enterprises"].queryset = _enterprises(actor)
        orgs = Organisation.objects.restrict(actor, VIEW).filter(
            kind__in=[OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT], is_active=True
        )
        self.fields["organisation"].queryset = orgs
        self.fields["user"].queryset = (
            User.objects.filter(memberships__organisation__in=orgs, is_active=True, inspector__isnull=True)
            .distinct()
            .order_by("username")
        )


class InspectorEditForm(forms.Form):
    certificate_no = forms.CharField(label=_("Law-enforcement certificate no."), max_length=40)
    disciplines = forms.CharField(label=_("Disciplines"), max_length=200, required=False)
    active = forms.BooleanField(label=_("Active (in the pool)"), required=False)
    avoid_enterprises = _avoid_field()

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["avoid_enterprises"].queryset = _enterprises(actor)


class DrawForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    eligibility = forms.ChoiceField(
        label=_("Eligible mines"), choices=DrawEligibility.choices, initial=DrawEligibility.LISTED
    )
    sample_count = forms.IntegerField(
        label=_("Number of mines"), min_value=1, required=False, help_text=_("Give the number or the ratio.")
    )
    sample_ratio = forms.DecimalField(
        label=_("Ratio of mines (%)"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    inspectors_per_mine = forms.IntegerField(label=_("Inspectors per mine"), min_value=1, initial=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class SpotCheckOrderForm(forms.Form):
    """The bureau orders a check of one mine outside a draw."""

    mine = forms.ModelChoiceField(label=_("Mine"), queryset=Mine.objects.none())
    inspectors = forms.ModelMultipleChoiceField(label=_("Inspectors"), queryset=Inspector.objects.none())

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mine"].queryset = Mine.objects.restrict(actor, "change").order_by("name")
        self.fields["inspectors"].queryset = (
            Inspector.objects.restrict(actor, VIEW).filter(active=True).select_related("user")
        )


class RecordForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            ("", "---------"),
            (SpotCheckResult.PASSED, SpotCheckResult.PASSED.label),
            (SpotCheckResult.FAILED, SpotCheckResult.FAILED.label),
        ],
    )
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    requirement = forms.CharField(
        label=_("Rectification requirement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For a failed check; the findings when left empty."),
    )
    files = MultipleFileField(label=_("Evidence (photos, records)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].initial = timezone.localdate()


class OrderForm(forms.Form):
    mine = forms.ModelChoiceField(label=_("Mine"), queryset=Mine.objects.none())
    requirement = forms.CharField(label=_("Requirement"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(
        label=pgettext_lazy("rectification", "Deadline"),
        widget=DATE,
        required=False,
        help_text=_("Six months from today when left empty."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mine"].queryset = Mine.objects.restrict(actor, "change").order_by("name")


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("Evidence (photos, documents)"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", "---------"), ("accept", _("Accept")), ("reject", _("Reject / return"))],
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @property
    def accepted(self) -> bool:
        return self.cleaned_data.get("decision") == "accept"


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Self-check report"), widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(label=_("Evidence (photos, documents)"))
