"""okrsite.entry: Ctrl-C at any instant of a real `okrsite` process ends it quietly.

Each process gets SIGINT sent to its whole process group (as a terminal's Ctrl-C does, so the
build's render workers get it too) at one of many instants, from while okrsite imports its
modules (where the traceback used to come from) to the end of the run.

The instants count from a point every run passes after okrsite's first line: the moment a
compiled module that only `okrsite.cli`'s imports load (PyYAML's `_yaml`, MarkupSafe's
`_speedups`) appears in /proc/PID/maps. Before okrsite's first line the code running is
Python's own start-up and the installer's wrapper script, which okrsite does not control.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import okrsite_command

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs Linux's /proc")

BENCH = Path(__file__).resolve().parents[1] / "bench"
INSTANTS = [0.0, 0.01, 0.03, 0.06, 0.1, 0.15, 0.25, 0.4, 0.6, 0.9]  # seconds after the imports began
MARKERS = ("/_yaml.", "/_speedups.")  # compiled modules cli's imports load, not Python's start-up


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """A 200-entity site: long enough to check and build (render workers included) to be interrupted."""
    site = tmp_path_factory.mktemp("interrupt") / "site"
    subprocess.run([sys.executable, str(BENCH / "gen_site.py"), str(site), "--entities", "200", "--quiet"],
                   check=True, timeout=120)
    return site


def importing(pid: int) -> bool:
    """Wait until okrsite's imports are under way in process `pid`; False if it ended first."""
    while True:
        try:
            with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as maps:
                if any(marker in maps.read() for marker in MARKERS):
                    return True
        except (FileNotFoundError, ProcessLookupError):
            return False
        time.sleep(0.001)


def command() -> list[str]:
    """The installed `okrsite` script, or `python -m okrsite` where the script predates entry.py
    (a virtual environment not reinstalled since)."""
    found = okrsite_command()
    if found[0] != sys.executable and "okrsite.entry" not in Path(found[0]).read_text(errors="replace"):
        return [sys.executable, "-m", "okrsite"]
    return found


def interrupted(args: list[str], delay: float, ignored: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "OKRSITE_WORKERS": "2"}
    process = subprocess.Popen([*command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True,
                               preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignored else None)
    if not importing(process.pid) and process.poll() is None:
        process.kill()
        pytest.skip("no compiled module marks okrsite's imports here (pure-Python PyYAML and MarkupSafe)")
    time.sleep(delay)
    try:
        os.killpg(process.pid, signal.SIGINT)
    except ProcessLookupError:
        pass  # it had finished
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out.decode(), err.decode())


@pytest.mark.parametrize("verb", ["check", "build"])
def test_ctrl_c_at_any_instant_ends_quietly(big_site, tmp_path, verb):
    outcomes = set()
    out = tmp_path / "public"
    for delay in INSTANTS:
        # --no-cache: interrupt the work itself, not an answer the build cache gives at once
        args = [verb, "--site", str(big_site), "--no-cache", *(["--out", str(out), "--quiet"] if verb == "build" else [])]
        result = interrupted(args, delay)
        assert "Traceback" not in result.stderr and "Worker" not in result.stderr, (delay, result.stderr)
        if result.returncode == 130:
            assert result.stderr == "okrsite: interrupted\n" and result.stdout == "", (delay, result)
        elif result.returncode == -signal.SIGINT:
            # Ctrl-C in the interpreter's last instant, after okrsite finished and Python restored
            # the default handler: the shell sees the signal; the output is complete, nothing more.
            assert result.stderr == "" and (verb == "build" or result.stdout.startswith("ok: ")), (delay, result)
        else:
            assert result.returncode == 0 and result.stderr == "", (delay, result)
        outcomes.add(result.returncode)
        if verb == "build" and result.returncode == 130:  # an interrupted build leaves nothing behind
            assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")]
    assert 130 in outcomes


def test_a_process_started_with_ctrl_c_ignored_keeps_ignoring_it(big_site):
    """A script's background job (`okrsite check &`) is started with SIGINT ignored, as POSIX
    shells do, so that Ctrl-C in the terminal reaches the script only: okrsite leaves it so."""
    result = interrupted(["check", "--site", str(big_site)], 0.05, ignored=True)
    assert result.returncode == 0 and result.stderr == "" and result.stdout.startswith("ok:")


