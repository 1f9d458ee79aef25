"""Every catalogue mapping names an exercise Garmin Connect offers and one the FIT
profile has (tests/data/garmin/connect-exercises.json, whose source is in
tests/data/garmin/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from garmin_fit_sdk import Profile

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
