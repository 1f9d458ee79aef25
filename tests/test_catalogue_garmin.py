"""Every catalogue mapping names an exercise Garmin Connect offers and one the FIT
profile has (tests/data/garmin/connect-exercises.json, whose source is in
tests/data/garmin/README.md); the mappings reviewed for issue 14 stay as decided, the
nearest ones (fit_approx) are listed in docs/outputs/fit.md, and on the watch their real
name leads the step's notes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Profile

import workoutlang
from workoutlang.catalogue import Exercise, load_catalogue

CONNECT = json.loads((Path(__file__).parent / "data" / "garmin" / "connect-exercises.json")
                     .read_text(encoding="utf-8"))["exercises"]
CONNECT_KEYS = {(row["category"], row["exercise"]) for row in CONNECT}
EXERCISES = sorted(load_catalogue().exercises.values(), key=lambda e: e.name)


def test_the_connect_list_is_the_whole_picker() -> None:
    assert len(CONNECT) == 1527
    assert ("TOTAL_BODY", "TOTAL_BODY") in CONNECT_KEYS  # the generic step of a category


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_mapping_is_an_exercise_connect_offers(exercise: Exercise) -> None:
    assert exercise.connect_keys in CONNECT_KEYS


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_every_mapping_is_in_the_fit_profile(exercise: Exercise) -> None:
    types = Profile["types"]
    assert exercise.fit_category in types["exercise_category"].values()
    assert exercise.fit_name in types[f"{exercise.fit_category}_exercise_name"].values()


def test_a_connect_key_of_its_own_only_where_connect_files_it_elsewhere() -> None:
    for exercise in EXERCISES:
        if exercise.connect is not None:
            derived = ((exercise.fit_category or "").upper(), (exercise.fit_name or "").upper())
            assert derived not in CONNECT_KEYS, exercise.name


# --- the reviewed mappings (issue 14: the wrong movement on the watch) ------------

# Exercises once mapped to a wrong movement or wrong equipment, and what they are now:
# the FIT exercise, and whether it is only the nearest one FIT has (fit_approx).
REVIEWED = {
    "nordic_curl": ("leg_curl/leg_curl", True),
    "pogo_jump": ("cardio/jump_rope", True),
    "single_leg_hop": ("plyo/lateral_leap_and_hop", True),
    "skater_jump": ("plyo/lateral_leap_and_hop", True),
    "heel_walk": ("calf_raise/seated_dumbbell_toe_raise", True),
    "suitcase_carry": ("carry/farmers_carry", True),
    "overhead_press": ("shoulder_press/overhead_barbell_press", False),
    "bent_over_row": ("row/bent_over_row_with_barbell", False),
    "hamstring_curl": ("leg_curl/leg_curl", False),
    "farmer_carry": ("carry/farmers_carry", False),
}

# Every exercise FIT has no such movement for (docs/outputs/fit.md lists them).
NEAREST = frozenset({
    "adductor_stretch", "bosu_single_leg_balance", "bosu_squat", "copenhagen_plank",
    "fire_hydrant", "heel_walk", "hollow_hold", "monster_walk", "nordic_curl",
    "pallof_press", "pogo_jump", "single_leg_hold", "single_leg_hop", "skater_jump",
    "suitcase_carry", "tibialis_raise", "toe_walk", "worlds_greatest_stretch",
})
CATALOGUE = load_catalogue()
APPROXIMATE = [e for e in EXERCISES if e.fit_approx]


@pytest.mark.parametrize("name", sorted(REVIEWED))
def test_a_reviewed_exercise_has_its_decided_mapping(name: str) -> None:
    exercise = CATALOGUE.exercises[name]
    fit, approximate = REVIEWED[name]
    assert f"{exercise.fit_category}/{exercise.fit_name}" == fit
    assert bool(exercise.fit_approx) == approximate


def test_the_nearest_mappings_are_the_reviewed_ones() -> None:
    assert {e.name for e in APPROXIMATE} == NEAREST


@pytest.mark.parametrize("exercise", APPROXIMATE, ids=lambda e: e.name)
def test_a_nearest_mapping_says_why(exercise: Exercise) -> None:
    assert exercise.fit_approx.startswith("FIT")
    assert "nearest" in exercise.fit_approx or "only" in exercise.fit_approx


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_the_equipment_a_name_says_is_the_fit_exercise_s(exercise: Exercise) -> None:
    words = f"{exercise.name} {exercise.display}".lower().replace(" ", "_")
    for equipment in ("barbell", "dumbbell", "kettlebell", "trap_bar", "cable", "band"):
        if equipment in words:
            assert equipment in f"{exercise.fit_category}/{exercise.fit_name}", equipment


def test_the_docs_list_every_nearest_mapping() -> None:
    fit_md = Path(__file__).parent.parent / "docs" / "outputs" / "fit.md"
    text = fit_md.read_text(encoding="utf-8")
    section = text.split("\n## Nearest movements\n", 1)[1].split("\n## ", 1)[0]
    rows = {line for line in section.splitlines() if line.startswith("| `")}
    assert rows == {f"| `{e.name}` | `{e.fit_category}/{e.fit_name}` | {e.fit_approx} |"
                    for e in APPROXIMATE}


# --- on the watch: the real name leads the notes ------------------------------------

# a carry is timed here: an open distance step's notes begin with its name anyway
_PRESCRIPTION = {"reps": "3x10", "time": "3x30s", "distance": "3x30s"}


def _fit_steps(line: str, definition: str = "") -> list[dict[str, Any]]:
    """The workout steps of a one-line plan compiled to FIT through the library API,
    decoded with fitdecode."""
    source = ("# one exercise alone: the week's coverage and measure are beside the point\n"
              "# wol: disable=WOL005,WOL101,WOL102,WOL103,WOL104,WOL105,WOL106,WOL107\n"
              'plan "Nearest" weeks 1 units kg start 2027-01-04:\n'
              '  session "One" on mon:\n'
              f"    {line}\n{definition}")
    files = workoutlang.compile(workoutlang.parse(source, "nearest.wol"), "fit")
    assert isinstance(files, dict) and len(files) == 1
    with fitdecode.FitReader(io.BytesIO(next(iter(files.values()))),
                             check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return [{field.name: field.value for field in frame.fields} for frame in reader
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step"]


def _step_of(exercise: Exercise, definition: str = "") -> dict[str, Any]:
    # made bilateral in the plan, so that no side leads the notes: only the mapping can
    bilateral = f"\nexercise {exercise.name}:\n  bilateral\n{definition}"
    steps = _fit_steps(f"{exercise.name} {_PRESCRIPTION[exercise.measure]}", bilateral)
    return next(step for step in steps if step.get("wkt_step_name") == exercise.display)


@pytest.mark.parametrize("exercise", APPROXIMATE, ids=lambda e: e.name)
def test_a_nearest_mapping_puts_the_real_name_at_the_head_of_the_notes(
        exercise: Exercise) -> None:
    step = _step_of(exercise)
    assert exercise.fit_ids is not None  # fitdecode gives the name's number, not its name
    assert (step["exercise_category"], step["exercise_name"]) == \
        (exercise.fit_category, exercise.fit_ids[1])
    assert (step["notes"] or "").split("; ")[0] == exercise.display


@pytest.mark.parametrize("name", ["squat", "overhead_press", "hamstring_curl"])
def test_an_exact_mapping_leaves_the_notes_alone(name: str) -> None:
    assert _step_of(CATALOGUE.exercises[name]).get("notes") is None


def test_a_plan_s_own_mapping_is_exact() -> None:
    nordic = CATALOGUE.exercises["nordic_curl"]
    step = _step_of(nordic, "  fit leg_curl/sliding_leg_curl\n")
    assert step["exercise_name"] == CATALOGUE.exercises["sliding_leg_curl"].fit_ids[1]
    assert step.get("notes") is None
