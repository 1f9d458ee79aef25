"""An iCalendar file: every session on its weekdays, every week, from the plan's start.

Week n's Monday is the start's Monday + 7(n-1) days; a session `on mon, thu`
is two events that week, and days before the start are skipped. A session with
no day (`1-2 per week`) is one all-day event across its week, saying how often
(WOL011 says so when compiling). UIDs and
DTSTAMP derive from the plan, not from the clock, so compiling again gives the
same bytes and a calendar re-importing the file updates its events instead of
duplicating them.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

import attrs

from .. import syntax
from ..errors import CompileError
from ..expand import BlockInstance, ExpandedPlan, Program, SessionInstance, WeekInstance
from ..vocabulary import DAYS
from . import EmitOptions
from .wording import describe_block, describe_item, describe_number, describe_times_a_week

# UIDs are uuid5 names in this namespace: same plan, session, week and day, same UID.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://workoutlang.dev/ics")
PRODID = "-//workoutlang//workoutlang//EN"
# Calendars (and Python's dates, with the margins a VTIMEZONE needs) stop somewhere.
FIRST_YEAR, LAST_YEAR = 1900, 9990


@attrs.frozen
class Occurrence:
    """One session on one day of one week; a session with no day (`N per week`) spans
    its week, from `date` to `until` (exclusive)."""

    date: datetime.date
    plan: ExpandedPlan
    week: WeekInstance
    session: SessionInstance
    day: str
    until: datetime.date | None = None


def emit(program: Program, options: EmitOptions) -> bytes:
    import icalendar  # here, not at import: the check path never writes calendars

    at, length, zone = _time_options(options)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", " · ".join(p.plan.name for p in program.plans) or "Training")
    if zone is not None:
        calendar.add("x-wr-timezone", options.timezone)
    taken: set[str] = set()
    dates: list[datetime.date] = []
    for plan in program.plans:
        start = plan_start(plan.plan)
        stamp = datetime.datetime.combine(start, datetime.time(0, 0), tzinfo=datetime.UTC)
        for occurrence in occurrences(plan, start):
            dates.append(occurrence.date)
            event = icalendar.Event()
            event.add("uid", _uid(occurrence, taken))
            event.add("dtstamp", stamp)
            summary = occurrence.session.name
            if occurrence.until is not None:  # all day, across the week; takes no time
                event.add("dtstart", occurrence.date)
                event.add("dtend", occurrence.until)
                event.add("transp", "TRANSPARENT")
                per_week = occurrence.session.per_week
                assert per_week is not None
                summary += f" ({describe_times_a_week(per_week)}, any day)"
            else:
                begin = datetime.datetime.combine(occurrence.date, at, tzinfo=zone)
                event.add("dtstart", begin)
                event.add("dtend", begin + length)
            event.add("summary", summary + (" — deload" if occurrence.week.deload else ""))
            event.add("description", description(occurrence))
            event.add("categories", ["Strength training"])
            calendar.add_component(event)
    if not dates:  # RFC 5545 wants a component, and an empty calendar helps nobody
        raise _nothing_to_place(program)
    if zone is not None:
        # the VTIMEZONE the TZIDs refer to, with the transitions of the plan's dates only
        year = datetime.timedelta(days=366)
        calendar.add_missing_timezones(min(dates) - year, max(dates) + year)
    data: bytes = calendar.to_ical()
    return data


def _nothing_to_place(program: Program) -> CompileError:
    if not program.plans:
        return CompileError("nothing to put in a calendar: the file has no plan")
    plan = program.plans[0].plan
    option = next(o for o in plan.options if isinstance(o, syntax.StartOption))
    start = plan_start(plan)
    return CompileError(
        f'no session of plan "{plan.name}" falls on or after its start, {start:%A} {start}: '
        "start the plan on the weekday of its first session or earlier, or add weeks",
        option.span)


def plan_start(plan: syntax.Plan) -> datetime.date:
    """The start date; a plan without one (or with a bad one) cannot be placed in a calendar."""
    option = next((o for o in plan.options if isinstance(o, syntax.StartOption)), None)
    if option is None:
        raise CompileError(
            f'plan "{plan.name}" has no start date: add start YYYY-MM-DD to the plan header '
            "to export a calendar", plan.span)
    try:
        start = datetime.date.fromisoformat(option.date)
    except ValueError:
        raise CompileError(f"start {option.date} is not a date: write it as YYYY-MM-DD",
                           option.span) from None
    try:
        end = start + datetime.timedelta(weeks=plan.week_count)
    except OverflowError:
        end = datetime.date.max
    if not FIRST_YEAR <= start.year <= end.year <= LAST_YEAR:
        raise CompileError(f"start {option.date}: the weeks of the plan must fall between "
                           f"the years {FIRST_YEAR} and {LAST_YEAR}", option.span)
    return start


def occurrences(plan: ExpandedPlan, start: datetime.date) -> list[Occurrence]:
    """Every session on every one of its days, in date order; none before `start`."""
    first_monday = start - datetime.timedelta(days=start.weekday())
    found = []
    for week in plan.weeks:
        monday = first_monday + datetime.timedelta(weeks=week.number - 1)
        shown: set[int] = set()
        for session in week.sessions:
            if session.per_week is not None:
                # no day to place it on: once across the week (its N instances alike)
                if id(session.session) not in shown and monday + _WEEK > start:
                    shown.add(id(session.session))
                    found.append(Occurrence(max(monday, start), plan, week, session, "week",
                                            monday + _WEEK))
                continue
            if not session.days:
                raise CompileError(
                    f'session "{session.name}" has no day: add on DAY (e.g. on mon) to its '
                    "header to export a calendar", session.session.span)
            for day, written in zip(session.days, _day_spans(session), strict=False):
                if day not in DAYS:
                    raise CompileError(f"{day!r} is not a day: use mon, tue … sun", written)
                date = monday + datetime.timedelta(days=DAYS.index(day))
                if date >= start:
                    found.append(Occurrence(date, plan, week, session, day))
    found.sort(key=lambda o: o.date)  # stable: sessions of a day keep their order
    return found


_WEEK = datetime.timedelta(weeks=1)


def _day_spans(session: SessionInstance) -> list[syntax.Span]:
    spans = [d.span for d in session.session.days]
    return spans + [session.session.span] * (len(session.days) - len(spans))


def description(occurrence: Occurrence) -> str:
    """A heading line, then the exercises of that week's session, one a line."""
    week, plan = occurrence.week, occurrence.plan
    heading = f"{plan.plan.name}: week {week.number} of {plan.plan.week_count}"
    rotation = occurrence.session.rotation
    if rotation is not None:
        names = " / ".join(s.name for s in rotation.sessions)
        heading += f", {occurrence.session.name} of the rotation {names}"
    if week.deload:
        heading += " (deload" + (f" {describe_number(week.deload_percent)}%"
                                 if week.deload_percent is not None else "") + ")"
    lines = [heading, ""]
    per_week = occurrence.session.per_week
    if per_week is not None:
        lines[1:1] = [f"No fixed day: {describe_times_a_week(per_week)}, on the days you choose.",
                      ""]
    for entry in occurrence.session.items:
        if isinstance(entry, BlockInstance):
            lines.append(describe_block(entry) + ":")
            lines.extend("  " + describe_item(item) for item in entry.items)
        else:
            lines.append(describe_item(entry))
    return "\n".join(lines)


