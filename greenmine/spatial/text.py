"""Low-level text handling: decoding, line and field splitting, numbers, angles and datum names.

Rules implemented (reference §7.3 and the issue):

* files are UTF-8 (with or without BOM) or GB18030; UTF-16 with a BOM (Windows "Unicode" text) is also
  read; anything else is refused — bytes are never decoded lossily;
* fields are separated by a comma (``,``/``，``), semicolon, tab, ``|`` or runs of spaces; trailing
  empty fields are ignored (the ``*`` format pads its lines with ``, , ,``);
* numbers are plain decimals (no exponent, no NaN/inf) so that a coordinate is read exactly as written;
* angles are decimal degrees, or D°M′S″ / D-M-S / D:M:S / 度分秒 with optional E/N/东经/北纬 markers;
  bare ``ddd.mmss`` is *not* recognised as DMS (it is indistinguishable from decimal degrees).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from . import messages as msg

__all__ = [
    "MAX_INPUT_BYTES",
    "Angle",
    "decode",
    "find_refused_datum",
    "normalise_line",
    "parse_angle",
    "parse_elevation",
    "parse_number",
    "split_fields",
    "split_lines",
]

#: Inputs above this size are refused (a licence boundary is a few kB; this bounds memory and time).
MAX_INPUT_BYTES = 5_000_000


def decode(data: bytes | str) -> tuple[str | None, str | None]:
    """Decode a coordinate file; returns (text, None) or (None, error message).

    UTF-8 is tried before GB18030 because valid UTF-8 Chinese is almost never valid GB18030 of the same
    meaning, while GB18030 accepts many byte strings that are really UTF-8.
    """
    if isinstance(data, str):
        if len(data) > MAX_INPUT_BYTES:
            return None, msg.TOO_LARGE.format(limit=MAX_INPUT_BYTES)
        return data.removeprefix("\ufeff"), None
    if len(data) > MAX_INPUT_BYTES:
        return None, msg.TOO_LARGE.format(limit=MAX_INPUT_BYTES)
    if data.startswith(b"\xef\xbb\xbf"):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding), None
        except (UnicodeDecodeError, LookupError):
            continue
    return None, msg.ENCODING


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split into lines on CR, LF and CRLF only, so line numbers match what editors show."""
    return _LINE_BREAK.split(text)


# Full-width digits and punctuation that Chinese input methods produce, mapped to ASCII.
_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update(
    {
        0xFF0E: ord("."),
        0xFF0B: ord("+"),
        0xFF0D: ord("-"),
        0xFF1A: ord(":"),
        0xFF5C: ord("|"),
        0x3000: ord(" "),
        0x00A0: ord(" "),
        0x2018: ord("'"),
        0x2019: ord("'"),
        0x201C: ord('"'),
        0x201D: ord('"'),
        0x2032: ord("'"),  # prime → minutes
        0x2033: ord('"'),  # double prime → seconds
        0x00BA: ord("°"),  # masculine ordinal indicator, often typed for the degree sign
        0x2212: ord("-"),  # minus sign
    }
)
# Spaces inside a D°M′S″ value ("133° 28′ 44″") would otherwise split it into several fields.
_DMS_SPACES = (
    re.compile(r"(?<=[\d.])\s+(?=[°度'分\"秒])"),
    re.compile(r"(?<=[°度])\s+(?=\d+(?:\.\d+)?['分\"秒])"),
    re.compile(r"(?<=['分])\s+(?=\d+(?:\.\d+)?[\"秒])"),
)


def normalise_line(line: str) -> str:
    """Map full-width characters and prime signs to ASCII and glue spaced DMS values together."""
    if line.isascii() and "'" not in line and '"' not in line:
        return line  # fast path: plain ASCII coordinates have nothing to normalise
    line = line.translate(_FULLWIDTH).replace("''", '"')
    for pattern in _DMS_SPACES:
        line = pattern.sub("", line)
    return line


_COMMAS = re.compile(r"[,，;；、]")
_SPACES = re.compile(r"\s+")


