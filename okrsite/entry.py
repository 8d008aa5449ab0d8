"""The `okrsite` command's first code: Ctrl-C is handled from its first line on.

The console script imports this module before anything else of okrsite. Importing the rest
(argparse, PyYAML, Jinja, jsonschema, ...) takes a noticeable moment, and Python's default
handler would turn a Ctrl-C in that moment into a KeyboardInterrupt traceback. Until `cli.main`
takes over (inside its `try`), and again once it has returned, Ctrl-C ends the process at once,
quietly, with status 130 (nothing has been written yet, or everything is done).

`_signal` is the C module under `signal`: importing it costs nothing, while `signal` imports
`enum` first. A process started with SIGINT ignored (a background job of a script) keeps
ignoring it, as Python itself does.
"""

try:
    import _signal as _sig
except ImportError:  # pragma: no cover - an interpreter without CPython's C module
    import signal as _sig
import os
import sys

IGNORED = _sig.getsignal(_sig.SIGINT) == _sig.SIG_IGN


def _quit(signum=None, frame=None):
    os.write(2, b"okrsite: interrupted\n")
    os._exit(130)


if not IGNORED:
    _sig.signal(_sig.SIGINT, _quit)


def main() -> int:
    try:
        from okrsite.cli import main as run

        return run(sys.argv[1:])
    except KeyboardInterrupt:  # a second Ctrl-C while cli.main handled the first
        _quit()
    finally:
        if not IGNORED:
            _sig.signal(_sig.SIGINT, _quit)  # shutting down: a late Ctrl-C ends quietly too
    return 130  # not reached
