"""The built-in exercise catalogue: its data file, the loader and file definitions."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from workoutlang import catalogue, syntax
from workoutlang.catalogue import TAGS, Catalogue, Exercise, load_catalogue
from workoutlang.vocabulary import MEASURES

CATALOGUE = load_catalogue()
ALL = sorted(CATALOGUE.exercises.values(), key=lambda e: e.name)

# Every name the spec and the issue ask for by name.
REQUIRED = """
plank side_plank dead_bug pallof_press romanian_deadlift hip_thrust glute_bridge
kettlebell_swing single_leg_squat step_up lunge single_leg_hold bosu_squat leg_swing
hip_circle ankle_mobility hip_mobility bulgarian_split_squat single_leg_rdl
single_leg_glute_bridge reverse_lunge squat goblet_squat calf_raise single_leg_calf_raise
nordic_curl bird_dog copenhagen_plank push_up bent_over_row overhead_press pull_up
band_pull_apart box_jump split_squat hip_90_90 lateral_band_walk clamshell wall_sit
bosu_single_leg_balance single_leg_hop skater_jump farmer_carry dumbbell_row bench_press
deadlift trap_bar_deadlift good_morning hamstring_curl monster_walk russian_twist
hollow_hold bear_crawl inverted_row lat_pulldown face_pull shoulder_taps toe_walk heel_walk
""".split()

NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def test_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE.exercises) >= 60


@pytest.mark.parametrize("name", REQUIRED)
def test_required_exercise_present(name: str) -> None:
    assert name in CATALOGUE.exercises


def test_vocabulary() -> None:
    assert TAGS == {
        "core",
        "posterior_chain",
        "quad_dominant",
        "single_leg",
        "upper",
        "mobility",
        "balance",
        "plyometric",
        "lower",
    }


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.name)
def test_entry_is_well_formed(exercise: Exercise) -> None:
    assert NAME.match(exercise.name)
    assert exercise.display and exercise.note
    assert exercise.measure in MEASURES
    # At least one vocabulary tag so the coverage checks see it; the rest are free
    # labels, kept as snake_case words.
    assert exercise.tags & TAGS
    assert all(NAME.match(tag) for tag in exercise.tags)
    assert all(NAME.match(alias) for alias in exercise.aliases)
    if "single_leg" in exercise.tags:
        assert exercise.unilateral


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.name)
def test_fit_mapping_is_a_real_enum(exercise: Exercise) -> None:
    from garmin_fit_sdk import Profile

    types = Profile["types"]
    assert exercise.fit_category is not None and exercise.fit_name is not None
    assert exercise.fit_ids is not None
    category_id, name_id = exercise.fit_ids
    assert types["exercise_category"][category_id] == exercise.fit_category
    assert types[f"{exercise.fit_category}_exercise_name"][name_id] == exercise.fit_name


@pytest.mark.parametrize(
    ("name", "category", "fit_name"),
    [
        ("romanian_deadlift", "deadlift", "romanian_deadlift"),
        ("single_leg_rdl", "deadlift", None),
        ("plank", "plank", "plank"),
        ("side_plank", "plank", "side_plank"),
        ("copenhagen_plank", "plank", None),
        ("push_up", "push_up", "push_up"),
        ("lunge", "lunge", "lunge"),
        ("pull_up", "pull_up", "pull_up"),
        ("step_up", "squat", "step_up"),
        ("goblet_squat", "squat", "goblet_squat"),
        ("dead_bug", "hip_stability", "dead_bug"),
        ("pallof_press", "core", "cable_core_press"),
        ("box_jump", "plyo", "box_jump"),
        ("calf_raise", "calf_raise", None),
        ("glute_bridge", "hip_raise", None),
        ("bent_over_row", "row", None),
        ("leg_swing", "warm_up", None),
    ],
)
def test_fit_spot_checks(name: str, category: str, fit_name: str | None) -> None:
    exercise = CATALOGUE.exercises[name]
    assert exercise.fit_category == category
    if fit_name is not None:
        assert exercise.fit_name == fit_name


def test_fit_ids_values() -> None:
    # The numbers NOTES.md records: deadlift -> romanian_deadlift = 23.
    assert CATALOGUE.exercises["romanian_deadlift"].fit_ids == (8, 23)


def test_connect_keys_upper_case() -> None:
    assert CATALOGUE.exercises["romanian_deadlift"].connect_keys == (
        "DEADLIFT",
        "ROMANIAN_DEADLIFT",
    )
    three_way = Exercise(
        "x", "X", frozenset(), False, "reps", fit_category="calf_raise", fit_name="3_way_calf_raise"
    )
    assert three_way.connect_keys == ("CALF_RAISE", "_3_WAY_CALF_RAISE")
    assert Exercise("y", "Y", frozenset(), False, "reps").connect_keys is None


def test_unknown_fit_names_give_no_ids() -> None:
    bogus = Exercise("x", "X", frozenset(), False, "reps", fit_category="plank", fit_name="nope")
    assert bogus.fit_ids is None
    assert attrs.evolve(bogus, fit_category="nope").fit_ids is None


def test_catalogue_does_not_import_the_fit_sdk() -> None:
    # `check` must not pay for the FIT SDK: fit ids are computed on demand only.
    code = (
        "import sys, workoutlang.catalogue as c; cat = c.load_catalogue();"
        "cat.lookup('rdl'); cat.suggest('stepup'); cat.with_definitions([]);"
        "assert 'garmin_fit_sdk' not in sys.modules, 'imported'"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_aliases_resolve() -> None:
    rdl = CATALOGUE.lookup("rdl")
    assert rdl is not None and rdl.name == "romanian_deadlift"
    assert CATALOGUE.lookup("romanian_deadlift") is rdl
    assert CATALOGUE.lookup("no_such_exercise") is None


def test_aliases_are_unique_and_never_shadow_a_name() -> None:
    seen: dict[str, str] = {}
    for exercise in ALL:
        for alias in exercise.aliases:
            assert alias not in CATALOGUE.exercises, f"{exercise.name}: {alias} is a name"
            assert alias not in seen, f"{alias}: {seen.get(alias)} and {exercise.name}"
            seen[alias] = exercise.name
            assert CATALOGUE.lookup(alias) is exercise


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("romanain_deadlift", "romanian_deadlift"),
        ("stepup", "step_up"),
        ("StepUp", "step_up"),
        ("Step_Up", "step_up"),
        ("plank_", "plank"),
        ("bulgarian_split_sqat", "bulgarian_split_squat"),
        ("singel_leg_hold", "single_leg_hold"),
    ],
)
def test_suggest(typed: str, expected: str) -> None:
    assert CATALOGUE.suggest(typed) == expected


def test_suggest_nothing_close() -> None:
    assert CATALOGUE.suggest("zzzzqqqq") is None


@pytest.mark.parametrize(
    "name",
    [
        "step_up",
        "single_leg_squat",
        "lunge",
        "reverse_lunge",
        "bulgarian_split_squat",
        "split_squat",
        "single_leg_rdl",
        "single_leg_glute_bridge",
        "single_leg_calf_raise",
        "single_leg_hold",
        "side_plank",
        "pallof_press",
        "dead_bug",
        "bird_dog",
        "copenhagen_plank",
        "leg_swing",
        "hip_circle",
        "ankle_mobility",
    ],
)
def test_unilateral(name: str) -> None:
    assert CATALOGUE.exercises[name].unilateral


@pytest.mark.parametrize(
    "name", ["squat", "romanian_deadlift", "plank", "push_up", "glute_bridge", "box_jump"]
)
def test_bilateral(name: str) -> None:
    assert not CATALOGUE.exercises[name].unilateral


@pytest.mark.parametrize(
    "name",
    ["plank", "side_plank", "single_leg_hold", "wall_sit", "hollow_hold", "copenhagen_plank"],
)
def test_timed_holds(name: str) -> None:
    assert CATALOGUE.exercises[name].measure == "time"


@pytest.mark.parametrize(
    ("name", "tags"),
    [
        ("romanian_deadlift", {"posterior_chain", "lower"}),
        ("hip_thrust", {"posterior_chain"}),
        ("kettlebell_swing", {"posterior_chain"}),
        ("nordic_curl", {"posterior_chain"}),
        ("squat", {"quad_dominant", "lower"}),
        ("step_up", {"quad_dominant", "single_leg", "lower"}),
        ("lunge", {"quad_dominant", "single_leg"}),
        ("single_leg_rdl", {"posterior_chain", "single_leg"}),
        ("plank", {"core"}),
        ("pallof_press", {"core"}),
        ("dead_bug", {"core"}),
        ("push_up", {"upper"}),
        ("single_leg_hold", {"balance", "single_leg"}),
        ("leg_swing", {"mobility"}),
        ("box_jump", {"plyometric"}),
    ],
)
def test_coach_tags(name: str, tags: set[str]) -> None:
    assert tags <= CATALOGUE.exercises[name].tags


def test_names_and_by_tag() -> None:
    assert CATALOGUE.names() == tuple(sorted(CATALOGUE.exercises))
    core = CATALOGUE.by_tag("core")
    assert {"plank", "dead_bug", "pallof_press"} <= {e.name for e in core}
    assert all("core" in e.tags for e in core)


# --- definitions from a plan file ----------------------------------------------


def span(line: int, column: int = 1) -> syntax.Span:
    return syntax.Span("plan.wol", line, column, line, column + 5)


def definition(name: str, *props: tuple[str, tuple[str, ...]]) -> syntax.ExerciseDef:
    properties = tuple(
        syntax.ExerciseProperty(key, values, span(10 + i)) for i, (key, values) in enumerate(props)
    )
    return syntax.ExerciseDef(name, span(9, 10), properties, span(9))


def test_definition_adds_a_new_exercise() -> None:
    merged = CATALOGUE.with_definitions(
        [
            definition(
                "sled_push",
                ("tags", ("quad_dominant", "conditioning")),
                ("measure", ("time",)),
                ("fit", ("sled", "push")),
                ("alias", ("prowler", "sled")),
                ("note", ("drive low",)),
            )
        ]
    )
    sled = merged.lookup("sled_push")
    assert sled is not None
    assert sled.display == "Sled push"
    assert sled.tags == {"quad_dominant", "conditioning"}
    assert sled.measure == "time" and not sled.unilateral
    assert (sled.fit_category, sled.fit_name) == ("sled", "push")
    assert sled.note == "drive low"
    assert sled.defined_at == span(9, 10)
    assert merged.lookup("prowler") is sled and merged.lookup("sled") is sled
    # The built-in catalogue is untouched.
    assert CATALOGUE.lookup("sled_push") is None
    assert len(merged.exercises) == len(CATALOGUE.exercises) + 1


def test_definition_with_defaults() -> None:
    merged = CATALOGUE.with_definitions([definition("my_drill")])
    drill = merged.lookup("my_drill")
    assert drill == Exercise(
        "my_drill", "My drill", frozenset(), False, "reps", defined_at=span(9, 10)
    )
    assert drill.fit_ids is None


def test_definition_extends_an_existing_exercise() -> None:
    merged = CATALOGUE.with_definitions(
        [
            definition(
                "copenhagen_plank",
                ("tags", ("core", "adductors", "groin")),
                ("measure", ("reps",)),
                ("fit", ("plank/side_plank",)),
                ("alias", ("cph",)),
            ),
            definition("rdl", ("unilateral", ())),  # extended through its alias
        ]
    )
    before = CATALOGUE.exercises["copenhagen_plank"]
    after = merged.exercises["copenhagen_plank"]
    assert after.tags == before.tags | {"groin"}
    assert after.measure == "reps"
    assert (after.fit_category, after.fit_name) == ("plank", "side_plank")
    assert after.aliases == (*before.aliases, "cph")
    assert after.defined_at is None and after.display == before.display
    assert merged.lookup("cph") is after
    assert merged.exercises["romanian_deadlift"].unilateral
    assert "rdl" not in merged.exercises


def test_bilateral_replaces_unilateral() -> None:
    merged = CATALOGUE.with_definitions([definition("lunge", ("bilateral", ()))])
    assert not merged.exercises["lunge"].unilateral


def test_invalid_values_are_kept_out_without_raising() -> None:
    merged = CATALOGUE.with_definitions(
        [
            definition(
                "plank",
                ("measure", ("metres",)),
                ("fit", ("plank",)),
                ("fit", ("a/b/c",)),
                ("measure", ()),
                ("alias", ("squat",)),  # another exercise's name: never shadows it
                ("frobnicate", ("x",)),
            )
        ]
    )
    plank = merged.exercises["plank"]
    assert plank.measure == "time"
    assert (plank.fit_category, plank.fit_name) == ("plank", "plank")
    assert merged.lookup("squat") is merged.exercises["squat"]


def test_a_new_exercise_defined_twice_is_extended() -> None:
    merged = CATALOGUE.with_definitions(
        [definition("drill", ("tags", ("core",))), definition("drill", ("tags", ("balance",)))]
    )
    assert merged.exercises["drill"].tags == {"core", "balance"}


def test_no_definitions_same_exercises() -> None:
    assert dict(CATALOGUE.with_definitions([]).exercises) == dict(CATALOGUE.exercises)


def test_catalogue_is_read_only() -> None:
    with pytest.raises(TypeError):
        CATALOGUE.exercises["x"] = CATALOGUE.exercises["plank"]  # type: ignore[index]
    assert isinstance(CATALOGUE, Catalogue)
    assert load_catalogue() is CATALOGUE


# --- the cached copy of catalogue.toml in the user's cache folder -------------------------
# (what the cache folder and its files must be to be trusted: tests/test_cache_safety.py)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder for the catalogue's cache; the temporary folder must stay empty."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    yield tmp_path / "cache" / "workoutlang"
    assert list((tmp_path / "tmp").iterdir()) == []


def _read_data() -> dict[str, Any]:
    """What `_data()` returns in a new process (its functools.cache bypassed)."""
    data: dict[str, Any] = catalogue._data.__wrapped__()
    return data


def _toml() -> dict[str, Any]:
    return tomllib.loads(catalogue._data_file("catalogue.toml").decode("utf-8"))


def _cache_file(folder: Path) -> Path:
    (path,) = folder.glob("catalogue-*.pickle")
    return path


class _Trap:
    """Unpickling this would call `_sprung`: a cache must never run code."""

    sprung = False

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return _sprung, ()


def _sprung() -> None:
    _Trap.sprung = True


def test_cache_is_written_then_read(cache_dir: Path) -> None:
    assert _read_data() == _toml()  # a miss: read the TOML, write the copy
    cache = _cache_file(cache_dir)
    written = cache.stat().st_mtime_ns
    assert _read_data() == _toml()  # a hit
    assert cache.stat().st_mtime_ns == written


@pytest.mark.parametrize("content", [
    pytest.param(b"", id="empty"),
    pytest.param(b"not a pickle at all", id="garbage"),
    pytest.param(pickle.dumps([1, 2, 3]), id="a list"),
    pytest.param(pickle.dumps({"stamp": [0, 0], "data": {}}), id="from another toml"),
    pytest.param(pickle.dumps({"stamp": None, "data": _Trap()}), id="a class in it"),
])
def test_bad_cache_falls_back_to_the_toml(cache_dir: Path, content: bytes) -> None:
    _read_data()
    cache = _cache_file(cache_dir)
    cache.write_bytes(content)
    assert _read_data() == _toml()
    assert not _Trap.sprung
    assert pickle.loads(cache.read_bytes())["data"] == _toml()  # rewritten


def test_truncated_cache_falls_back_to_the_toml(cache_dir: Path) -> None:
    _read_data()
    cache = _cache_file(cache_dir)
    cache.write_bytes(cache.read_bytes()[:-100])
    assert _read_data() == _toml()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file owners")
def test_another_users_cache_is_ignored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _read_data()
    cache = _cache_file(cache_dir)
    stamp = pickle.loads(cache.read_bytes())["stamp"]
    cache.write_bytes(pickle.dumps({"stamp": stamp, "data": {"vocabulary": {"tags": []}}}))
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert _read_data() == _toml()


def test_no_cache_folder_still_reads_the_toml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "missing" / "cache"))
    assert _read_data() == _toml()
    assert _read_data() == _toml()
    assert not (tmp_path / "missing").exists()


# --- measures done both ways, and the sources of disputed tags (issue 15) -----------------

BOTH_WAYS = {"dead_bug": ("reps", "time"), "bird_dog": ("reps", "time"),
             "pallof_press": ("reps", "time"), "glute_bridge": ("reps", "time"),
             "copenhagen_plank": ("time", "reps"), "farmer_carry": ("distance", "time")}


@pytest.mark.parametrize(("name", "measures"), BOTH_WAYS.items())
def test_exercises_done_both_ways_accept_both(name: str, measures: tuple[str, ...]) -> None:
    exercise = CATALOGUE.exercises[name]
    assert exercise.measures == measures
    assert exercise.measure == measures[0]  # the natural one, which outputs use


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.name)
def test_measures_start_with_the_natural_one(exercise: Exercise) -> None:
    assert exercise.measures[0] == exercise.measure
    assert len(set(exercise.measures)) == len(exercise.measures)
    assert set(exercise.measures) <= set(MEASURES)


def test_retagged_exercises_cite_their_sources() -> None:
    """Every exercise of both volume groups says why (docs/catalogue.md lists them)."""
    both = {e.name for e in ALL if {"quad_dominant", "posterior_chain"} <= e.tags}
    assert both == {"step_up", "lunge", "reverse_lunge", "walking_lunge"}
    for name in both:
        assert "posterior_chain as well" in CATALOGUE.exercises[name].tag_sources
    assert "quad_dominant only" in CATALOGUE.exercises["split_squat"].tag_sources
    docs = (Path(__file__).parent.parent / "docs" / "catalogue.md").read_text(encoding="utf-8")
    for exercise in ALL:
        if exercise.tag_sources:
            assert f"`{exercise.name}`" in docs, exercise.name


@pytest.mark.parametrize("entry", [
    {"measure": "reps", "also_measure": ["weight"]},
    {"measure": "reps", "also_measure": ["reps"]},
    {"measure": "reps", "tag_sources": ["a list"]},
])
def test_bad_measures_or_sources_in_the_data_are_refused(entry: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="also_measure"):
        catalogue._exercise_from_data("x", entry)


def test_an_exercise_block_may_give_two_measures_or_replace_them() -> None:
    merged = CATALOGUE.with_definitions([
        definition("squat", ("measure", ("reps", "time"))),
        definition("dead_bug", ("measure", ("time",))),
        definition("plank", ("measure", ("time", "time"))),  # invalid: left as it was
    ])
    assert merged.exercises["squat"].measures == ("reps", "time")
    assert merged.exercises["squat"].measure == "reps"
    assert merged.exercises["dead_bug"].measures == ("time",)
    assert merged.exercises["plank"] == CATALOGUE.exercises["plank"]


def test_natural_measure_must_lead() -> None:
    with pytest.raises(ValueError, match="natural"):
        Exercise("x", "X", frozenset(), False, "reps", measures=("time", "reps"))
