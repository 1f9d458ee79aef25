"""The garmin-connect target: Connect workout JSON, valid against the shipped schema and
step for step the same workouts as the fit target."""

from __future__ import annotations

import copy
import importlib.resources
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_fit_backend import CASES, DATA, compile_fit, program_of, steps_of

from workoutlang.backends import EmitOptions, garmin_connect
from workoutlang.catalogue import load_catalogue

SCHEMA = json.loads((importlib.resources.files("workoutlang") / "data" /
                     "garmin-connect.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def compile_connect(path: Path) -> dict[str, dict[str, Any]]:
    files = garmin_connect.emit(program_of(path), EmitOptions())
    return {name: json.loads(data.decode("utf-8")) for name, data in files.items()}


def lower_body() -> dict[str, Any]:
    """The article's first session (its first week's, when the weeks differ)."""
    workouts = compile_connect(DATA / "article.wol")
    return workouts[min(n for n in workouts if "lower-body-core" in n)]


def flat(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Steps depth-first, a group before its steps."""
    out = []
    for step in steps:
        out.append(step)
        out.extend(flat(step.get("workoutSteps", [])))
    return out


def steps(workout: dict[str, Any]) -> list[dict[str, Any]]:
    (segment,) = workout["workoutSegments"]
    return flat(segment["workoutSteps"])


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_workout_matches_the_schema(path: Path) -> None:
    workouts = compile_connect(path)
    assert workouts
    for name, workout in workouts.items():
        errors = [e.message for e in VALIDATOR.iter_errors(workout)]
        assert errors == [], name


# the Connect keys the catalogue gives where Connect files an exercise elsewhere, by FIT category
CONNECT_OWN: dict[str, set[tuple[str, str]]] = {}
for _exercise in load_catalogue().exercises.values():
    if _exercise.connect is not None and _exercise.fit_category is not None:
        CONNECT_OWN.setdefault(_exercise.fit_category, set()).add(_exercise.connect)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_same_workouts_as_fit(path: Path) -> None:
    """Same files, and step for step the same steps, categories, counts and values."""
    fit_files = compile_fit(path)
    connect = compile_connect(path)
    assert sorted(n.removesuffix(".json") for n in connect) == \
        sorted(n.removesuffix(".fit") for n in fit_files)
    for name, workout in connect.items():
        ours = steps(workout)
        theirs = steps_of(fit_files[name.removesuffix(".json") + ".fit"])
        assert len(ours) == len(theirs)
        # FIT writes a repeat after its steps; Connect's group comes before them
        groups = [s for s in ours if s["type"] == "RepeatGroupDTO"]
        repeats = [s for s in theirs if s["duration_type"] == "repeat_until_steps_cmplt"]
        assert [g["numberOfIterations"] for g in groups] == [r["target_value"] for r in repeats]
        executable = [s for s in ours if s["type"] == "ExecutableStepDTO"]
        active = [s for s in theirs if s["duration_type"] != "repeat_until_steps_cmplt"]
        for step, fit_step in zip(executable, active, strict=True):
            if "category" in step:  # FIT's upper-cased, or the catalogue's own Connect key
                category = fit_step["exercise_category"]
                assert step["category"] == category.upper() or \
                    (step["category"], step["exerciseName"]) in CONNECT_OWN.get(category, ())
            if "description" in step and "wkt_step_name" in fit_step:
                assert step["description"].startswith(fit_step["wkt_step_name"])
            value = fit_step.get("duration_value")
            expected = value / 1000 if fit_step["duration_type"] == "time" else value
            assert step.get("endConditionValue") == expected


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_step_order_counts_every_step(path: Path) -> None:
    for workout in compile_connect(path).values():
        assert [s["stepOrder"] for s in steps(workout)] == list(range(1, len(steps(workout)) + 1))
        for group in [s for s in steps(workout) if s["type"] == "RepeatGroupDTO"]:
            assert {s["childStepId"] for s in group["workoutSteps"]} == {group["childStepId"]}


def test_sets_are_a_repeat_group_with_reps_weight_and_rest() -> None:
    workout = lower_body()
    assert workout["workoutName"].endswith("Lower body + core")
    assert workout["sportType"] == {"sportTypeId": 5, "sportTypeKey": "strength_training"}
    group = next(s for s in steps(workout) if s["type"] == "RepeatGroupDTO"
                 and s["workoutSteps"][0].get("exerciseName") == "ROMANIAN_DEADLIFT")
    rdl, rest = group["workoutSteps"]
    assert group["numberOfIterations"] == 3 and group["smartRepeat"] is False
    assert rdl["category"] == "DEADLIFT"
    assert rdl["endCondition"]["conditionTypeKey"] == "reps" and rdl["endConditionValue"] == 8
    assert rdl["weightValue"] == 40 and rdl["weightUnit"]["unitKey"] == "kilogram"
    assert rdl["description"] == "Romanian deadlift: tempo 3-1-1"
    assert rest["stepType"]["stepTypeKey"] == "rest" and rest["endConditionValue"] == 90


def test_pounds_max_efforts_and_warmups() -> None:
    workout = compile_connect(DATA / "blocks.wol")["01-mixed.json"]
    by_text = {s.get("description", ""): s for s in steps(workout)}
    squat = by_text["Goblet squat: 8-12 reps; tempo 3-x-1-0"]
    assert squat["weightValue"] == 35 and squat["weightUnit"]["unitKey"] == "pound"
    push = by_text["Push-up max: as many reps as you can"]
    assert push["endCondition"]["conditionTypeKey"] == "lap.button"
    assert "endConditionValue" not in push
    assert by_text["Hip circles (left)"]["stepType"]["stepTypeKey"] == "warmup"
    assert by_text["Hamstring stretch (right)"]["stepType"]["stepTypeKey"] == "cooldown"


def test_each_leg_names_the_side() -> None:
    workout = compile_connect(DATA / "sides.wol")["01-single-leg.json"]
    first = steps(workout)[0]
    assert first["type"] == "RepeatGroupDTO" and first["numberOfIterations"] == 3
    texts = [s["description"] for s in first["workoutSteps"] if "description" in s]
    assert texts == ["Step-up (left)", "Step-up (right)"]


def test_unmapped_exercise_is_connects_generic_entry() -> None:
    workout = compile_connect(DATA / "two_plans.wol")["base-01-strength.json"]
    board = next(s for s in steps(workout) if s.get("description") == "Balance board")
    # never a step without an exercise: Connect's editor refuses it
    assert (board["category"], board["exerciseName"]) == ("TOTAL_BODY", "TOTAL_BODY")
    assert VALIDATOR.is_valid(workout)


def test_same_input_same_bytes() -> None:
    program = program_of(DATA / "article.wol")
    assert garmin_connect.emit(program, EmitOptions()) == garmin_connect.emit(program_of(
        DATA / "article.wol"), EmitOptions())


@pytest.mark.parametrize("breakage", [
    "no name", "repeat inside repeat", "rest with exercise", "unknown step type",
    "reps without value", "lower-case key",
])
def test_schema_rejects_malformed_workouts(breakage: str) -> None:
    workout = lower_body()
    top = workout["workoutSegments"][0]["workoutSteps"]
    group = next(s for s in top if s["type"] == "RepeatGroupDTO" and len(s["workoutSteps"]) == 2)
    exercise, rest = group["workoutSteps"]
    if breakage == "no name":
        del workout["workoutName"]
    elif breakage == "repeat inside repeat":
        group["workoutSteps"].append(copy.deepcopy(group))
    elif breakage == "rest with exercise":
        rest["category"], rest["exerciseName"] = "PLANK", "PLANK"
    elif breakage == "unknown step type":
        exercise["stepType"] = {"stepTypeId": 3, "stepTypeKey": "sprint"}
    elif breakage == "reps without value":
        del exercise["endConditionValue"]
    elif breakage == "lower-case key":
        exercise["exerciseName"] = "romanian_deadlift"
    assert VALIDATOR.is_valid(lower_body())
    assert not VALIDATOR.is_valid(workout)


def test_v2_set_groups_amrap_maxes_and_distance() -> None:
    workout = compile_connect(DATA / "v2.wol")["strength-v2-01-squat-day.json"]
    by_text = {s.get("description", ""): s for s in steps(workout)}
    top = by_text["Bench press: RPE 8"]
    assert top["weightValue"] == 185 and top["weightUnit"]["unitKey"] == "pound"
    assert top["endConditionValue"] == 5 and "childStepId" not in top  # one set: no group
    back = next(s for s in steps(workout) if s.get("description") == "Bench press")
    assert back["weightValue"] == 165 and back["childStepId"] >= 1
    amrap = by_text["Squat 5+: as many reps as you can; 85% TM"]
    assert amrap["endCondition"]["conditionTypeKey"] == "lap.button"
    assert "endConditionValue" not in amrap
    assert amrap["weightValue"] == 240 and amrap["weightUnit"]["unitKey"] == "pound"
    assert by_text["Squat: 65% TM"]["weightValue"] == 185
    rdl = by_text["Romanian deadlift: 70% 1RM; RIR 2"]
    assert "weightValue" not in rdl and rdl["endConditionValue"] == 8
    carry = by_text["Farmer carry 40 m"]
    assert carry["endCondition"] == {"conditionTypeId": 1, "conditionTypeKey": "lap.button"}
    assert carry["category"] == "CARRY" and carry["weightValue"] == 70


def test_v2_rotation_and_sessions_a_week_are_workouts_of_their_own() -> None:
    workouts = compile_connect(DATA / "v2.wol")
    names = {n: w["workoutName"] for n, w in workouts.items()}
    assert names["stronglifts-a-b-01-a.json"] == "A"
    assert names["stronglifts-a-b-02-b.json"] == "B"
    assert names["single-leg-add-on-01-single-leg-2-of-2.json"] == "Single-leg (2 of 2)"
    assert workouts["stronglifts-a-b-01-a.json"]["description"] == \
        "StrongLifts A/B: 1 week, in turn on mon, wed, fri"
    assert len(set(names.values())) == len(names)


def test_rest_lap_is_a_rest_step_that_ends_on_the_lap_button() -> None:
    (workout,) = compile_connect(DATA / "rest_lap.wol").values()
    assert [e.message for e in VALIDATOR.iter_errors(workout)] == []
    rests = [s for s in steps(workout) if s.get("stepType", {}).get("stepTypeKey") == "rest"]
    ends = [s["endCondition"] for s in rests]
    lap = {"conditionTypeId": 1, "conditionTypeKey": "lap.button"}
    assert ends.count(lap) == 7 and len(rests) == 9  # two timed rests stay timed
    for rest in rests:
        assert ("endConditionValue" in rest) == (rest["endCondition"] != lap)
    assert [s.get("endConditionValue") for s in rests if s["endCondition"] != lap] == [30, 120]


@pytest.mark.parametrize("breakage", ["lap rest with a value", "rest ending on reps"])
def test_schema_holds_a_rest_to_a_time_or_the_lap_button(breakage: str) -> None:
    (workout,) = compile_connect(DATA / "rest_lap.wol").values()
    rest = next(s for s in steps(workout) if s.get("stepType", {}).get("stepTypeKey") == "rest"
                and s["endCondition"]["conditionTypeKey"] == "lap.button")
    if breakage == "lap rest with a value":
        rest["endConditionValue"] = 60.0
    else:
        rest["endCondition"] = {"conditionTypeId": 10, "conditionTypeKey": "reps"}
        rest["endConditionValue"] = 10.0
    assert not VALIDATOR.is_valid(workout)
