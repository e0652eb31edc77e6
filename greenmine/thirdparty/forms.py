"""Forms of the thirdparty pages. They parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from greenmine.thirdparty.choices import ConflictKind, Discipline, ExpertTitle

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class ProfileForm(forms.Form):
    qualifications = forms.CharField(label=_("Qualifications"), widget=TEXT, required=False)
    staff_count = forms.IntegerField(label=_("Professional staff"), min_value=0, initial=0)
    experience = forms.CharField(label=_("Green-mine assessment experience"), widget=TEXT, required=False)


class RegisterForm(ProfileForm):
    organisation = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    registered = forms.BooleanField(label=_("Registered for commissioning"), required=False, initial=True)
    field_order = ["organisation", "qualifications", "staff_count", "experience", "registered"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ExpertForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    title = forms.ChoiceField(label=pgettext_lazy("professional", "Title"), choices=ExpertTitle.choices)
    disciplines = forms.MultipleChoiceField(
        label=_("Disciplines"),
        choices=Discipline.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    full_time = forms.BooleanField(label=_("Full-time staff of the agency"), required=False, initial=True)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    user = forms.ModelChoiceField(
        label=_("User account"),
        queryset=None,
        required=False,
        help_text=_("The expert's own account in the agency, with which they declare no conflict."),
    )
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class ConflictForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Expert"), queryset=None, required=False, help_text=_("Empty: the agency as a whole.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ConflictKind.choices)
    mine = forms.ModelChoiceField(label=_("Mine"), queryset=None, required=False)
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=None, required=False)
    start_date = forms.DateField(label=_("From"), widget=DATE, required=False)
    end_date = forms.DateField(label=_("To"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), widget=TEXT, required=False)

    def __init__(self, *args: Any, experts: Any, mines: Any, enterprises: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts
        self.fields["mine"].queryset = mines
        self.fields["enterprise"].queryset = enterprises


class CommissionForm(forms.Form):
    self_assessment = forms.ModelChoiceField(label=_("Self-assessment"), queryset=None)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    assessment_date = forms.DateField(label=_("Assessment date"), widget=DATE)
    contract_ref = forms.CharField(label=_("Contract number"), max_length=60, required=False)

    def __init__(self, *args: Any, self_assessments: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["self_assessment"].queryset = self_assessments
        self.fields["agency"].queryset = agencies


class TeamForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    leader = forms.ModelChoiceField(label=_("Team leader"), queryset=None, required=False)

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = experts
        self.fields["leader"].queryset = experts


class DrawForm(forms.Form):
    k = forms.IntegerField(label=_("Number to draw"), min_value=1, max_value=50)


class DeclarationForm(forms.Form):
    text = forms.CharField(label=_("Declaration"), widget=forms.Textarea(attrs={"rows": 4}))


class PrerequisiteForm(forms.Form):
    indicator_id = forms.CharField(widget=forms.HiddenInput)
    holds = forms.TypedChoiceField(
        label=_("Holds"),
        choices=[("yes", _("Holds")), ("no", _("Does not hold"))],
        coerce=lambda v: v == "yes",
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class VetoForm(forms.Form):
    indicator_id = forms.CharField(widget=forms.HiddenInput)
    occurred = forms.TypedChoiceField(
        label=_("Occurred"),
        choices=[("no", _("Did not occur")), ("yes", _("Occurred"))],
        coerce=lambda v: v == "yes",
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SiteVisitForm(forms.Form):
    visit_date = forms.DateField(label=_("Visit date"), widget=DATE)
    attendees = forms.CharField(label=_("Attendees"), widget=TEXT)
    commitment_letter = forms.FileField(
        label=_("Signed commitment letter (评估工作承诺书)"),
        required=False,
        help_text=_("The letter the team leader read at the opening meeting, signed (PDF or photo)."),
    )
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class ScoreForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), required=False)
    finding = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    explanation = forms.CharField(
        label=_("Explanation of the difference"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ExplainForm(forms.Form):
    explanation = forms.CharField(label=_("Explanation of the difference"), widget=TEXT)


class CompleteForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}))
