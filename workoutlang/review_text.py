"""`workoutlang review` as text: the review@1 document (review_data.py) as rich tables.

Styled on a terminal; plain (no colour, no control codes) when piped; drawn with
ASCII rules when the output's encoding cannot draw boxes (an ASCII locale).
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from .review_data import TAG_GROUPS

GROUP_TITLES = {"core": "Core", "posterior_chain": "Posterior chain",
                "single_leg": "Single-leg", "mobility_balance": "Mobility & balance"}
assert GROUP_TITLES.keys() == TAG_GROUPS.keys()
UNIT_WORDS = {"reps": "reps", "s": "seconds", "m": "metres"}
REASONS = {"no_session": "no such session planned that week",
           "outside_plan": "outside the plan's weeks",
           "twice": "the same session again that day", "not_a_date": "not a real date"}
LOAD_POINTS_SHOWN = 10  # dates across a load table; older ones are counted, not shown


def day(text: str | None) -> str:
    """`2027-03-08` → `8 Mar`."""
    if text is None:
        return "-"
    try:
        date = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{date.day} {date:%b}"


RETAGGED_MARK = "^"  # on a sets cell that counts a tag the plan gave a built-in exercise


def fraction(counts: dict[str, Any]) -> str:
    """`done/planned`, with the share: `4/6 67%`; nothing planned: `4/0`; marked
    when some of the sets count here only by the plan's own tag (WOL113)."""
    done, planned = counts["done"], counts["planned"]
    share = f" {round(100 * done / planned)}%" if planned else ""
    return f"{done}/{planned}{share}" + RETAGGED_MARK * ("retagged" in counts)


def retagged_note(document: dict[str, Any]) -> str | None:
    """The foot of a sets table when the plan retagged a built-in exercise."""
    if not document["retagged"]:
        return None
    moved = ", ".join(f"{name} → {' and '.join(GROUP_TITLES[g].lower() for g in groups)}"
                      for name, groups in document["retagged"].items())
    return (f"{RETAGGED_MARK} includes sets counted there only by a tag the plan gives a "
            f"built-in exercise (WOL113): {moved}")


def week_label(week: dict[str, Any]) -> str:
    label = f"{week['week']}"
    if week["monday"]:
        label += f" ({day(week['monday'])})"
    if week["deload"]:
        label += " deload"
    if week["partial"]:
        label += " *"
    return label


def not_done(sessions: dict[str, int]) -> str:
    """`1 skipped, 1 not logged`; `-` when every planned session was done."""
    notes = [f"{sessions[k]} {k.replace('_', ' ')}" for k in ("skipped", "not_logged")
             if sessions[k]]
    return ", ".join(notes) or "-"


def difference(left: float, right: float) -> str:
    """Right against left: `-17%`, `even`; `-` when nothing was done on the left."""
    if left == right:
        return "even"
    return f"{round(100 * (right - left) / left):+d}%" if left else "-"


def amount(value: float | None, unit: str = "") -> str:
    return "-" if value is None else f"{value:g}{unit}"


def render(document: dict[str, Any], width: int = 100, styled: bool = False,
           ascii_only: bool = False) -> str:
    """The review as text ending in a newline. `styled`: keep rich's styles (a
    terminal); `ascii_only`: boxes drawn in ASCII."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # Text, not strings: a "[" in a name is not markup

    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=styled,
                      color_system="standard" if styled else None, highlight=False,
                      safe_box=True, legacy_windows=False)
    frame = box.ASCII if ascii_only else box.HEAVY_HEAD

    def table(title: str, *columns: str) -> Table:
        # the title on its own line: as a table's title rich would wrap it to the table
        console.print(Text(title, style="bold"))
        made = Table(box=frame)
        for i, column in enumerate(columns):
            made.add_column(column, justify="left" if i == 0 else "right", overflow="fold",
                            no_wrap=i == 0)
        return made

    def gap() -> None:
        console.print()

    as_of = f", logged up to {day(document['as_of'])} {document['as_of'][:4]}" \
        if document["as_of"] else ""
    console.print(Text(f"Review of \"{document['plan']}\"{as_of}", style="bold"))

    gap()
    weeks = table("Sessions and sets per week (done/planned)", "Week", "Sessions",
                  "Not done", *GROUP_TITLES.values())
    totals = document["totals"]
    for week in [*document["weeks"], {"label": "All", **totals}]:
        weeks.add_row(Text(week.get("label") or week_label(week)),
                      fraction(week["sessions"]), not_done(week["sessions"]),
                      *(fraction(week["sets"][g]) for g in GROUP_TITLES),
                      style="bold" if "label" in week else None)
    console.print(weeks)
    if any(w["partial"] for w in document["weeks"]):
        console.print(Text("* the current week: only its sessions up to the last logged day"))
    note = retagged_note(document)
    if note:
        console.print(Text(note))

    if document["balance"]:
        gap()
        balance = table("Left / right balance, all weeks", "Exercise", "Left", "Right", "Unit",
                        "Right vs left")
        for row in document["balance"]:
            left, right = row["left"], row["right"]
            balance.add_row(Text(row["display"]), amount(left), amount(right),
                            UNIT_WORDS[row["unit"]], difference(left, right))
        console.print(balance)

    for series in document["loads"]:
        gap()
        points = series["points"][-LOAD_POINTS_SHOWN:]
        hidden = len(series["points"]) - len(points)
        title = f"{series['display']}: heaviest set ({series['unit']})" + \
            (f", last {len(points)} of {len(series['points'])}" if hidden else "")
        loads = table(title, "", *(day(p["date"]) for p in points))
        loads.add_row("done", *(f"{amount(p['top'])}" + (f" x{p['reps']}" if p["reps"] else "")
                                for p in points))
        loads.add_row("planned", *(amount(p["planned"]) for p in points))
        console.print(loads)

    gap()
    missed = table("Exercises planned so far", "Exercise", "Planned", "Done", "Short",
                   "Missed", "Session not done")
    for row in document["missed"]:
        missed.add_row(Text(row["display"]), *(str(row[k]) for k in (
            "planned", "done", "short", "missed", "session_not_done")),
            style="bold" if row["missed"] or row["short"] else None)
    console.print(missed)

    if document["sessions_missed"] or document["unmatched"]:
        gap()
    for gone in document["sessions_missed"]:
        why = "skipped" + (f" ({gone['note']})" if gone["note"] else "") \
            if gone["reason"] == "skipped" else "not logged"
        console.print(Text(f"Not done: week {gone['week']} \"{gone['session']}\" "
                           f"{day(gone['date'])}: {why}"))
    for entry in document["unmatched"]:
        console.print(Text(f"Not counted: line {entry['line']}, {entry['date']} "
                           f"\"{entry['session']}\": {REASONS[entry['reason']]}"))
    text = console.export_text(styles=styled)
    return "".join(line.rstrip() + "\n" for line in text.splitlines())
