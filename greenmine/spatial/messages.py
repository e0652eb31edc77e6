"""User-facing messages (Chinese; the UI and the CLI users are Chinese-first).

Every constant carries its English meaning in a comment so that a later translation layer can map
them.  Messages never start with a line prefix (第N行): the line number is a separate field.
Placeholders are ``str.format`` fields.
"""

from __future__ import annotations

# --- file level -------------------------------------------------------------------------------------
# The file is not UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030.
ENCODING = "无法识别文件编码（应为UTF-8或GB18030）"
# The input is larger than the limit.
TOO_LARGE = "坐标文件过大（超过{limit}字节）"
# No boundary point was found in the text.
NO_POINTS = "未找到任何拐点坐标"
# Too many points.
TOO_MANY_POINTS = "拐点数量超过{limit}个"
# The text names a datum other than CGCS2000 (Xi'an 1980 / Beijing 1954): refused, never converted.
DATUM_REFUSED = "坐标系为“{name}”，本系统只接受2000国家大地坐标系（CGCS2000），请先转换为CGCS2000坐标后再提交"
# The datum option names something that is not CGCS2000.
DATUM_UNKNOWN = "不支持的坐标系“{name}”，本系统只接受2000国家大地坐标系（CGCS2000）"
# Too many errors; the rest are not listed.
MORE_ERRORS = "另有{count}处错误未列出"

# --- lines ------------------------------------------------------------------------------------------
# A line with several numbers that is neither a point line nor a '*' terminator.
UNRECOGNISED_LINE = "无法识别的坐标行（应为“点号,X,Y”或“*,起标高,止标高,名称,标志”）"
# Too many fields on a point line.
TOO_MANY_FIELDS = "字段过多（应为“点号,X,Y”或“分区,点号,X,Y”）"
# Elevation in a '*' line is not a number.
BAD_ELEVATION = "“*”行中的{which}“{value}”不是数字"
# Top elevation (起标高) and bottom elevation (止标高).
TOP = "起标高"
BOTTOM = "止标高"
# A '*' terminator with no points before it.
EMPTY_PART = "“*”结束行之前没有拐点"
# A degree/minute/second value with minutes or seconds ≥ 60, or an unreadable angle.
BAD_ANGLE = "经纬度“{value}”格式错误（分、秒应小于60）"
# Longitude and latitude cannot be told apart (both or neither in China's ranges).
LONLAT_AMBIGUOUS = "无法区分经度和纬度（中国范围：经度73.5°～136°，纬度3°～54°）：{a}，{b}"
# The point's coordinate kind (geographic / plane) differs from the first point's.
MIXED_KIND = "坐标类型（经纬度/平面坐标）与第{first}行的第一个点不同"
# X and Y cannot be interpreted as Gauss–Krüger plane coordinates.
NOT_PLANE = "X={x}、Y={y}不是有效的高斯平面坐标（X为7位北坐标，Y为带号加6位东坐标或6位东坐标）"
# The zone prefix of Y is not a supported zone number.
BAD_PREFIX = "Y坐标带号{prefix}无效（6度带为13～23，3度带为25～45；第24带在中国境外）"
# The zone prefix differs from the first point's.
MIXED_PREFIX = "Y坐标带号{this}与第{first}行第一个点的带号{first_zone}不同"
# Y without zone prefix while the first point has one, or vice versa.
MIXED_PREFIX_PRESENCE = "Y坐标{this}带号，而第{first}行第一个点{first_has}带号"
# "has" / "has no" for the message above.
HAS = "有"
HAS_NO = "无"
# Y has no zone prefix and no zone was given.
ZONE_REQUIRED = "Y坐标不含带号，必须指定带号（zone参数，6度带13～23，3度带25～45）"
# The zone option is not a supported zone number.
BAD_ZONE_OPTION = "指定的带号{zone}无效（6度带为13～23，3度带为25～45；第24带在中国境外）"
# The zone option differs from the zone prefix in Y.
ZONE_CONFLICT = "指定的带号{given}与Y坐标中的带号{prefix}不一致"
# Zone option ignored for geographic input.
ZONE_IGNORED = "输入为经纬度坐标，已忽略指定的带号{zone}"
# X and Y swapped on some lines only: refused.
SWAPPED_MIXED = "X与Y列互换（X应为北坐标，Y应为带号加东坐标），且与其他行不一致"
# X and Y swapped on every line: fixed.
SWAPPED_FIXED = "所有拐点的X与Y列互换，已自动交换（X为北坐标，Y为东坐标）"

# --- parts ------------------------------------------------------------------------------------------
# Fewer than 3 distinct points in a part.
TOO_FEW_POINTS = "{part}只有{count}个不重复的拐点，至少需要3个"
# In a '*' file, the last group of points is not closed by a '*' line.
NOT_CLOSED = "{part}未以“*”结束行闭合（缺少“*,起标高,止标高,名称,标志”行）"
# Repeated point within a part.
DUPLICATE_POINT = "点{label}与第{other}行的点{other_label}坐标重复"
# Two edges of a part cross or touch.
SELF_INTERSECTION = "{part}边界自相交：边（第{a1}行—第{a2}行）与边（第{b1}行—第{b2}行）相交"
# The part's area is zero (all points on one line).
ZERO_AREA = "{part}面积为零（拐点共线）"
# The name used for a part in messages: "part N" or "part N (name)".
PART = "第{index}个分区"
PART_NAMED = "第{index}个分区（{name}）"
# Point outside the zone's valid longitude range.
OUTSIDE_ZONE = "点{label}（经度{lon:.4f}°）超出{zone}带的有效范围（{west:.1f}°～{east:.1f}°）"
# Point outside China's latitude range.
OUTSIDE_LAT = "点{label}（纬度{lat:.4f}°）超出有效纬度范围（3°～54°）"
# Some points lie in the overlap margin beyond the nominal zone edge (warning).
BEYOND_NOMINAL_ZONE = "有{count}个拐点位于{zone}带标称范围（{west:.1f}°～{east:.1f}°）之外，请确认带号"

# Top elevation below the bottom elevation in a '*' line (warning).
ELEVATION_ORDER = "{part}的起标高{top:g}米低于止标高{bottom:g}米，请确认"

# --- areas ------------------------------------------------------------------------------------------
# Licensed area matches neither the ellipsoidal nor the plane area.
AREA_MISMATCH = (
    "登记面积{licensed:.4f}平方公里与椭球面积{ellipsoidal:.4f}平方公里、高斯平面面积{plane:.4f}平方公里均不符"
)
