"""The JSON target: every output validates against the shipped schema, and the
examples' outputs match golden files (WOL_REGEN=1 rewrites them)."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import workoutlang as wol

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.wol"))
GOLDEN = Path(__file__).parent / "golden" / "json"
SCHEMA = json.loads((resources.files("workoutlang") / "data" / "plan.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def compile_json(path: Path) -> dict:
    tree = wol.parse(path.read_text(encoding="utf-8"), path.name)
    return json.loads(wol.compile(tree, "json"))


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_output_validates_and_matches_golden(path: Path) -> None:
    data = compile_json(path)
    VALIDATOR.validate(data)
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("WOL_REGEN"):
        golden.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    assert data == json.loads(golden.read_text(encoding="utf-8"))


def test_schema_rejects_broken_documents() -> None:
    data = compile_json(ROOT / "examples" / "runner_two_day.wol")
    item = data["plans"][0]["weeks"][0]["sessions"][0]["items"][1]
    for key, bad in [("sets", 0), ("side", "both"), ("rest_s", "90"), ("load", {"kind": "x"})]:
        broken = json.loads(json.dumps(data))
        broken["plans"][0]["weeks"][0]["sessions"][0]["items"][1][key] = bad
        assert not VALIDATOR.is_valid(broken), key
    assert item["exercise"] == "romanian_deadlift"


def test_skeleton_consumers_rely_on() -> None:
    data = compile_json(ROOT / "examples" / "eight_week_base.wol")
    assert data["schema"] == "workoutlang/plan@1"
    plan = data["plans"][0]
    assert (plan["name"], plan["units"], plan["start"]) == ("Eight-week base", "kg", "2027-01-04")
    week = plan["weeks"][0]
    assert (week["week"], week["deload"]) == (1, False)
    session = week["sessions"][0]
    assert (session["name"], session["days"], session["dates"]) == (
        "Lower body + core", ["mon"], ["2027-01-04"])
    rdl = session["items"][1]
    assert rdl["exercise"] == "romanian_deadlift"
    assert (rdl["sets"], rdl["reps"], rdl["rest_s"], rdl["side"]) == (3, {"min": 8, "max": 8},
                                                                      120, None)
    assert rdl["load"] == {"kind": "weight", "value": 50.0, "unit": "kg", "kg": 50.0,
                           "level": None, "text": "50kg"}
    assert rdl["tempo"] == {"eccentric": 3, "pause": 1, "concentric": 1, "pause_top": None,
                            "text": "3-1-1"}
    assert rdl["fit"] == {"category": "deadlift", "name": "romanian_deadlift"}
    assert "posterior_chain" in rdl["tags"]
    superset = session["items"][4]
    assert (superset["type"], superset["kind"], superset["rounds"]) == ("block", "superset", 3)
    assert [i["exercise"] for i in superset["items"]] == ["plank", "dead_bug"]
    assert superset["items"][0]["duration_s"] == 40 and superset["items"][0]["sets"] is None


def test_expanded_weeks_carry_progression_and_deload() -> None:
    plan = compile_json(ROOT / "examples" / "eight_week_base.wol")["plans"][0]
    rdl_kg = []
    for week in plan["weeks"]:
        item = next(i for i in week["sessions"][0]["items"]
                    if i["type"] == "exercise" and i["exercise"] == "romanian_deadlift")
        rdl_kg.append((week["week"], week["deload"], item["sets"], item["load"]["kg"]))
    # by hand: +2.5 kg in each normal week; week 4 is its own block at 60 % (30 kg, 2 sets)
    assert rdl_kg == [(1, False, 3, 50.0), (2, False, 3, 52.5), (3, False, 3, 55.0),
                      (4, True, 2, 30.0), (5, False, 3, 57.5), (6, False, 3, 60.0),
                      (7, False, 3, 62.5), (8, False, 3, 65.0)]
    assert [w["monday"] for w in plan["weeks"][:2]] == ["2027-01-04", "2027-01-11"]
    assert plan["written"]["week_blocks"][0]["first"] == 4


def test_pounds_are_kept_and_converted() -> None:
    tree = wol.parse('plan "lb" units lb:\n  session "a" on mon:\n'
                     "    romanian_deadlift 3x8 @ 100lb\n")
    data = json.loads(_forced(tree))  # one session a week: the checks object, rightly
    load = data["plans"][0]["weeks"][0]["sessions"][0]["items"][0]["load"]
    assert (load["value"], load["unit"], load["kg"]) == (100.0, "lb", 45.359)


def _forced(tree: wol.PlanFile) -> bytes:
    from workoutlang.compiler import compile_tree

    result = compile_tree(tree, "json", force=True)
    assert isinstance(result, bytes)
    return result
