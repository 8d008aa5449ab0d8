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


def _interrupt_soon() -> None:
    import time

    time.sleep(0.01)  # the main thread has long left the code that lost the Ctrl-C
    import _thread

    _thread.interrupt_main()


def _unraisable(report, _previous=sys.unraisablehook):
    """A Ctrl-C that lands in code whose exceptions Python only reports (a weakref callback of
    the import system, a fork handler, a __del__) would be printed as "Exception ignored" and
    lost, and the build would go on. It is raised again instead, in the main thread, once that
    has left the code that lost it: a thread sends it (sent from here, it would be raised, and
    lost, right here), and cli.main's handler ends the command as for any Ctrl-C."""
    if issubclass(report.exc_type, KeyboardInterrupt):
        import _thread

        _thread.start_new_thread(_interrupt_soon, ())  # not threading.Thread: its start() waits
        return
    _previous(report)


def main() -> int:
    if not IGNORED:
        sys.unraisablehook = _unraisable
    try:
        from okrsite.cli import main as run

        status = run(sys.argv[1:])
    except KeyboardInterrupt:  # a second Ctrl-C while cli.main handled the first
        _quit()
    finally:
        if not IGNORED:
            try:
                _sig.signal(_sig.SIGINT, _quit)  # shutting down: a late Ctrl-C ends quietly too
            except KeyboardInterrupt:  # one that came just before (signal() runs it first)
                _quit()
    _end(status)
    return status  # something was left to finish: Python's own exit does it


def _end(status: int) -> None:
    """End the process now, without Python taking its heap apart first, when nothing is left
    to finish. Python's exit frees every object one by one: after a build, the Site model and
    every page, 0.17 s of the real-roadmap shape's build and 0.6 s at 10,000 entities (bench/README.md,
    "Fixed costs of every build"); mypy ends the same way (`util.hard_exit`). What an exit does besides
    is done here as Python would: the atexit functions run, then the output streams are flushed.
    A thread still running (serve's) or a stream that cannot be flushed (a reader gone): return,
    and Python's own exit waits for it, or reports it, as it always has."""
    threading = sys.modules.get("threading")
    if threading is not None and any(t.is_alive() and not t.daemon and t is not threading.main_thread()
                                     for t in threading.enumerate()):
        return
    try:
        import atexit

        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - Python's exit reports it
        return
    os._exit(status)
