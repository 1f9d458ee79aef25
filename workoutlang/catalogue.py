"""The exercise catalogue: the built-in exercises and a file's `exercise NAME:` blocks.

The built-in exercises live in the data file `data/catalogue.toml`; this module
only reads it. `load_catalogue()` gives the built-in catalogue and
`Catalogue.with_definitions` merges a plan file's definitions into a new one.
Nothing here reports errors about definitions: the checks do that.
"""

from __future__ import annotations

import difflib
import functools
import os
import zlib
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from workoutlang import syntax, usercache
from workoutlang.vocabulary import MEASURES, Measure

_CACHE_FORMAT = 1  # in the cache's name: bump when its layout changes


def _data_file(name: str) -> bytes:
    """A file of data/ in the package: beside this module in a checkout or an unpacked
    wheel (without the ~10 ms that importlib.resources costs to import), else through
    importlib.resources (a zipped install)."""
    try:
        with open(os.path.join(os.path.dirname(__file__), "data", name), "rb") as handle:
            return handle.read()
    except OSError:
        import importlib.resources

        return (importlib.resources.files("workoutlang") / "data" / name).read_bytes()


@functools.cache
def _data() -> dict[str, Any]:
    """The catalogue's data. TOML is for people; importing and running its parser
    costs ~20 ms of every command's start, so a copy keyed by the file's checksum
    is kept in the user's own cache folder (`usercache`, beside the grammar's
    tables) and read instead. The copy is a pickle of plain data (dicts, lists,
    strings, numbers), read with every class refused: pickle is loaded anyway
    and json would cost ~3 ms more. A copy that is missing, corrupt, not the
    user's own or made from another TOML is ignored and the TOML read."""
    raw = _data_file("catalogue.toml")
    stamp = [zlib.crc32(raw), len(raw)]
    name = f"catalogue-{stamp[0]:08x}-v{_CACHE_FORMAT}.pickle"
    cached = usercache.read(name)
    if isinstance(cached, dict) and cached.get("stamp") == stamp and \
            isinstance(cached.get("data"), dict):
        data: dict[str, Any] = cached["data"]
        return data
    import tomllib  # only when the copy misses: importing it costs ~6 ms

    data = tomllib.loads(raw.decode("utf-8"))
    usercache.write(name, {"stamp": stamp, "data": data})
    return data


TAGS: frozenset[str] = frozenset(_data()["vocabulary"]["tags"])
"""The fixed tag vocabulary that checks read; any other tag is a free label."""

GENERIC_FIT_CATEGORY: str = _data()["watch"]["generic_category"]
"""The FIT category of a watch step whose exercise has no FIT mapping (no name)."""


@attrs.frozen
class Exercise:
    """One exercise: built in, defined in a plan file, or built in and extended there."""

    name: str
    display: str  # the title shown in outputs
    tags: frozenset[str]  # vocabulary tags and free labels
    unilateral: bool  # done per leg or side: a plan line must name the side
    measure: Measure  # how it is naturally prescribed
    aliases: tuple[str, ...] = ()
    fit_category: str | None = None  # FIT exercise_category, snake_case as in the SDK
    fit_name: str | None = None  # FIT {category}_exercise_name
    note: str = ""
    # Garmin Connect's (category, exercise) keys where they are not the FIT names
    # upper-cased (Connect's editor files some exercises under other categories)
    connect: tuple[str, str] | None = None
    # why the FIT mapping is only the nearest movement FIT has; empty when exact.
    # Watch outputs then carry the real name in the step's notes as well.
    fit_approx: str = ""
    defined_at: syntax.Span | None = None  # the name in a plan file that defined it
    # every measure it is prescribed in, the natural one first: dead bugs are done for
    # reps or for time (WOL005 accepts each); outputs use `measure`
    measures: tuple[Measure, ...] = attrs.field()
    # where the coverage tags that coaches dispute come from (docs/catalogue.md)
    tag_sources: str = ""

    @measures.default
    def _natural_only(self) -> tuple[Measure, ...]:
        return (self.measure,)

    @measures.validator
    def _natural_first(self, _: attrs.Attribute[tuple[Measure, ...]],
                       value: tuple[Measure, ...]) -> None:
        if not value or value[0] != self.measure:
            raise ValueError(f"{self.name}: measures must start with the natural measure")

    @property
    def fit_ids(self) -> tuple[int, int] | None:
        """The FIT (exercise_category, exercise_name) integers, or None when unmapped or unknown.

        Computed on demand: this imports the FIT SDK, which `check` must not pay for.
        """
        if self.fit_category is None or self.fit_name is None:
            return None
        return _fit_ids(self.fit_category, self.fit_name)

    @property
    def connect_keys(self) -> tuple[str, str] | None:
        """Garmin Connect's (category, exercise) keys: the catalogue's `connect`, else
        the FIT names upper-cased."""
        if self.connect is not None:
            return self.connect
        if self.fit_category is None or self.fit_name is None:
            return None
        return _connect_key(self.fit_category), _connect_key(self.fit_name)


