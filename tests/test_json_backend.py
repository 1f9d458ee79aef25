"""The JSON target: every output validates against the shipped schema, and the
outputs of the examples and of tests/golden/json/*.wol match their golden
files, compared as parsed JSON.

Regenerate the golden files after a deliberate change, then read the diff:

    WOL_REGEN=1 .venv/bin/pytest tests/test_json_backend.py
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import v2_programs
from golden import Golden
from hypothesis import HealthCheck, given, settings

import workoutlang as wol
from workoutlang import strategies as wst
from workoutlang.compiler import build_program, compile_tree
from workoutlang.errors import ParseError

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "json"
INPUTS = sorted((ROOT / "examples").glob("*.wol")) + sorted(GOLDEN.glob("*.wol"))
EIGHT = ROOT / "examples" / "eight_week_base.wol"
FEATURES = GOLDEN / "weeks_features.wol"
SCHEMA = json.loads((resources.files("workoutlang") / "data" / "plan.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def compiled(path: Path) -> dict[str, Any]:
    tree = wol.parse(path.read_text(encoding="utf-8"), path.name)
    data: dict[str, Any] = json.loads(wol.compile(tree, "json"))
    VALIDATOR.validate(data)
    return data


def forced(source: str) -> dict[str, Any]:
    """Compile even when the checks object, as `--force` does; the output must validate."""
    result = compile_tree(wol.parse(source, "forced.wol"), "json", force=True)
    assert isinstance(result, bytes)
    data: dict[str, Any] = json.loads(result)
    VALIDATOR.validate(data)
    return data


def items(plan: dict[str, Any], week: int, session: int = 0) -> list[dict[str, Any]]:
    """The exercises of one session of one week, blocks flattened."""
    out = []
    for entry in plan["weeks"][week - 1]["sessions"][session]["items"]:
        out.extend(entry["items"] if entry["type"] == "block" else [entry])
    return out


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_output_validates_and_matches_golden(path: Path, golden: Golden) -> None:
    data = compiled(path)
    assert data["generator"].startswith("workoutlang ")
    data["generator"] = "workoutlang"  # the version is not part of what is compared
    golden(GOLDEN / f"{path.stem}.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n",
           load=json.loads)


def test_bytes_are_utf8_indented_and_end_with_a_newline() -> None:
    tree = wol.parse(FEATURES.read_text(encoding="utf-8"), FEATURES.name)
    first, second = wol.compile(tree, "json"), wol.compile(tree, "json")
    assert isinstance(first, bytes) and first == second
    text = first.decode("utf-8")
    assert text.endswith("}\n") and text.startswith('{\n  "schema": "workoutlang/plan@1",\n')
    assert list(json.loads(text)) == ["schema", "generator", "source", "plans", "diagnostics"]


def test_schema_rejects_broken_documents() -> None:
    data = compiled(ROOT / "examples" / "runner_two_day.wol")
    assert data["plans"][0]["weeks"][0]["sessions"][0]["items"][1]["exercise"] == \
        "romanian_deadlift"
    for key, bad in [("sets", 0), ("sets", 101), ("side", "both"), ("rest_s", "90"),
                     ("load", {"kind": "x"}), ("reps", {"min": 8}), ("unknown_key", 1)]:
        broken = json.loads(json.dumps(data))
        broken["plans"][0]["weeks"][0]["sessions"][0]["items"][1][key] = bad
        assert not VALIDATOR.is_valid(broken), key
    for path, bad in [(("schema",), "workoutlang/plan@2"), (("plans", 0, "units"), "st"),
                      (("plans", 0, "weeks", 0, "monday"), "4 Jan"),
                      (("plans", 0, "weeks", 0, "week"), 0)]:
        broken = json.loads(json.dumps(data))
        target = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = bad
        assert not VALIDATOR.is_valid(broken), path


def test_skeleton_consumers_rely_on() -> None:
    data = compiled(EIGHT)
    assert data["schema"] == "workoutlang/plan@1" and data["source"] == EIGHT.name
    plan = data["plans"][0]
    assert (plan["name"], plan["units"], plan["start"]) == ("Eight-week base", "kg", "2027-01-04")
    week = plan["weeks"][0]
    assert (week["week"], week["deload"], week["monday"], week["sunday"]) == (
        1, False, "2027-01-04", "2027-01-10")
    session = week["sessions"][0]
    assert (session["name"], session["days"], session["dates"]) == (
        "Lower body + core", ["mon"], ["2027-01-04"])
    rdl = session["items"][1]
    assert (rdl["exercise"], rdl["display"], rdl["measure"], rdl["unilateral"]) == (
        "romanian_deadlift", "Romanian deadlift", "reps", False)
    assert (rdl["sets"], rdl["reps"], rdl["rest_s"], rdl["rest"], rdl["side"]) == (
        3, {"min": 8, "max": 8}, 120, "2min", None)
    assert rdl["load"] == {"kind": "weight", "value": 50.0, "unit": "kg", "kg": 50.0,
                           "level": None, "text": "50kg",
                           "percent": None, "of": None, "effort": None, "weight": None}
    assert rdl["tempo"] == {"eccentric": 3, "pause": 1, "concentric": 1, "pause_top": None,
                            "text": "3-1-1"}
    assert rdl["fit"] == {"category": "deadlift", "name": "romanian_deadlift", "approx": None,
                          "connect": {"category": "DEADLIFT", "exercise": "ROMANIAN_DEADLIFT"}}
    assert "posterior_chain" in rdl["tags"] and rdl["tags"] == sorted(rdl["tags"])
    superset = session["items"][4]
    assert (superset["type"], superset["kind"], superset["rounds"], superset["rest_s"]) == (
        "block", "superset", 3, 60)
    assert [i["exercise"] for i in superset["items"]] == ["plank", "dead_bug"]
    plank = superset["items"][0]
    assert (plank["sets"], plank["duration_s"], plank["prescription"], plank["reps"]) == (
        None, 40, "40s", None)


def test_eight_week_plan_is_what_a_coach_writes_out_by_hand() -> None:
    plan = compiled(EIGHT)["plans"][0]
    rows = []
    for week in plan["weeks"]:
        rdl = next(i for i in items(plan, week["week"]) if i["exercise"] == "romanian_deadlift")
        rows.append((week["week"], week["deload"], rdl["sets"], rdl["load"]["kg"],
                     rdl["prescription"], rdl["progress_steps"]))
    # +2.5 kg in each normal week from 50 kg; week 4 is its own block, written at
    # 3x8 @ 50kg and done at 60 % (2 sets, 30 kg); week 5 resumes after 3 normal weeks.
    assert rows == [(1, False, 3, 50.0, "3x8", 0), (2, False, 3, 52.5, "3x8", 1),
                    (3, False, 3, 55.0, "3x8", 2), (4, True, 2, 30.0, "2x8", 0),
                    (5, False, 3, 57.5, "3x8", 3), (6, False, 3, 60.0, "3x8", 4),
                    (7, False, 3, 62.5, "3x8", 5), (8, False, 3, 65.0, "3x8", 6)]
    push_up = [next(i for i in items(plan, w, 1) if i["exercise"] == "push_up")["reps"]
               for w in (1, 2, 3, 5)]
    assert push_up == [{"min": 8, "max": 12}, {"min": 9, "max": 13}, {"min": 10, "max": 14},
                       {"min": 11, "max": 15}]
    plank = [next(i for i in items(plan, w) if i["exercise"] == "plank")["duration_s"]
             for w in range(1, 9)]
    assert plank == [40, 45, 50, 40, 55, 60, 65, 70]
    assert plan["weeks"][3]["block"] == {"first": 4, "last": 4, "line": 26}
    assert plan["weeks"][3]["deload_percent"] == 60.0
    assert [w["monday"] for w in plan["weeks"]][-1] == "2027-02-22"
    assert plan["written"]["week_blocks"][0]["first"] == 4


def test_written_part_keeps_what_the_author_wrote() -> None:
    plan = compiled(FEATURES)["plans"][0]
    template = plan["written"]["sessions"][0]
    rdl = template["items"][1]
    assert (rdl["exercise"], rdl["prescription"], rdl["rest"], rdl["rest_s"]) == (
        "rdl", "3x8", "1min30s", 90)
    assert rdl["load"]["text"] == "95lb" and rdl["progress"] == {
        "amount": 5.0, "unit": "lb", "text": "+5lb/week", "period": "week", "double": False,
        "if_done": False, "reset": None}
    assert rdl["tempo"] == {"eccentric": 3, "pause": 1, "concentric": None, "pause_top": 1,
                            "text": "3-1-x-1"}
    warmup = template["items"][0]
    assert (warmup["kind"], warmup["rounds"], warmup["items"][0]["sets"]) == ("warmup", None, None)
    week_6 = items(plan, 6)
    expanded = next(i for i in items(plan, 2) if i["written_name"] == "rdl")
    assert (expanded["exercise"], expanded["load"]["text"]) == ("romanian_deadlift", "100lb")
    assert [i["exercise"] for i in week_6][0] == "box_jump"
    assert plan["weeks"][4]["block"]["line"] == plan["written"]["week_blocks"][0]["line"]


def test_pounds_and_dates_before_the_start() -> None:
    plan = compiled(FEATURES)["plans"][0]
    week_1 = plan["weeks"][0]
    # start Wednesday 6 January: Monday's session of week 1 falls before it and is left out
    assert [s["dates"] for s in week_1["sessions"]] == [["2027-01-07"], ["2027-01-09"]]
    assert plan["weeks"][1]["sessions"][0]["dates"] == ["2027-01-11", "2027-01-14"]
    rdl = [next(i for i in items(plan, w) if i["exercise"] == "romanian_deadlift")["load"]
           for w in (1, 2, 3)]
    assert [(x["value"], x["unit"], x["kg"], x["text"]) for x in rdl] == [
        (95.0, "lb", 43.091, "95lb"), (100.0, "lb", 45.359, "100lb"),
        (53.0, "lb", 24.04, "53lb")]  # week 3: deload 50 % of 105 lb = 52.5 → 53 lb


def test_deload_cuts_rounds_and_every_kind_of_load() -> None:
    plan = compiled(FEATURES)["plans"][0]
    normal, deload = plan["weeks"][1], plan["weeks"][2]
    assert deload["deload"] and deload["deload_percent"] == 50.0 and not normal["deload"]
    superset = [e for e in deload["sessions"][0]["items"] if e["type"] == "block"][1]
    assert superset["rounds"] == 2  # 4 rounds at 50 %
    loads = {i["exercise"]: i["load"]["text"] for i in items(plan, 3) if i["load"]}
    assert loads == {"romanian_deadlift": "53lb", "step_up": "bw+5lb", "hip_thrust": "35%1rm",
                     "single_leg_calf_raise": "rpe 7"}


def test_diagnostics_travel_with_a_forced_compile() -> None:
    data = forced('plan "one" weeks 3:\n  session "a" on mon:\n'
                  "    squat 99x5 progress +1set/week\n    squatt 3x8\n")
    codes = {(d["code"], d["severity"]) for d in data["diagnostics"]}
    assert ("WOL002", "error") in codes and ("WOL003", "warning") in codes
    sets = [items(data["plans"][0], w)[0]["sets"] for w in (1, 2, 3)]
    assert sets == [99, 100, 100]


def test_absurd_written_numbers_still_give_valid_json() -> None:
    huge = "9" * 400
    data = forced(f'plan "x" weeks 2:\n  session "a" on mon:\n'
                  f"    squat 3x8 @ {huge}kg progress +{huge}kg/week\n"
                  f"    squat {huge}x{huge} @ rpe {huge}\n")
    written = data["plans"][0]["written"]["sessions"][0]["items"][0]
    assert written["prescription"] == "3x8"  # written numbers stay as the parser read them
    week_2 = items(data["plans"][0], 2)
    assert week_2[0]["load"]["kg"] == 1000.0
    assert (week_2[1]["sets"], week_2[1]["reps"]["max"]) == (100, 1000)


def test_a_plan_without_start_has_no_dates() -> None:
    data = forced('plan "x" weeks 2 start 2027-02-30:\n  session "a" on mon, thu:\n'
                  "    squat 3x8\n")
    plan = data["plans"][0]
    assert plan["start"] is None
    assert [(w["monday"], w["sunday"], w["sessions"][0]["dates"]) for w in plan["weeks"]] == [
        (None, None, []), (None, None, [])]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(wst.any_plan_sources())
def test_every_program_gives_valid_json(source: str) -> None:
    try:
        tree = wol.parse(source, "any.wol")
    except ParseError:
        return
    result = compile_tree(tree, "json", force=True)
    assert isinstance(result, bytes)
    VALIDATOR.validate(json.loads(result))
    program = build_program(tree)
    assert len(json.loads(result)["diagnostics"]) == len(program.diagnostics)


def test_formatting_a_file_does_not_change_its_json() -> None:
    from workoutlang.formatter import format_text

    source = ('plan "x" weeks 3 deload every 3 weeks 50.0%:\n  session "a" on mon:\n'
              "    squat 3x60s @ 40.0kg rest 90s progress +2.50kg/week tempo 3-1-X\n"
              "    squat 3x8-8 progress +1reps/week rest 120s\n")

    def without_lines(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: without_lines(v) for k, v in value.items() if k not in ("line", "column")}
        return [without_lines(v) for v in value] if isinstance(value, list) else value

    before, after = forced(source), forced(format_text(source))
    assert format_text(source) != source
    # the plans are the same; diagnostics point at columns, which formatting moves
    assert without_lines(after["plans"]) == without_lines(before["plans"])
    written = before["plans"][0]["written"]["sessions"][0]["items"][0]
    assert (written["prescription"], written["rest"], written["load"]["text"],
            written["progress"]["text"], written["tempo"]["text"]) == (
        "3x1min", "1min30s", "40kg", "+2.5kg/week", "3-1-x")


def test_features_plan_by_hand_after_a_deload_and_in_a_deload_block() -> None:
    plan = compiled(FEATURES)["plans"][0]
    week_4 = {i["exercise"]: i for i in items(plan, 4)}
    # weeks 1 and 2 were normal, week 3 a deload: two steps in week 4
    assert week_4["romanian_deadlift"]["load"]["text"] == "105lb"  # 95 + 2 × 5
    assert week_4["step_up"]["reps"] == {"min": 10, "max": 12}  # 8-10 + 2
    assert week_4["hip_thrust"]["sets"] == 5  # 3 + 2
    assert week_4["plank"]["duration_s"] == 40  # 30 + 2 × 5
    # week 6: the block's second week, and a deload (every 3 weeks) at 50 %
    week_6 = {i["exercise"]: i for i in items(plan, 6)}
    assert plan["weeks"][5]["deload"] and plan["weeks"][5]["block"]["first"] == 5
    assert (week_6["single_leg_rdl"]["sets"], week_6["single_leg_rdl"]["load"]["text"]) == (
        2, "13lb")  # 3 × 0.5 = 1.5 → 2 sets; (20 + 5) × 0.5 = 12.5 → 13 lb
    assert week_6["hip_mobility"]["sets"] == 1 and week_6["box_jump"]["sets"] == 2


# --- language v2 (tests/data/outputs/v2/programs.wol) ---------------------------------


def v2_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(v2_programs.emitted("json"))
    VALIDATOR.validate(data)
    return data


def test_v2_fixture_validates_and_matches_golden(golden: Golden) -> None:
    data = v2_document()
    data["generator"] = "workoutlang"
    golden(GOLDEN / "v2_programs.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n",
           load=json.loads)


def test_a_set_scheme_is_an_item_a_group_with_its_own_load_and_effort() -> None:
    week = v2_document()["plans"][0]["weeks"][0]
    bench = [i for i in items({"weeks": [week]}, 1) if i["exercise"] == "bench_press"]
    assert [(i["prescription"], i["group"], i["groups"]) for i in bench] == \
        [("1x5", 0, 2), ("3x5", 1, 2)]
    top, back_off = (i["load"] for i in bench)
    assert top["text"] == "185lb rpe 8" and top["value"] == 185 and top["unit"] == "lb"
    assert top["effort"] == {"kind": "rpe", "value": 8}
    assert back_off["text"] == "165lb" and back_off["effort"] is None


def test_amrap_is_max_work_with_its_minimum_beside() -> None:
    plan = v2_document()["plans"][0]
    top = items(plan, 1)[2]
    assert top["prescription"] == "1x5+" and top["sets"] == 1
    assert top["max"] is True and top["reps"] is None and top["amrap_min"] == 5
    pull_up = next(i for i in items(plan, 1) if i["exercise"] == "pull_up")
    assert (pull_up["prescription"], pull_up["max"], pull_up["reps"], pull_up["amrap_min"]) \
        == ("3xmax", True, None, None)


def test_a_percent_of_a_max_keeps_the_percentage_and_gives_the_weight() -> None:
    plan = v2_document()["plans"][0]
    load = items(plan, 1)[2]["load"]
    # 85 % of a 283.5 lb training max is 240.975 lb: 240 lb to the nearest 5 lb
    assert load == {"kind": "percent_tm", "value": 85, "unit": None, "kg": 108.862,
                    "level": None, "text": "85%tm", "percent": 85, "of": "tm",
                    "effort": None, "weight": {"amount": 240, "unit": "lb"}}
    # the max rose 10 lb after a cycle of 4 weeks: week 5 is 85 % of 293.5 lb
    assert items(plan, 5)[2]["load"]["weight"] == {"amount": 250, "unit": "lb"}
    # without a max a %1rm load stays a percentage (v1)
    press = v2_document()["plans"][1]["weeks"][0]["sessions"][1]["items"][1]["load"]
    assert (press["text"], press["kg"], press["weight"], press["of"]) == \
        ("70%1rm", None, None, "1rm")


def test_maxes_cycles_and_waves() -> None:
    plan = v2_document()["plans"][0]
    assert plan["cycle"] == 4 and plan["round"] == {"amount": 5, "unit": "lb"}
    assert plan["supplement"] is False
    assert [(m["exercise"], m["value"], m["unit"], m["tm_percent"], m["progress"]["text"])
            for m in plan["maxes"]] == [("squat", 315, "lb", 90, "+10lb/cycle"),
                                        ("bench_press", 225, "lb", 90, "+5lb/cycle")]
    weeks = plan["weeks"]
    assert [(w["cycle"], w["week_of_cycle"], w["deload"]) for w in weeks] == \
        [(1, 1, False), (1, 2, False), (1, 3, False), (1, 4, True), (2, 1, False)]
    assert weeks[4]["maxes"][0] == {"exercise": "squat", "unit": "lb", "one_rm": 325,
                                    "training_max": 293.5, "tm_percent": 90,
                                    "one_rm_kg": 147.418, "training_max_kg": 133.129}
    # the wave: week k of the cycle does row k; the written wave keeps every row
    assert [" ".join(i["prescription"] for i in items(plan, w)[:3]) for w in (1, 2, 3, 5)] == \
        ["1x5 1x5 1x5+", "1x3 1x3 1x3+", "1x5 1x3 1x1+", "1x5 1x5 1x5+"]
    wave = plan["written"]["sessions"][0]["items"][0]
    assert wave["type"] == "wave" and wave["exercise"] == "squat" and len(wave["rows"]) == 3
    assert [g["prescription"] for g in wave["rows"][2]] == ["1x5", "1x3", "1x1+"]
    assert wave["rows"][0][2]["load"]["text"] == "85%tm" and wave["rows"][0][2]["amrap_min"] == 5


def test_a_distance_is_in_metres_with_what_was_written() -> None:
    data = v2_document()
    carry = items(data["plans"][0], 1)[-1]
    assert (carry["prescription"], carry["distance_m"], carry["distance"], carry["reps"],
            carry["duration_s"], carry["measure"]) == ("3x40m", 40, "40m", None, None, "distance")
    yards = data["plans"][2]["weeks"][0]["sessions"][1]["items"][0]
    assert (yards["prescription"], yards["distance_m"]) == ("2x50yd", 45.72)


def test_rotation_sessions_fall_on_their_turns_carried_across_weeks() -> None:
    plan = v2_document()["plans"][1]
    turns = [[(s["name"], s["days"], s["dates"]) for s in w["sessions"]] for w in plan["weeks"]]
    assert turns == [
        [("A", ["mon"], ["2027-01-04"]), ("B", ["wed"], ["2027-01-06"]),
         ("A", ["fri"], ["2027-01-08"])],
        [("B", ["mon"], ["2027-01-11"]), ("A", ["wed"], ["2027-01-13"]),
         ("B", ["fri"], ["2027-01-15"])]]
    session = plan["weeks"][0]["sessions"][0]
    assert session["rotation"] == {"days": ["mon", "wed", "fri"], "line": 24}
    assert session["per_week"] is None
    squat = session["items"][0]
    assert squat["progress"] == {"amount": 2.5, "unit": "kg", "text": "+2.5kg/session",
                                 "period": "session", "double": False, "if_done": False,
                                 "reset": None}
    # the second A of week 1 is one session later: +2.5 kg
    assert plan["weeks"][0]["sessions"][2]["items"][0]["load"]["value"] == 62.5
    written = plan["written"]
    assert written["sessions"] == []
    assert [s["name"] for s in written["rotations"][0]["sessions"]] == ["A", "B"]


def test_a_session_a_week_has_no_days_and_says_how_often() -> None:
    plan = v2_document()["plans"][2]
    assert plan["supplement"] is True
    single = plan["weeks"][1]["sessions"][0]
    assert (single["name"], single["days"], single["dates"], single["per_week"]) == \
        ("Single-leg", [], [], {"min": 1, "max": 2})
    step_up = single["items"][0]
    assert step_up["progress"]["text"] == "double +2kg"
    assert step_up["progress"]["double"] is True and step_up["reps"] == {"min": 9, "max": 9}
    assert plan["written"]["sessions"][0]["per_week"] == {"min": 1, "max": 2}


def test_a_plan_without_v2_constructs_fills_the_new_fields_with_nothing() -> None:
    plan = compiled(EIGHT)["plans"][0]
    assert (plan["supplement"], plan["cycle"], plan["round"], plan["maxes"]) == \
        (False, None, None, [])
    assert plan["written"]["rotations"] == []
    week = plan["weeks"][0]
    assert (week["cycle"], week["week_of_cycle"], week["maxes"]) == (None, None, [])
    session = week["sessions"][0]
    assert (session["per_week"], session["rotation"]) == (None, None)
    item = next(i for i in items(plan, 1) if i["exercise"] == "romanian_deadlift")
    assert (item["group"], item["groups"], item["amrap_min"], item["distance_m"],
            item["distance"]) == (0, 1, None, None, None)
    assert (item["load"]["percent"], item["load"]["of"], item["load"]["effort"],
            item["load"]["weight"]) == (None, None, None, None)
    assert item["progress"]["period"] == "week" and item["progress"]["double"] is False


def test_a_weight_from_a_max_stays_inside_the_bounds() -> None:
    data = forced('plan "Heavy" weeks 1:\n  max squat 1000kg\n'
                  '  session "S" on mon:\n    squat 1x1 @ 120%1rm\n')
    assert items(data["plans"][0], 1)[0]["load"]["kg"] <= 1000


def test_if_done_and_reset_are_kept() -> None:
    tree = wol.parse("# wol: disable=WOL101,WOL102,WOL104,WOL106,WOL107\n"
                     'plan "P" weeks 2:\n  session "A" on mon:\n'
                     "    squat 3x5 @ 60kg progress +2.5kg/session if done reset -10% after 3 "
                     "misses\n", "p.wol")
    output = wol.compile(tree, "json")
    assert isinstance(output, bytes)
    data = json.loads(output)
    VALIDATOR.validate(data)
    squat = data["plans"][0]["weeks"][0]["sessions"][0]["items"][0]
    assert squat["progress"]["text"] == "+2.5kg/session if done"
    assert (squat["progress"]["if_done"], squat["progress"]["reset"]) == (
        True, {"percent": 10.0, "misses": 3})


LAP_PLAN = '''plan "Lap" weeks 1:
  session "A" on mon:
    squat 3x5 @ 80kg rest lap
    superset 3 rounds rest lap:
      push_up 10
      plank 30s rest 45s
'''


def test_rest_lap_is_the_rest_text_lap_with_no_seconds() -> None:
    """`rest lap` is `"rest": "lap"` and `rest_s` null, expanded and as written; a block
    in a week carries its rest text too."""
    plan = forced(LAP_PLAN)["plans"][0]
    squat, superset = plan["weeks"][0]["sessions"][0]["items"]
    written_squat, written_superset = plan["written"]["sessions"][0]["items"]
    for entry in (squat, superset, written_squat, written_superset):
        assert (entry["rest"], entry["rest_s"]) == ("lap", None)
    plank = superset["items"][1]
    assert (plank["rest"], plank["rest_s"]) == ("45s", 45)
    assert (superset["items"][0]["rest"], superset["items"][0]["rest_s"]) == (None, None)


@pytest.mark.parametrize("where", ["item", "block", "written item", "written block"])
def test_schema_rejects_a_lap_rest_with_seconds(where: str) -> None:
    data = forced(LAP_PLAN)
    plan = data["plans"][0]
    entry = {"item": plan["weeks"][0]["sessions"][0]["items"][0],
             "block": plan["weeks"][0]["sessions"][0]["items"][1],
             "written item": plan["written"]["sessions"][0]["items"][0],
             "written block": plan["written"]["sessions"][0]["items"][1]}[where]
    entry["rest_s"] = 90
    assert not VALIDATOR.is_valid(data)


def test_fit_says_when_it_is_only_the_nearest_movement_and_connects_keys() -> None:
    text = ('plan "P" weeks 1:\n  session "A" on mon:\n    nordic_curl 3x5\n'
            "    bird_dog 3x8 each_side\n")
    document = json.loads(wol.compile(wol.parse(text, "p.wol"), "json"))
    items = document["plans"][0]["weeks"][0]["sessions"][0]["items"]
    nordic, bird_dog = (item["fit"] for item in items)
    assert nordic["approx"].startswith("FIT has no Nordic curl")
    # bird dog keeps its exact FIT name; Connect has none, so its nearest key (catalogue)
    assert bird_dog["approx"] is None
    assert bird_dog["connect"] == {"category": "WARM_UP",
                                   "exercise": "OPPOSITE_ARM_AND_LEG_BALANCE"}
