"""The formatter on training logs and the plan syntax of issue 13 (`if done`, `reset …
after N misses`, ladders): exact canonical texts, round trips, comments and meaning."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workoutlang as wol
from workoutlang import formatter, syntax
from workoutlang.formatter import FormatterError, format_text, format_tree, meaning

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# DESIGN.md's example, with the plan it follows, already in the canonical layout
CANONICAL = '''\
plan "Runner strength, base" weeks 8 start 2027-03-01:

  session "Lower body + core" on tue:
    romanian_deadlift 3x8 @ 50kg progress +2.5kg/session if done reset -10% after 2 misses
    step_up 3x8 @ 10kg each_leg
    ladder 3x5-8 each_leg graduate 3x8:
      split_squat
      bulgarian_split_squat
      pistol_squat rest 2min
    plank 3x45s

  session "Upper body + mobility" on fri:
    push_up 3x10

log "Runner strength, base":                  # the plan it follows, by name
  2027-03-02 "Lower body + core":
    romanian_deadlift 8, 8, 7 @ 52.5kg rpe 9  # reps of each set, as done
    step_up 8, 8, 8 @ 10kg each_leg
    squat 5 @ 100kg, 5 @ 100kg, 3 @ 95kg      # a set's own load, like a set scheme
    goblet_squat 3x8 @ 16kg
    plank 45s, 45s, 30s
    farmer_carry 40m, 40m
    side_plank 30s, 30s left                  # a side
    side_plank 30s, 25s right
    pallof_press skipped                      # an exercise not done: a miss
    pallof_press skipped note "no cable"
    note "left knee tight"                    # a note for the session

  2027-03-05 "Upper body + mobility" skipped  # a whole session not done
  2027-03-09 "Lower body + core" skipped note "ill"
'''

MESSY_LOG = (
    'log   "P"  :\n'
    '\n'
    '\n'
    '    2027-03-02   "A":   # first\n'
    '\n'
    '          squat 5@100kg ,5 @ 100.0kg,3@95kg   left\n'
    '          # own line\n'
    '          plank 45s,1m30s , 90s\n'
    '          row 3x08 @40kg note "x"\n'
    '          note   "knee"\n'
    '\n'
    '\n'
    '\n'
    '    2027-03-04 "B"   skipped   note "ill"\n'
    '    2027-03-05 "C":\n'
    '          step_up 8,8 each_leg @ 10kg rpe 8.0\n'
    '          dip   skipped note "no bars"\n'
    '          farmer_carry 40.0m ,1.50km note "grip"  @bw\n'
    '# end\n')

MESSY_LOG_FORMATTED = (
    'log "P":\n'
    '\n'
    '  2027-03-02 "A":       # first\n'
    '    squat 5 @ 100kg, 5 @ 100kg, 3 @ 95kg left\n'
    '    # own line\n'
    '    plank 45s, 1min30s, 1min30s\n'
    '    row 3x8 @ 40kg note "x"\n'
    '    note "knee"\n'
    '\n'
    '  2027-03-04 "B" skipped note "ill"\n'
    '  2027-03-05 "C":\n'
    '    step_up 8, 8 @ 10kg rpe 8 each_leg\n'
    '    dip skipped note "no bars"\n'
    '    farmer_carry 40m, 1.5km @ bw note "grip"\n'
    '# end\n')


def test_the_canonical_plan_and_log_stays_as_it_is() -> None:
    assert format_text(CANONICAL) == CANONICAL


def test_a_messy_log_only_file_becomes_canonical() -> None:
    assert format_text(MESSY_LOG) == MESSY_LOG_FORMATTED
    assert format_text(MESSY_LOG_FORMATTED) == MESSY_LOG_FORMATTED


def test_a_messy_plan_and_log_becomes_canonical() -> None:
    messy = (
        'log "P":\n'
        '   2027-03-02 "A":\n'
        '       squat 5,5,5\n'
        'plan "P" start 2027-03-01 weeks 4:\n'
        '   session "A" on tue:\n'
        '       squat 3x5 @ 100kg  reset -10% after 1 misses progress +2.5kg/session if   done\n'
        '       ladder 3x5-8 rest 90s each_leg @ 10kg  graduate 3x8:\n'
        '           split_squat  tempo 3-1-X\n'
        '           pistol_squat  note "wall" left\n')
    assert format_text(messy) == (
        'log "P":\n'
        '  2027-03-02 "A":\n'
        '    squat 5, 5, 5\n'
        '\n'
        'plan "P" weeks 4 start 2027-03-01:\n'
        '\n'
        '  session "A" on tue:\n'
        '    squat 3x5 @ 100kg progress +2.5kg/session if done reset -10% after 1 miss\n'
        '    ladder 3x5-8 @ 10kg each_leg rest 1min30s graduate 3x8:\n'
        '      split_squat tempo 3-1-x\n'
        '      pistol_squat left note "wall"\n')


@pytest.mark.parametrize(("written", "canonical"), [
    ("reset -10% after 1 misses", "reset -10% after 1 miss"),
    ("reset -10.0% after 2 miss", "reset -10% after 2 misses"),
    ("reset -7.50% after 3 misses", "reset -7.5% after 3 misses"),
    ("progress +2.50kg/session if done", "progress +2.5kg/session if done"),
    ("progress double +2kg/session if done", "progress double +2kg if done"),
    ("progress +1reps/week  if done", "progress +1rep/week if done"),
])
def test_if_done_and_reset_spellings(written: str, canonical: str) -> None:
    text = f'plan "P":\n  session "A":\n    squat 3x5-8 {written}\n'
    assert format_text(text).endswith(f"    squat 3x5-8 {canonical}\n")


def test_reset_goes_after_progress_and_before_note() -> None:
    text = ('plan "P":\n  session "A":\n'
            '    squat 3x5 note "n" reset -10% after 2 misses @ 50kg progress +2.5kg/week\n'
            '    squat wave reset -5% after 3 misses rest 2min progress +5kg/week:\n'
            '      3x5\n')
    out = format_text(text)
    assert "    squat 3x5 @ 50kg progress +2.5kg/week reset -10% after 2 misses note \"n\"\n" \
        in out
    assert "    squat wave rest 2min progress +5kg/week reset -5% after 3 misses:\n" in out
    assert formatter.MODIFIER_ORDER.index(syntax.Reset) == \
        formatter.MODIFIER_ORDER.index(syntax.Progress) + 1


def test_a_rung_keeps_its_own_side_and_the_header_keeps_the_shared_one() -> None:
    text = ('plan "P":\n  session "A":\n'
            '    ladder 3x5-8 each_leg graduate 3x8:\n'
            '      split_squat\n'
            '      pistol_squat right rest 2min\n')
    assert format_text(text) == text.replace(':\n  session', ':\n\n  session')
    rungs = wol.parse(text).plans[0].sessions[0].items[0]
    assert isinstance(rungs, syntax.Ladder)
    assert [r.side for r in rungs.rungs] == [syntax.Side("each_leg"), syntax.Side("right")]


# --- blank lines ---------------------------------------------------------------------------


def test_blank_lines_before_entries_are_kept_at_most_one_and_never_added() -> None:
    text = ('log "P":\n\n\n  2027-03-02 "A":\n\n    squat 5\n\n\n    plank 30s\n'
            '  2027-03-03 "B" skipped\n\n\n\n  2027-03-04 "A":\n    squat 5\n')
    assert format_text(text) == (
        'log "P":\n\n  2027-03-02 "A":\n    squat 5\n\n    plank 30s\n'
        '  2027-03-03 "B" skipped\n\n  2027-03-04 "A":\n    squat 5\n')
    packed = 'log "P":\n  2027-03-02 "A":\n    squat 5\n  2027-03-03 "B" skipped\n'
    assert format_text(packed) == packed


def test_one_blank_line_between_a_log_and_what_stands_beside_it() -> None:
    text = ('exercise my_drill:\n  tags core\nlog "P":\n  2027-03-02 "A":\n    my_drill 5\n'
            'log "Q":\n  2027-03-02 "A" skipped\n')
    assert format_text(text) == (
        'exercise my_drill:\n  tags core\n\nlog "P":\n  2027-03-02 "A":\n    my_drill 5\n'
        '\nlog "Q":\n  2027-03-02 "A" skipped\n')


# --- comments and meaning --------------------------------------------------------------------


def test_comments_in_a_log_stay_with_their_lines() -> None:
    text = ('# my log\nlog "P":  # header\n    # above the entry\n    2027-03-02 "A":\n'
            '        # above squat\n        squat 5, 5  # beside squat\n'
            '        # above the note\n        note "x"\n    # above a skipped one\n'
            '    2027-03-03 "B" skipped  # beside it\n# the end\n')
    assert format_text(text) == (
        '# my log\nlog "P":  # header\n  # above the entry\n  2027-03-02 "A":\n'
        '    # above squat\n    squat 5, 5      # beside squat\n'
        '    # above the note\n    note "x"\n  # above a skipped one\n'
        '  2027-03-03 "B" skipped    # beside it\n# the end\n')  # trailing: their columns kept


def _first_line(tree: syntax.PlanFile) -> syntax.DoneLine:
    item = tree.logs[0].entries[0].items[0]
    assert isinstance(item, syntax.DoneLine)
    return item


def test_meaning_sets_aside_positions_spellings_and_order_but_not_values() -> None:
    one = wol.parse('log "P":\n  2027-03-02 "A":\n    squat 5 @ 100.0kg, 90s left @ 80kg\n')
    other = wol.parse('log "P":\n\n    2027-03-02 "A":\n\n'
                      '        squat  5 @ 100kg ,1m30s @ 80.0kg left\n')
    assert meaning(one) == meaning(other)
    for changed in ('squat 5 @ 100kg, 90s left @ 85kg', 'squat 5 @ 100kg, 90s right @ 80kg',
                    'squat 5 @ 100kg, 5 left @ 80kg', 'squat 5, 90s left @ 80kg',
                    'squat 5 @ 100kg, 90s left @ 80kg note "x"', 'front_squat 5 @ 100kg'):
        tree = wol.parse(f'log "P":\n  2027-03-02 "A":\n    {changed}\n')
        assert meaning(tree) != meaning(one), changed
    for header in ('log "Q":\n  2027-03-02 "A":', 'log "P":\n  2027-03-03 "A":',
                   'log "P":\n  2027-03-02 "B":'):
        tree = wol.parse(f'{header}\n    squat 5 @ 100kg, 90s left @ 80kg\n')
        assert meaning(tree) != meaning(one), header


def test_meaning_tells_a_skipped_entry_and_its_note() -> None:
    trees = [wol.parse(f'log "P":\n  2027-03-02 "A" {tail}\n')
             for tail in ("skipped", 'skipped note "ill"', 'skipped note "away"')]
    assert len({meaning(t) for t in trees}) == 3


def test_a_printer_that_changes_a_done_value_fails_the_equivalence_proof(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = formatter.done_line
    monkeypatch.setattr(formatter, "done_line",
                        lambda line: real(line).replace("8, 7", "8, 8"))
    with pytest.raises(FormatterError, match="equivalence"):
        format_text('log "P":\n  2027-03-02 "A":\n    squat 8, 7\n')


def test_a_printer_that_drops_a_skipped_entrys_note_fails_the_equivalence_proof(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formatter, "entry_header",
                        lambda entry: f'{entry.date} "{entry.session}"'
                        + (" skipped" if entry.skipped else ":"))
    with pytest.raises(FormatterError, match="equivalence"):
        format_text('log "P":\n  2027-03-02 "A" skipped note "ill"\n')


def test_format_tree_prints_a_parsed_log_without_its_comments() -> None:
    tree = attrs.evolve(wol.parse(CANONICAL), comments=())
    text = format_tree(tree)
    assert meaning(wol.parse(text)) == meaning(tree)
    assert "# " not in text
    assert '  2027-03-05 "Upper body + mobility" skipped\n' in text


def test_a_skipped_done_line_with_values_is_an_internal_error() -> None:
    tree = wol.parse('log "P":\n  2027-03-02 "A":\n    squat skipped\n    plank 30s\n')
    entry = tree.logs[0].entries[0]
    squat, plank = entry.items
    assert isinstance(squat, syntax.DoneLine) and isinstance(plank, syntax.DoneLine)
    odd = attrs.evolve(squat, groups=plank.groups)
    bad = attrs.evolve(tree, logs=(attrs.evolve(tree.logs[0], entries=(
        attrs.evolve(entry, items=(odd, plank)),)),))
    with pytest.raises(FormatterError, match="spelling"):
        format_tree(bad)


# --- properties on messy generated logs ------------------------------------------------------

SPACE = st.sampled_from((" ", "  "))
VALUES = st.sampled_from(("8", "08", "45s", "1m30s", "90s", "40m", "40.0m", "1.50km", "50yd",
                          "3x8", "03x8", "2x30s", "3x40m"))
GROUP_LOADS = st.sampled_from(("", "@100kg", "@ 95.0kg", "@ bw", "@ bw+5kg", "@ 52.5kg rpe 9"))
TRAILING = st.sampled_from(("", "@ 10kg", "each_leg", "left", "right", 'note "n"',
                            "@ 16kg each_side", 'right note "x"', "@ bw rir 2"))
COMMENTS = st.sampled_from(("# c", "#", "# wol: disable=WOL202"))


@st.composite
def done_lines(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(("squat", "plank", "step_up", "my_drill")))
    if draw(st.integers(0, 4)) == 0:
        return f"{name} skipped" + draw(st.sampled_from(("", ' note "why"')))
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(VALUES))
        if len(parts) > 0 and draw(st.booleans()):
            parts[-1] += draw(SPACE) + draw(GROUP_LOADS)
    sep = draw(st.sampled_from((",", " , ", ", ")))
    return name + draw(SPACE) + sep.join(p.strip() for p in parts) + draw(SPACE) + \
        draw(TRAILING)


@st.composite
def messy_logs(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from((2, 3, 4)))
    lines: list[tuple[int, str]] = [(0, 'log "P":')]
    for day in range(1, draw(st.integers(1, 4)) + 1):
        date = f"2027-03-{day:02d}"
        session = draw(st.sampled_from(('"A"', '"Lower body + core"')))
        if draw(st.integers(0, 3)) == 0:
            lines.append((1, f"{date} {session} skipped"
                          + draw(st.sampled_from(("", ' note "ill"')))))
            continue
        lines.append((1, f"{date}{draw(SPACE)}{session}{draw(SPACE)}:"))
        for _ in range(draw(st.integers(1, 4))):
            if draw(st.integers(0, 5)) == 0:
                lines.append((2, 'note "tired"'))
            else:
                lines.append((2, draw(done_lines())))
    out = []
    for depth, code in lines:
        for _ in range(draw(st.integers(0, 2))):
            out.append(draw(COMMENTS) if draw(st.booleans()) else "")
        trailing = "  " + draw(COMMENTS) if draw(st.integers(0, 3)) == 0 else ""
        out.append(" " * (unit * depth) + code.strip() + trailing)
    return "\n".join(out) + "\n"


@FAST
@given(messy_logs())
def test_format_of_a_log_is_idempotent_and_keeps_meaning_and_comments(source: str) -> None:
    once = format_text(source)
    assert format_text(once) == once
    before, after = wol.parse(source), wol.parse(once)
    assert meaning(after) == meaning(before)
    assert [(c.text, c.own_line) for c in after.comments] == [
        (c.text.rstrip(), c.own_line) for c in before.comments]
    lines = once.split("\n")
    for number, line in enumerate(lines[:-1]):
        assert line or lines[number + 1], "two blank lines in a row"
        assert (len(line) - len(line.lstrip(" "))) % 2 == 0, repr(line)


PLAN_MODIFIERS = st.sampled_from((
    "@ 40kg", "@40.0kg", "tempo 3-1-X", "each_leg", "rest 90s", 'note "n"',
    "progress +2.50kg/session  if done", "progress double +2kg if done",
    "progress +1reps/week if done", "progress +2.5kg/week",
    "reset -10.0% after 2 miss", "reset -5% after 1 misses", "reset -7.5% after 3 misses"))
RUNG_MODIFIERS = st.sampled_from(("@ 10kg", "tempo 3-1-x", "left", "right", "rest 2m",
                                  'note "wall"'))


@st.composite
def messy_plans(draw: st.DrawFn) -> str:
    """Plans with `if done`, resets and ladders, written carelessly."""
    out = ['plan "P" weeks 4:', '  session "A" on mon:']
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            words = draw(st.lists(PLAN_MODIFIERS, max_size=4))
            out.append("    squat 3x8-12 " + draw(SPACE).join(words))
        else:
            words = draw(st.lists(RUNG_MODIFIERS, max_size=3))
            out.append("    ladder 3x5-8 " + " ".join(words) + draw(SPACE) + "graduate 3x8 :")
            for name in draw(st.lists(st.sampled_from(("split_squat", "step_up", "lunge")),
                                      min_size=1, max_size=3)):
                if draw(st.integers(0, 3)) == 0:
                    out.append(draw(COMMENTS))
                out.append("      " + name + " " + " ".join(draw(st.lists(RUNG_MODIFIERS,
                                                                           max_size=2))))
    return "\n".join(out) + "\n"


@FAST
@given(messy_plans())
def test_format_of_the_new_plan_syntax_is_idempotent_and_keeps_meaning(source: str) -> None:
    once = format_text(source)
    assert format_text(once) == once
    assert meaning(wol.parse(once)) == meaning(wol.parse(source))
    assert "  if" not in once
    assert not re.search(r"after ([2-9]|1[0-9]) miss\b|after 1 misses", once)
