"""The caches trust nothing another user can plant (issue 11, points 1 and 2).

Old releases kept the grammar (Lark's `cache=True`) and the catalogue in the
shared temporary folder: a pickle planted there ran code as the victim, and a
FIFO there blocked every command. Now no file of the temporary folder is
touched, and the caches live in the user's own cache folder, which is used
only when it and each file in it are the user's and writable by no one else.

The command line runs in a subprocess with HOME, XDG_CACHE_HOME and TMPDIR
in the test's own folders. A "second user" is uid 65534 when the tests run as
root; otherwise the run pretends to be another uid, so that every file looks
like someone else's.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import lark
import pytest

from workoutlang import usercache
from workoutlang.parser import grammar

ROOT = Path(__file__).parent.parent
PLAN = ROOT / "examples" / "beginner.wol"  # uses `session` and `plank`: see _doctor
SCRIPT = shutil.which("wol", path=str(Path(sys.executable).parent)) or "wol"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 65534

# the command line, with os.getuid telling a lie: every file then looks like another user's
PRETEND_ANOTHER_USER = """
import os, sys
uid = os.getuid()
os.getuid = lambda: uid + 1
from workoutlang.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "HOME": str(tmp_path / "home"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(tmp_path / "tmp"),
           "LOGNAME": "victim", "USER": "victim"}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    for folder in ("home", "tmp"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    return env


def wol(env: dict[str, str], *args: str, pretend_another_user: bool = False,
        ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", PRETEND_ANOTHER_USER] if pretend_another_user else [SCRIPT]
    # timeout: a run that opens a planted FIFO blocks for ever
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=20)


def check(env: dict[str, str], *, pretend_another_user: bool = False) -> int:
    result = wol(env, "check", str(PLAN), pretend_another_user=pretend_another_user)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.returncode


# --- where old releases kept their caches ---------------------------------------------------


def _old_lark_cache(tmpdir: Path) -> Path:
    """The name Lark's `cache=True` gave the grammar cache (lark/lark.py, Lark.__init__)."""
    with open(grammar._grammar_path(), encoding="utf8") as file:
        text = file.read()
    options = "parserlalr" "lexercontextual" "maybe_placeholdersFalse" "cacheTrue"
    digest = hashlib.sha256(
        (text + options + lark.__version__ + str(sys.version_info[:2])).encode("utf8"),
    ).hexdigest()
    major, minor = sys.version_info[:2]
    return tmpdir / f".lark_cache_victim_{digest}_{major}_{minor}.tmp"


def _old_catalogue_cache(tmpdir: Path) -> Path:
    raw = (ROOT / "workoutlang" / "data" / "catalogue.toml").read_bytes()
    return tmpdir / f".workoutlang_catalogue_{zlib.crc32(raw):08x}_v1.pickle"


class _Plant:
    """Unpickling this creates the marker file: a cache that runs code."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return open, (self.marker, "w")


def _planted(marker: Path) -> bytes:
    # Lark's cache file: a line with the key, then pickles; the first pickle runs the code
    return b"0" * 64 + b"\n" + pickle.dumps(_Plant(marker))


def test_a_pickle_planted_at_the_old_cache_paths_is_never_loaded(tmp_path: Path) -> None:
    env = _env(tmp_path)
    marker = tmp_path / "ran-the-planted-code"
    planted = [_old_lark_cache(tmp_path / "tmp"), _old_catalogue_cache(tmp_path / "tmp")]
    for path in planted:
        path.write_bytes(_planted(marker))
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in planted]
    assert check(env) == 0
    assert check(env) == 0  # and again, with the caches warm
    assert not marker.exists()
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in planted] == before  # not written


def test_a_fifo_at_the_old_cache_paths_blocks_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    fifos = [_old_lark_cache(tmp_path / "tmp"), _old_catalogue_cache(tmp_path / "tmp")]
    for path in fifos:
        os.mkfifo(path)
    assert check(env) == 0
    assert all(stat.S_ISFIFO(p.lstat().st_mode) for p in fifos)


def test_nothing_is_left_in_the_temporary_folder(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert check(env) == 0
    assert check(env) == 0
    out = tmp_path / "out"
    assert wol(env, "compile", str(PLAN), "--to", "json", "-o", str(out)).returncode == 0
    assert wol(env, "fmt", "--check", str(PLAN)).returncode in (0, 1)
    assert list((tmp_path / "tmp").iterdir()) == []


# --- the user's own cache folder -----------------------------------------------------------


def _filled(tmp_path: Path, env: dict[str, str]) -> list[Path]:
    """Run once so that the caches are written; their files."""
    assert check(env) == 0
    files = sorted((tmp_path / "cache" / "workoutlang").iterdir())
    assert len(files) == 2, files  # the grammar and the catalogue
    return files


def _rename_everywhere(value: Any) -> Any:
    """Plain data with `session` and `plank` renamed, wherever they occur."""
    if isinstance(value, str):
        return {"session": "xession", "plank": "plonk"}.get(value, value)
    if isinstance(value, dict):
        return {_rename_everywhere(k): _rename_everywhere(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_rename_everywhere(v) for v in value)
    return value


def _doctor(path: Path) -> None:
    """Turn a cache file into one that, loaded, makes the plan fail: the grammar then has
    no `session` keyword and the catalogue no `plank`. Each file keeps its key."""
    with open(path, "rb") as file:
        data = pickle.load(file)
    path.unlink()
    path.write_bytes(pickle.dumps(_rename_everywhere(data)))
    path.chmod(0o600)


def test_the_caches_are_written_once_and_then_read(tmp_path: Path) -> None:
    env = _env(tmp_path)
    files = _filled(tmp_path, env)
    written = [f.stat().st_mtime_ns for f in files]
    assert check(env) == 0
    assert [f.stat().st_mtime_ns for f in files] == written
    for path in files:  # proof that the cache is what the run uses (and for the tests below)
        _doctor(path)
        assert check(env) == 1, path.name
        path.unlink()
        assert check(env) == 0  # written afresh


def test_the_cache_folder_is_made_private_and_its_files_are_the_users(tmp_path: Path) -> None:
    for env, folder in ((_env(tmp_path / "xdg"), tmp_path / "xdg" / "cache"),
                        (_env(tmp_path / "home", XDG_CACHE_HOME=None),
                         tmp_path / "home" / "home" / ".cache")):
        assert check(env) == 0
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        cache = folder / "workoutlang"
        assert stat.S_IMODE(cache.stat().st_mode) == 0o700
        files = list(cache.iterdir())
        assert len(files) == 2
        for path in files:
            info = path.lstat()
            assert stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
            assert stat.S_IMODE(info.st_mode) & 0o077 == 0


def _other_owner(path: Path) -> bool:
    """Give `path` to another user; False where that can only be pretended."""
    if AS_ROOT:
        os.chown(path, OTHER_UID, OTHER_UID, follow_symlinks=False)
    return AS_ROOT


def _spoil_by_owner(path: Path, elsewhere: Path) -> bool:
    return _other_owner(path)


def _spoil_by_symlink(path: Path, elsewhere: Path) -> bool:
    target = elsewhere / path.name
    path.rename(target)  # the doctored file, owned by the user, reached through a link
    path.symlink_to(target)
    return True


def _spoil_group_writable(path: Path, elsewhere: Path) -> bool:
    path.chmod(0o620)
    return True


def _spoil_other_writable(path: Path, elsewhere: Path) -> bool:
    path.chmod(0o606)
    return True


@pytest.mark.parametrize("spoil", [_spoil_by_owner, _spoil_by_symlink, _spoil_group_writable,
                                   _spoil_other_writable],
                         ids=["another user's", "a symlink", "group-writable", "other-writable"])
def test_a_cache_file_that_is_not_the_users_own_is_ignored(tmp_path: Path, spoil: Any) -> None:
    env = _env(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for path in _filled(tmp_path, env):
        _doctor(path)
        assert check(env) == 1  # loaded while it is the user's own
        real = spoil(path, elsewhere)
        outside = [(p, p.read_bytes()) for p in elsewhere.iterdir()]
        assert check(env, pretend_another_user=not real) == 0, path.name
        assert [(p, p.read_bytes()) for p in elsewhere.iterdir()] == outside  # not written through
        path.unlink()  # (the next file's turn: this one written afresh)
        assert check(env) == 0


@pytest.mark.parametrize("spoil", ["another user's", "mode 0777", "a symlink to 0777",
                                   "a FIFO", "a file"])
def test_a_cache_folder_that_is_not_the_users_own_is_left_alone(tmp_path: Path,
                                                                spoil: str) -> None:
    env = _env(tmp_path)
    files = _filled(tmp_path, env)
    for path in files:
        _doctor(path)
    assert check(env) == 1
    folder = tmp_path / "cache" / "workoutlang"
    real = True
    if spoil == "another user's":
        real = _other_owner(folder)
    elif spoil == "mode 0777":
        folder.chmod(0o777)
    elif spoil == "a symlink to 0777":
        folder.chmod(0o777)
        folder.rename(tmp_path / "shared")
        folder.symlink_to(tmp_path / "shared")
    else:
        shutil.rmtree(folder)
        os.mkfifo(folder) if spoil == "a FIFO" else folder.write_bytes(b"")
    before = _snapshot(tmp_path / "cache")
    assert check(env, pretend_another_user=not real) == 0
    assert check(env, pretend_another_user=not real) == 0
    assert _snapshot(tmp_path / "cache") == before  # nothing written there either


def _snapshot(folder: Path) -> list[tuple[str, int, int]]:
    found = []
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found.append((str(path), info.st_mode, info.st_mtime_ns))
    return found


def test_a_fifo_in_the_cache_folder_blocks_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    for path in _filled(tmp_path, env):
        path.unlink()
        os.mkfifo(path, 0o600)
    assert check(env) == 0


@pytest.mark.parametrize("home", ["a file", "missing", "unset", "read-only"])
def test_without_a_usable_home_the_run_still_works(tmp_path: Path, home: str) -> None:
    # (read-only stops a write only when the tests do not run as root)
    if home == "unset":
        env = _env(tmp_path, HOME=None, XDG_CACHE_HOME=None)
    else:
        path = tmp_path / "not-a-home"
        if home == "a file":
            path.write_bytes(b"")
        elif home == "read-only":
            path.mkdir(mode=0o500)
        env = _env(tmp_path, HOME=str(path), XDG_CACHE_HOME=None)
    assert check(env) == 0
    assert check(env) == 0
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "cache").exists()
    if home == "missing":
        assert not path.exists()  # a cache folder is made in a home, never a home


def test_a_relative_xdg_cache_home_is_not_used(tmp_path: Path) -> None:
    env = _env(tmp_path, XDG_CACHE_HOME="relative")
    assert check(env) == 0
    assert not (ROOT / "relative").exists()
    assert (tmp_path / "home" / ".cache" / "workoutlang").is_dir()


# --- usercache itself, in this process -----------------------------------------------------


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "workoutlang"


def test_what_is_written_is_read_back(cache_home: Path) -> None:
    assert usercache.read("thing") is None
    usercache.write("thing", {"a": [1, 2.5, None, "x", (3, True)]})
    assert usercache.read("thing") == {"a": [1, 2.5, None, "x", (3, True)]}
    assert [p.name for p in cache_home.iterdir()] == ["thing"]  # no temporary file left


def test_a_cache_never_runs_code(cache_home: Path, tmp_path: Path) -> None:
    usercache.write("thing", 1)
    (cache_home / "thing").write_bytes(pickle.dumps(_Plant(tmp_path / "marker")))
    assert usercache.read("thing") is None
    assert not (tmp_path / "marker").exists()


@pytest.mark.parametrize("content", [b"", b"garbage", pickle.dumps([1, 2])[:-3]],
                         ids=["empty", "garbage", "truncated"])
def test_a_corrupt_cache_reads_as_nothing(cache_home: Path, content: bytes) -> None:
    usercache.write("thing", 1)
    (cache_home / "thing").write_bytes(content)
    assert usercache.read("thing") is None


def test_another_users_file_is_not_read(cache_home: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    usercache.write("thing", 1)
    if AS_ROOT:
        os.chown(cache_home / "thing", OTHER_UID, OTHER_UID)
    else:
        uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert usercache.read("thing") is None


def test_a_write_that_fails_is_not_an_error(cache_home: Path) -> None:
    usercache.write("thing", lambda: None)  # not picklable
    usercache.write("other", 1)
    assert usercache.read("thing") is None
    assert [p.name for p in cache_home.iterdir()] == ["other"]


def _rpc(*messages: dict[str, Any]) -> bytes:
    framed = b""
    for message in messages:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        framed += b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    return framed


def test_a_fifo_at_any_cache_path_does_not_block_the_language_server(tmp_path: Path) -> None:
    env = _env(tmp_path)
    files = _filled(tmp_path, env)
    for path in [*files, _old_lark_cache(tmp_path / "tmp"), _old_catalogue_cache(tmp_path / "tmp")]:
        path.unlink(missing_ok=True)
        os.mkfifo(path, 0o600)
    uri = PLAN.as_uri()
    session = _rpc(
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None,
                                                     "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "wol", "version": 1,
            "text": PLAN.read_text(encoding="utf-8")}}},
        {"id": 2, "method": "shutdown"},
        {"method": "exit"})
    result = subprocess.run([sys.executable, "-m", "workoutlang", "lsp"], input=session,
                            capture_output=True, env=env, cwd=tmp_path, timeout=20)
    assert b'"textDocument/publishDiagnostics"' in result.stdout, result.stderr[-2000:]


def test_no_cache_folder_is_made_in_another_users_cache_home(tmp_path: Path) -> None:
    # e.g. `sudo wol check` with HOME kept: root's files must not land in the user's home
    (tmp_path / "cache").mkdir()
    real = _other_owner(tmp_path / "cache")
    env = _env(tmp_path)
    assert check(env, pretend_another_user=not real) == 0
    assert list((tmp_path / "cache").iterdir()) == []