@functools.cache
def _fit_ids(category: str, name: str) -> tuple[int, int] | None:
    from garmin_fit_sdk import Profile  # lazily: only the FIT backend pays for the SDK

    types = Profile["types"]
    category_id = _enum_value(types["exercise_category"], category)
    names = types.get(f"{category}_exercise_name")
    if category_id is None or not isinstance(names, dict):
        return None
    name_id = _enum_value(names, name)
    return None if name_id is None else (category_id, name_id)


@functools.cache
def fit_profile_names() -> Mapping[str, frozenset[str]]:
    """Every FIT exercise name of the SDK's profile, by category (snake_case): what a
    `fit CATEGORY/NAME` may say. Imports the SDK (~20 ms), so only when asked."""
    from garmin_fit_sdk import Profile

    types = Profile["types"]
    out: dict[str, frozenset[str]] = {}
    for category in types["exercise_category"].values():
        names = types.get(f"{category}_exercise_name")
        out[category] = frozenset(names.values()) if isinstance(names, dict) else frozenset()
    return MappingProxyType(out)


def generic_fit_category_id() -> int:
    """GENERIC_FIT_CATEGORY as the FIT integer (imports the SDK)."""
    from garmin_fit_sdk import Profile

    found = _enum_value(Profile["types"]["exercise_category"], GENERIC_FIT_CATEGORY)
    assert found is not None, GENERIC_FIT_CATEGORY  # tests/test_catalogue_garmin.py
    return found


def generic_connect_keys() -> tuple[str, str]:
    """Garmin Connect's generic entry of GENERIC_FIT_CATEGORY: the category, twice."""
    key = _connect_key(GENERIC_FIT_CATEGORY)
    return key, key


def _enum_value(enum: Mapping[int, str], name: str) -> int | None:
    return next((value for value, label in enum.items() if label == name), None)


def _connect_key(name: str) -> str:
    key = name.upper()
    return f"_{key}" if key[:1].isdigit() else key


def _read_only(exercises: Mapping[str, Exercise]) -> Mapping[str, Exercise]:
    return MappingProxyType(dict(exercises))


def _squash(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


@attrs.frozen(eq=False)
class Catalogue:
    """Exercises by name, with an index of their aliases."""

    exercises: Mapping[str, Exercise] = attrs.field(converter=_read_only)
    aliases: Mapping[str, str] = attrs.field(init=False)  # alias -> exercise name

    @aliases.default
    def _index_aliases(self) -> Mapping[str, str]:
        # A name always wins over an alias; between aliases, the later exercise wins.
        index = {
            alias: exercise.name
            for exercise in self.exercises.values()
            for alias in exercise.aliases
            if alias not in self.exercises
        }
        return MappingProxyType(index)

    def lookup(self, name: str) -> Exercise | None:
        """The exercise called `name`, by its name or an alias."""
        found = self.exercises.get(name)
        if found is None and name in self.aliases:
            found = self.exercises.get(self.aliases[name])
        return found

    def suggest(self, name: str) -> str | None:
        """The nearest known name or alias to `name` (for "did you mean"), or None."""
        candidates = [*self.exercises, *self.aliases]
        squashed: dict[str, str] = {}
        for candidate in candidates:
            squashed.setdefault(_squash(candidate), candidate)
        if _squash(name) in squashed:
            return squashed[_squash(name)]
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        if close:
            return close[0]
        close = difflib.get_close_matches(_squash(name), list(squashed), n=1, cutoff=0.6)
        return squashed[close[0]] if close else None

    def names(self) -> tuple[str, ...]:
        """Every exercise name, sorted (aliases not included)."""
        return tuple(sorted(self.exercises))

    def by_tag(self, tag: str) -> tuple[Exercise, ...]:
        """The exercises carrying `tag`, by name."""
        return tuple(self.exercises[n] for n in self.names() if tag in self.exercises[n].tags)

    def with_definitions(self, defs: Iterable[syntax.ExerciseDef]) -> Catalogue:
        """A catalogue with a file's `exercise NAME:` blocks merged in; never raises.

        A new name defines an exercise; a known name or alias extends that exercise:
        `tags` add, `unilateral`/`bilateral`/`measure`/`fit`/`note` replace and
        `alias` adds aliases. `measure time` makes time the only measure; `measure
        reps time` accepts both, reps the natural one. Invalid values (an unknown
        measure, a malformed fit) leave the previous value in place; the checks
        report them.
        """
        defs = tuple(defs)
        if not defs:
            return self  # the same object, so that caches keyed on it keep working
        exercises = dict(self.exercises)
        aliases = dict(self.aliases)
        for definition in defs:
            name = definition.name if definition.name in exercises else aliases.get(definition.name)
            if name is None:
                name = definition.name
                base = Exercise(
                    name=name,
                    display=_display_name(name),
                    tags=frozenset(),
                    unilateral=False,
                    measure="reps",
                    defined_at=definition.name_span,
                )
            else:
                base = exercises[name]
            exercise = _extend(base, definition.properties)
            exercises[name] = exercise
            aliases.update((a, name) for a in exercise.aliases if a not in exercises)
        return Catalogue(exercises)


def _display_name(name: str) -> str:
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _extend(exercise: Exercise, properties: Iterable[syntax.ExerciseProperty]) -> Exercise:
    for prop in properties:
        values = prop.values
        if prop.key == "tags":
            exercise = attrs.evolve(exercise, tags=exercise.tags | frozenset(values))
        elif prop.key in ("unilateral", "bilateral"):
            exercise = attrs.evolve(exercise, unilateral=prop.key == "unilateral")
        elif prop.key == "measure" and (measures := _measures(values)) is not None:
            exercise = attrs.evolve(exercise, measure=measures[0], measures=measures)
        elif prop.key == "fit" and (fit := parse_fit(values)) is not None:
            # the plan's own mapping: Connect's keys follow it, and it is taken as exact
            exercise = attrs.evolve(exercise, fit_category=fit[0], fit_name=fit[1],
                                    connect=None, fit_approx="")
        elif prop.key == "note":
            exercise = attrs.evolve(exercise, note=" ".join(values))
        elif prop.key == "alias":
            known = {exercise.name, *exercise.aliases}
            new = [v for v in dict.fromkeys(values) if v not in known]
            exercise = attrs.evolve(exercise, aliases=(*exercise.aliases, *new))
    return exercise


def _measures(values: Iterable[str]) -> tuple[Measure, ...] | None:
    """`reps`, or `reps time` (the natural measure first), as measures; None when a
    word is not a measure, one repeats, or there is none."""
    words = tuple(values)
    found = tuple(m for word in words for m in MEASURES if m == word)
    return found if words and len(found) == len(words) == len(set(found)) else None


def parse_fit(values: Iterable[str]) -> tuple[str, str] | None:
    """`CATEGORY/NAME` (one word or two) as (category, name), or None when malformed.

    Whether the names exist in the FIT profile is not checked here.
    """
    parts = "/".join(values).split("/")
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]


