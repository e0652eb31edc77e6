"""Registry models. A right's boundary is stored as the licence text it came from and the GeoJSON the
spatial library made of it; areas are computed by the library, never typed in."""

from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenmine.core.models import BaseModel
from greenmine.core.permissions import VIEW, RestrictedQuerySet, Scope
from greenmine.registry.choices import (
    LISTED_STATUSES,
    ExplorationStage,
    GreenStatus,
    MineKind,
    MineStatus,
    RightStatus,
    ScaleClass,
)

EXPIRY_WARNING_DAYS = 90


class Mineral(models.Model):
    """A mineral from the code list, with the unit its production scale is measured in."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    scale_unit = models.CharField(
        _("production unit"), max_length=30, help_text=_("e.g. 万吨/年, 万立方米/年")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("mineral")
        verbose_name_plural = _("minerals")

    def __str__(self) -> str:
        return self.name


class ScaleThreshold(models.Model):
    """Production-scale class limits of a mineral (国土资发〔2004〕208号), editable where the document's
    value is unverified: a mine at or above `large_from` is large, at or above `medium_from` medium."""

    mineral = models.ForeignKey(Mineral, on_delete=models.CASCADE, related_name="thresholds")
    mine_kind = models.CharField(
        _("mine kind"),
        max_length=12,
        choices=MineKind.choices,
        blank=True,
        help_text=_("Empty: applies to every kind."),
    )
    large_from = models.DecimalField(_("large from"), max_digits=12, decimal_places=3)
    medium_from = models.DecimalField(_("medium from"), max_digits=12, decimal_places=3)
    source = models.CharField(_("source"), max_length=200, blank=True)
    verified = models.BooleanField(_("verified against the document"), default=False)

    class Meta:
        verbose_name = _("scale threshold")
        verbose_name_plural = _("scale thresholds")
        constraints = [
            models.UniqueConstraint(fields=["mineral", "mine_kind"], name="registry_threshold_unique")
        ]

    def __str__(self) -> str:
        return f"{self.mineral} {self.mine_kind or '*'}"

    def classify(self, scale: Decimal) -> str:
        if scale >= self.large_from:
            return ScaleClass.LARGE
        if scale >= self.medium_from:
            return ScaleClass.MEDIUM
        return ScaleClass.SMALL


def _published_mines() -> Q:
    return Q(green_status__in=LISTED_STATUSES)


class EnterpriseProfile(BaseModel):
    """Registry facts of an enterprise or exploration unit (an organisation; no parallel table)."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="enterprise_profile"
    )
    registered_capital = models.DecimalField(
        _("registered capital (10k CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    safety_licence_no = models.CharField(_("safety production licence"), max_length=60, blank=True)
    safety_licence_valid_until = models.DateField(_("safety licence valid until"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)

    scope = Scope(
        division="organisation__division__code",
        owner="organisation_id",
        owner_actions=frozenset({VIEW, "change"}),
    )

    class Meta:
        verbose_name = _("enterprise profile")
        verbose_name_plural = _("enterprise profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class TownshipProfile(BaseModel):
    """Registry facts of a township government (an organisation)."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="township_profile"
    )
    head = models.CharField(_("head of township"), max_length=60, blank=True)
    mining_contact = models.CharField(_("contact for mining matters"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    scope = Scope(
        division="organisation__division__code",
        township="organisation_id",
        township_actions=frozenset({VIEW, "change"}),
    )

    class Meta:
        verbose_name = _("township profile")
        verbose_name_plural = _("township profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class Mine(BaseModel):
    """A mine: its enterprise, township, mineral, kind, scale and status in the programme."""

    name = models.CharField(_("name"), max_length=200)
    enterprise = models.ForeignKey(
        "core.Organisation", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="mines"
    )
    township = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="township_mines",
    )
    # The township's division, kept on the mine so scope filters need no join (set by the services).
    division = models.ForeignKey(
        "core.Division", verbose_name=_("administrative division"), on_delete=models.PROTECT, related_name="+"
    )
    mineral = models.ForeignKey(
        Mineral, verbose_name=_("mineral"), on_delete=models.PROTECT, related_name="mines"
    )
    mine_kind = models.CharField(_("mining method"), max_length=12, choices=MineKind.choices)
    production_scale = models.DecimalField(
        _("production scale"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("In the mineral's unit per year."),
    )
    scale_class = models.CharField(_("scale class"), max_length=8, choices=ScaleClass.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MineStatus.choices, default=MineStatus.PRODUCING
    )
    green_status = models.CharField(
        _("green-mine status"), max_length=20, choices=GreenStatus.choices, default=GreenStatus.NOT_STARTED
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    scope = Scope(
        division="division__code", owner="enterprise_id", township="township_id", published=_published_mines
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("mine")
        verbose_name_plural = _("mines")
        indexes = [models.Index(fields=["division", "name"], name="registry_mine_division_name")]

    def __str__(self) -> str:
        return self.name


class RightQuerySet(RestrictedQuerySet):
    """Restrictable (the permission primitive) like every BaseModel queryset. Dates decide 'expired' and
    'expiring' at read time: nothing has to flip them."""

    def expiring(self, days: int = EXPIRY_WARNING_DAYS) -> "RightQuerySet":
        today = timezone.localdate()
        return self.filter(
            status=RightStatus.VALID, valid_until__gte=today, valid_until__lte=today + timedelta(days=days)
        )

    def expired(self) -> "RightQuerySet":
        return self.filter(valid_until__lt=timezone.localdate())


class BoundaryMixin(models.Model):
    """The boundary as given (licence text) and as computed by the spatial library."""

    boundary_text = models.TextField(_("boundary (licence coordinates)"))
    zone = models.PositiveSmallIntegerField(_("Gauss–Krüger zone"), null=True, blank=True)
    epsg = models.PositiveIntegerField(_("EPSG code"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("ellipsoidal area (km²)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    plane_area_km2 = models.DecimalField(
        _("plane area (km²)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    geojson = models.JSONField(_("boundary GeoJSON (CGCS2000)"), default=dict, blank=True)
    # Bounding box in lon/lat, for the map's viewport queries without loading every polygon.
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True


class MiningRight(BaseModel, BoundaryMixin):
    """A mining licence (采矿许可证): holder, mine, validity, licensed area and boundary parts."""

    licence_no = models.CharField(_("licence number"), max_length=40, unique=True)
    holder = models.ForeignKey(
        "core.Organisation", verbose_name=_("holder"), on_delete=models.PROTECT, related_name="mining_rights"
    )
    mine = models.ForeignKey(Mine, verbose_name=_("mine"), on_delete=models.PROTECT, related_name="rights")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    licensed_area_km2 = models.DecimalField(
        _("licensed area (km²)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RightStatus.choices, default=RightStatus.VALID
    )

    objects = RightQuerySet.as_manager()
    scope = Scope(division="mine__division__code", owner="holder_id", township="mine__township_id")

    class Meta:
        ordering = ["licence_no"]
        verbose_name = _("mining right")
        verbose_name_plural = _("mining rights")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="registry_miningright_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.licence_no


class RightPart(models.Model):
    """One part (矿段/采区) of a mining right's boundary, with its elevation range."""

    right = models.ForeignKey(MiningRight, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=60, blank=True)
    top_elevation = models.DecimalField(
        _("top elevation (m)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    bottom_elevation = models.DecimalField(
        _("bottom elevation (m)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    points = models.PositiveIntegerField(_("corner points"))
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["right", "order"]
        constraints = [
            models.UniqueConstraint(fields=["right", "order"], name="registry_rightpart_unique_order")
        ]

    def __str__(self) -> str:
        return self.name or f"#{self.order}"


class ExplorationRight(BaseModel, BoundaryMixin):
    """An exploration licence (探矿权): holder, mineral, stage, validity and boundary."""

    licence_no = models.CharField(_("licence number"), max_length=40, unique=True)
    project_name = models.CharField(_("project name"), max_length=200)
    holder = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="exploration_rights",
    )
    township = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="township_exploration_rights",
    )
    division = models.ForeignKey(
        "core.Division", verbose_name=_("administrative division"), on_delete=models.PROTECT, related_name="+"
    )
    mineral = models.ForeignKey(
        Mineral, verbose_name=_("mineral"), on_delete=models.PROTECT, related_name="exploration_rights"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=ExplorationStage.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    licensed_area_km2 = models.DecimalField(
        _("licensed area (km²)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RightStatus.choices, default=RightStatus.VALID
    )

    objects = RightQuerySet.as_manager()
    scope = Scope(division="division__code", owner="holder_id", township="township_id")

    class Meta:
        ordering = ["licence_no"]
        verbose_name = _("exploration right")
        verbose_name_plural = _("exploration rights")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")),
                name="registry_explorationright_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.licence_no


class ExplorationProject(BaseModel):
    """Exploration work under a right: the unit doing it, the stage, the methods (for green exploration)."""

    right = models.ForeignKey(
        ExplorationRight,
        verbose_name=_("exploration right"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    name = models.CharField(_("name"), max_length=200)
    exploration_unit = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("exploration unit"),
        on_delete=models.PROTECT,
        related_name="exploration_projects",
    )
    stage = models.CharField(_("stage"), max_length=12, choices=ExplorationStage.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    methods = models.JSONField(
        _("methods"),
        default=list,
        blank=True,
        help_text=_("e.g. drone geophysics, drilling instead of trenching"),
    )

    # The unit doing the work sees it as owner; the right's holder sees it too (custom rule).
    scope = Scope(
        division="right__division__code",
        owner="exploration_unit_id",
        township="right__township_id",
        custom=lambda user, action, memberships: Q(
            right__holder_id__in=[m.organisation_id for m in memberships if action == VIEW]
        ),
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("exploration project")
        verbose_name_plural = _("exploration projects")

    def __str__(self) -> str:
        return self.name


class BoundaryVersion(models.Model):
    """One counter bumped in the same transaction as any boundary change: every server process compares it
    with the version its in-memory overlap index was built at, and rebuilds when they differ."""

    name = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.version}"


# The Excel import jobs live in their own module (built apart from the records); imported here so that
# migrations find the model. Keep this line last.
from greenmine.registry.importjobs import ImportJob  # noqa: E402, F401
