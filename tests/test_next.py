"""`workoutlang next` and `wol.next_week`: the coming sessions worked out from a log,
printed and written to every target. The FIT files are read back with Garmin's SDK
and fitdecode, the JSON validated against the plan schema."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import fitdecode
import jsonschema
import pytest
from garmin_fit_sdk import Decoder, Stream

import workoutlang as wol
from workoutlang.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "training_log"
SCHEMA = json.loads((Path(wol.__file__).parent / "data" / "plan.schema.json").read_text(
    encoding="utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("plan.wol", "log.wol"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    return tmp_path


def steps(data: bytes) -> list[dict[str, Any]]:
    stream = Stream.from_byte_array(bytearray(data))
    decoder = Decoder(stream)
    assert decoder.check_integrity()
    stream.reset()  # check_integrity leaves the stream at its end
    messages, errors = decoder.read(convert_datetimes_to_dates=False)
    assert errors == []
    found: list[dict[str, Any]] = messages["workout_step_mesgs"]
    return found


def fitdecode_steps(data: bytes) -> list[dict[str, Any]]:
    out = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                             error_handling=fitdecode.ErrorHandling.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step":
                out.append({f.name: f.value for f in frame.fields})
    return out


def test_next_week_is_week_seven_as_the_log_left_it() -> None:
    plan = wol.parse((EXAMPLE / "plan.wol").read_text(encoding="utf-8"), "plan.wol")
    log = wol.parse_log((EXAMPLE / "log.wol").read_text(encoding="utf-8"), "log.wol")
    data = wol.next_week(plan, log)
    jsonschema.validate(data, SCHEMA)
    (only,) = data["plans"]
    assert [w["week"] for w in only["weeks"]] == [7]
    lower, upper = only["weeks"][0]["sessions"]
    assert (lower["name"], upper["name"]) == ("Lower body + core", "Upper body + mobility")
    by_name = {i["exercise"]: i for i in lower["items"] if i.get("type") == "exercise"}
    assert by_name["romanian_deadlift"]["load"]["kg"] == 55.0
    assert by_name["goblet_squat"]["reps"] == {"min": 10, "max": 10}
    assert by_name["goblet_squat"]["load"]["kg"] == 20.0
    assert by_name["bulgarian_split_squat"]["reps"] == {"min": 8, "max": 8}
    pushes = [i for i in upper["items"] if i.get("exercise") == "push_up"]
    assert pushes[0]["reps"] == {"min": 12, "max": 12}


def test_sessions_reach_into_the_next_week() -> None:
    tree = wol.parse((EXAMPLE / "plan.wol").read_text(encoding="utf-8") + "\n"
                     + (EXAMPLE / "log.wol").read_text(encoding="utf-8"), "both.wol")
    data = wol.next_week(tree, sessions=3)
    weeks = data["plans"][0]["weeks"]
    assert [(w["week"], [s["name"] for s in w["sessions"]]) for w in weeks] == [
        (7, ["Lower body + core", "Upper body + mobility"]), (8, ["Lower body + core"])]
    (lower,) = weeks[1]["sessions"]
    names = [i["exercise"] for i in lower["items"] if i.get("type") == "exercise"]
    assert "pistol_squat" in names  # week 7's 3x8, as planned, graduates the ladder


def test_the_rest_of_a_week_begun() -> None:
    log = (EXAMPLE / "log.wol").read_text(encoding="utf-8").split('  2027-04-09')[0]
    plan = wol.parse((EXAMPLE / "plan.wol").read_text(encoding="utf-8"), "plan.wol")
    data = wol.next_week(plan, wol.parse_log(log, "log.wol"))
    (week,) = data["plans"][0]["weeks"]
    assert week["week"] == 6
    assert [s["name"] for s in week["sessions"]] == ["Upper body + mobility"]


def test_the_fit_files_carry_the_loads_the_log_earned(folder: Path) -> None:
    assert main(["next", str(folder / "plan.wol"), "--log", str(folder / "log.wol"),
                 "--to", "fit", "-o", str(folder / "watch")]) == 0
    files = sorted((folder / "watch").iterdir())
    assert [f.name for f in files] == ["01-lower-body-core.fit", "02-upper-body-mobility.fit"]
    lower = files[0].read_bytes()
    for decoded in (steps(lower), fitdecode_steps(lower)):
        rdl = next(s for s in decoded if s.get("wkt_step_name") == "Romanian deadlift")
        assert rdl["exercise_weight"] == pytest.approx(55.0)
        goblet = next(s for s in decoded if s.get("wkt_step_name") == "Goblet squat")
        assert goblet["exercise_weight"] == pytest.approx(20.0)
        assert goblet.get("duration_reps", goblet.get("duration_value")) == 10


def test_next_prints_the_sessions(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", str(folder / "plan.wol"), "--log", str(folder / "log.wol")]) == 0
    out = capsys.readouterr().out
    assert "Next 2 sessions, worked out from the log up to 2027-04-09" in out
    assert "week 7 of 8" in out
    assert "55kg" in out and "Bulgarian split squat" in out


def test_every_target_writes(folder: Path) -> None:
    for target in ("json", "html", "pdf", "ics", "garmin-connect"):
        assert main(["next", str(folder / "plan.wol"), "--log", str(folder / "log.wol"),
                     "--to", target]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["log.wol", "plan-next-garmin-connect", "plan-next.html", "plan-next.ics",
                     "plan-next.json", "plan-next.pdf", "plan.wol"]


@pytest.mark.parametrize("output", ["cal/", "cal"])
def test_a_folder_gets_the_same_name_as_beside_the_plan(folder: Path, output: str) -> None:
    # `cal/` is a folder to make; `cal` an existing one (made here): either way the file
    # in it is named as it would be beside the plan
    if not output.endswith("/"):
        (folder / output).mkdir()
    assert main(["next", str(folder / "plan.wol"), "--log", str(folder / "log.wol"),
                 "--to", "ics", "-o", str(folder / output) + "/" * output.endswith("/")]) == 0
    assert [p.name for p in (folder / "cal").iterdir()] == ["plan-next.ics"]


def test_a_log_past_the_plans_end_says_so(folder: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    plan = folder / "plan.wol"
    plan.write_text(plan.read_text(encoding="utf-8").replace("weeks 8", "weeks 6"),
                    encoding="utf-8")
    assert main(["next", str(plan), "--log", str(folder / "log.wol")]) == 1
    assert "no session is left to do" in capsys.readouterr().err


def test_errors_in_the_log_are_reported_and_nothing_written(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = folder / "log.wol"
    log.write_text(log.read_text(encoding="utf-8").replace('  2027-03-02 "Lower body + core":',
                                                           '  2027-03-02 "Lower body + core"'),
                   encoding="utf-8")
    assert main(["next", str(folder / "plan.wol"), "--log", str(log), "--to", "json"]) == 1
    err = capsys.readouterr().err
    assert "log.wol:7:" in err and "error[WOL001]" in err
    assert not (folder / "plan-next.json").exists()


def test_a_file_with_no_log(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", str(folder / "plan.wol")]) == 2
    assert "holds no log" in capsys.readouterr().err


def test_a_log_for_another_plan(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = folder / "plan.wol"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + "\n" + text.replace('plan "Runner strength, base"', 'plan "Other"'),
                    encoding="utf-8")
    log = folder / "log.wol"
    log.write_text(log.read_text(encoding="utf-8").replace('log "Runner strength, base"',
                                                           'log "Nope"'), encoding="utf-8")
    assert main(["next", str(plan), "--log", str(log)]) == 2
    assert 'no plan named "Nope"' in capsys.readouterr().err


def test_the_command_line_never_shows_a_traceback(folder: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "workoutlang", "next", str(folder / "plan.wol"),
                           "--log", str(folder / "missing.wol")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "missing.wol" in done.stderr


def test_parse_log_refuses_a_file_without_a_log() -> None:
    with pytest.raises(wol.ParseError, match="holds no training log"):
        wol.parse_log((EXAMPLE / "plan.wol").read_text(encoding="utf-8"), "plan.wol")


def test_the_docs_show_what_next_prints(capsys: pytest.CaptureFixture[str]) -> None:
    docs = (Path(__file__).parents[1] / "docs" / "log.md").read_text(encoding="utf-8")
    assert main(["next", str(EXAMPLE / "plan.wol"), "--log", str(EXAMPLE / "log.wol")]) == 0
    printed = capsys.readouterr().out
    assert f"```\n{printed}```\n" in docs


@pytest.mark.parametrize("command", [["compile", "--to", "json", "-o", "-"], ["show"]])
def test_compile_and_show_send_a_log_alone_to_next_and_review(
        command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command[0], str(EXAMPLE / "log.wol"), *command[1:]]) == 1
    captured = capsys.readouterr()
    assert "holds a training log and no plan" in captured.err
    assert "workoutlang next PLAN --log" in captured.err
    assert captured.out == ""


def test_a_log_alone_checks_clean() -> None:
    assert main(["check", str(EXAMPLE / "log.wol")]) == 0


def test_next_reports_what_the_log_checks_find(folder: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    log = folder / "log.wol"
    log.write_text(log.read_text(encoding="utf-8").replace(
        "    ankle_mobility 10 each_leg\n", "    ankle_mobility 10 each_leg\n"
        "    step_up 8, 8, 8 each_leg\n", 1), encoding="utf-8")
    assert main(["next", str(folder / "plan.wol"), "--log", str(log), "--to", "json"]) == 0
    err = capsys.readouterr().err
    assert "log.wol:" in err and "warning[WOL202]" in err
    assert (folder / "plan-next.json").exists()
