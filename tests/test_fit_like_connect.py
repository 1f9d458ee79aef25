"""Our FIT workout against one Garmin Connect wrote itself, message by message.

tests/data/garmin/connect-strength-workout.fit is a strength workout exported by
Garmin Connect (provenance in tests/data/garmin/README.md); tests/data/fit/
like_connect.wol is a plan of the same shape. Both are read with fitdecode, an
independent reader. What must match: the header's size and protocol, the messages
and their order, and every field we write is one Connect writes in that message,
with the same base type (and size, for all but strings). Every difference is listed
below with its reason, and each is asserted, so a change on either side shows here.
docs/outputs/fit.md ("Compared with Garmin Connect's own file") says the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fitdecode
import pytest
from test_fit_backend import program_of

from workoutlang.backends import EmitOptions, fit

DATA = Path(__file__).parent / "data"
CONNECT = DATA / "garmin" / "connect-strength-workout.fit"
OURS = DATA / "fit" / "like_connect.wol"

# Fields Connect writes that we never do, and why.
NOT_WRITTEN: dict[str, dict[str, str]] = {
    "file_id": {
        "product": "a product number means something only for a registered manufacturer; "
                   "ours is `development`",
        "number": "Connect leaves it invalid",
        "unknown_7": "not in the FIT profile",
    },
    "file_creator": {
        "hardware_version": "no hardware writes the file (Connect writes 0)",
        "unknown_2": "not in the FIT profile", "unknown_3": "not in the FIT profile",
        "unknown_4": "not in the FIT profile",
    },
    "workout": {
        "capabilities": "Connect's `tcx` flag says what a TCX export of it can hold",
        "pool_length": "swimming only", "pool_length_unit": "swimming only",
        "unknown_7": "not in the FIT profile", "unknown_9": "not in the FIT profile",
        "unknown_10": "not in the FIT profile", "unknown_12": "not in the FIT profile",
        "unknown_13": "not in the FIT profile", "unknown_16": "not in the FIT profile",
    },
    "workout_step": {
        "custom_target_value_low": "no targets (heart rate, pace) in a strength plan",
        "custom_target_value_high": "no targets (heart rate, pace) in a strength plan",
        "equipment": "swimming equipment only",
        "unknown_17": "not in the FIT profile", "unknown_18": "not in the FIT profile",
        "unknown_26": "not in the FIT profile", "unknown_27": "not in the FIT profile",
    },
    "exercise_title": {},
}


def read(data: bytes) -> tuple[fitdecode.FitHeader, list[fitdecode.FitDefinitionMessage],
                               list[fitdecode.FitDataMessage]]:
    header, definitions, messages = None, [], []
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitHeader):
                header = frame
            elif isinstance(frame, fitdecode.FitDefinitionMessage):
                definitions.append(frame)
            elif isinstance(frame, fitdecode.FitDataMessage):
                messages.append(frame)
    assert header is not None
    return header, definitions, messages


def encodings(definitions: list[fitdecode.FitDefinitionMessage]
              ) -> dict[str, dict[str, tuple[str, int]]]:
    """Each message's fields with their base type and size, over all its definitions."""
    out: dict[str, dict[str, tuple[str, int]]] = {}
    for definition in definitions:
        fields = out.setdefault(definition.name, {})
        for field in definition.field_defs:
            fields[field.name] = (field.base_type.name, field.size)
    return out


def runs(messages: list[fitdecode.FitDataMessage]) -> list[str]:
    """The message names in order, a run of one name once."""
    names: list[str] = []
    for message in messages:
        if not names or names[-1] != message.name:
            names.append(message.name)
    return names


def values(message: fitdecode.FitDataMessage) -> dict[str, Any]:
    return {field.name: field.value for field in message.fields if field.value is not None}


@pytest.fixture(scope="module")
def connect() -> tuple[Any, ...]:
    return read(CONNECT.read_bytes())


