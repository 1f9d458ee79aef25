"""`workoutlang show`: the expanded plan as tables, one per week.

On a terminal the tables are drawn with rich; otherwise as plain aligned
text, so the output can be piped, diffed and pasted.
"""

from __future__ import annotations

from .expand import BlockInstance, Item, Program, WeekInstance

COLUMNS = ("exercise", "sets x reps", "load", "tempo", "side", "rest", "note")


def prescription(item: Item) -> str:
    """`3 x 8`, `3 x 8-12`, `3 x 45s`, `3 x max`; a bare per-round item has no sets."""
    if item.max_effort:
        amount = "max"
    elif item.duration_s is not None:
        minutes, seconds = divmod(item.duration_s, 60)
        amount = f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"
    elif item.reps_min == item.reps_max:
        amount = str(item.reps_min)
    else:
        amount = f"{item.reps_min}-{item.reps_max}"
    return f"{item.sets} x {amount}" if item.sets is not None else amount


def _row(item: Item, indent: str = "") -> tuple[str, ...]:
    tempo = "-".join("x" if p is None else str(p) for p in item.tempo) if item.tempo else ""
    return (indent + item.exercise.display, prescription(item),
            item.load.text if item.load else "", tempo, item.side or "",
            f"{item.rest_s}s" if item.rest_s else "", item.note or "")


def _rows(week: WeekInstance) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Per session: a title and its rows, blocks as a heading row and indented items."""
    out = []
    for session in week.sessions:
        rows: list[tuple[str, ...]] = []
        for entry in session.items:
            if isinstance(entry, BlockInstance):
                rounds = f" {entry.rounds} rounds" if entry.rounds else ""
                rest = f", rest {entry.rest_s}s" if entry.rest_s else ""
                rows.append((f"{entry.kind}{rounds}{rest}:",) + ("",) * (len(COLUMNS) - 1))
                rows.extend(_row(item, "  ") for item in entry.items)
            else:
                rows.append(_row(entry))
        days = f" ({', '.join(session.days)})" if session.days else ""
        out.append((f"{session.name}{days}", rows))
    return out


def _title(week: WeekInstance, plan_name: str) -> str:
    deload = f" — deload {week.deload_percent:g}%" if week.deload_percent else ""
    date = f", from {week.monday.isoformat()}" if week.monday else ""
    return f"{plan_name}: week {week.number}{date}{deload}"


def render_plan(program: Program, week: int | None, width: int, use_rich: bool) -> str:
    """The expanded plan (or one week of it) as text."""
    chosen = [(plan.plan.name, w) for plan in program.plans for w in plan.weeks
              if week is None or w.number == week]
    if not chosen:
        counts = ", ".join(str(len(p.weeks)) for p in program.plans)
        return f"no week {week}: the plan has {counts} week(s)\n"
    if use_rich:
        return _rich(chosen, width)
    return "".join(_plain(name, w) for name, w in chosen)


def _plain(plan_name: str, week: WeekInstance) -> str:
    lines = [_title(week, plan_name), ""]
    for title, rows in _rows(week):
        table = [COLUMNS, *rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
        lines.append(f"  {title}")
        for row in table:
            lines.append("    " + "  ".join(c.ljust(w) for c, w in zip(row, widths,
                                                                        strict=True)).rstrip())
        lines.append("")
    return "\n".join(lines) + "\n"


def _rich(chosen: list[tuple[str, WeekInstance]], width: int) -> str:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=width, record=True, file=_Discard(), force_terminal=True)
    for plan_name, week in chosen:
        console.rule(_title(week, plan_name))
        for title, rows in _rows(week):
            table = Table(title=title, title_justify="left", expand=False)
            for column in COLUMNS:
                table.add_column(column)
            for row in rows:
                style = "bold" if row[0].endswith(":") else None
                table.add_row(*row, style=style)
            console.print(table)
    return console.export_text(styles=True)


class _Discard:
    """A file that drops what is written: the console only records."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass
