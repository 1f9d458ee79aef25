"""User mistakes are usage errors (exit 2) with a clear message, never exit 3:
[tool.workoutlang] of the wrong shape, bad option values, odd files and streams."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workoutlang.checks.config import CheckConfig, ConfigError, find_pyproject, from_pyproject
from workoutlang.diagnostics import Severity
from workoutlang.errors import WorkoutlangError

CHECKS = Path(__file__).parent / "data" / "checks"
WARNS = CHECKS / "WOL106_session_frequency.wol"  # one warning: exit 0, 1 under strict
SCRIPT = shutil.which("workoutlang", path=str(Path(sys.executable).parent)) or "workoutlang"
# a clean plan with a start date (for ics) and text an ASCII terminal cannot show
UNICODE = ('plan "Café … ☃" weeks 2 start 2027-03-01:\n'
           '  session "Élan" on mon, thu:\n'
           "    squat 3x5 @ 60kg rest 2m\n    romanian_deadlift 3x8 @ 40kg\n"
           "    step_up 3x8 each_leg\n    plank 3x45s\n")


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
        env: dict[str, str] | None = None, **popen: object) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([SCRIPT, *args], input=stdin, capture_output=True, cwd=cwd,
                          env=environment, timeout=60, **popen)  # type: ignore[call-overload]


def usage_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """The one-line message of a usage error; fails on anything else."""
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err, err
    return err


def plan_with(tmp_path: Path, pyproject: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    shutil.copy(WARNS, tmp_path / "plan.wol")
    return tmp_path / "plan.wol"


# --- [tool.workoutlang] ---------------------------------------------------------------------

BAD_CONFIG = [
    ('tool = "x"\n', 'tool must be a table, not the string "x"'),
    ("[tool]\nworkoutlang = 5\n", "[tool.workoutlang] must be a table, not the integer 5"),
    ("[tool.workoutlang]\ndisable = 5\n",
     '[tool.workoutlang] disable must be a list of codes or names, e.g. disable = ["WOL106"], '
     "not the integer 5"),
    ("[tool.workoutlang]\ndisable = [5]\n",
     "disable must be a list of codes or names, e.g. disable = [\"WOL106\"], "
     "not a list holding the integer 5"),
    ('[tool.workoutlang]\nstrict = "false"\n',
     '[tool.workoutlang] strict must be true or false, not the string "false"'),
    ("[tool.workoutlang]\nstrict = 1\n", "strict must be true or false, not the integer 1"),
    ("[tool.workoutlang]\nstrict = 1.5\n", "strict must be true or false, not the number 1.5"),
    ('[tool.workoutlang]\nstrict = ["yes"]\n', "strict must be true or false, not a list"),
    ('[tool.workoutlang]\nstrict = "' + "y" * 41 + '"\n',
     'strict must be true or false, not the string "' + "y" * 40 + '…"'),
    ('[tool.workoutlang]\nstrict = "' + "y" * 40 + '"\n',
     'strict must be true or false, not the string "' + "y" * 40 + '"'),
    ("[tool.workoutlang]\nstrict = 2024-01-01\n",
     "strict must be true or false, not the date 2024-01-01"),
    ('[tool.workoutlang]\nenable = "WOL101"\n',
     'enable must be a list of codes or names, e.g. enable = ["WOL106"], '
     'not the string "WOL101"'),
    ("[tool.workoutlang]\nenable = {WOL101 = true}\n",
     "enable must be a list of codes or names, e.g. enable = [\"WOL106\"], not a table"),
    ("[tool.workoutlang]\nseverity = 5\n",
     "[tool.workoutlang] severity must be a table of codes, e.g. [tool.workoutlang.severity] "
     'WOL105 = "error", not the integer 5'),
    ("[tool.workoutlang.severity]\nWOL106 = 5\n",
     '[tool.workoutlang.severity] WOL106 must be "error", "warning" or "off", '
     "not the integer 5"),
    ("[tool.workoutlang.severity]\nWOL106 = true\n", "not the boolean true"),
    ('[tool.workoutlang.severity]\n"WOL106,WOL105" = "off"\n',
     "[tool.workoutlang.severity]: unknown check code 'WOL106,WOL105'"),
    ('[tool.workoutlang.severity]\n"" = "off"\n',
     "[tool.workoutlang.severity]: unknown check code ''"),
    ('[tool.workoutlang]\ndisabel = ["WOL106"]\n',
     "[tool.workoutlang]: unknown key 'disabel'; did you mean disable?"),
    ("[tool.workoutlang]\nstict = true\n",
     "[tool.workoutlang]: unknown key 'stict'; did you mean strict?"),
    ("[tool.workoutlang]\nseverities = {}\n", "unknown key 'severities'; did you mean severity?"),
    ("[tool.workoutlang]\ncolor = 1\n",
     "unknown key 'color'; the keys are strict, disable, enable, severity"),
    ("[tool.workoutlang\n", "pyproject.toml:1:18: not valid TOML: Expected ']' at the end of "
     "a table declaration"),
    ("[tool.workoutlang]\nstrict = true\nstrict = false\n",
     "pyproject.toml:3:15: not valid TOML: Cannot overwrite a value"),
    ("[tool.workoutlang]\nstrict = " + "[" * 50_000 + "]" * 50_000 + "\n",
     "pyproject.toml: not usable: arrays or tables nested too deeply"),
]


@pytest.mark.parametrize(("pyproject", "said"), BAD_CONFIG,
                         ids=[text.split("\n")[-2][:40] for text, _ in BAD_CONFIG])
def test_a_wrong_config_raises_config_error_naming_file_and_key(
        tmp_path: Path, pyproject: str, said: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(pyproject, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        from_pyproject(path)
    assert raised.value.message.startswith(str(path)), raised.value.message
    assert said in raised.value.message
    assert isinstance(raised.value, WorkoutlangError)  # what the language server reports


@pytest.mark.parametrize(("pyproject", "said"), [
    ('[tool.workoutlang]\nstrict = "false"\n', 'strict must be true or false, not the string'),
    ('tool = "x"\n', "tool must be a table"),
    ("[tool.workoutlang]\ndisable = 5\n", "disable must be a list"),
    ('[tool.workoutlang]\ndisabel = ["WOL106"]\n', "did you mean disable?"),
    ("[tool.workoutlang]\nseverity = 5\n", "severity must be a table"),
    ("[tool.workoutlang\n", ":1:18: not valid TOML"),
], ids=["strict-string", "tool-string", "disable-int", "misspelled", "severity-int", "syntax"])
def test_a_wrong_config_is_a_usage_error_on_the_command_line(
        tmp_path: Path, pyproject: str, said: str) -> None:
    plan = plan_with(tmp_path, pyproject)
    for command in (["check"], ["show"], ["compile", "--to", "json"]):
        err = usage_error(run(*command, str(plan), cwd=tmp_path))
        assert err.startswith(f"workoutlang: error: {tmp_path / 'pyproject.toml'}"), err
        assert said in err
    assert not (tmp_path / "plan.json").exists()


def test_strict_false_as_a_string_no_longer_turns_strict_on(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, '[tool.workoutlang]\nstrict = "false"\n')
    assert run("check", str(plan)).returncode == 2
    plan_with(tmp_path, "[tool.workoutlang]\nstrict = false\n")
    assert run("check", str(plan)).returncode == 0
    plan_with(tmp_path, "[tool.workoutlang]\nstrict = true\n")
    assert run("check", str(plan)).returncode == 1


def test_a_right_config_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n[tool.black]\nline-length = 1\n'
                    '[tool.workoutlang]\nstrict = true\n'
                    'disable = ["WOL106", "single-leg-coverage"]\n'
                    'enable = []\n[tool.workoutlang.severity]\nsession-frequency = "error"\n'
                    'WOL105 = "warning"\nWOL107 = "off"\n',
                    encoding="utf-8")
    assert from_pyproject(path) == CheckConfig(
        strict=True, disabled=frozenset({"WOL106", "WOL104"}),
        severities={"WOL106": Severity.ERROR, "WOL105": Severity.WARNING,
                    "WOL107": Severity.OFF})
    path.write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    assert from_pyproject(str(path)) == CheckConfig()


def test_a_pyproject_that_is_not_a_regular_file_is_passed_over(tmp_path: Path) -> None:
    # a folder or a FIFO named pyproject.toml is not a configuration: the search goes on up
    (tmp_path / "pyproject.toml").write_text("[tool.workoutlang]\nstrict = true\n")
    for kind in ("folder", "fifo"):
        inner = tmp_path / kind
        inner.mkdir()
        (inner / "pyproject.toml").mkdir() if kind == "folder" else os.mkfifo(
            inner / "pyproject.toml")
        assert find_pyproject(inner) == str(tmp_path / "pyproject.toml")
        shutil.copy(WARNS, inner / "plan.wol")
        result = run("check", str(inner / "plan.wol"))  # strict from the folder above
        assert result.returncode == 1, result.stderr


def _planted_by_another_user(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `path` another user's file: a real second uid as root, else we pretend to
    be a user who owns nothing (uid 12345) by patching os.geteuid."""
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    else:
        monkeypatch.setattr(os, "geteuid", lambda: 12345)


