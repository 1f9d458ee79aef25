"""`workoutlang completion bash|zsh|fish`: a shell completion script.

The script is generated from the command line's own argparse parser (cli._parser):
its commands, nested commands (`log import`), options, and the values an option
or argument may take (its `choices`; check codes for a CODE, targets for a
TARGET), so a command or option added later is completed without touching this
module. Where nothing is listed, file names are completed. docs/cli.md says how
to install each script.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

import attrs

from . import cli

SHELLS = ("bash", "zsh", "fish")
PROGRAM, ALIAS = "workoutlang", "wol"


@attrs.frozen
class Option:
    flags: tuple[str, ...]  # -o, --output
    help: str
    takes_value: bool
    values: tuple[str, ...]  # the words its value may be; () for a file name or free text


@attrs.frozen
class Command:
    path: tuple[str, ...]  # () for the program itself, ("log", "import")
    help: str
    options: tuple[Option, ...]
    commands: tuple[tuple[str, str], ...]  # its own commands, (name, help)
    choices: tuple[str, ...]  # the words its argument may be (`completion SHELL`)
    files: bool  # whether its arguments are file names


def _metavar_words() -> dict[str, tuple[str, ...]]:
    """Values known by the metavar that names them, for options without `choices`
    (`--to TARGET` is checked by the backends' registry, with a did-you-mean)."""
    from .backends import TARGETS
    from .catalogue import TAGS, load_catalogue
    from .diagnostics import CODES

    return {"TARGET": tuple(TARGETS), "CODE": tuple(CODES), "TAG": tuple(sorted(TAGS)),
            "NAME": load_catalogue().names()}  # `exercises NAME`


def _values(action: argparse.Action, known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if action.choices is not None:
        return tuple(str(choice) for choice in action.choices)
    return known.get(str(action.metavar or action.dest.upper()), ())


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), help_text: str = "",
         known: dict[str, tuple[str, ...]] | None = None) -> Iterator[Command]:
    """Each command of `parser`, the program first, then its commands, depth first."""
    known = _metavar_words() if known is None else known
    options, commands, nested = [], [], []
    choices: tuple[str, ...] = ()
    files = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                commands.append((name, helps.get(name, "")))
                nested.append(walk(sub, (*path, name), helps.get(name, ""), known))
        elif action.option_strings:
            options.append(Option(tuple(action.option_strings), action.help or "",
                                  action.nargs != 0, _values(action, known)))
        else:
            choices += _values(action, known)
            files = files or not _values(action, known)
    yield Command(path, help_text, tuple(options), tuple(commands), choices, files)
    for command in nested:
        yield from command


def run(args: argparse.Namespace) -> int:
    commands = list(walk(cli._parser()))
    print(_SCRIPTS[args.shell](commands), end="")
    return cli.EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.description = (
        "Print a completion script for SHELL. bash: add `source <(workoutlang completion "
        "bash)` to ~/.bashrc; zsh: write it as _workoutlang in a folder of $fpath; fish: "
        "write it to ~/.config/fish/completions/workoutlang.fish.")
    sub.add_argument("shell", choices=SHELLS, metavar="SHELL",
                     help=f"the shell: {', '.join(SHELLS)}")


# --- the scripts -------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """`text` in single quotes, for sh, zsh and fish alike."""
    return "'" + text.replace("'", "'\\''") + "'"


def _fish_quoted(text: str) -> str:
    # fish has no '\'' : inside single quotes it takes \' and \\
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _spec_function(commands: list[Command], name: str, zsh: bool) -> str:
    """A shell function setting, for a command path ($1), its commands (`cmds`), options
    (`opts`), the options that take a value (`valued`), its argument's words
    (`choices`) and whether its arguments are files (`files`); in zsh also `cdescs` and
    `odescs`, the commands and the options with their help."""
    lines = [f"{name}() {{", '    case "$1" in']
    for command in commands:
        flags = [flag for option in command.options for flag in option.flags]
        valued = [flag for option in command.options if option.takes_value
                  for flag in option.flags]
        body = [f"cmds={_quoted(' '.join(n for n, _ in command.commands))}",
                f"opts={_quoted(' '.join(flags))}", f"valued={_quoted(' '.join(valued))}",
                f"choices={_quoted(' '.join(command.choices))}",
                f"files={_quoted('1' if command.files else '')}"]
        if zsh:  # _describe's NAME:HELP
            body.append(_zsh_array("cdescs", [(n, h) for n, h in command.commands]))
            body.append(_zsh_array("odescs", [(flag, option.help) for option in command.options
                                              for flag in option.flags]))
        lines.append(f"    {_quoted(' '.join(command.path))})")
        lines.extend(f"        {line}" for line in body)
        lines.append("        ;;")
    lines += ["    esac", "}"]
    return "\n".join(lines)


def _zsh_array(name: str, described: list[tuple[str, str]]) -> str:
    words = " ".join(_quoted(f"{word}:{' '.join(help_text.split())}")
                     for word, help_text in described)
    return f"{name}=({words})"


def _values_function(commands: list[Command], name: str) -> str:
    """A shell function setting `values`, the words the value of option $2 of the
    command path $1 may be ('' for a file name or free text)."""
    lines = [f"{name}() {{", '    values=""', '    case "$1 $2" in']
    for command in commands:
        for option in command.options:
            if option.values:
                for flag in option.flags:
                    lines.append(f"    {_quoted(' '.join((*command.path, flag)))}) "
                                 f"values={_quoted(' '.join(option.values))} ;;")
    lines += ["    esac", "}"]
    return "\n".join(lines)


