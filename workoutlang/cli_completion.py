"""`workoutlang completion bash|zsh|fish`, and the values Tab offers, through argcomplete.

Completion is argcomplete's (https://github.com/kislyuk/argcomplete, README.rst): the
shell code printed here runs the program itself on each Tab, with the command line in
the environment (`_ARGCOMPLETE`, `COMP_LINE`, `COMP_POINT`); cli.main then hands the
whole parser to `argcomplete.autocomplete`, which prints what may follow and exits.
Commands, options and `choices` come from the parser; file names are argcomplete's
default for the other arguments. The functions below are the completers for values
the parser has no `choices` for: cli.py and the cli_* modules attach them (through
cli._tab_offers) where the arguments are defined, and each imports what it lists only
when Tab asks for it.
"""

from __future__ import annotations

import argparse

from . import cli

SHELLS = ("bash", "zsh", "fish")
PROGRAMS = ("workoutlang", "wol")  # the console scripts of pyproject.toml


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.description = (
        "Print the shell code that completes workoutlang and wol on Tab (argcomplete's). "
        "bash: add `source <(workoutlang completion bash)` (or `eval \"$(workoutlang "
        "completion bash)\"`) to ~/.bashrc; zsh: add `eval \"$(workoutlang completion "
        "zsh)\"` after compinit in ~/.zshrc, or write it as _workoutlang in a folder of "
        "$fpath; fish: write it to ~/.config/fish/completions/workoutlang.fish.")
    sub.add_argument("shell", choices=SHELLS, metavar="SHELL",
                     help=f"the shell: {', '.join(SHELLS)}")


def run(args: argparse.Namespace) -> int:
    # where it is defined: argcomplete/__init__.py imports it without __all__ (mypy --strict)
    from argcomplete.shell_integration import shellcode

    print(shellcode(PROGRAMS, shell=args.shell), end="")
    return cli.EXIT_OK


# --- completers: argcomplete calls them with prefix, action, parser and parsed_args,
# and keeps the words that start with the prefix


def targets(**_: object) -> list[str]:
    """`--to TARGET`: the backends' registry."""
    from .backends import TARGETS

    return list(TARGETS)


def codes(**_: object) -> list[str]:
    """`--disable CODE`, `--enable CODE`, `explain CODE`."""
    from .diagnostics import CODES

    return list(CODES)


def docs_topics(**_: object) -> list[str]:
    """`docs TOPIC`: the pages shipped with the package, then the check codes."""
    from .rule_pages import topics

    return [name for name in topics() if not name.startswith("checks/")] + codes()


def tags(**_: object) -> list[str]:
    """`exercises --tag TAG`: the catalogue's tag vocabulary."""
    from .catalogue import TAGS

    return sorted(TAGS)


def exercise_names(**_: object) -> list[str]:
    """`exercises NAME`: the catalogue's exercise names."""
    from .catalogue import load_catalogue

    return sorted(load_catalogue().names())


def time_zones(**_: object) -> list[str]:
    """`--timezone ZONE`: the IANA zones zoneinfo can load (what cli._time_zone accepts)."""
    import zoneinfo

    return sorted(zoneinfo.available_timezones())