def test_a_pyproject_another_user_could_have_planted_is_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # /tmp/pyproject.toml by someone else must not turn checks off for a plan below it
    (tmp_path / "pyproject.toml").write_text("[tool.workoutlang]\nstrict = true\n")
    shared = tmp_path / "shared"
    shared.mkdir()
    planted = shared / "pyproject.toml"
    planted.write_text('[tool.workoutlang]\ndisable = ["WOL106"]\n')
    assert find_pyproject(shared) == str(planted)  # the user's own file is read
    planted.chmod(0o666)  # writable by anyone: not trusted, whoever owns it
    assert find_pyproject(shared) == str(tmp_path / "pyproject.toml")
    planted.chmod(0o644)
    _planted_by_another_user(planted, monkeypatch)
    if os.geteuid() == 0:
        shutil.copy(WARNS, shared / "plan.wol")  # the warning is not disabled; strict from above
        assert run("check", str(shared / "plan.wol")).returncode == 1
    assert find_pyproject(shared) == (
        str(tmp_path / "pyproject.toml") if os.geteuid() == 0 else None)


def test_reading_a_fifo_as_pyproject_does_not_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "pyproject.toml"
    os.mkfifo(fifo)
    code = ("from workoutlang.checks.config import ConfigError, from_pyproject\n"
            "try:\n    from_pyproject(__import__('sys').argv[1])\n"
            "except ConfigError as error:\n    print(error.message)\n")
    result = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True,
                            text=True, timeout=60)
    assert result.stdout == f"{fifo}: not a regular file (a FIFO, a device or a socket); " \
                            "give - to read standard input\n", result.stderr