def split_fields(line: str) -> list[str]:
    """Split one normalised line into stripped fields, trailing empty fields removed.

    The separator is chosen per line: commas (ASCII or Chinese) or semicolons if present, else tabs,
    else ``|``, else runs of whitespace.  With commas, tabs and ``|`` an empty *leading* field is kept:
    it is the empty section column of a continuation row in a J-numbered table.
    """
    stripped = line.strip()
    if not stripped:
        return []
    if "," in line or "，" in line or ";" in line or "；" in line or "、" in line:
        fields = [f.strip() for f in _COMMAS.split(line)]
    elif "\t" in stripped:
        fields = [f.strip() for f in line.rstrip().split("\t")]
    elif "|" in stripped:
        if stripped.startswith("|") and stripped.endswith("|"):  # Markdown-style row: | a | b |
            fields = [f.strip() for f in stripped[1:-1].split("|")]
        else:
            fields = [f.strip() for f in line.split("|")]
    else:
        fields = _SPACES.split(stripped)
    while fields and not fields[-1]:
        fields.pop()
    return fields


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_number(text: str) -> float | None:
    """A plain decimal number, or ``None``. Exponents, NaN and infinities are not coordinates."""
    if len(text) > 40 or not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def parse_elevation(text: str) -> float | None:
    """An elevation from a ``*`` line: a plain number, optionally followed by ``m`` or ``米``."""
    return parse_number(re.sub(r"(?:m|M|米)$", "", text.strip()))


AngleKind = Literal["lon", "lat"]


@dataclass(frozen=True, slots=True)
class Angle:
    """A parsed angle in decimal degrees; ``kind`` is set when the text marks it (E/N/东经/北纬)."""

    degrees: float
    kind: AngleKind | None
    dms: bool


_HEMI_PREFIX = re.compile(r"^(东经|北纬|西经|南纬|[EeNnWwSs])")
_HEMI_SUFFIX = re.compile(r"([EeNnWwSs])$")
_DMS_SYMBOLS = re.compile(
    r"(?P<d>\d{1,3}(?:\.\d+)?)[°度]"
    r"(?:(?P<m>\d{1,2}(?:\.\d+)?)(?:'|分))?"
    r"(?:(?P<s>\d{1,2}(?:\.\d+)?)(?:\"|秒))?"
)
_DMS_DASHED = re.compile(r"(?P<d>\d{1,3})[-:](?P<m>\d{1,2})[-:](?P<s>\d{1,2}(?:\.\d+)?)")
_KIND_OF = {"东经": "lon", "西经": "lon", "北纬": "lat", "南纬": "lat", "E": "lon", "W": "lon"}
_KIND_OF.update({"N": "lat", "S": "lat"})


def parse_angle(text: str) -> Angle | None:
    """Read decimal degrees or a DMS angle; ``None`` if the text is not an angle at all.

    Returns an angle with ``degrees = nan`` when the text is DMS-shaped but invalid (minutes or seconds
    ≥ 60) so the caller can report it rather than skip the line.  West/south marks give negative values,
    which the range checks then refuse.
    """
    body = text.strip()
    kind: AngleKind | None = None
    sign = 1.0
    for pattern in (_HEMI_PREFIX, _HEMI_SUFFIX):
        m = pattern.search(body)
        if m and len(body) > len(m.group(1)):
            mark = m.group(1).upper() if len(m.group(1)) == 1 else m.group(1)
            kind = "lon" if _KIND_OF[mark] == "lon" else "lat"
            sign = -1.0 if mark in ("W", "S", "西经", "南纬") else 1.0
            body = body[: m.start()] + body[m.end() :]
            break
    value = parse_number(body)
    if value is not None:
        if abs(value) >= 360.0:
            return None
        return Angle(sign * value, kind, False)
    m = _DMS_SYMBOLS.fullmatch(body) or _DMS_DASHED.fullmatch(body)
    if m is None:
        return None
    degrees = float(m.group("d"))
    minutes = float(m.group("m") or 0.0)
    seconds = float(m.group("s") or 0.0)
    fractional_degrees_with_parts = (minutes > 0.0 or seconds > 0.0) and degrees != int(degrees)
    if minutes >= 60.0 or seconds >= 60.0 or fractional_degrees_with_parts:
        return Angle(math.nan, kind, True)
    return Angle(sign * (degrees + minutes / 60.0 + seconds / 3600.0), kind, True)


# Datum names that must be refused (Xi'an 1980, Beijing 1954), in Chinese and English spellings.
_REFUSED_DATUM = re.compile(
    r"(?:西安|xi\W{0,2}an)\W{0,3}(?:19)?80"
    r"|(?:19)?80\W{0,3}(?:西安|xi\W{0,2}an)"
    r"|(?:北京|beijing)\W{0,3}(?:19)?54"
    r"|(?:19)?54\W{0,3}(?:北京|beijing)"
    r"|\bbj\W?54\b",
    re.IGNORECASE,
)


_DATUM_HINTS = ("西安", "北京", "xi", "beijing", "bj")


def find_refused_datum(text: str) -> str | None:
    """The first Xi'an 1980 / Beijing 1954 datum name in ``text``, or ``None``."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _DATUM_HINTS):
        return None  # cheap pre-check: the regex is only run when a place name could be present
    m = _REFUSED_DATUM.search(text)
    return m.group(0) if m else None
