"""Reading reference-layer files (GeoJSON, zipped Shapefile, GeoPackage) with pyogrio, in any CRS.

Framework-free. Every feature is reprojected to CGCS2000 lon/lat (EPSG:4490); invalid polygons are
repaired with ``make_valid`` and each repair is reported; features that are not polygons (or empty after
repair) are dropped and reported. Problems with the file itself raise ``LayerFileError`` with a message
naming the problem — never a traceback.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

EPSG_CGCS2000 = 4490
NAME_KEYS = ("name", "NAME", "名称", "Name")
ZONE_KEYS = ("zone", "ZONE", "功能区", "分区", "功能分区")
ZONE_VALUES = {
    "core": "core",
    "核心区": "core",
    "buffer": "buffer",
    "缓冲区": "buffer",
    "experimental": "experimental",
    "experiment": "experimental",
    "实验区": "experimental",
}
MAX_FEATURES = 500_000


class LayerFileError(Exception):
    """The file cannot be read as a layer; the message says why."""


@dataclass
class ReadFeature:
    name: str
    zone: str
    attributes: dict[str, Any]
    geometry: BaseGeometry  # lon/lat, valid, (Multi)Polygon


@dataclass
class ReadLayer:
    features: list[ReadFeature]
    source_crs: str
    sha256: str
    repairs: list[dict[str, Any]] = field(default_factory=list)


def _suffix(filename: str) -> str:
    name = filename.lower()
    for ext in (".geojson", ".json", ".zip", ".gpkg", ".shp"):
        if name.endswith(ext):
            return ext
    return ""


def _json_safe(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        f = float(value)
        return None if np.isnan(f) else f
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def feature_name(attributes: dict[str, Any]) -> str:
    """A feature's name: its `name`, `NAME` or `名称` property (the first that is filled in)."""
    for key in NAME_KEYS:
        value = attributes.get(key)
        if value not in (None, ""):
            return str(value).strip()[:300]
    return ""


def feature_zone(attributes: dict[str, Any]) -> str:
    """A reserve's functional zone (core / buffer / experimental) from `zone`, `功能区` or `分区`."""
    for key in ZONE_KEYS:
        value = attributes.get(key)
        if isinstance(value, str) and value.strip():
            text = value.strip().lower()
            for word, zone in ZONE_VALUES.items():
                if word in text:
                    return zone
    return ""


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of a (repaired) geometry: lines and points from make_valid are dropped."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def read_layer(data: bytes, filename: str) -> ReadLayer:
    """Read a layer file's polygons, reprojected to CGCS2000 lon/lat, with the repair report."""
    if not data:
        raise LayerFileError("文件为空 / the file is empty")
    suffix = _suffix(filename)
    if suffix not in (".geojson", ".json", ".zip", ".gpkg"):
        raise LayerFileError(
            "不支持的文件类型：请上传 GeoJSON、压缩的 Shapefile（.zip）或 GeoPackage（.gpkg） / "
            "unsupported file type: upload GeoJSON, a zipped Shapefile (.zip) or a GeoPackage (.gpkg)"
        )
    digest = hashlib.sha256(data).hexdigest()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"layer{suffix}"
        path.write_bytes(data)
        source = str(path)
        if suffix == ".zip":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    shp = [n for n in archive.namelist() if n.lower().endswith(".shp")]
            except zipfile.BadZipFile:
                raise LayerFileError("压缩包已损坏 / the zip archive is damaged") from None
            if not shp:
                raise LayerFileError("压缩包中没有 .shp 文件 / the zip archive holds no .shp file")
            source = f"/vsizip/{path}/{shp[0]}"
        try:
            meta, _fids, wkb, field_data = pyogrio.raw.read(source, force_2d=True)
        except Exception as exc:  # pyogrio raises many kinds of errors for unreadable data
            raise LayerFileError(f"无法读取图层 / cannot read the layer: {exc}") from None
    return _convert(meta, wkb, field_data, digest)


def _convert(meta: dict[str, Any], wkb: Any, field_data: Any, digest: str) -> ReadLayer:
    count = 0 if wkb is None else len(wkb)
    if count == 0:
        raise LayerFileError("图层中没有要素 / the layer has no features")
    if count > MAX_FEATURES:
        raise LayerFileError(f"要素过多（{count}），上限 {MAX_FEATURES} / too many features")
    crs_text = meta.get("crs")
    geoms = np.asarray(shapely.from_wkb(wkb, on_invalid="ignore"), dtype=object)
    repairs: list[dict[str, Any]] = []
    if not crs_text:
        bounds = shapely.total_bounds(geoms[~shapely.is_missing(geoms)])
        if np.all(np.isfinite(bounds)) and -180 <= bounds[0] <= bounds[2] <= 180 and -90 <= bounds[1] <= 90:
            crs_text = f"EPSG:{EPSG_CGCS2000}"
            repairs.append(
                {
                    "feature": None,
                    "problem": "文件未声明坐标系，按经纬度（CGCS2000）读取",
                    "action": "assumed CGCS2000 lon/lat",
                }
            )
        else:
            raise LayerFileError(
                "文件未声明坐标系（Shapefile 缺少 .prj） / the file names no CRS (.prj missing)"
            )
    try:
        source_crs = CRS.from_user_input(crs_text)
    except CRSError:
        raise LayerFileError(f"无法识别的坐标系 / unknown CRS: {crs_text}") from None
    target = CRS.from_epsg(EPSG_CGCS2000)
    if not source_crs.equals(target):
        transformer = Transformer.from_crs(source_crs, target, always_xy=True)
        geoms = np.asarray(
            shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))),
            dtype=object,
        )
    fields = [str(f) for f in (meta.get("fields") if meta.get("fields") is not None else [])]
    features: list[ReadFeature] = []
    for i in range(count):
        attributes = {str(name): _json_safe(field_data[j][i]) for j, name in enumerate(fields)}
        name = feature_name(attributes) or f"#{i + 1}"
        geom = geoms[i]
        if geom is None or geom.is_empty:
            repairs.append(
                {"feature": i + 1, "name": name, "problem": "无几何 / no geometry", "action": "dropped"}
            )
            continue
        if not shapely.is_valid(geom):
            reason = shapely.is_valid_reason(geom)
            geom = _polygonal(shapely.make_valid(geom))
            repairs.append({"feature": i + 1, "name": name, "problem": reason, "action": "repaired"})
        else:
            geom = _polygonal(geom)
        if geom.is_empty:
            repairs.append(
                {"feature": i + 1, "name": name, "problem": "不是面要素 / not a polygon", "action": "dropped"}
            )
            continue
        lon0, lat0, lon1, lat1 = geom.bounds
        if not (-180 <= lon0 <= lon1 <= 180 and -90 <= lat0 <= lat1 <= 90):
            raise LayerFileError(
                f"要素 {i + 1} 的坐标超出经纬度范围 / feature {i + 1} is outside lon/lat range"
            )
        features.append(ReadFeature(name, feature_zone(attributes), attributes, geom))
    if not features:
        raise LayerFileError("图层中没有可用的面要素 / the layer has no usable polygons")
    return ReadLayer(features, source_crs.to_string(), digest, repairs)


def to_geojson(geom: BaseGeometry) -> dict[str, Any]:
    """GeoJSON geometry (a dict) of a lon/lat shape."""
    return dict(mapping(geom))
