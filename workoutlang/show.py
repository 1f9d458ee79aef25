"""`workoutlang show`: the expanded plan as tables, one per session of each week.

On a terminal the tables are drawn with rich (recorded to a string, styles
kept); otherwise as plain aligned text, so the output can be piped, diffed
and pasted. Either way the values are the expanded ones: week 5 shows week 5's
loads, reps and sets. Each plan ends with its balance: a table of sets a week per
group of tags (balance.py), a row per run of equal weeks (with `--week N`, that week's).
"""

from __future__ import annotations

import datetime
import io

from . import balance
from .backends.wording import describe_rest
from .expand import BlockInstance, ExpandedPlan, Item, Program, SessionInstance, WeekInstance
from .spelling import rounds_text, tempo_text
from .stats import Retags, file_retags
from .vocabulary import DAYS, SETS_SEPARATOR

COLUMNS = ("exercise", "sets x reps", "load", "tempo", "side", "rest", "note")
Row = tuple[str, ...]


def prescription(item: Item) -> str:
    """`3 x 8`, `3 x 8-12`, `3 x 45s`, `3 x max`; a bare per-round item has no sets."""
    text = item.prescription_text
    return text.replace(SETS_SEPARATOR, f" {SETS_SEPARATOR} ", 1) if item.sets is not None \
        else text


def _row(item: Item, indent: str = "") -> Row:
    # a set scheme's later groups stand under its first, unnamed: `1 x 5 185lb rpe 8`, `3 x 5 165lb`
    name = "" if item.group else indent + item.exercise.display
    return (name, prescription(item),
            item.load.text if item.load else "", tempo_text(item.tempo) if item.tempo else "",
            item.side or "", describe_rest(item.rest_s, item.rest_lap), item.note or "")


def _block_row(block: BlockInstance) -> Row:
    rounds = f" {rounds_text(block.rounds)}" if block.rounds else ""
    rest = describe_rest(block.rest_s, block.rest_lap)
    rest = f", rest {rest}" if rest else ""
    return (f"{block.kind}{rounds}{rest}:",) + ("",) * (len(COLUMNS) - 1)


def _rows(session: SessionInstance) -> list[Row]:
    """The session's rows: blocks as a heading row and their items indented."""
    rows: list[Row] = []
    for entry in session.items:
        if isinstance(entry, BlockInstance):
            rows.append(_block_row(entry))
            rows.extend(_row(item, "  ") for item in entry.items)
        else:
            rows.append(_row(entry))
    return rows


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%b}"


def _session_title(session: SessionInstance, monday: datetime.date | None) -> str:
    days = []
    for day in session.days:
        when = monday + datetime.timedelta(days=DAYS.index(day)) \
            if monday is not None and day in DAYS else None
        days.append(f"{day} {_day(when)}" if when else day)
    if session.per_week is not None:
        low, high = session.per_week
        days.append(f"{low}{f'-{high}' if high != low else ''} per week, no fixed day")
    if session.rotation is not None:
        rotation = session.rotation
        days.append(f"rotation {'/'.join(s.name for s in rotation.sessions)} on "
                    f"{', '.join(d.name for d in rotation.days)}")
    return session.name + (f" ({', '.join(days)})" if days else "")


def _title(plan: ExpandedPlan, week: WeekInstance) -> str:
    text = f"{plan.plan.name}: week {week.number} of {plan.plan.week_count}"
    if week.monday is not None:
        sunday = week.monday + datetime.timedelta(days=6)
        text += f", {_day(week.monday)} – {_day(sunday)} {sunday.year}"
    if week.cycle is not None:
        text += f", cycle {week.cycle} week {week.week_of_cycle}"
    if week.deload:
        text += f" — deload {week.deload_percent or 0:g}%"
    return text


def _maxes(week: WeekInstance) -> list[str]:
    """What the week's percentages are of: `max squat 315lb, training max 283.5lb (90%)`."""
    return [f"max {m.exercise} {m.one_rm:g}{m.unit}, training max {m.training_max:g}{m.unit} "
            f"({m.tm_percent:g}%)" for m in week.maxes]


