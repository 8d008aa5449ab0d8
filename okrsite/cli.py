"""Command line: verbs -> pipeline calls -> exit codes (0 clean, 1 findings, 2 could not run)."""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading

from okrsite import __version__
from okrsite.commands import VERBS
from okrsite.commands.common import EXIT_USAGE, MACHINE_FORMATS
from okrsite.diagnostics import UsageError, eprint, format_failure, suggest

RUN = {verb.NAME: verb.run for verb in VERBS}

DESCRIPTION = """\
okrsite turns a folder of OKR files (objectives, key results, hypotheses, milestones,
tasks, teams) into a checked, cross-linked static website with an SVG roadmap.

A site is a folder with okrsite.yaml and content/; okrsite finds it from any folder inside
it. Typical use:
  okrsite init my-roadmap      scaffold a working site
  okrsite check                find broken links and mistakes (what CI runs)
  okrsite build                write the website to public/
  okrsite serve                preview while you edit, with live reload
Run okrsite COMMAND --help for a command's options and examples.
"""

_CHOICE = re.compile(r"argument (?P<arg>\S+): invalid choice: '(?P<value>[^']*)'")


class _Parser(argparse.ArgumentParser):
    """One line and exit 2 for every usage error, with the nearest command or option."""

    def error(self, message: str) -> None:  # the one line says where the usage is
        raise _UsageExit(f"{_hint(self, message)} (see {self.prog} --help)")


class _UsageExit(Exception):
    pass


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [o for action in parser._actions for o in action.option_strings]


def _hint(parser: argparse.ArgumentParser, message: str) -> str:
    choice = _CHOICE.match(message)
    if choice and choice["arg"] == "COMMAND":
        value = choice["value"]
        best = suggest(value, RUN)
        return f"unknown command '{value}'" + (f"; did you mean '{best}'?" if best else
                                               f"; the commands are {', '.join(RUN)}")
    if choice:
        options = [c for a in parser._actions if a.choices and not isinstance(a.choices, dict) for c in a.choices]
        best = suggest(choice["value"], map(str, options))
        return f"error: {message}" + (f"; did you mean '{best}'?" if best else "")
    if message.startswith("unrecognized arguments: "):
        words = message.split(": ", 1)[1].split()
        flag = next((w.split("=")[0] for w in words if w.startswith("-")), None)
        best = suggest(flag, _options(parser)) if flag else None
        return f"error: {message}" + (f"; did you mean {best}?" if best else "")
    return f"error: {message}"


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = _Parser(prog="okrsite", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"okrsite {__version__}")
    verbs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands = {verb.NAME: verb.register(verbs) for verb in VERBS}
    return parser, commands


def machine_format(argv: list[str]) -> str | None:
    """The machine format asked of `check` (json, github, sarif), read before parsing, so that
    even a bad flag is reported in it; None for text and every other command."""
    if next((a for a in argv if not a.startswith("-")), None) != "check":
        return None
    for i, arg in enumerate(argv):
        if arg == "--format" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--format="):
            value = arg.split("=", 1)[1]
        else:
            continue
        return value if value in MACHINE_FORMATS else None
    return None


def _cannot_run(fmt: str | None, message: str) -> int:
    eprint(f"okrsite: {message}")
    if fmt is not None:
        sys.stdout.write(format_failure(fmt, message))
        sys.stdout.flush()
        if fmt == "github":
            from okrsite.commands.common import step_summary

            step_summary(f"### okrsite check could not run\n\n{message}\n")
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    fmt = machine_format(argv)
    parser, commands = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}") if args.command \
                else parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except _UsageExit as err:
        return _cannot_run(fmt, str(err))
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
        # From here on Ctrl-C is a KeyboardInterrupt that the verbs clean up after (entry.py
        # ended the process quietly until now); an ignored SIGINT stays ignored.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return RUN[args.command](args)
    except UsageError as err:
        return _cannot_run(fmt, str(err))
    except OSError as err:  # the site cannot be read at all (a folder without permission, a vanished disk)
        where = f" {err.filename}" if err.filename else ""
        return _cannot_run(fmt, f"cannot read{where}: {err.strerror or err}")
    except KeyboardInterrupt:
        eprint("okrsite: interrupted")
        return 130
    except RuntimeError as err:
        if not _caused_by_ctrl_c(err):
            raise
        eprint("okrsite: interrupted")
        return 130


def _caused_by_ctrl_c(err: BaseException) -> bool:
    """Python 3.11 wraps an exception raised in a class's __set_name__ (a dataclass field, as a
    module is imported) in a RuntimeError: a Ctrl-C landing there arrives as one."""
    seen = set()
    while err is not None and id(err) not in seen:
        if isinstance(err, KeyboardInterrupt):
            return True
        seen.add(id(err))
        err = err.__cause__
    return False
