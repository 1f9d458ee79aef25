"""The fit target: Garmin FIT workout files, checked with Garmin's Decoder and with fitdecode.

Cases are the plans in tests/data/fit and examples/; each compiles to a folder of
files. The decoded messages of tests/data/fit's are kept as golden dumps in
tests/golden/fit (WOL_REGEN=1 rewrites them). Bytes are never compared with a stored file, only with
themselves (determinism).
"""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Profile, Stream
from golden import Golden

from workoutlang import expand
from workoutlang.backends import EmitOptions, fit
from workoutlang.backends.naming import RESERVED, slugify, workout_files
from workoutlang.catalogue import load_catalogue
from workoutlang.errors import CompileError
from workoutlang.parser import parse

DATA = Path(__file__).parent / "data" / "fit"
GOLDEN = Path(__file__).parent / "golden" / "fit"
EXAMPLES = Path(__file__).parent.parent / "examples"
GOLDEN_CASES = sorted(DATA.glob("*.wol"))  # ours: their decoded dumps are kept
CASES = GOLDEN_CASES + sorted(EXAMPLES.glob("*.wol"))  # and the bundled examples


# --- building a program -----------------------------------------------------------


def program_of(path: Path) -> expand.Program:
    """The program of a plan file, expanded (checks are not run: the backend must cope)."""
    tree = parse(path.read_text(encoding="utf-8"), path.name)
    catalogue = load_catalogue().with_definitions(tree.exercises)
    plans = tuple(expand.expand(plan, catalogue)[0] for plan in tree.plans)
    return expand.Program(tree, catalogue, plans)


def compile_fit(path: Path) -> dict[str, bytes]:
    return fit.emit(program_of(path), EmitOptions())


# --- decoding ---------------------------------------------------------------------


def garmin_decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Decode with Garmin's SDK, integrity first; fail on any error."""
    stream = Stream.from_byte_array(data)
    decoder = Decoder(stream)
    assert decoder.is_fit()
    assert decoder.check_integrity()
    stream.reset()  # check_integrity leaves the stream at its end
    messages, errors = decoder.read(convert_datetimes_to_dates=False, expand_sub_fields=False)
    assert errors == []
    return messages


def fitdecode_messages(data: bytes, by_number: bool = False) -> list[tuple[str, dict[Any, Any]]]:
    """Decode with fitdecode, CRC checked; fail on anything it cannot read.

    Fields by name, or by field number (fitdecode names a field by its sub-field,
    `duration_reps` for `duration_value`)."""
    out: list[tuple[str, dict[Any, Any]]] = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                             error_handling=fitdecode.ErrorHandling.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.append((frame.name, {f.def_num if by_number else f.name: f.value
                                         for f in frame.fields}))
    return out


def steps_of(data: bytes) -> list[dict[str, Any]]:
    return garmin_decode(data)["workout_step_mesgs"]


def one_file(files: dict[str, bytes], stem_part: str) -> bytes:
    """The file whose name holds `stem_part`; its first week's when the weeks differ."""
    names = sorted(n for n in files if stem_part in n)
    assert names, stem_part
    return files[names[0]]