def _uid(occurrence: Occurrence, taken: set[str]) -> str:
    """From plan, session, week and day; a second session alike that day gets `-2`."""
    key = "\x1f".join((occurrence.plan.plan.name, occurrence.session.name,
                       str(occurrence.week.number), occurrence.day))
    base = f"{uuid.uuid5(UID_NAMESPACE, key)}@workoutlang"
    uid, n = base, 1
    while uid in taken:
        n += 1
        uid = base.replace("@", f"-{n}@", 1)
    taken.add(uid)
    return uid


def _time_options(
        options: EmitOptions) -> tuple[datetime.time, datetime.timedelta, zoneinfo.ZoneInfo | None]:
    try:
        at = datetime.time.fromisoformat(options.event_time)
    except ValueError:
        raise CompileError(f"event time {options.event_time!r}: write it as HH:MM") from None
    if not 0 < options.event_minutes <= 24 * 60:
        raise CompileError(f"event length {options.event_minutes} min: give 1 to 1440 minutes")
    zone = None
    if options.timezone is not None:
        try:
            zone = zoneinfo.ZoneInfo(options.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CompileError(f"unknown time zone {options.timezone!r}: use an IANA name "
                               "such as Europe/Paris") from None
    return at, datetime.timedelta(minutes=options.event_minutes), zone
