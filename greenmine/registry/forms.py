"""Forms of the registry. They parse and show errors; saving goes through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation
from greenmine.core.permissions import CHANGE, VIEW
from greenmine.registry.choices import ExplorationStage, GreenStatus, MineKind, MineStatus, RightStatus
from greenmine.registry.models import Mine, Mineral

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_BOUNDARY_BYTES = 1_000_000


def _organisations(user: Any, *kinds: str) -> Any:
    return Organisation.objects.restrict(user, VIEW).filter(kind__in=kinds, is_active=True).order_by("name")


class MineForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Organisation.objects.none())
    township = forms.ModelChoiceField(label=_("Township"), queryset=Organisation.objects.none())
    mineral = forms.ModelChoiceField(label=_("Mineral"), queryset=Mineral.objects.all())
    mine_kind = forms.ChoiceField(label=_("Mining method"), choices=MineKind.choices)
    production_scale = forms.DecimalField(
        label=_("Production scale"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=3,
        help_text=_("In the mineral's unit per year; the scale class is derived from it."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=MineStatus.choices, initial=MineStatus.PRODUCING)
    green_status = forms.ChoiceField(
        label=_("Green-mine status"), choices=GreenStatus.choices, initial=GreenStatus.NOT_STARTED
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = _organisations(user, OrganisationKind.ENTERPRISE)
        self.fields["township"].queryset = _organisations(user, OrganisationKind.TOWNSHIP)


class BoundaryFields(forms.Form):
    """The boundary as pasted licence text (or an uploaded file), with the zone for Y without prefix."""

    boundary_text = forms.CharField(
        label=_("Boundary (licence coordinates)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "font-monospace", "spellcheck": "false"}),
        help_text=_(
            "Paste the corner points as printed on the licence (CGCS2000, X and Y with the zone "
            "prefix); '*' lines close each part and carry its elevations."
        ),
    )
    boundary_file = forms.FileField(label=_("…or upload a coordinate file"), required=False)
    zone = forms.IntegerField(
        label=_("Zone"),
        required=False,
        min_value=13,
        max_value=45,
        help_text=_("Only when Y has no zone prefix."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("boundary_file")
        if upload:
            if upload.size > MAX_BOUNDARY_BYTES:
                self.add_error("boundary_file", _("The file is too large for a coordinate list."))
            else:
                raw = upload.read()
                text = _decode(raw)
                if text is None:
                    self.add_error("boundary_file", _("The file is not a text file."))
                else:
                    data["boundary_text"] = text
        return data


def _decode(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


class MiningRightForm(BoundaryFields):
    mine = forms.ModelChoiceField(label=_("Mine"), queryset=Mine.objects.none())
    licence_no = forms.CharField(label=_("Licence number"), max_length=40)
    holder = forms.ModelChoiceField(
        label=_("Holder"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Empty: the mine's enterprise."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    licensed_area_km2 = forms.DecimalField(
        label=_("Licensed area (km²)"), required=False, min_value=0, max_digits=12, decimal_places=4
    )
    status = forms.ChoiceField(label=_("Status"), choices=RightStatus.choices, initial=RightStatus.VALID)

    field_order = [
        "mine",
        "licence_no",
        "holder",
        "valid_from",
        "valid_until",
        "licensed_area_km2",
        "status",
        "boundary_text",
        "boundary_file",
        "zone",
    ]

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mine"].queryset = Mine.objects.restrict(user, CHANGE).select_related("enterprise")
        self.fields["holder"].queryset = _organisations(user, OrganisationKind.ENTERPRISE)
        if editing:
            del self.fields["mine"]


class ExplorationRightForm(BoundaryFields):
    licence_no = forms.CharField(label=_("Licence number"), max_length=40)
    project_name = forms.CharField(label=_("Project name"), max_length=200)
    holder = forms.ModelChoiceField(label=_("Holder"), queryset=Organisation.objects.none())
    township = forms.ModelChoiceField(label=_("Township"), queryset=Organisation.objects.none())
    mineral = forms.ModelChoiceField(label=_("Mineral"), queryset=Mineral.objects.all())
    stage = forms.ChoiceField(label=_("Stage"), choices=ExplorationStage.choices)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    licensed_area_km2 = forms.DecimalField(
        label=_("Licensed area (km²)"), required=False, min_value=0, max_digits=12, decimal_places=4
    )
    status = forms.ChoiceField(label=_("Status"), choices=RightStatus.choices, initial=RightStatus.VALID)

    field_order = [
        "licence_no",
        "project_name",
        "holder",
        "township",
        "mineral",
        "stage",
        "valid_from",
        "valid_until",
        "licensed_area_km2",
        "status",
        "boundary_text",
        "boundary_file",
        "zone",
    ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _organisations(
            user, OrganisationKind.ENTERPRISE, OrganisationKind.EXPLORATION_UNIT
        )
        self.fields["township"].queryset = _organisations(user, OrganisationKind.TOWNSHIP)


class ExplorationProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    exploration_unit = forms.ModelChoiceField(
        label=_("Exploration unit"), queryset=Organisation.objects.none()
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=ExplorationStage.choices)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    methods = forms.CharField(
        label=_("Methods"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. drone geophysics, drilling instead of trenching."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exploration_unit"].queryset = _organisations(
            user, OrganisationKind.EXPLORATION_UNIT, OrganisationKind.ENTERPRISE
        )


class CoordsCheckForm(BoundaryFields):
    licensed_area_km2 = forms.DecimalField(
        label=_("Licensed area (km²)"), required=False, min_value=0, max_digits=12, decimal_places=4
    )


class EnterpriseProfileForm(forms.Form):
    registered_capital = forms.DecimalField(
        label=_("Registered capital (10k CNY)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    established_on = forms.DateField(label=_("Established on"), required=False, widget=DATE)
    safety_licence_no = forms.CharField(label=_("Safety production licence"), max_length=60, required=False)
    safety_licence_valid_until = forms.DateField(
        label=_("Safety licence valid until"), required=False, widget=DATE
    )
    employees = forms.IntegerField(label=_("Employees"), required=False, min_value=0)


class TownshipProfileForm(forms.Form):
    head = forms.CharField(label=_("Head of township"), max_length=60, required=False)
    mining_contact = forms.CharField(label=_("Contact for mining matters"), max_length=60, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