def test_an_unreadable_pyproject_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.workoutlang]\nstrict = true\n")
    path.chmod(0)
    if os.geteuid() != 0:  # the file's owner cannot read it
        with pytest.raises(ConfigError, match="cannot read it: Permission denied"):
            from_pyproject(path)
        return
    # root reads everything: read it as another user, in a child process
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read)
        try:
            os.setgid(65534)
            os.setuid(65534)
            from_pyproject(path)
            message = "read"
        except ConfigError as error:
            message = error.message
        except BaseException as error:  # noqa: BLE001 - the test reports it
            message = repr(error)
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        message = answer.read()
    os.waitpid(child, 0)
    assert message == f"{path}: cannot read it: Permission denied"


def test_a_pyproject_not_in_utf8_is_a_config_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b"[tool.workoutlang]\nstrict = true # \xe9\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml:2: not UTF-8 text \(byte 0xe9"):
        from_pyproject(path)


# --- option values --------------------------------------------------------------------------


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--event-time", "25:00", "argument --event-time: '25:00': write the time as HH:MM"),
    ("--event-time", "7", "argument --event-time: '7': write the time as HH:MM, e.g. 07:00"),
    ("--event-time", "ab", "argument --event-time: 'ab': write the time as HH:MM"),
    ("--event-time", "07:00+02:00", "give the time without an offset, and the zone with "
     "--timezone"),
    ("--timezone", "Mars/Base", "argument --timezone: unknown time zone 'Mars/Base': use an "
     "IANA name such as Europe/Oslo"),
    ("--timezone", "Europe", "unknown time zone 'Europe'"),  # a folder of zones
    ("--timezone", "/etc/localtime", "unknown time zone '/etc/localtime'"),
    ("--timezone", "../../etc/passwd", "unknown time zone"),
    ("--timezone", "", "unknown time zone ''"),
    ("--event-minutes", "0", "argument --event-minutes: 0: give 1 to 1440 minutes"),
    ("--event-minutes", "-5", "argument --event-minutes: -5: give 1 to 1440 minutes"),
    ("--event-minutes", "1441", "argument --event-minutes: 1441: give 1 to 1440 minutes"),
    ("--event-minutes", "9" * 30, "argument --event-minutes: 99999999999999999999…: give 1"),
    ("--event-minutes", "9" * 5000, "argument --event-minutes: '99999999999999999999…' is "
     "not a whole number"),
    ("--event-minutes", "45min", "argument --event-minutes: '45min' is not a whole number"),
    ("-j", "0", "argument -j/--jobs: 0: give 1 or more"),
    ("-j", "-2", "argument -j/--jobs: -2: give 1 or more"),
])
def test_a_bad_option_value_is_a_usage_error_before_anything_is_read(
        tmp_path: Path, option: str, value: str, said: str) -> None:
    (tmp_path / "plan.wol").write_text(UNICODE, encoding="utf-8")
    result = run("compile", "plan.wol", "--to", "ics", f"{option}={value}", cwd=tmp_path)
    err = usage_error(result)
    assert said in err
    assert err.startswith("usage: workoutlang compile")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.wol"]


