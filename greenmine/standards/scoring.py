"""The scoring engine: pure, typed, Decimal-exact, and explained point by point.

``score(standard, responses)`` applies, in this order:

1. prerequisites (先决条件): each must be answered true; an unanswered one counts as not met;
2. item scores by method (full_or_zero, graded, deduction 扣完为止, proportional, zero_out);
   unanswered items score 0 and are listed in ``Result.missing``;
3. zero-out conditions: a triggered condition sets its target node's subtotal to 0;
4. subtotals bottom-up: an inner node is the sum of its children;
5. pass rule: all prerequisites hold, no veto occurred (an unanswered veto counts as not excluded),
   every mandatory (必达) node earns its full points, every floored node reaches its floor, and the total
   reaches the pass line.

Scores are always reported, even when a prerequisite or veto already decides the outcome, because the
enterprise needs to see where it stands. A standard is compiled once into a flat `Plan` (cached on the
`Standard` object), so scoring is a few list operations per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from greenmine.standards.document import (
    Deduction,
    Direction,
    FullOrZero,
    Graded,
    Proportional,
    ScoringMethod,
    Standard,
    ZeroOut,
)
from greenmine.standards.responses import Defects, Level, Met, Responses, Triggered, Value
from greenmine.standards.validation import Issue

ZERO = Decimal(0)
#: Proportional scores are rounded half-up to this quantum (the only non-exact step in scoring).
SCORE_QUANTUM = Decimal("0.01")

_FULL, _GRADED, _DEDUCT, _PROP, _ZERO_OUT = range(5)


class NotScorable(ValueError):
    """The standard is incomplete (unknown points or pass line), or an answer does not fit its item."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(str(i) for i in issues))


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an assessment fails. ``code`` is machine-readable (``floor:A``); ``text`` is for people."""

    code: str
    text: str

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


@dataclass(frozen=True, slots=True)
class NodeResult:
    """One node's score, its maximum, and the lines explaining how the score was reached."""

    id: str
    name: str
    level: int
    score: Decimal
    max: Decimal
    lines: tuple[str, ...]
    zeroed_by: str | None = None


@dataclass(frozen=True, slots=True)
class _Leaf:
    index: int
    id: str
    kind: int
    points: Decimal
    method: ScoringMethod
    answer_type: type
    param: Any  # graded: {key: points}; deduction: per_defect; proportional: the method; zero_out: target


