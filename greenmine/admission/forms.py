"""Forms of the admission app. They parse and show errors; saving goes through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greenmine.admission.choices import ApplicationType, LayerKind, RightKind, Verdict
from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation
from greenmine.core.permissions import VIEW

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_LAYER_BYTES = 200_000_000
MAX_BOUNDARY_BYTES = 1_000_000
VERDICT_OR_NONE = [("", "—"), *Verdict.choices]


class LayerImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LayerKind.choices)
    name = forms.CharField(
        label=_("Layer name"),
        max_length=200,
        help_text=_("Importing under an existing kind and name adds a new version."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "GeoJSON, a zipped Shapefile (.zip) or a GeoPackage (.gpkg), in any coordinate reference system."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LAYER_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        return upload


class CheckForm(forms.Form):
    right_kind = forms.ChoiceField(label=_("Right kind"), choices=RightKind.choices)
    application_type = forms.ChoiceField(
        label=_("Application type"), choices=ApplicationType.choices, initial=ApplicationType.NEW
    )
    applicant = forms.CharField(label=_("Applicant"), max_length=200, required=False)
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise (if registered)"), required=False, queryset=Organisation.objects.none()
    )
    licence_no = forms.CharField(
        label=_("Licence number (extension or change)"), max_length=40, required=False
    )
    boundary_text = forms.CharField(
        label=_("Boundary"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace", "spellcheck": "false"}),
        help_text=_("Licence coordinates as the coordinate check reads them, or upload a file below."),
    )
    boundary_file = forms.FileField(label=_("Boundary file"), required=False)
    radius_m = forms.FloatField(
        label=_("Search radius (m)"),
        required=False,
        min_value=0,
        max_value=50_000,
        help_text=_("Nearby features within this distance are listed (default 1000 m)."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = (
            Organisation.objects.restrict(user, VIEW)
            .filter(kind__in=[OrganisationKind.ENTERPRISE, OrganisationKind.EXPLORATION_UNIT], is_active=True)
            .order_by("name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("boundary_file")
        if upload is not None:
            if upload.size > MAX_BOUNDARY_BYTES:
                self.add_error("boundary_file", _("The file is larger than 1 MB."))
                return data
            data["boundary"] = upload.read()
            data["source_name"] = upload.name
        elif (data.get("boundary_text") or "").strip():
            data["boundary"] = data["boundary_text"]
            data["source_name"] = ""
        else:
            self.add_error("boundary_text", _("Paste the boundary or upload a file."))
        return data


class CaseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    plan = forms.CharField(
        label=_("Withdrawal plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE)
    compensation_note = forms.CharField(
        label=_("Compensation note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    note = forms.CharField(label=_("How the case ended"), widget=forms.Textarea(attrs={"rows": 2}))


class RuleForm(forms.Form):
    overlap_verdict = forms.ChoiceField(
        label=_("Verdict when overlapping"), choices=VERDICT_OR_NONE, required=False
    )
    within_m = forms.FloatField(label=_("Review within (m)"), required=False, min_value=0, max_value=50_000)
    within_verdict = forms.ChoiceField(
        label=_("Verdict when within the distance"), choices=VERDICT_OR_NONE, required=False
    )
    outside_verdict = forms.ChoiceField(
        label=_("Verdict when outside every feature"), choices=VERDICT_OR_NONE, required=False
    )
    active = forms.BooleanField(label=_("Active"), required=False)
    note = forms.CharField(label=_("Basis"), max_length=300, required=False)