def test_right_option_values_still_compile(tmp_path: Path) -> None:
    (tmp_path / "plan.wol").write_text(UNICODE, encoding="utf-8")
    result = run("compile", "plan.wol", "--to", "ics", "--event-time", "18:30",
                 "--event-minutes", "1440", "--timezone", "Europe/Oslo", "-j", "4", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    calendar = (tmp_path / "plan.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Oslo:20270301T183000" in calendar
    assert "DTEND;TZID=Europe/Oslo:20270302T183000" in calendar


@pytest.mark.parametrize(("week", "said"), [
    ("0", "argument --week: 0: give 1 or more"),
    ("-1", "argument --week: -1: give 1 or more"),
    ("x", "argument --week: 'x' is not a whole number"),
    ("3", "--week 3: the plan has weeks 1 to 2"),
    ("9" * 40, "--week 9999999999999999999999999999999999999999: the plan has weeks 1 to 2"),
])
def test_show_week_out_of_the_plan_is_a_usage_error(tmp_path: Path, week: str,
                                                     said: str) -> None:
    (tmp_path / "plan.wol").write_text(UNICODE, encoding="utf-8")
    err = usage_error(run("show", "plan.wol", "--week", week, cwd=tmp_path))
    assert said in err
    assert run("show", "plan.wol", "--week", "2", cwd=tmp_path).returncode == 0


# --- terminals that cannot show the text --------------------------------------------------

ASCII = {"PYTHONIOENCODING": "ascii"}


def test_an_ascii_terminal_gets_escaped_messages(tmp_path: Path) -> None:
    (tmp_path / "plan.wol").write_text(UNICODE.replace("squat", "squät"), encoding="utf-8")
    checked = run("check", "plan.wol", cwd=tmp_path, env=ASCII)
    assert checked.returncode == 1, checked.stderr
    assert b"error[WOL001]: unexpected '\\xe4t'" in checked.stdout
    assert b"   3 |     squ\\xe4t 3x5" in checked.stdout  # the source line under it
    (tmp_path / "plan.wol").write_text(UNICODE, encoding="utf-8")
    shown = run("show", "plan.wol", cwd=tmp_path, env=ASCII)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(b"Caf\\xe9 \\u2026 \\u2603: week 1 of 2")
    assert b"\\xc9lan" in shown.stdout
    missing = run("check", "n\u2026.wol", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii:strict"})
    assert usage_error(missing) == "workoutlang: error: n\\u2026.wol: no such file\n"
    bad_choice = run("check", "--format", "j\u2026", "plan.wol", cwd=tmp_path,
                     env={"PYTHONIOENCODING": "ascii:strict"})
    assert "invalid choice: 'j\\u2026'" in usage_error(bad_choice)


def test_data_on_an_ascii_stdout_is_utf8(tmp_path: Path) -> None:
    # the formatted plan, its diff, JSON and compiled outputs are data: never escaped
    source = UNICODE.replace("  session", "\n\n\n  session")
    (tmp_path / "plan.wol").write_text(source, encoding="utf-8")
    formatted = run("fmt", "-", stdin=source.encode(), cwd=tmp_path, env=ASCII)
    assert formatted.returncode == 0, formatted.stderr
    assert formatted.stdout == run("fmt", "-", stdin=source.encode()).stdout
    assert formatted.stdout.decode("utf-8").startswith('plan "Café … ☃" weeks 2')
    diff = run("fmt", "--diff", "plan.wol", cwd=tmp_path, env=ASCII)
    assert diff.returncode == 0, diff.stderr
    assert ' plan "Café … ☃" weeks 2'.encode() in diff.stdout
    assert (tmp_path / "plan.wol").read_text(encoding="utf-8") == source  # --diff only shows
    found = run("check", "--format", "json", "-", stdin=source.replace("squat", "squät😀")
                .encode(), cwd=tmp_path, env=ASCII)
    assert found.returncode == 1, found.stderr
    assert "ät😀" in json.loads(found.stdout.decode("utf-8"))[0]["message"]
    compiled = run("compile", "-", "--to", "json", "-o", "-", "--disable", "WOL105,WOL107",
                   stdin=source.encode(), cwd=tmp_path, env=ASCII)
    assert compiled.returncode == 0, compiled.stderr
    assert json.loads(compiled.stdout)["plans"][0]["name"] == "Café … ☃"


# --- odd files and streams ------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["show"], ["fmt"], ["fmt", "--check"],
                                     ["compile", "--to", "json"]])
def test_a_fifo_as_the_input_is_refused_without_waiting(tmp_path: Path,
                                                        command: list[str]) -> None:
    os.mkfifo(tmp_path / "plan.wol")
    err = usage_error(run(command[0], "plan.wol", *command[1:], cwd=tmp_path))
    assert err == ("workoutlang: error: plan.wol: not a regular file (a FIFO, a device or a "
                   "socket); give - to read standard input\n")


def test_a_device_as_the_input_is_refused(tmp_path: Path) -> None:
    err = usage_error(run("check", "/dev/zero"))
    assert "/dev/zero: not a regular file" in err


def test_closed_standard_streams_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "plan.wol").write_text(UNICODE, encoding="utf-8")
    closed_stdin = subprocess.run(f"exec {SCRIPT} check - <&-", shell=True,
                                  capture_output=True, timeout=60)
    assert usage_error(closed_stdin) == \
        "workoutlang: error: standard input is closed: nothing to read\n"
    for command in ("check plan.wol", "show plan.wol", "compile - --to json -o - < plan.wol"):
        closed_stdout = subprocess.run(f"exec {SCRIPT} {command} >&-", shell=True,
                                       stderr=subprocess.PIPE, cwd=tmp_path, timeout=60)
        assert usage_error(closed_stdout) == "workoutlang: error: standard output is closed\n"