@dataclass(frozen=True, slots=True)
class Plan:
    """A standard flattened for scoring: parallel tuples indexed by node position (parents first)."""

    standard: Standard
    ids: tuple[str, ...]
    names: tuple[str, ...]
    levels: tuple[int, ...]
    maxes: tuple[Decimal, ...]
    index: dict[str, int]
    leaves: tuple[_Leaf, ...]
    leaf_at: dict[int, _Leaf]
    # The leaves again as plain tuples (index, id, kind, points, answer class, param): unpacking a tuple
    # in the hot loop is cheaper than attribute access.
    steps: tuple[tuple[int, str, int, Decimal, type, Any], ...]
    child_to_parent: tuple[tuple[int, int], ...]  # (child, parent), children before parents
    mandatory: tuple[int, ...]
    floors: tuple[tuple[int, Decimal, Decimal], ...]  # (index, ratio, threshold points)
    first_level: tuple[int, ...]
    total: Decimal
    pass_line: Decimal


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one assessment. Node details (`nodes`, `node`) are built on demand from the plan,
    the scores and the responses, so that scoring itself allocates almost nothing."""

    code: str
    version: str
    total: Decimal
    max: Decimal
    passed: bool
    prerequisites_met: bool
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]  # ids of unanswered items, prerequisites and vetoes
    scores: tuple[Decimal, ...]  # final score of every node, in document order
    plan: Plan = field(repr=False, compare=False)
    responses: Responses = field(repr=False, compare=False)
    zeroed: dict[int, tuple[int, Decimal]] = field(repr=False, compare=False)  # node → (condition, raw score)

    @property
    def nodes(self) -> tuple[NodeResult, ...]:
        """Every node in document order, with its explanation lines."""
        return tuple(self._node(k) for k in range(len(self.scores)))

    def node(self, node_id: str) -> NodeResult:
        return self._node(self.plan.index[node_id])

    def _node(self, k: int) -> NodeResult:
        plan = self.plan
        leaf = plan.leaf_at.get(k)
        if leaf is None:
            raw = self.zeroed[k][1] if k in self.zeroed else self.scores[k]
            lines = [f"下级合计 {_fmt(raw)} 分"]
        else:
            answer = self.responses.items.get(leaf.id)
            lines = ["未作答，计 0 分" if answer is None else _explain_leaf(leaf, answer)]
        zeroed_by = None
        if k in self.zeroed:
            cond, raw = self.zeroed[k]
            zeroed_by = plan.ids[cond]
            lines.append(f"因 {zeroed_by}「{plan.names[cond]}」触发，本项计 0 分（原得 {_fmt(raw)} 分）")
        return NodeResult(
            plan.ids[k], plan.names[k], plan.levels[k], self.scores[k], plan.maxes[k], tuple(lines), zeroed_by
        )

    def to_json_dict(self) -> dict[str, Any]:
        """The ``greenmine score … --json`` output, exactly these keys."""
        ids, maxes = self.plan.ids, self.plan.maxes
        return {
            "total": float(self.total),
            "max": float(self.max),
            "passed": self.passed,
            "reasons": [str(r) for r in self.reasons],
            "nodes": [
                {"id": ids[k], "score": float(s), "max": float(maxes[k])} for k, s in enumerate(self.scores)
            ],
        }


def compile(standard: Standard) -> Plan:  # noqa: A001 — the name the API promises
    """Flatten a complete standard into a `Plan`, once per `Standard` object (cached on it).

    Raises `NotScorable` when the standard is incomplete: an unknown maximum cannot be scored against.
    """
    plan = standard._cache.get("plan")
    if isinstance(plan, Plan):
        return plan
    plan = _compile(standard)
    standard._cache["plan"] = plan
    return plan


_KINDS: dict[type, tuple[int, type]] = {
    FullOrZero: (_FULL, Met),
    Graded: (_GRADED, Level),
    Deduction: (_DEDUCT, Defects),
    Proportional: (_PROP, Value),
    ZeroOut: (_ZERO_OUT, Triggered),
}


def _compile(standard: Standard) -> Plan:
    issues = [Issue(i.id, "points", "points unknown") for i in standard.indicators if i.points is None]
    if standard.total_points is None:
        issues.append(Issue("standard", "total_points", "total points unknown"))
    if standard.pass_rules.pass_line is None:
        issues.append(Issue("pass_rules", "pass_line", "pass line unknown"))
    if issues or standard.total_points is None or standard.pass_rules.pass_line is None:
        raise NotScorable(issues)
    inds = standard.indicators
    pos = {ind.id: k for k, ind in enumerate(inds)}
    leaves: list[_Leaf] = []
    for k, ind in enumerate(inds):
        m = ind.method
        if m is None:
            continue
        kind, answer_type = _KINDS[type(m)]
        param: Any = None
        if isinstance(m, Graded):
            param = {lv.key: lv.points for lv in m.levels}
        elif isinstance(m, Deduction):
            param = m.per_defect
        elif isinstance(m, Proportional):
            param = m
        elif isinstance(m, ZeroOut):
            param = pos[m.target]
        leaves.append(_Leaf(k, ind.id, kind, ind.points or ZERO, m, answer_type, param))
    maxes = tuple(i.points or ZERO for i in inds)
    first_level = tuple(k for k, i in enumerate(inds) if i.parent is None)
    ratios: dict[int, Decimal] = {}
    if standard.pass_rules.first_level_floor is not None:
        ratios = {k: standard.pass_rules.first_level_floor for k in first_level}
    for node_id, ratio in standard.pass_rules.node_floors:
        ratios[pos[node_id]] = ratio
    return Plan(
        standard=standard,
        ids=tuple(i.id for i in inds),
        names=tuple(i.name for i in inds),
        levels=tuple(i.level for i in inds),
        maxes=maxes,
        index=pos,
        leaves=tuple(leaves),
        leaf_at={leaf.index: leaf for leaf in leaves},
        steps=tuple((lf.index, lf.id, lf.kind, lf.points, lf.answer_type, lf.param) for lf in leaves),
        # Parents are listed before their children, so walking the list backwards finishes every child
        # before its parent is added to its own parent.
        child_to_parent=tuple(
            (k, pos[inds[k].parent or ""]) for k in range(len(inds) - 1, -1, -1) if inds[k].parent is not None
        ),
        mandatory=tuple(k for k, i in enumerate(inds) if i.mandatory),
        floors=tuple((k, r, maxes[k] * r) for k, r in sorted(ratios.items())),
        first_level=first_level,
        total=standard.total_points,
        pass_line=standard.pass_rules.pass_line,
    )


def score(standard: Standard, responses: Responses) -> Result:
    """Score one assessment; see the module docstring for the rules and their order.

    This is the hot path (benchmarked): one pass over the leaves, one over the tree, no strings built
    except for failure reasons; explanations are produced on demand by `Result.nodes`.
    """
    plan = compile(standard)
    scores = [ZERO] * len(plan.ids)
    get = responses.items.get
    missing: list[str] = []
    zeroed: dict[int, tuple[int, Decimal]] = {}
    triggered: list[int] = []
    for k, item_id, kind, points, answer_type, param in plan.steps:
        answer = get(item_id)
        if answer is None:
            missing.append(item_id)
            continue
        if answer.__class__ is not answer_type:
            message = f"answer {answer!r} does not fit a {plan.leaf_at[k].method.TYPE} item"
            raise NotScorable([Issue(item_id, "items", message)])
        a: Any = answer  # its class is the method's answer class, checked just above
        if kind == _FULL:
            if a.met:
                scores[k] = points
        elif kind == _GRADED:
            got = param.get(a.level)
            if got is None:
                raise NotScorable([Issue(item_id, "level", f"unknown level {a.level!r}")])
            scores[k] = got
        elif kind == _DEDUCT:
            cut = param * a.defects
            scores[k] = points - cut if cut < points else ZERO
        elif kind == _PROP:
            scores[k] = _proportional(param, points, a.value)
        elif a.triggered:
            triggered.append(k)
            zeroed.setdefault(param, (k, ZERO))
    if zeroed:
        for k, parent in plan.child_to_parent:
            if k in zeroed:
                zeroed[k] = (zeroed[k][0], scores[k])
                scores[k] = ZERO
            scores[parent] += scores[k]
        for k in plan.first_level:
            if k in zeroed:
                zeroed[k] = (zeroed[k][0], scores[k])
                scores[k] = ZERO
    else:
        for k, parent in plan.child_to_parent:
            scores[parent] += scores[k]
    total = sum([scores[k] for k in plan.first_level], ZERO)
    reasons, prerequisites_met = _reasons(plan, responses, scores, total, triggered, missing)
    return Result(
        code=standard.code,
        version=standard.version,
        total=total,
        max=plan.total,
        passed=not reasons,
        prerequisites_met=prerequisites_met,
        reasons=tuple(reasons),
        missing=tuple(missing),
        scores=tuple(scores),
        plan=plan,
        responses=responses,
        zeroed=zeroed,
    )


def _proportional(method: Proportional, pts: Decimal, value: Decimal) -> Decimal:
    """Linear between the thresholds, clamped to [0, points], rounded half-up to SCORE_QUANTUM."""
    lo, hi = method.lower, method.upper
    share = (
        (value - lo) / (hi - lo) if method.direction is Direction.HIGHER_BETTER else (hi - value) / (hi - lo)
    )
    if share <= 0:
        return ZERO
    if share >= 1:
        return pts
    return (pts * share).quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP)


def _explain_leaf(leaf: _Leaf, a: Any) -> str:
    """The sentence explaining one answered item's points (same rules as `score`)."""
    m, pts = leaf.method, leaf.points
    if isinstance(m, FullOrZero):
        return f"符合，得 {_fmt(pts)} 分" if a.met else "不符合，计 0 分"
    if isinstance(m, Graded):
        level = next(lv for lv in m.levels if lv.key == a.level)
        return f"评定为「{level.label}」，得 {_fmt(level.points)} 分"
    if isinstance(m, Deduction):
        cut = m.per_defect * a.defects
        got = pts - cut if cut < pts else ZERO
        return (
            f"问题 {a.defects} {m.unit} × {_fmt(m.per_defect)} 分，"
            f"扣 {_fmt(pts - got)} 分（扣完为止），得 {_fmt(got)} 分"
        )
    if isinstance(m, Proportional):
        u, lo, hi = m.unit, _fmt(m.lower), _fmt(m.upper)
        if m.direction is Direction.HIGHER_BETTER:
            scale = f"≤{lo}{u} 计 0 分，≥{hi}{u} 计满分"
        else:
            scale = f"≤{lo}{u} 计满分，≥{hi}{u} 计 0 分"
        got = _proportional(m, pts, a.value)
        return f"实测 {_fmt(a.value)}{u}（{scale}，其间按比例），得 {_fmt(got)} 分"
    assert isinstance(m, ZeroOut)
    return f"条件成立，{m.target} 计 0 分" if a.triggered else "条件不成立，不影响得分"