def _exercise_from_data(name: str, entry: Mapping[str, Any]) -> Exercise:
    measures = _measures([entry.get("measure", "reps"), *entry.get("also_measure", ())])
    fit = parse_fit([entry["fit"]]) if "fit" in entry else None
    connect = parse_fit([entry["connect"]]) if "connect" in entry else None
    sources = entry.get("tag_sources", "")
    if measures is None or ("fit" in entry and fit is None) or \
            ("connect" in entry and (connect is None or fit is None)) or \
            not isinstance(sources, str):
        raise ValueError(f"catalogue.toml: exercise {name}: bad measure, also_measure, fit, "
                         "connect or tag_sources")
    return Exercise(
        name=name,
        display=entry.get("display") or _display_name(name),
        tags=frozenset(entry.get("tags", ())),
        unilateral=bool(entry.get("unilateral", False)),
        measure=measures[0],
        measures=measures,
        aliases=tuple(entry.get("aliases", ())),
        fit_category=fit[0] if fit else None,
        fit_name=fit[1] if fit else None,
        note=entry.get("note", ""),
        connect=connect,
        fit_approx=entry.get("fit_approx", ""),
        tag_sources=sources,
    )


@functools.cache
def load_catalogue() -> Catalogue:
    """The built-in catalogue, read once from the package's data file."""
    entries: Mapping[str, Mapping[str, Any]] = _data()["exercise"]
    return Catalogue({name: _exercise_from_data(name, e) for name, e in entries.items()})


@functools.cache
def plausible_ceilings() -> Mapping[str, Mapping[str, float]]:
    """The data file's `[plausible]` table (WOL108): for each measure (`load_kg`,
    `hold_s`), the ceiling of each kind of exercise, its kinds in the order an
    exercise takes the first of them (see `plausible_ceiling`)."""
    table = _data()["plausible"]
    kinds = tuple(table["kinds"])
    return MappingProxyType({
        measure: MappingProxyType({kind: float(table[measure][kind]) for kind in kinds
                                   if kind in table[measure]})
        for measure in ("load_kg", "hold_s")})


def plausible_ceiling(exercise: Exercise, measure: str) -> tuple[str, float] | None:
    """(kind, ceiling) of `exercise` for `measure` (`load_kg` or `hold_s`): the first
    kind of the `[plausible]` table among its tags; None when it has none."""
    for kind, ceiling in plausible_ceilings()[measure].items():
        if kind in exercise.tags:
            return kind, ceiling
    return None