def render_plan(program: Program, week: int | None, console_width: int, use_rich: bool,
                balance_table: bool = True) -> str:
    """The expanded plan (or only week `week` of each plan) as text ending in a newline,
    each plan's sets per tag after its weeks (not with `balance_table` False: `next`,
    whose weeks hold only the coming sessions). A plan too big to expand (WOL003) is a
    CompileError: there are no weeks to show."""
    from .compiler import not_expanded

    unexpanded = not_expanded(program, "not shown")
    if unexpanded is not None:
        raise unexpanded
    chosen = [(plan, weeks) for plan in program.plans
              if (weeks := [w for w in plan.weeks if week is None or w.number == week])]
    if not chosen:
        counts = ", ".join(str(len(p.weeks)) for p in program.plans) or "no"
        return f"no week {week}: the plan has {counts} week(s)\n"
    retags = file_retags(program.tree) if balance_table else {}
    if use_rich:
        return _rich(chosen, console_width, balance_table, retags)
    texts = []
    for plan, weeks in chosen:
        texts += [_plain(plan, w) for w in weeks]
        if balance_table:
            texts.append(_plain_balance(plan, weeks, retags))
    return "\n".join(texts)


def _balance_title(plan: ExpandedPlan, weeks: list[WeekInstance]) -> str:
    if len(weeks) == 1:
        return f"{plan.plan.name}: sets per tag in week {weeks[0].number}"
    return f"{plan.plan.name}: sets a week per tag"


# how the table counts, under it
BALANCE_NOTE = ("a block's sets count once a round, a session on two days twice "
                "(as `check --stats` counts them)")


def _plain_balance(plan: ExpandedPlan, weeks: list[WeekInstance], retags: Retags) -> str:
    """The plan's sets per tag group, a row a run of equal weeks, numbers to the right."""
    found = balance.runs(weeks, retags)
    table = balance.table_rows(found)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [_balance_title(plan, weeks)]
    for row in table:
        cells = [row[0].ljust(widths[0]),
                 *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        lines.append(("  " + "  ".join(cells)).rstrip())
    lines.append(f"  {BALANCE_NOTE}")
    note = balance.retagged_note(found, retags)
    lines += [f"  {note}"] if note else []
    return "\n".join(lines) + "\n"


def _plain(plan: ExpandedPlan, week: WeekInstance) -> str:
    lines = [_title(plan, week), *(f"  {line}" for line in _maxes(week))]
    for session in week.sessions:
        table = [COLUMNS, *_rows(session)]
        widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
        lines.append("")
        lines.append(f"  {_session_title(session, week.monday)}")
        for row in table:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append(("    " + "  ".join(cells)).rstrip())
    return "\n".join(lines) + "\n"


def _rich(chosen: list[tuple[ExpandedPlan, list[WeekInstance]]], width: int,
          balance_table: bool, retags: Retags) -> str:
    from rich.console import Console  # only `show` on a terminal pays for rich
    from rich.table import Table
    from rich.text import Text  # Text, not strings: a "[" in a name is not markup

    # the console writes to a throwaway buffer; what it recorded is the result
    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=True,
                      highlight=False)
    for plan, weeks in chosen:
        for week in weeks:
            console.rule(Text(_title(plan, week)), style="yellow" if week.deload else "cyan")
            for line in _maxes(week):
                console.print(Text(line))
            for session in week.sessions:
                table = Table(title=Text(_session_title(session, week.monday)),
                              title_justify="left", title_style="bold")
                for column in COLUMNS:
                    table.add_column(column, overflow="fold")
                for row in _rows(session):
                    table.add_row(*(Text(cell) for cell in row),
                                  style="bold" if row[0].endswith(":") else None)
                console.print(table)
        if not balance_table:
            continue
        console.rule(Text(_balance_title(plan, weeks)), style="cyan")
        found = balance.runs(weeks, retags)
        headings, *rows = balance.table_rows(found)
        note = balance.retagged_note(found, retags)
        table = Table(caption=Text(BALANCE_NOTE + (f"\n{note}" if note else "")),
                      caption_justify="left")
        for i, heading in enumerate(headings):
            table.add_column(heading, justify="left" if i == 0 else "right")
        for row, run in zip(rows, found, strict=True):
            table.add_row(*(Text(cell) for cell in row), style="yellow" if run.deload else None)
        console.print(table)
    return console.export_text(styles=True)