# --- every file, every case --------------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_file_decodes_in_both_decoders(path: Path) -> None:
    files = compile_fit(path)
    assert files
    for name, data in files.items():
        garmin = garmin_decode(data)
        (workout,) = garmin["workout_mesgs"]
        assert garmin["file_id_mesgs"][0]["type"] == "workout"
        assert workout["sport"] == "training"
        assert workout["sub_sport"] == "strength_training"
        assert workout["num_valid_steps"] == len(garmin["workout_step_mesgs"]), name
        independent = fitdecode_messages(data)
        steps = [m for kind, m in independent if kind == "workout_step"]
        (workout2,) = [m for kind, m in independent if kind == "workout"]
        assert workout2["num_valid_steps"] == len(steps), name
        assert [m["message_index"] for m in garmin["workout_step_mesgs"]] == list(range(len(steps)))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_written_field_comes_back(path: Path) -> None:
    """The Encoder drops a field name it does not know: each one written must decode."""
    for workout in workout_files(program_of(path)):
        written = fit.workout_messages(workout)
        decoded = garmin_decode(fit.encode(written))
        independent = fitdecode_messages(fit.encode(written), by_number=True)
        counters: dict[str, int] = {}
        for (kind, fields), (kind2, numbers) in zip(written, independent, strict=True):
            assert kind == kind2
            index = counters.get(kind, 0)
            counters[kind] = index + 1
            back = decoded[f"{kind}_mesgs"][index]
            assert set(back) == set(fields), (kind, set(fields) ^ set(back))
            assert set(numbers) == {_field(kind, f)["num"] for f in fields}, kind
            for field, value in fields.items():
                assert back[field] == _as_decoded(kind, field, value), (kind, field)


def _field(message: str, field: str) -> dict[str, Any]:
    profile = next(m for m in Profile["messages"].values() if m["name"] == message)
    (spec,) = [f for f in profile["fields"].values() if f["name"] == field]
    return spec  # type: ignore[no-any-return]


def _as_decoded(message: str, field: str, value: Any) -> Any:
    """What Garmin's Decoder gives back for a value we wrote: enums by name, times as ints."""
    if isinstance(value, datetime.datetime):
        return int(value.timestamp()) - 631065600  # the FIT epoch, 1989-12-31
    names = Profile["types"].get(_field(message, field)["type"])
    if isinstance(value, int) and isinstance(names, dict) and value in names:
        return names[value]
    return value


