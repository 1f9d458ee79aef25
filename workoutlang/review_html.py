"""`workoutlang review --to html`: one self-contained page (CSS inline, charts as inline
SVG from review_charts.py, no script) from the review@1 document (review_data.py).

Every chart has a table of its numbers beside it. The view objects are prepared
here; templates/review.html.j2 only lays them out.
"""

from __future__ import annotations

from typing import Any

from .review_charts import butterfly, grouped_bars, line_chart
from .review_text import (
    GROUP_TITLES,
    REASONS,
    UNIT_WORDS,
    day,
    difference,
    fraction,
    not_done,
    retagged_note,
)

PLANNED_DONE = (("planned", "planned"), ("done", "done"))  # (series name, css class)
LONG_WEEKS = 12  # more weeks than this: the weekly table goes under its chart, not beside


def render(document: dict[str, Any]) -> str:
    import jinja2  # here, not at import: the other review forms never render HTML

    env = jinja2.Environment(loader=jinja2.PackageLoader("workoutlang", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.get_template("review.html.j2").render(**view(document))


def view(document: dict[str, Any]) -> dict[str, Any]:
    weeks = document["weeks"]
    names = [f"Week {w['week']}" for w in weeks]
    ticks = [str(w["week"]) for w in weeks]
    totals = document["totals"]
    return {
        "plan": document["plan"],
        "as_of": _long_date(document["as_of"]),
        "summary": [("Sessions", fraction(totals["sessions"]))] + [
            (GROUP_TITLES[g], fraction(totals["sets"][g])) for g in GROUP_TITLES],
        "partial": any(w["partial"] for w in weeks),
        "retagged": retagged_note(document),
        "long": len(weeks) > LONG_WEEKS,
        "weeks": [{"label": _week_label(w), "sessions": fraction(w["sessions"]),
                   "not_done": not_done(w["sessions"]),
                   "sets": [fraction(w["sets"][g]) for g in GROUP_TITLES]} for w in weeks],
        "totals": {"sessions": fraction(totals["sessions"]),
                   "not_done": not_done(totals["sessions"]),
                   "sets": [fraction(totals["sets"][g]) for g in GROUP_TITLES]},
        "groups": list(GROUP_TITLES.values()),
        "sessions_chart": grouped_bars(
            "sessions", "Sessions per week, planned and done",
            "Bars per week: sessions planned (past doings) and sessions done.", names,
            [(name, css, [w["sessions"][name] for w in weeks]) for name, css in PLANNED_DONE],
            "sessions", ticks),
        "set_charts": [(title, grouped_bars(
            f"sets-{group}", f"{title} sets per week, planned and done",
            f"Bars per week: {title.lower()} sets planned and sets done.", names,
            [(name, css, [w["sets"][group][name] for w in weeks]) for name, css in PLANNED_DONE],
            "sets", ticks, height=170)) for group, title in GROUP_TITLES.items()],
        "balance_chart": butterfly(
            "balance", "Left and right volume of one-sided work, all weeks",
            "A row per exercise: the left bar grows leftward, the right bar rightward, "
            "each row on its own scale.",
            [(b["display"], b["left"], b["right"], UNIT_WORDS[b["unit"]])
             for b in document["balance"]]) if document["balance"] else None,
        "balance": [{"exercise": b["display"], "left": b["left"], "right": b["right"],
                     "unit": UNIT_WORDS[b["unit"]], "difference": difference(b["left"], b["right"])}
                    for b in document["balance"]],
        "loads": [_load(i, series) for i, series in enumerate(document["loads"])],
        "missed": document["missed"],
        "sessions_missed": [{
            "week": s["week"], "session": s["session"], "date": day(s["date"]),
            "why": ("skipped" + (f": {s['note']}" if s["note"] else ""))
            if s["reason"] == "skipped" else "not logged"} for s in document["sessions_missed"]],
        "unmatched": [{**u, "why": REASONS[u["reason"]]} for u in document["unmatched"]],
    }


def _load(index: int, series: dict[str, Any]) -> dict[str, Any]:
    points, unit = series["points"], series["unit"]
    labels = [day(p["date"]) for p in points]
    return {
        "exercise": series["display"], "unit": unit,
        "chart": line_chart(
            f"load-{index}", f"{series['display']}: heaviest set per session ({unit})",
            f"A point per session done: the heaviest set's weight (solid), and the weight "
            f"planned (dashed), in {unit}.", labels, [p["top"] for p in points],
            [p["planned"] for p in points], unit),
        "rows": [{"date": label, "top": p["top"], "reps": p["reps"], "planned": p["planned"]}
                 for label, p in zip(labels, points, strict=True)],
    }


def _week_label(week: dict[str, Any]) -> str:
    label = f"Week {week['week']}"
    if week["monday"]:
        label += f", {day(week['monday'])}"
    if week["deload"]:
        label += " (deload)"
    return label + (" *" if week["partial"] else "")


def _long_date(text: str | None) -> str | None:
    return f"{day(text)} {text[:4]}" if text else None