@pytest.fixture(scope="module")
def ours() -> tuple[Any, ...]:
    (data,) = fit.emit(program_of(OURS), EmitOptions()).values()
    return read(data)


def test_same_header_size_and_protocol(connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    assert (ours[0].header_size, ours[0].proto_ver) == (connect[0].header_size,
                                                        connect[0].proto_ver) == (14, (1, 0))


def test_profile_version_is_the_sdks(connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    # intended difference: the FIT profile we write by is garmin-fit-sdk's (21.218,
    # stored 21218; fitdecode reads the old major×100 + minor form, so 212.18), and
    # Connect's file says 22.01 (2201)
    from garmin_fit_sdk import Profile

    version = Profile["version"]["major"] * 1000 + Profile["version"]["minor"]
    assert ours[0].profile_ver == divmod(version, 100)
    assert connect[0].profile_ver == (22, 1)


def test_same_messages_in_the_same_order(connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    assert runs(ours[2]) == runs(connect[2]) == [
        "file_id", "file_creator", "workout", "workout_step", "exercise_title"]


def test_every_field_we_write_is_encoded_as_connect_encodes_it(
        connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    theirs, mine = encodings(connect[1]), encodings(ours[1])
    for name, fields in mine.items():
        for field, (base_type, size) in fields.items():
            assert field in theirs[name], f"{name}.{field}: Connect does not write it"
            assert theirs[name][field][0] == base_type, f"{name}.{field}"
            if base_type != "string":  # strings: ours as long as the text, Connect's padded
                assert theirs[name][field][1] == size, f"{name}.{field}"


def test_what_we_leave_out_is_the_list(connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    theirs, mine = encodings(connect[1]), encodings(ours[1])
    assert {name: set(fields) - set(mine[name]) for name, fields in theirs.items()} == \
        {name: set(reasons) for name, reasons in NOT_WRITTEN.items()}


def test_one_definition_a_message_against_one_per_field_set(
        connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    # intended difference: Connect defines each message once with every field (unused
    # ones invalid); garmin-fit-sdk's Encoder defines a message anew for each set of
    # fields it is given, which every reader follows
    assert len(connect[1]) == len(runs(connect[2]))
    steps = [d for d in ours[1] if d.name == "workout_step"]
    assert len(steps) > 1


def first(messages: list[fitdecode.FitDataMessage], name: str) -> dict[str, Any]:
    return values(next(m for m in messages if m.name == name))


def test_file_id_names_the_writer_honestly(connect: tuple[Any, ...],
                                           ours: tuple[Any, ...]) -> None:
    theirs, mine = first(connect[2], "file_id"), first(ours[2], "file_id")
    assert (theirs["type"], mine["type"]) == ("workout", "workout")
    # intended difference: we are not Garmin Connect; FIT's `development` is the
    # manufacturer for software not registered with Garmin
    assert (theirs["manufacturer"], theirs["garmin_product"]) == ("garmin", "connect")
    assert mine["manufacturer"] == "development" and "product" not in mine
    assert mine["serial_number"] and mine["time_created"]


def test_file_creator_carries_our_version(connect: tuple[Any, ...],
                                          ours: tuple[Any, ...]) -> None:
    from workoutlang import __version__

    major, minor = (int(p) for p in __version__.split(".")[:2])
    assert first(connect[2], "file_creator")["software_version"] == 0
    assert first(ours[2], "file_creator") == {"software_version": major * 100 + minor}


def test_workout_is_a_strength_workout_of_its_steps(connect: tuple[Any, ...],
                                                    ours: tuple[Any, ...]) -> None:
    for side in (connect, ours):
        workout = first(side[2], "workout")
        assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
        steps = [m for m in side[2] if m.name == "workout_step"]
        assert workout["num_valid_steps"] == len(steps)
    assert first(connect[2], "workout")["capabilities"] == "tcx"  # intended: see NOT_WRITTEN
    assert "capabilities" not in first(ours[2], "workout")


def shape(step: dict[str, Any]) -> tuple[Any, ...]:
    """What kind of step it is, as the watch runs it."""
    return (step.get("duration_type"), step.get("intensity"),
            "exercise" if "exercise_category" in step else None)


def steps(messages: list[fitdecode.FitDataMessage]) -> list[dict[str, Any]]:
    return [values(m) for m in messages if m.name == "workout_step"]


def test_each_kind_of_step_is_written_as_connect_writes_it(
        connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    theirs = {shape(s): s for s in steps(connect[2])}
    mine = {shape(s): s for s in steps(ours[2])}
    shared = set(theirs) & set(mine)
    assert {("reps", "active", "exercise"), ("time", "active", "exercise"),
            ("time", "rest", None), ("open", "rest", None),  # `rest lap`
            ("repeat_until_steps_cmplt", None, None)} <= shared
    for key in shared:
        # intended differences: our active steps name the step (Connect leaves
        # wkt_step_name empty and names the exercise by exercise_title), and give no
        # target_value with target_type open (Connect writes 0, which means none)
        allowed = {"wkt_step_name", "notes", "exercise_weight", "weight_display_unit",
                   "target_value"} if key[2] else {"target_value"}
        assert set(theirs[key]) ^ set(mine[key]) <= allowed, key
    repeat = theirs[("repeat_until_steps_cmplt", None, None)]
    assert set(repeat) == set(mine[("repeat_until_steps_cmplt", None, None)])


def test_the_generic_step_is_a_category_alone_as_connects_warm_up(
        connect: tuple[Any, ...], ours: tuple[Any, ...]) -> None:
    (theirs,) = [s for s in steps(connect[2]) if s.get("exercise_category") == "warm_up"]
    (mine,) = [s for s in steps(ours[2]) if s.get("exercise_category") == "total_body"]
    assert "exercise_name" not in theirs and "exercise_name" not in mine
    assert theirs["intensity"] == mine["intensity"] == "warmup"
    assert mine["notes"].startswith("Joint mobility")  # its name survives in the notes


def test_exercise_titles_pair_a_name_with_an_exercise(connect: tuple[Any, ...],
                                                      ours: tuple[Any, ...]) -> None:
    for side in (connect, ours):
        titles = [values(m) for m in side[2] if m.name == "exercise_title"]
        assert [t["message_index"] for t in titles] == list(range(len(titles)))
        assert all(t["wkt_step_name"] and "exercise_category" in t for t in titles)
    # intended difference: Connect titles its generic warm-up step; ours has no title
    # for a generic step (its steps name it), since one title would name every
    # unmapped exercise at once
    assert "Warm-up" in [values(m)["wkt_step_name"] for m in connect[2]
                         if m.name == "exercise_title"]
    assert "Joint mobility" not in [values(m)["wkt_step_name"] for m in ours[2]
                                    if m.name == "exercise_title"]


def test_weights_read_back_as_written(ours: tuple[Any, ...]) -> None:
    weighted = {s["wkt_step_name"]: s for s in steps(ours[2]) if "exercise_weight" in s}
    assert weighted["Goblet squat"]["exercise_weight"] == 10.0
    assert weighted["Goblet squat"]["weight_display_unit"] == "kilogram"
    rdl = weighted["Romanian deadlift"]
    assert rdl["weight_display_unit"] == "pound"
    assert round(rdl["exercise_weight"] / 0.45359237, 2) >= 135  # never reads back below


@pytest.mark.parametrize("path", sorted((DATA / "fit").glob("*.wol")), ids=lambda p: p.stem)
def test_nothing_we_write_needs_protocol_2(path: Path) -> None:
    # FIT 2.0 adds developer fields and 64-bit types; the header says 1.0 (as
    # Connect's does) only because no file of ours has either
    for data in fit.emit(program_of(path), EmitOptions()).values():
        header, definitions, _ = read(data)
        assert header.proto_ver == (1, 0)
        for definition in definitions:
            assert not definition.dev_field_defs
            assert all("64" not in field.base_type.name for field in definition.field_defs)