def dump(files: dict[str, bytes]) -> str:
    decoded = {name: garmin_decode(data) for name, data in sorted(files.items())}
    return json.dumps(decoded, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize("path", GOLDEN_CASES, ids=lambda p: p.stem)
def test_golden_dump(path: Path, golden: Golden) -> None:
    golden(GOLDEN / f"{path.stem}.json", dump(compile_fit(path)))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_same_input_same_bytes(path: Path) -> None:
    assert compile_fit(path) == compile_fit(path)


# --- exercise categories ----------------------------------------------------------

EXPECTED_IDS = json.loads((DATA / "categories.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def category_steps() -> list[dict[str, Any]]:
    return steps_of(next(iter(compile_fit(DATA / "categories.wol").values())))


@pytest.mark.parametrize("exercise", sorted(EXPECTED_IDS))
def test_exercise_category_and_name(exercise: str, category_steps: list[dict[str, Any]]) -> None:
    category, name = EXPECTED_IDS[exercise].split("/")
    display = load_catalogue().exercises[exercise].display
    (step,) = [s for s in category_steps if s.get("wkt_step_name", "").startswith(display)][:1]
    assert step["exercise_category"] == category
    assert Profile["types"][f"{category}_exercise_name"][step["exercise_name"]] == name


def test_exercise_titles_name_each_exercise_once() -> None:
    data = next(iter(compile_fit(DATA / "categories.wol").values()))
    titles = garmin_decode(data)["exercise_title_mesgs"]
    names = [t["wkt_step_name"] for t in titles]
    assert len(names) == len(set(names)) == len(EXPECTED_IDS)
    assert "Pallof press" in names
    assert [t["message_index"] for t in titles] == list(range(len(titles)))


def test_unmapped_exercise_is_a_generic_step_named_by_its_step_and_notes() -> None:
    data = one_file(compile_fit(DATA / "two_plans.wol"), "base-")
    (board,) = [s for s in steps_of(data) if s.get("wkt_step_name") == "Balance board"]
    # a category alone, as Connect's export writes its generic "Warm-up" step
    assert board["exercise_category"] == "total_body"
    assert "exercise_name" not in board
    assert board["notes"].startswith("Balance board")
    assert board["duration_type"] == "time" and board["duration_value"] == 30000
    titles = garmin_decode(data)["exercise_title_mesgs"]
    assert "Balance board" not in [t["wkt_step_name"] for t in titles]


# --- how a prescription becomes steps ---------------------------------------------


def test_sets_with_rest_are_a_repeat() -> None:
    data = one_file(compile_fit(DATA / "article.wol"), "lower-body")
    steps = steps_of(data)
    first = next(i for i, s in enumerate(steps) if s.get("wkt_step_name") == "Romanian deadlift")
    rdl, rest, repeat = steps[first:first + 3]
    assert (rdl["duration_type"], rdl["duration_value"], rdl["intensity"]) == ("reps", 8, "active")
    assert (rdl["exercise_category"], rdl["exercise_weight"]) == ("deadlift", 40.0)
    assert rdl["weight_display_unit"] == "kilogram"
    assert rdl["notes"] == "tempo 3-1-1"
    assert (rest["duration_type"], rest["duration_value"], rest["intensity"]) == ("time", 90000,
                                                                                   "rest")
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_value"], repeat["target_value"]) == (first, 3)


def test_each_leg_is_left_then_right_in_every_set() -> None:
    steps = steps_of(compile_fit(DATA / "sides.wol")["01-single-leg.fit"])
    left, right, rest, repeat = steps[:4]
    assert (left["wkt_step_name"], right["wkt_step_name"]) == ("Step-up (left)", "Step-up (right)")
    assert left["duration_value"] == right["duration_value"] == 8
    assert rest["intensity"] == "rest" and rest["duration_value"] == 60000
    assert (repeat["duration_value"], repeat["target_value"]) == (0, 3)


def test_each_side_hold_and_single_sides() -> None:
    steps = steps_of(compile_fit(DATA / "sides.wol")["01-single-leg.fit"])
    names = [s.get("wkt_step_name") for s in steps]
    assert names[4:6] == ["Side plank (left)", "Side plank (right)"]
    assert steps[4]["duration_type"] == "time" and steps[4]["duration_value"] == 30000
    assert steps[6]["target_value"] == 2
    # a one-set `left` then a one-set `right`: one step each, no repeat
    assert names[7:] == ["Single-leg Romanian deadlift (left)",
                         "Single-leg Romanian deadlift (right)"]
    assert steps[7]["exercise_weight"] == 12.0


def test_superset_is_one_repeat_over_its_exercises() -> None:
    steps = steps_of(one_file(compile_fit(DATA / "article.wol"), "lower-body"))
    start = next(i for i, s in enumerate(steps) if s.get("wkt_step_name") == "Plank")
    body = steps[start:start + 5]
    assert [s.get("wkt_step_name") for s in body[:3]] == ["Plank", "Dead bug (left)",
                                                          "Dead bug (right)"]
    assert (body[0]["duration_type"], body[0]["duration_value"]) == ("time", 45000)
    assert (body[1]["duration_type"], body[1]["duration_value"]) == ("reps", 10)
    assert body[3]["intensity"] == "rest" and body[3]["duration_value"] == 60000
    assert body[4]["duration_type"] == "repeat_until_steps_cmplt"
    assert (body[4]["duration_value"], body[4]["target_value"]) == (start, 3)


def test_blocks_loads_and_max_efforts() -> None:
    steps = steps_of(compile_fit(DATA / "blocks.wol")["01-mixed.fit"])
    by_name: dict[str, dict[str, Any]] = {}
    for step in steps:
        by_name.setdefault(step.get("wkt_step_name", ""), step)
    assert by_name["Hip circles (left)"]["intensity"] == "warmup"
    assert by_name["Hamstring stretch (left)"]["intensity"] == "cooldown"
    squat = by_name["Goblet squat"]
    assert squat["duration_value"] == 12 and squat["notes"] == "8-12 reps; tempo 3-x-1-0"
    assert squat["weight_display_unit"] == "pound"
    assert squat["exercise_weight"] == pytest.approx(35 * 0.45359237, abs=0.01)
    push = by_name["Push-up"]
    assert push["duration_type"] == "open" and "duration_value" not in push
    assert push["notes"] == "Push-up max: as many reps as you can"
    assert by_name["Plank"]["notes"] == "Plank max: as long as you can"
    assert by_name["Pull-up"]["notes"].startswith("bodyweight + 10 lb")
    assert "exercise_weight" in by_name["Pull-up"]
    # hollow hold is a nearest mapping (fit_approx): its name leads the notes
    assert by_name["Hollow hold"]["notes"] == "Hollow hold; RIR 2; ribs down"


def test_superset_without_rounds_takes_the_common_sets() -> None:
    steps = steps_of(compile_fit(DATA / "blocks.wol")["01-mixed.fit"])
    rpe = next(i for i, s in enumerate(steps) if s.get("notes") == "RPE 7")
    row, rest, repeat = steps[rpe + 1:rpe + 4]
    assert row["notes"] == "70% 1RM"
    assert rest["duration_value"] == 45000
    assert (repeat["duration_value"], repeat["target_value"]) == (rpe, 3)


def test_circuit_rounds_with_rest_inside() -> None:
    steps = steps_of(compile_fit(DATA / "blocks.wol")["01-mixed.fit"])
    start = next(i for i, s in enumerate(steps) if s.get("wkt_step_name") == "Kettlebell swing")
    kinds = [(s.get("wkt_step_name") or s["intensity"] if "intensity" in s else "repeat")
             for s in steps[start:start + 6]]
    assert kinds == ["Kettlebell swing", "Wall sit", "rest", "Box jump", "rest", "repeat"]
    assert steps[start + 2]["duration_value"] == 15000
    assert steps[start + 4]["duration_value"] == 90000
    assert steps[start + 5]["target_value"] == 2


# --- files and names --------------------------------------------------------------


def test_weeks_that_differ_get_a_file_each() -> None:
    names = sorted(compile_fit(DATA / "weeks.wol"))
    assert names == ["02-easy.fit", "w01-01-strength.fit", "w02-01-strength.fit",
                     "w03-01-strength.fit", "w04-01-strength.fit"]
    files = compile_fit(DATA / "weeks.wol")
    (workout,) = garmin_decode(files["w03-01-strength.fit"])["workout_mesgs"]
    assert workout["wkt_name"] == "W3 Strength"
    steps = steps_of(files["w03-01-strength.fit"])
    assert steps[2]["target_value"] == 5 and steps[1]["duration_value"] == 180000


def test_several_plans_prefix_their_slug() -> None:
    assert sorted(compile_fit(DATA / "two_plans.wol")) == ["base-01-strength.fit",
                                                          "build-01-strength.fit"]


def test_file_ids_differ_and_are_dated_from_the_start() -> None:
    files = compile_fit(DATA / "article.wol")
    ids = [garmin_decode(d)["file_id_mesgs"][0] for d in files.values()]
    assert len({(i["serial_number"], i["time_created"]) for i in ids}) == len(files)
    lower = garmin_decode(one_file(files, "lower-body"))["file_id_mesgs"][0]
    monday = datetime.datetime(2027, 1, 4, tzinfo=datetime.UTC).timestamp() - 631065600
    assert monday <= lower["time_created"] < monday + 86400


def test_long_text_is_cut_to_what_fit_holds(tmp_path: Path) -> None:
    plan = tmp_path / "long.wol"
    name = "Ü" * 300
    plan.write_text(f'plan "p":\n  session "{name}" on mon:\n'
                    f'    plank 1x30s note "{"x" * 400}"\n', encoding="utf-8")
    (data,) = compile_fit(plan).values()
    (workout,) = garmin_decode(data)["workout_mesgs"]
    assert len(workout["wkt_name"].encode()) <= 254 and workout["wkt_name"].endswith("…")
    assert len(steps_of(data)[0]["notes"].encode()) <= 254


def test_a_weight_fit_cannot_hold_is_an_error(tmp_path: Path) -> None:
    plan = tmp_path / "heavy.wol"
    plan.write_text('plan "p":\n  session "a" on mon:\n    deadlift 1x1 @ 700kg\n')
    with pytest.raises(CompileError, match="weight"):
        compile_fit(plan)


@pytest.mark.parametrize("text", ["../../etc/passwd", "/abs/path", "con", "NUL", "com1", "",
                                  "..", ".", "a/b\\c", "Lower body + core", "Übung für Läufer",
                                  "x" * 500, "---", "lpt9"])
def test_slugify_cannot_escape(text: str) -> None:
    slug = slugify(text)
    assert slug and len(slug) <= 60
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-") and ".." not in slug
    assert slug not in RESERVED


def test_slugify_reads_well() -> None:
    assert slugify("Lower body + core") == "lower-body-core"
    assert slugify("Übung für Läufer") == "ubung-fur-laufer"
    assert slugify("con") == "con-x"
    assert slugify("", "session") == "session"
    assert slugify("word " * 30) == "-".join(["word"] * 12)


def test_session_names_cannot_leave_the_folder(tmp_path: Path) -> None:
    plan = tmp_path / "evil.wol"
    plan.write_text('plan "p":\n  session "../../x" on mon:\n    plank 1x30s\n'
                    '  session "con" on tue:\n    plank 1x30s\n'
                    '  session "" on wed:\n    plank 1x30s\n')
    assert sorted(compile_fit(plan)) == ["01-x.fit", "02-con-x.fit", "03-session.fit"]


def test_fit_sdk_is_imported_only_when_emitting() -> None:
    program = ("import sys, workoutlang.backends.fit, workoutlang.backends.garmin_connect;"
               "print('garmin_fit_sdk' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_a_file_without_sessions_is_an_error(tmp_path: Path) -> None:
    plan = tmp_path / "defs.wol"
    plan.write_text("exercise balance_board:\n  tags balance\n")
    with pytest.raises(CompileError, match="no plan"):
        compile_fit(plan)


def test_a_start_fit_cannot_date_falls_back_to_a_fixed_day(tmp_path: Path) -> None:
    plan = tmp_path / "old.wol"
    plan.write_text('plan "p" start 1901-01-07:\n  session "a" on mon:\n    plank 1x30s\n')
    (data,) = compile_fit(plan).values()
    created = garmin_decode(data)["file_id_mesgs"][0]["time_created"]
    fixed = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC).timestamp() - 631065600
    assert created == fixed + 60


# --- language v2: set schemes, AMRAP, maxes, distance, rotations, sessions a week ------

V2 = DATA / "v2.wol"


def v2_steps(stem: str) -> list[dict[str, Any]]:
    return steps_of(compile_fit(V2)[f"{stem}.fit"])


def test_v2_one_workout_per_session_rotation_turn_and_doing() -> None:
    files = compile_fit(V2)
    assert sorted(files) == [
        "single-leg-add-on-01-single-leg-1-of-2.fit", "single-leg-add-on-01-single-leg-2-of-2.fit",
        "strength-v2-01-squat-day.fit", "stronglifts-a-b-01-a.fit", "stronglifts-a-b-02-b.fit"]
    workouts = {name: garmin_decode(data)["workout_mesgs"][0] for name, data in files.items()}
    assert workouts["stronglifts-a-b-01-a.fit"]["wkt_name"] == "A"
    assert workouts["stronglifts-a-b-02-b.fit"]["wkt_description"] == \
        "StrongLifts A/B: 1 week, in turn on mon, wed, fri"
    one, two = (workouts[f"single-leg-add-on-01-single-leg-{n}-of-2.fit"] for n in (1, 2))
    assert (one["wkt_name"], two["wkt_name"]) == ("Single-leg (1 of 2)", "Single-leg (2 of 2)")
    assert one["wkt_description"] == "Single-leg add-on: 1 week, 2 times a week"
    ids = [garmin_decode(data)["file_id_mesgs"][0] for data in files.values()]
    assert len({(i["serial_number"], i["time_created"]) for i in ids}) == len(files)


def test_each_set_group_is_its_own_step_with_its_weight() -> None:
    steps = v2_steps("strength-v2-01-squat-day")
    bench = [i for i, s in enumerate(steps) if s.get("wkt_step_name") == "Bench press"]
    assert len(bench) == 2
    top, back = steps[bench[0]], steps[bench[1]]
    assert (top["duration_type"], top["duration_value"]) == ("reps", 5)
    assert top["exercise_weight"] == pytest.approx(185 * 0.45359237, abs=0.01)
    assert top["weight_display_unit"] == "pound" and top["notes"] == "RPE 8"
    assert steps[bench[0] + 1]["duration_value"] == 120000  # the top set's rest, no repeat
    assert bench[1] == bench[0] + 2
    assert back["exercise_weight"] == pytest.approx(165 * 0.45359237, abs=0.01)
    assert "notes" not in back
    repeat = steps[bench[1] + 2]
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_value"], repeat["target_value"]) == (bench[1], 3)


def test_percent_of_a_max_is_the_resolved_weight_with_the_percent_in_notes() -> None:
    squats = [s for s in v2_steps("strength-v2-01-squat-day") if s.get("wkt_step_name") == "Squat"]
    # max 315lb, tm 90% = 283.5lb; 65/75/85% rounded to 5lb: 185, 215, 240
    assert [s["exercise_weight"] for s in squats] == [
        pytest.approx(lb * 0.45359237, abs=0.01) for lb in (185, 215, 240)]
    assert {s["weight_display_unit"] for s in squats} == {"pound"}
    assert [s["notes"] for s in squats[:2]] == ["65% TM", "75% TM"]


def test_amrap_is_an_open_step_with_its_minimum_and_name_in_notes() -> None:
    steps = v2_steps("strength-v2-01-squat-day")
    amrap = [s for s in steps if s.get("wkt_step_name") == "Squat"][2]
    assert amrap["duration_type"] == "open" and "duration_value" not in amrap
    assert amrap["notes"] == "Squat 5+: as many reps as you can; 85% TM"
    assert amrap["exercise_weight"] == pytest.approx(240 * 0.45359237, abs=0.01)
    push = next(s for s in v2_steps("strength-v2-01-squat-day")
                if s.get("wkt_step_name") == "Push-up")
    assert push["duration_type"] == "open"
    assert push["notes"] == "Push-up max: as many reps as you can"


def test_percent_without_a_max_has_no_weight() -> None:
    rdl = next(s for s in v2_steps("strength-v2-01-squat-day")
               if s.get("wkt_step_name") == "Romanian deadlift")
    assert "exercise_weight" not in rdl and "weight_display_unit" not in rdl
    assert (rdl["duration_type"], rdl["duration_value"]) == ("reps", 8)
    assert rdl["notes"] == "70% 1RM; RIR 2"


def test_distance_is_an_open_step_with_the_distance_in_notes() -> None:
    steps = v2_steps("strength-v2-01-squat-day")
    start = next(i for i, s in enumerate(steps) if s.get("wkt_step_name") == "Farmer carry")
    carry, rest, repeat = steps[start:start + 3]
    assert carry["duration_type"] == "open" and "duration_value" not in carry
    assert carry["notes"] == "Farmer carry 40 m"
    assert carry["exercise_weight"] == pytest.approx(70 * 0.45359237, abs=0.01)
    assert rest["duration_value"] == 60000 and repeat["target_value"] == 3


PER_SESSION = """\
plan "AB" weeks 2 units kg:
  rotation on mon, wed, fri:
    session "A":
      squat 5x5 @ 60kg progress +2.5kg/session
    session "B":
      deadlift 1x5 @ 80kg
  session "Legs" on tue, thu:
    step_up 3x8 @ 8kg each_leg progress +1kg/session
"""


def test_per_session_steps_make_a_workout_per_week_and_day(tmp_path: Path) -> None:
    plan = tmp_path / "ab.wol"
    plan.write_text(PER_SESSION, encoding="utf-8")
    files = compile_fit(plan)
    # B never changes: one workout; A steps each time (mon, fri in week 1; wed in week 2);
    # Legs steps each time it is done: a workout a day
    assert sorted(files) == [
        "03-b.fit", "w01-01-legs-thu.fit", "w01-01-legs-tue.fit", "w01-02-a-fri.fit",
        "w01-02-a-mon.fit", "w02-01-legs-thu.fit", "w02-01-legs-tue.fit", "w02-02-a-wed.fit"]
    names = {n: garmin_decode(d)["workout_mesgs"][0]["wkt_name"] for n, d in files.items()}
    assert names["w01-02-a-fri.fit"] == "W1 A (fri)"
    assert names["w01-01-legs-tue.fit"] == "W1 Legs (tue)"
    assert len(set(names.values())) == len(names)
    weights = [steps_of(files[f"{n}.fit"])[0]["exercise_weight"]
               for n in ("w01-02-a-mon", "w01-02-a-fri", "w02-02-a-wed")]
    assert weights == [60.0, 62.5, 65.0]
    assert compile_fit(plan) == files  # the same names and bytes on every run


def test_a_resolved_weight_fit_cannot_hold_is_an_error_at_its_load(tmp_path: Path) -> None:
    plan = tmp_path / "heavy.wol"
    plan.write_text('plan "p":\n  max deadlift 900kg\n  session "a" on mon:\n'
                    '    deadlift 1x1 @ 50%1rm, 1x1 @ 95%1rm\n')
    with pytest.raises(CompileError, match="weight") as error:
        compile_fit(plan)
    span = error.value.span
    assert span is not None and (span.line, span.column) == (4, 32)  # `@ 95%1rm`


def test_compile_to_fit_writes_the_v2_plan(tmp_path: Path) -> None:
    out = tmp_path / "watch"
    result = subprocess.run([sys.executable, "-m", "workoutlang", "compile", str(V2), "--to",
                             "fit", "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(compile_fit(V2))


def test_a_rotation_a_week_block_repeats_stays_one_workout_a_session(tmp_path: Path) -> None:
    plan = tmp_path / "blocks.wol"
    rotation = ('rotation on mon, wed, fri:\n  session "A":\n    squat 5x5 @ 60kg\n'
                '  session "B":\n    deadlift 1x5 @ 80kg\n')
    plan.write_text('plan "AB" weeks 4 units kg:\n  session "Core" on tue:\n    plank 3x30s\n'
                    + "".join("  " + line + "\n" for line in rotation.splitlines())
                    + "  week 3-4:\n"
                    + "".join("    " + line + "\n" for line in rotation.splitlines()),
                    encoding="utf-8")
    # the block leaves out Core: weeks 1-2 only, a file a week; A and B every week alike
    assert sorted(compile_fit(plan)) == ["02-a.fit", "03-b.fit", "w01-01-core.fit",
                                         "w02-01-core.fit"]


@pytest.mark.parametrize("pounds", [135, 45, 225, 102.5, 315, 1])
def test_pounds_never_read_back_below_what_was_written(tmp_path: Path, pounds: float) -> None:
    """FIT holds 0.01 kg: pounds round up, so the watch shows at least the weight written."""
    plan = tmp_path / "lb.wol"
    plan.write_text(f'plan "P":\n  session "S" on mon:\n    squat 3x5 @ {pounds:g}lb\n',
                    encoding="utf-8")
    step = next(s for s in steps_of(one_file(compile_fit(plan), ""))
                if "exercise_weight" in s)
    read_back = step["exercise_weight"] / 0.45359237
    assert step["weight_display_unit"] == "pound"
    assert pounds <= read_back < pounds + 0.025
    assert round(read_back, 1) == pounds


def test_a_side_leads_the_notes(tmp_path: Path) -> None:
    """Connect's own files name steps by their exercise: the side must survive in notes."""
    plan = tmp_path / "side.wol"
    plan.write_text('plan "P":\n  session "S" on mon:\n    step_up 3x8 each_leg tempo 3-1-1\n',
                    encoding="utf-8")
    notes = [s.get("notes") for s in steps_of(one_file(compile_fit(plan), ""))
             if s.get("intensity") == "active"]
    assert notes == ["Step-up (left); tempo 3-1-1", "Step-up (right); tempo 3-1-1"]


def test_a_file_creator_names_the_version_that_wrote_it(tmp_path: Path) -> None:
    """As in Connect's own workout files, a file_creator follows the file_id."""
    from workoutlang import __version__

    plan = tmp_path / "v.wol"
    plan.write_text('plan "P":\n  session "S" on mon:\n    squat 3x5\n', encoding="utf-8")
    data = one_file(compile_fit(plan), "")
    major, minor = (int(p) for p in __version__.split(".")[:2])
    creator = garmin_decode(data)["file_creator_mesgs"]
    assert creator == [{"software_version": major * 100 + minor}]
    assert [name for name, _ in fitdecode_messages(data)][:2] == ["file_id", "file_creator"]


CONNECT_EXPORT = Path(__file__).parent / "data" / "garmin" / "connect-strength-workout.fit"


def _lap_rest(step: dict[str, Any]) -> bool:
    return step.get("intensity") == "rest" and step["duration_type"] == "open"


def test_rest_lap_is_an_open_rest_step_as_in_connects_own_files() -> None:
    """`rest lap` reads back, in fitdecode, as the lap-button rests of a workout Connect
    exported itself: intensity rest, duration open, no duration value, no exercise."""
    theirs = [m for kind, m in fitdecode_messages(CONNECT_EXPORT.read_bytes())
              if kind == "workout_step" and _lap_rest(m)]
    ours = [m for kind, m in fitdecode_messages(one_file(compile_fit(DATA / "rest_lap.wol"), ""))
            if kind == "workout_step"]
    assert theirs and all(m.get("duration_value") is None for m in theirs)
    for step in [*theirs, *(m for m in ours if _lap_rest(m))]:
        assert step.get("duration_value") is None and step["target_type"] == "open"
        assert step.get("exercise_category") is None and step.get("exercise_weight") is None
    # where each rest stands: after a line's sets, a side pair's, a superset's or circuit's
    # round (after the items' own rests), a wave's and a ladder's sets; a timed rest stays
    kinds = ["lap" if _lap_rest(m) else "time" if m.get("intensity") == "rest" else
             "repeat" if m["duration_type"] == "repeat_until_steps_cmplt" else "set"
             for m in ours]
    assert kinds == ["set", "lap", "repeat",  # squat 3x5 rest lap
                     "set", "set", "lap", "repeat",  # step_up each_leg
                     "set", "set", "time", "lap", "repeat",  # superset: row's 30s, the round's
                     "set", "set", "lap", "lap", "repeat",  # circuit: plank's, the round's
                     "set", "lap",  # the wave's one set
                     "set", "set", "lap", "repeat",  # the ladder's first rung, each leg
                     "set", "time"]  # bench press 1x5 rest 2min


def test_a_timed_rest_and_a_lap_rest_make_different_workouts(tmp_path: Path) -> None:
    """Workout files are shared between weeks by what they hold: a lap rest counts."""
    plan = tmp_path / "weeks.wol"
    plan.write_text('plan "P" weeks 2:\n  session "S" on mon:\n    squat 3x5 rest 1min\n'
                    '  week 2:\n    session "S" on mon:\n      squat 3x5 rest lap\n',
                    encoding="utf-8")
    files = compile_fit(plan)
    assert len(files) == 2
    second = steps_of(files[max(files)])
    assert [(s["duration_type"], s.get("intensity")) for s in second[:2]] == [
        ("reps", "active"), ("open", "rest")]
