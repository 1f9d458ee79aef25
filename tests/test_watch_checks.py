"""WOL008, WOL009 and WOL012 (workoutlang/checks/watch.py), and the generic step an
unmapped exercise becomes: the edges the check cases in tests/data/checks leave open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from garmin_fit_sdk import Profile

import workoutlang as wol
from workoutlang.backends.fit import step_count, workout_steps
from workoutlang.catalogue import GENERIC_FIT_CATEGORY, generic_connect_keys
from workoutlang.checks import build_context
from workoutlang.limits import MAX_WATCH_STEPS

CONNECT = json.loads((Path(__file__).parent / "data" / "garmin" / "connect-exercises.json")
                     .read_text(encoding="utf-8"))["exercises"]
WATCH_CODES = ("WOL008", "WOL009", "WOL012")
CORE = """plan "P" weeks 2:
  session "A" on mon:
    romanian_deadlift 3x8
    plank 3x45s
    step_up 3x8 each_leg
  session "B" on thu:
    single_leg_hold 3x30s each_leg
"""


def codes(text: str, *targets: str) -> list[tuple[str, str]]:
    found = wol.check(wol.parse(text, "p.wol"), wol.CheckConfig(targets=frozenset(targets)))
    return [(d.code, d.hint or "") for d in found if d.code in WATCH_CODES]


def test_the_generic_step_is_in_the_fit_profile_and_connects_picker() -> None:
    assert GENERIC_FIT_CATEGORY in Profile["types"]["exercise_category"].values()
    rows = [row for row in CONNECT if (row["category"], row["exercise"]) ==
            generic_connect_keys()]
    assert [row["name"] for row in rows] == ["Total Body"]


@pytest.mark.parametrize(("written", "suggested"), [
    ("sled/sled_push", "sled/push"),  # a valid category: nearest name in it
    ("band/lateral_walk", "banded_exercises/lateral_band_walks"),  # no such category
    ("squat/barbel_back_squat", "squat/barbell_back_squat"),  # a typo
])
def test_unknown_fit_mapping_suggests_the_nearest_profile_name(written: str,
                                                              suggested: str) -> None:
    text = f"exercise drill:\n  tags core\n  fit {written}\n"
    assert codes(text) == [("WOL008", f"write fit {suggested}")]


def test_a_profile_name_is_no_error_in_any_category() -> None:
    text = "exercise drill:\n  fit total_body/burpee\nexercise hold:\n  fit plank/side_plank\n"
    assert codes(text) == []


def test_unmapped_exercise_only_when_compiling_to_a_watch() -> None:
    text = "exercise sled_push:\n  measure distance\n" + CORE + "    sled_push 3x20m\n"
    assert [code for code, _ in codes(text)] == []
    assert [code for code, _ in codes(text, "pdf", "json", "ics")] == []
    for target in ("fit", "garmin-connect"):
        assert codes(text, target) == [
            ("WOL009", "add `fit sled/push` to its exercise block if that is the movement")]


def test_a_built_in_exercise_extended_in_the_file_keeps_its_mapping() -> None:
    text = "exercise plank:\n  note \"ribs down\"\n" + CORE
    assert codes(text, "fit") == []


def session_of(lines: int) -> str:
    """A plan whose session "Long" has `lines` side-by-side lines: 4 steps each
    (left, right, rest, repeat)."""
    body = "".join("    step_up 3x8 each_leg rest 60s\n" for _ in range(lines))
    return CORE + '  session "Long" on sat:\n' + body


@pytest.mark.parametrize("extra", [0, 2, 3])
def test_watch_step_limit_counts_the_steps_the_fit_backend_writes(extra: int) -> None:
    text = session_of(12) + "    plank 1x30s\n" * extra  # 48 steps, and a step a plank
    context = build_context(wol.parse(text, "p.wol"))
    long = next(s for s in context.plans[0].weeks[0].sessions if s.name == "Long")
    count = step_count(workout_steps(long))
    assert count == 48 + extra
    found = [code for code, _ in codes(text, "fit")]
    assert found == (["WOL012"] if count > MAX_WATCH_STEPS else [])


def test_watch_step_limit_names_the_week_where_weeks_differ() -> None:
    # one set is three steps (left, right, rest); two or more add the repeat
    growing = "".join("    step_up 1x8 each_leg rest 60s progress +1set/week\n"
                      for _ in range(13))
    text = CORE.replace("weeks 2", "weeks 3") + '  session "Long" on sat:\n' + growing
    found = wol.check(wol.parse(text, "p.wol"), wol.CheckConfig(targets=frozenset({"fit"})))
    assert [d.message for d in found if d.code == "WOL012"] == [
        'session "Long" is a workout of 52 steps in week 2: Garmin Connect takes at most 50']


def test_watch_step_limit_leaves_the_week_out_where_every_week_is_over() -> None:
    found = wol.check(wol.parse(session_of(13), "p.wol"),
                      wol.CheckConfig(targets=frozenset({"garmin-connect"})))
    assert [d.message for d in found if d.code == "WOL012"] == [
        'session "Long" is a workout of 52 steps: Garmin Connect takes at most 50']
