"""Facts behind docs/outputs/garmin-distance.md: what the FIT profile allows for a
workout_step's duration and text fields, and what Garmin Connect's own strength export uses.

Research checks, not backend tests: they pin the SDK facts the recommendation rests on, so a
garmin-fit-sdk upgrade that changes them fails here first.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import fitdecode
from garmin_fit_sdk import Decoder, Encoder, Profile, Stream

CONNECT_EXPORT = Path(__file__).parent / "data" / "garmin" / "connect-strength-workout.fit"


def _workout_step_fields() -> dict[str, Any]:
    message = Profile["messages"][Profile["mesg_num"]["WORKOUT_STEP"]]
    return {field["name"]: field for field in message["fields"].values()}


def _encode(steps: list[dict[str, Any]]) -> bytes:
    numbers = Profile["mesg_num"]
    encoder = Encoder()
    encoder.write_mesg({"mesg_num": numbers["FILE_ID"], "type": "workout",
                        "manufacturer": "development", "serial_number": 1})
    encoder.write_mesg({"mesg_num": numbers["WORKOUT"], "wkt_name": "Carry", "sport": "training",
                        "sub_sport": "strength_training", "num_valid_steps": len(steps)})
    for index, step in enumerate(steps):
        encoder.write_mesg({"mesg_num": numbers["WORKOUT_STEP"], "message_index": index, **step})
    data: bytes = encoder.close()
    return data


def _decoded_steps(data: bytes) -> list[dict[str, Any]]:
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    steps: list[dict[str, Any]] = messages["workout_step_mesgs"]
    return steps


def test_the_profile_has_a_distance_duration_in_centimetres_for_any_sport() -> None:
    durations = Profile["types"]["wkt_step_duration"]
    assert (durations[1], durations[5], durations[29]) == ("distance", "open", "reps")
    fields = _workout_step_fields()
    distance = next(sub for sub in fields["duration_value"]["sub_fields"]
                    if sub["name"] == "duration_distance")
    assert distance["scale"] == [100] and distance["units"] == ["m"]
    assert [(m["name"], m["raw_value"]) for m in distance["map"]] == [("duration_type", 1)]
    # nothing in the workout_step ties a duration type to a sport or an exercise category
    assert "sport" not in fields


def test_notes_and_step_name_are_strings_without_a_profile_length() -> None:
    fields = _workout_step_fields()
    assert (fields["notes"]["num"], fields["notes"]["type"]) == (8, "string")
    assert (fields["wkt_step_name"]["num"], fields["wkt_step_name"]["type"]) == (0, "string")


def test_a_distance_step_on_a_strength_exercise_encodes_and_decodes() -> None:
    carry = {"wkt_step_name": "Farmer carry", "target_type": "open", "intensity": "active",
             "exercise_category": "carry", "exercise_name": 7}  # carry/farmers_carry
    data = _encode([
        {**carry, "duration_type": "distance", "duration_value": 4000},  # 40 m, in cm
        {**carry, "duration_type": "open", "notes": "40 m"},  # the recommended form
    ])
    distance, lap = _decoded_steps(data)
    assert (distance["duration_type"], distance["duration_distance"]) == ("distance", 40.0)
    assert (lap["duration_type"], lap["notes"]) == ("open", "40 m")
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        steps = [frame for frame in reader if isinstance(frame, fitdecode.FitDataMessage)
                 and frame.name == "workout_step"]
    assert steps[0].get_value("duration_distance") == 40.0


def test_the_encoder_drops_a_value_written_under_the_subfield_name() -> None:
    # write duration_value (cm), never duration_distance: the Encoder ignores the latter
    (step,) = _decoded_steps(_encode([{"duration_type": "distance", "duration_distance": 40.0}]))
    assert "duration_value" not in step and "duration_distance" not in step


def test_connects_strength_export_ends_steps_by_reps_time_or_lap_never_distance() -> None:
    steps = _decoded_steps(CONNECT_EXPORT.read_bytes())
    assert {step["duration_type"] for step in steps} == {
        "reps", "time", "open", "repeat_until_steps_cmplt"}
    sizes: dict[str, int] = {}
    with fitdecode.FitReader(CONNECT_EXPORT) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDefinitionMessage) and frame.name == "workout_step":
                sizes = {field.name: field.size for field in frame.field_defs}
    assert (sizes["notes"], sizes["wkt_step_name"]) == (200, 16)  # bytes, NUL included