def _reasons(
    plan: Plan,
    responses: Responses,
    scores: list[Decimal],
    total: Decimal,
    triggered: list[int],
    missing: list[str],
) -> tuple[list[Reason], bool]:
    """Every failed pass rule, in the order prerequisite, veto, mandatory, floor, pass line."""
    standard = plan.standard
    reasons: list[Reason] = []
    prerequisites_met = True
    for p in standard.prerequisites:
        answer = responses.prerequisites.get(p.id)
        if answer is not True:
            prerequisites_met = False
            if answer is None:
                missing.append(p.id)
            why = "未作答" if answer is None else "不满足"
            reasons.append(Reason(f"prerequisite:{p.id}", f"先决条件{why}：{p.name}"))
    for v in standard.vetoes:
        answer = responses.vetoes.get(v.id)
        if answer is None:
            missing.append(v.id)
            reasons.append(Reason(f"veto:{v.id}", f"一票否决事项未作答（未排除）：{v.name}"))
        elif answer:
            reasons.append(Reason(f"veto:{v.id}", f"一票否决：{v.name}"))
    for k in plan.mandatory:
        if scores[k] < plan.maxes[k] or k in triggered:
            what = "条件成立" if k in triggered else f"得分 {_fmt(scores[k])}，满分 {_fmt(plan.maxes[k])}"
            reasons.append(Reason(f"mandatory:{plan.ids[k]}", f"必达指标未达到：{plan.names[k]}（{what}）"))
    for k, ratio, threshold in plan.floors:
        if scores[k] < threshold:
            reasons.append(
                Reason(
                    f"floor:{plan.ids[k]}",
                    f"{plan.names[k]} 得分 {_fmt(scores[k])}，低于下限 {_fmt(threshold)}"
                    f"（{_fmt(ratio * 100)}%），差 {_fmt(threshold - scores[k])}",
                )
            )
    if total < plan.pass_line:
        reasons.append(
            Reason(
                "pass_line",
                f"总分 {_fmt(total)}，低于达标线 {_fmt(plan.pass_line)}，差 {_fmt(plan.pass_line - total)}",
            )
        )
    return reasons, prerequisites_met


def _fmt(d: Decimal) -> str:
    """Points for people: no exponent, no trailing zeros (165, 82.5)."""
    text = f"{d.normalize():f}"
    return "0" if text == "-0" else text
