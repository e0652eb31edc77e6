"""Hand-made Hulin boundaries and the literal expectations worked out for them.

Expected areas were computed independently of the library:

* plane areas by hand (rectangle 1200 m × 800 m = 0.9600 km²; trapezoid (1500 + 1000)/2 × 1000 m =
  1.2500 km²);
* ellipsoidal areas by integrating 1/k² over the plane figure, with the Gauss–Krüger point scale factor
  k = 1 + y²/(2R²) + y⁴/(24R⁴), R² = M·N at the footpoint latitude, y the distance from the central
  meridian (Bomford, Geodesy, ch. 8): F44 → 0.959859 km², F45 → 1.249781 km²;
* the meridian/parallel boxes by the closed-form area of an ellipsoidal zone,
  S = ½b²ΔL[q(B2) − q(B1)], q(B) = sin B/(1 − e² sin² B) + (1/2e) ln((1 + e sin B)/(1 − e sin B)).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    zone: int
    points: tuple[tuple[str, str], ...]  # (X, Y with zone prefix) as written in a licence
    ellipsoidal_km2: float  # rounded to 4 decimals
    ellipsoidal_km2_exact: float  # the independent value before rounding
    plane_km2: float
    epsg_prefixed: int
    epsg_bare: int


# Zone 44 (CM 132°E), near lon 133.0°, lat 45.9° (reference §7.2 worked example 2).
F44 = Figure(
    zone=44,
    points=(
        ("5085000.00", "44577000.00"),
        ("5085000.00", "44577800.00"),
        ("5086200.00", "44577800.00"),
        ("5086200.00", "44577000.00"),
    ),
    ellipsoidal_km2=0.9599,
    ellipsoidal_km2_exact=0.959859,
    plane_km2=0.9600,
    epsg_prefixed=4532,
    epsg_bare=4553,
)

# Zone 45 (CM 135°E), near lon 133.9°, lat 46.5° (reference §7.2 worked example 5): a trapezoid.
F45 = Figure(
    zone=45,
    points=(
        ("5152000.00", "45415000.00"),
        ("5152000.00", "45416500.00"),
        ("5153000.00", "45416000.00"),
        ("5153000.00", "45415000.00"),
    ),
    ellipsoidal_km2=1.2498,
    ellipsoidal_km2_exact=1.249781,
    plane_km2=1.2500,
    epsg_prefixed=4533,
    epsg_bare=4554,
)

FIGURES = (F44, F45)


def bare(y: str) -> str:
    """Y without its two-digit zone prefix (text surgery, as a clerk would do by hand)."""
    return y[2:]


def star_text(fig: Figure, *, prefix: bool = True, sep: str = ",", name: str = "一采区") -> str:
    """'*'-terminated licence format (reference §7.3(a))."""
    lines = ["拐点,X(起标高),Y(止标高)"]
    for i, (x, y) in enumerate(fig.points, start=1):
        lines.append(sep.join([str(i), x, y if prefix else bare(y), " ", " ", ""]))
    lines.append(sep.join(["*", "300", "100", name, "1", ""]))
    return "\n".join(lines) + "\n"


def jtable_text(fig: Figure, *, sep: str = " | ", prefix: bool = True) -> str:
    """J-numbered table (reference §7.3(b)): section label in the first column of the first row only."""
    lines = [sep.join(["矿段", "拐点", "X", "Y"])]
    for i, (x, y) in enumerate(fig.points, start=1):
        lines.append(sep.join(["一" if i == 1 else "", f"J{i}", x, y if prefix else bare(y)]))
    lines.append("一矿段面积略,露天开采,开采标高+77.00~+9.50m。")
    return "\n".join(lines) + "\n"


def list_text(fig: Figure, *, sep: str = ",", prefix: bool = True, swap: bool = False) -> str:
    """Plain '点号,X,Y' list without terminator."""
    lines = []
    for i, (x, y) in enumerate(fig.points, start=1):
        y = y if prefix else bare(y)
        lines.append(sep.join([str(i), y, x] if swap else [str(i), x, y]))
    return "\n".join(lines) + "\n"


# Meridian/parallel boxes of 0.01° (36″), given in DMS; closed-form ellipsoidal areas (m²):
# 132°30′–132°30′36″E × 45°18′–45°18′36″N: 871624.3848 m² → 0.8716 km² (zone 44)
# 133°54′–133°54′36″E × 46°30′–46°30′36″N: 853223.8303 m² → 0.8532 km² (zone 45)
BOX44_DMS = """点号,纬度,经度
1,45°18′00″,132°30′00″
2,45°18′00″,132°30′36″
3,45°18′36″,132°30′36″
4,45°18′36″,132°30′00″
"""
BOX44_KM2 = 0.8716
BOX45_DMS = """1\t133-54-00.000\t46-30-00.000
2\t133-54-36.000\t46-30-00.000
3\t133-54-36.000\t46-30-36.000
4\t133-54-00.000\t46-30-36.000
"""
BOX45_KM2 = 0.8532