def test_the_console_script_and_python_dash_m_start_at_the_entry_module():
    root = Path(__file__).resolve().parents[1]
    assert 'okrsite = "okrsite.entry:main"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert (root / "okrsite" / "__main__.py").read_text(encoding="utf-8").startswith("from okrsite.entry import main")


def test_ctrl_c_in_code_whose_exceptions_python_only_reports_is_not_lost():
    """A Ctrl-C landing in a weakref callback (the import system has some) was printed as
    "Exception ignored" and dropped, and the build went on to the end: it must still stop it."""
    script = (
        "import signal, sys, weakref\n"
        "import okrsite.entry as entry\n"
        "sys.unraisablehook = entry._unraisable\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "class Thing: pass\n"
        "thing = Thing()\n"
        "ref = weakref.ref(thing, lambda _: signal.raise_signal(signal.SIGINT))\n"
        "try:\n"
        "    del thing\n"
        "    for _ in range(10 ** 7): pass  # a build going on\n"
        "    print('went on')\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (result.stdout, result.stderr) == ("stopped\n", "")


def test_ctrl_c_inside_a_class_statement_ends_quietly(monkeypatch, capsys):
    """A Ctrl-C while a module being imported makes a dataclass reaches cli.main wrapped in a
    RuntimeError on Python 3.11 ("Error calling __set_name__"): it is still an interrupt."""
    import dataclasses

    from okrsite import cli

    class Interrupting:
        def __set_name__(self, owner, name):
            raise KeyboardInterrupt

    def verb(args):
        @dataclasses.dataclass
        class Made:
            field: object = dataclasses.field(default=Interrupting())

        return 0

    monkeypatch.setitem(cli.RUN, "check", verb)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err == "okrsite: interrupted\n"


def test_other_runtime_errors_are_not_taken_for_ctrl_c(monkeypatch):
    from okrsite import cli

    def verb(args):
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.RUN, "check", verb)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["check"])


SITE = Path(__file__).resolve().parent / "sites" / "clean"


def _run_entry(tmp_path, prologue: str) -> subprocess.CompletedProcess:
    """`okrsite check --site tests/sites/clean` through entry.main, after `prologue` ran in __main__."""
    script = prologue + (
        f"\nimport sys\nsys.argv = ['okrsite', 'check', '--site', {str(SITE)!r}]\n"
        "from okrsite.entry import main\nraise SystemExit(main())\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, check=False)


def test_the_process_ends_without_taking_its_objects_apart_once_all_is_done(tmp_path):
    """What an exit does is done (atexit functions, the output flushed), but not the freeing of
    every object: an object's __del__ never runs (after a build, that freeing took 0.6 s at 10,000 entities)."""
    result = _run_entry(tmp_path, (
        "import atexit, os\n"
        "torn = os.open('torn', os.O_WRONLY | os.O_CREAT)\n"
        "class Torn:\n"
        "    def __del__(self, write=os.write, fd=torn):  # (names are gone while Python frees)\n"
        "        write(fd, b'taken apart')\n"
        "held = Torn()\n"
        "atexit.register(lambda: open('atexit', 'w').write('ran'))\n"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 0 errors, 0 warnings")
    assert (tmp_path / "atexit").read_text() == "ran"
    assert (tmp_path / "torn").read_text() == ""


def test_a_thread_still_running_is_waited_for_as_python_does(tmp_path):
    """A thread that is not a daemon (serve's) works on after the command returned: the process
    ends once it is done, as Python's own exit would."""
    result = _run_entry(tmp_path, (
        "import threading, time, okrsite.cli\n"
        "returned = threading.Event()\n"
        "command = okrsite.cli.main\n"
        "def main(argv):\n"
        "    status = command(argv)\n"
        "    returned.set()\n"
        "    return status\n"
        "okrsite.cli.main = main\n"
        "def late():\n"
        "    returned.wait()\n"
        "    time.sleep(0.3)\n"
        "    open('late', 'w').write('done')\n"
        "threading.Thread(target=late).start()\n"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "late").read_text() == "done"