_BASH = """\
# bash completion for workoutlang (and wol), generated by `workoutlang completion bash`
# from the command line's own parser; load it with: source <(workoutlang completion bash)

{spec}

{values}

_workoutlang_files() {{
    local IFS=$'\\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
}}

_workoutlang() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" at='' word pending='' i
    local cmds opts valued choices files values IFS=$' \\t\\n'
    # the command path so far (`log import`), and an option waiting for its value
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        [[ "$word" == "=" ]] && continue  # --format=json, split at the =
        if [[ -n "$pending" ]]; then pending=''; continue; fi
        _workoutlang_spec "$at"
        if [[ " $valued " == *" $word "* ]]; then pending="$word"; continue; fi
        if [[ " $cmds " == *" $word "* ]]; then at="${{at:+$at }}$word"; fi
    done
    _workoutlang_spec "$at"
    COMPREPLY=()
    [[ "$cur" == "=" ]] && cur=''
    if [[ -n "$pending" ]]; then
        _workoutlang_values "$at" "$pending"
        if [[ -n "$values" ]]; then
            COMPREPLY=($(compgen -W "$values" -- "$cur"))
        else
            _workoutlang_files
        fi
    elif [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ -n "$cmds" ]]; then
        COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
    elif [[ -n "$choices" ]]; then
        COMPREPLY=($(compgen -W "$choices" -- "$cur"))
    elif [[ -n "$files" ]]; then
        _workoutlang_files
    fi
    return 0
}}

complete -F _workoutlang workoutlang wol
"""


def bash(commands: list[Command]) -> str:
    return _BASH.format(spec=_spec_function(commands, "_workoutlang_spec", zsh=False),
                        values=_values_function(commands, "_workoutlang_values"))


_ZSH = """\
#compdef workoutlang wol
# zsh completion for workoutlang (and wol), generated by `workoutlang completion zsh`
# from the command line's own parser; save it as _workoutlang in a folder of $fpath

{spec}

{values}

_workoutlang() {{
    local at='' word pending='' i cmds opts valued choices files values
    local -a cdescs odescs
    local cur="${{words[CURRENT]}}"
    # the command path so far (`log import`), and an option waiting for its value
    for ((i = 2; i < CURRENT; i++)); do
        word="${{words[i]}}"
        if [[ -n "$pending" ]]; then pending=''; continue; fi
        _workoutlang_spec "$at"
        if [[ " $valued " == *" $word "* ]]; then pending="$word"; continue; fi
        if [[ " $cmds " == *" $word "* ]]; then at="${{at:+$at }}$word"; fi
    done
    _workoutlang_spec "$at"
    if [[ -n "$pending" ]]; then
        _workoutlang_values "$at" "$pending"
        if [[ -n "$values" ]]; then
            compadd -- ${{=values}}
        else
            _files
        fi
    elif [[ "$cur" == -* ]]; then
        _describe -t options option odescs
    elif [[ -n "$cmds" ]]; then
        _describe -t commands command cdescs
    elif [[ -n "$choices" ]]; then
        compadd -- ${{=choices}}
    elif [[ -n "$files" ]]; then
        _files
    fi
}}

if [[ "$funcstack[1]" == "_workoutlang" ]]; then
    _workoutlang "$@"  # autoloaded from $fpath
else
    compdef _workoutlang workoutlang wol  # sourced
fi
"""


def zsh(commands: list[Command]) -> str:
    return _ZSH.format(spec=_spec_function(commands, "_workoutlang_spec", zsh=True),
                       values=_values_function(commands, "_workoutlang_values"))


def _fish_condition(command: Command, names: dict[tuple[str, ...], list[str]]) -> str:
    """Whether the words so far name exactly `command`'s path (fish's helpers)."""
    if not command.path:
        return "__fish_use_subcommand"
    parts = [f"__fish_seen_subcommand_from {word}" for word in command.path]
    below = names.get(command.path, [])
    if below:  # not yet one of its own commands
        parts.append(f"not __fish_seen_subcommand_from {' '.join(below)}")
    return "; and ".join(parts)


def fish(commands: list[Command]) -> str:
    names = {c.path: [n for n, _ in c.commands] for c in commands}
    lines = ["# fish completion for workoutlang (and wol), generated by "
             "`workoutlang completion fish`",
             "# from the command line's own parser; save it as "
             "~/.config/fish/completions/workoutlang.fish",
             f"complete -c {PROGRAM} -f"]  # file names only where an argument is a file
    for command in commands:
        when = _fish_quoted(_fish_condition(command, names))
        start = f"complete -c {PROGRAM} -n {when}"
        for name, help_text in command.commands:
            lines.append(f"{start} -a {name} -d {_fish_quoted(help_text)}")
        if command.choices:
            lines.append(f"{start} -a {_fish_quoted(' '.join(command.choices))}")
        elif command.files and not command.commands:
            lines.append(f"{start} -F")
        for option in command.options:
            flags = " ".join(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
                             for flag in option.flags)
            value = ""
            if option.values:
                value = f" -x -a {_fish_quoted(' '.join(option.values))}"
            elif option.takes_value:
                value = " -r -F"
            described = f" -d {_fish_quoted(option.help)}" if option.help else ""
            lines.append(f"{start} {flags}{value}{described}")
    lines.append(f"complete -c {ALIAS} -w {PROGRAM}")
    return "\n".join(lines) + "\n"


_SCRIPTS: dict[str, Callable[[list[Command]], str]] = dict(zip(
    SHELLS, (bash, zsh, fish), strict=True))