def test_a_full_standard_output_names_what_it_could_not_write(tmp_path: Path) -> None:
    (tmp_path / "plan.wol").write_text(UNICODE, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        result = subprocess.run([SCRIPT, "show", "plan.wol"], stdout=full,
                                stderr=subprocess.PIPE, cwd=tmp_path, timeout=60)
    assert usage_error(result) == \
        "workoutlang: error: cannot write the output: No space left on device\n"


def test_standard_input_in_a_deleted_folder_is_checked_with_the_defaults(
        tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f"cd {gone} && rmdir {gone} && exec {SCRIPT} check -"
    result = subprocess.run(script, shell=True, input=WARNS.read_bytes(), capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"warning[WOL106]" in result.stdout


def test_a_pyproject_owned_by_root_is_trusted_by_every_user(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from workoutlang.checks.config import _trusted

    monkeypatch.setattr(os, "geteuid", lambda: 12345)  # a user who owns nothing here
    assert _trusted("/etc/passwd")  # root's, a regular file, not writable by all
    assert not _trusted("/etc")  # not a regular file
    assert not _trusted("/nonexistent/pyproject.toml")


def test_the_command_line_goes_over_the_files_directives() -> None:
    line = CheckConfig(strict=False, disabled=frozenset({"WOL104"}),
                       enabled=frozenset({"WOL106"}), severities={"WOL105": Severity.ERROR})
    directives = CheckConfig(strict=True, disabled=frozenset({"WOL106", "WOL107"}),
                             severities={"WOL105": Severity.OFF, "WOL101": Severity.WARNING},
                             line_disabled={3: frozenset({"WOL006"})})
    merged = line.merged_with(directives)
    assert merged == CheckConfig(
        strict=True, disabled=frozenset({"WOL104", "WOL107"}), enabled=frozenset({"WOL106"}),
        severities={"WOL105": Severity.ERROR, "WOL101": Severity.WARNING},
        line_disabled={3: frozenset({"WOL006"})})
    assert CheckConfig().merged_with(CheckConfig()).strict is False


def test_a_config_file_named_dash_is_a_file_not_standard_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "-").write_text("[tool.workoutlang]\nstrict = true\n")
    monkeypatch.chdir(tmp_path)
    assert from_pyproject("-") == CheckConfig(strict=True)
