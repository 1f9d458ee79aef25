"""Writes week7-lower-body.fit: what a Garmin watch records when week 7's "Lower body +
core" (as `workoutlang next` worked it out from log.wol) is done on it, on Tuesday 13
April 2027 at 18:00 in Oslo. For the README's walk-through of `log import`.

    .venv/bin/python examples/training_log/make_activity.py

The file holds what real strength activities hold (see tests/data/garmin/README.md):
file_id, the workout followed and its steps (the watch copies them in), one training
/ strength_training session, and `set` messages, active and rest in turn, each active
set with its reps, weight in kg, the workout step's index and the step's exercise
category three times. The sets done: every set as planned, but for the last
Bulgarian split squat on the left leg, one rep short.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from garmin_fit_sdk import Decoder, Encoder, Profile, Stream

import workoutlang as wol
from workoutlang.backends import emit
from workoutlang.nextweek import coming

HERE = Path(__file__).parent
START = datetime.datetime(2027, 4, 13, 16, 0, tzinfo=datetime.UTC)  # 18:00 in Oslo
NUMBERS: dict[str, int] = Profile["mesg_num"]
SHORT = "Bulgarian split squat (left)"  # its last set is one rep short


def workout() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Week 7's "Lower body + core" as the fit target writes it, read back."""
    plan = wol.parse((HERE / "plan.wol").read_text(encoding="utf-8"), "plan.wol")
    log = wol.parse_log((HERE / "log.wol").read_text(encoding="utf-8"), "log.wol")
    files = emit(coming(plan, log).program, "fit")
    assert isinstance(files, dict)
    data = next(data for name, data in sorted(files.items()) if "lower" in name)
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages["workout_mesgs"][0], messages["workout_step_mesgs"]


def done_in_order(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The active steps in the order the watch takes them: a repeat step runs the steps
    from its `duration_step` up to it `repeat_steps` times (left, right, left, …)."""
    order: list[dict[str, Any]] = []
    block: list[dict[str, Any]] = []
    for step in steps:
        if step.get("duration_type") == "repeat_until_steps_cmplt":
            loop = [s for s in block if s["message_index"] >= step["duration_step"]]
            order += loop * (int(step["repeat_steps"]) - 1)  # the first round is in order
            block = []
            continue
        if step.get("intensity") == "active" and "exercise_category" in step:
            order.append(step)
            block.append(step)
    return order


def sets(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The active sets, each followed by its rest, as the watch records them."""
    out: list[dict[str, Any]] = []
    at = START
    order = done_in_order(steps)
    last_short = max(i for i, step in enumerate(order) if step.get("wkt_step_name") == SHORT)
    for index, step in enumerate(order):
        reps = step.get("duration_reps")
        seconds = float(step.get("duration_time", 0.0)) or 3.0 * (reps or 10)
        if index == last_short:
            reps -= 1
        out.append({
            "mesg_num": NUMBERS["SET"], "timestamp": at, "start_time": at,
            "duration": seconds, "set_type": "active", "message_index": len(out),
            "repetitions": reps or 0, "weight": float(step.get("exercise_weight", 0.0)),
            "category": [step["exercise_category"]] * 3,
            "wkt_step_index": step["message_index"],
        })
        at += datetime.timedelta(seconds=seconds)
        out.append({"mesg_num": NUMBERS["SET"], "timestamp": at, "start_time": at,
                    "duration": 60.0, "set_type": "rest", "message_index": len(out)})
        at += datetime.timedelta(seconds=60)
    return out


def main() -> None:
    header, steps = workout()
    recorded = sets(steps)
    end = recorded[-1]["start_time"] + datetime.timedelta(seconds=60)
    encoder = Encoder()
    encoder.write_mesg({"mesg_num": NUMBERS["FILE_ID"], "type": "activity",
                        "manufacturer": "development", "serial_number": 1,
                        "time_created": START})
    encoder.write_mesg({"mesg_num": NUMBERS["WORKOUT"], "wkt_name": header["wkt_name"],
                        "sport": "training", "sub_sport": "strength_training",
                        "num_valid_steps": len(steps)})
    for step in steps:
        encoder.write_mesg({"mesg_num": NUMBERS["WORKOUT_STEP"], **{
            key: step[key] for key in ("message_index", "wkt_step_name", "exercise_category",
                                       "exercise_name") if key in step}})
    encoder.write_mesg({"mesg_num": NUMBERS["SESSION"], "message_index": 0,
                        "sport": "training", "sub_sport": "strength_training",
                        "start_time": START, "timestamp": end,
                        "total_elapsed_time": (end - START).total_seconds()})
    for message in recorded:
        encoder.write_mesg(message)
    (HERE / "week7-lower-body.fit").write_bytes(bytes(encoder.close()))


if __name__ == "__main__":
    main()
