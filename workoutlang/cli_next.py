"""`workoutlang next`: placeholder until its module lands (issue 13)."""

from __future__ import annotations

import argparse


def add_arguments(sub: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("workoutlang next")
