"""Garmin Connect workout JSON: the FIT target's workouts, as Connect's workout service takes them.

The steps are the FIT target's (`fit.workout_steps`), so both outputs always
agree; only the notation differs: repeat groups nest their steps, and an
exercise is named by Connect's upper-case keys. docs/outputs/garmin-connect.md
documents the shape; data/garmin-connect.schema.json checks it.
"""

from __future__ import annotations

import json
from typing import Any

from ..catalogue import generic_connect_keys
from ..expand import Program
from ..vocabulary import UNITS
from . import EmitOptions
from .fit import Repeat, Step, WorkoutStep, workout_description, workout_name, workout_steps
from .naming import WorkoutFile, workout_files

# Connect's ids for its keys, as its workout service reports them.
SPORT = {"sportTypeId": 5, "sportTypeKey": "strength_training"}
STEP_TYPES = {"warmup": 1, "cooldown": 2, "interval": 3, "recovery": 4, "rest": 5, "repeat": 6}
CONDITIONS = {"lap.button": 1, "time": 2, "iterations": 7, "reps": 10}
NO_TARGET = {"workoutTargetTypeId": 1, "workoutTargetTypeKey": "no.target"}
CONNECT_UNITS = dict(zip(UNITS, (
    {"unitId": 8, "unitKey": "kilogram", "factor": 1000.0},
    {"unitId": 9, "unitKey": "pound", "factor": 453.59237},
), strict=True))
END_KEYS = {"reps": "reps", "time": "time", "open": "lap.button"}
MAX_NAME = 80  # characters Connect keeps of a workout name
MAX_DESCRIPTION = 512  # characters Connect keeps of a description


def workout_json(workout: WorkoutFile) -> dict[str, Any]:
    """One workout in Connect's shape."""
    counter = _Counter()
    steps = [_step_json(step, counter) for step in workout_steps(workout.session)]
    return {
        "workoutName": _cut(workout_name(workout), MAX_NAME),
        "description": _cut(workout_description(workout), MAX_DESCRIPTION),
        "sportType": dict(SPORT),
        "workoutSegments": [
            {"segmentOrder": 1, "sportType": dict(SPORT), "workoutSteps": steps},
        ],
    }


class _Counter:
    """stepOrder runs over every step, groups included, in order; groups get a child id."""

    def __init__(self) -> None:
        self.order = 0
        self.group = 0

    def next_order(self) -> int:
        self.order += 1
        return self.order

    def next_group(self) -> int:
        self.group += 1
        return self.group


def _step_json(step: WorkoutStep, counter: _Counter, group: int | None = None) -> dict[str, Any]:
    if isinstance(step, Repeat):
        order, child = counter.next_order(), counter.next_group()
        return {
            "type": "RepeatGroupDTO",
            "stepOrder": order,
            "childStepId": child,
            "stepType": _step_type("repeat"),
            "numberOfIterations": step.count,
            "smartRepeat": False,
            "endCondition": _condition("iterations"),
            "endConditionValue": float(step.count),
            "workoutSteps": [_step_json(s, counter, child) for s in step.steps],
        }
    return _executable(step, counter.next_order(), group)


def _executable(step: Step, order: int, group: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "ExecutableStepDTO", "stepOrder": order}
    if group is not None:
        out["childStepId"] = group
    out["stepType"] = _step_type(step.kind)
    out["endCondition"] = _condition(END_KEYS[step.end])
    if step.value is not None:
        out["endConditionValue"] = float(step.value)  # reps, or seconds
    out["targetType"] = dict(NO_TARGET)
    exercise = step.exercise
    if exercise is not None:
        keys = exercise.connect_keys if exercise.fit_ids is not None else None
        # unmapped (WOL009): the category's generic entry; Connect's editor refuses a
        # step with no exercise ("An exercise is required")
        out["category"], out["exerciseName"] = keys or generic_connect_keys()
    if step.weight is not None:
        out["weightValue"] = round(step.weight, 2)
        out["weightUnit"] = dict(CONNECT_UNITS["lb" if step.weight_unit == "lb" else "kg"])
    text = _description(step)
    if text:
        out["description"] = _cut(text, MAX_DESCRIPTION)
    return out


def _description(step: Step) -> str:
    """`Step-up (left): tempo 3-1-1`; notes that begin with the step's name (an open
    step's `Squat 5+: …`) stand alone."""
    if step.name and step.notes and step.notes.startswith(step.name):
        return step.notes
    return ": ".join(part for part in (step.name, step.notes) if part)


def _step_type(key: str) -> dict[str, Any]:
    return {"stepTypeId": STEP_TYPES[key], "stepTypeKey": key}


def _condition(key: str) -> dict[str, Any]:
    return {"conditionTypeId": CONDITIONS[key], "conditionTypeKey": key}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def emit(program: Program, options: EmitOptions) -> dict[str, bytes]:
    """One `.json` workout per session, or per session and week where weeks differ."""
    return {
        f"{workout.stem}.json": (
            json.dumps(workout_json(workout), indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8")
        for workout in workout_files(program)
    }
