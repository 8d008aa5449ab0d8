"""The hostile-input corpus gives the same diagnostics with and without PyYAML's C extension.

PyYAML's wheels include libyaml (the C parser okrsite prefers); a PyYAML built without it parses
in pure Python, with its own limits and error positions. `check` must not depend on which one a
machine has: a real subprocess runs the whole corpus of tests/test_cli_check.py with
`import yaml._yaml` failing (a sitecustomize on PYTHONPATH), and its diagnostics must be the
documented ones, and equal, message for message, to those of this process with libyaml.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from helpers import make_site
from okrsite import load
from test_cli_check import BASE, HOSTILE

BLOCK_LIBYAML = textwrap.dedent('''
    import sys

    class _NoLibyaml:
        """Makes `import yaml._yaml` (and the old top-level `_yaml`) fail, as without libyaml."""
        def find_spec(self, name, path=None, target=None):
            if name in ("yaml._yaml", "_yaml"):
                raise ImportError(f"{name} is blocked: this run tests PyYAML without libyaml")
            return None

    sys.meta_path.insert(0, _NoLibyaml())
''')

# YAML that libyaml and the pure-Python parser word (or place, or accept) differently, mostly errors.
SYNTAX_ERRORS = {
    'flow-seq': 'a: [x\nb: 1\n',
    'flow-map': 'a: {x: 1\nb: 1\n',
    'flow-seq-colon': 'a: [x: y: z]\n',
    'tab': 'a:\n\t- b\n',
    'tab-value': 'a: 1\n\tb: 2\n',
    'block-map-bad-indent': 'a: 1\n  b: 2\nc\n',
    'block-seq-bad': '- a\n- b\nc: 1\n',
    'block-seq-in-map': 'a:\n  - x\n  y: 1\n',
    'undefined-alias': 'a: *nope\n',
    'unclosed-double-quote': 'a: "abc\n',
    'unclosed-single-quote': "a: 'abc\n",
    'colon-in-value': 'a: b: c\n',
    'two-docs': 'a: 1\n---\nb: 2\n',
    'doc-end-garbage': 'a: 1\n... x\n',
    'bad-escape': 'a: "\\q"\n',
    'anchor-no-name': 'a: & x\n',
    'alias-no-name': 'a: *\n',
    'tag-bad': 'a: !<> x\n',
    'directive': '%YAML 1.1\n%YAML 1.1\n---\na: 1\n',
    'bad-directive': '%FOO bar\n---\na: 1\n',
    'key-without-colon': 'a: 1\nb\nc: 2\n',
    'question-key': '? a\n? b\n: c\n: d\n',
    'block-scalar-bad': 'a: |x\n  text\n',
    'indent-indicator-0': 'a: |0\n  text\n',
    'flow-in-block-key': '[a]: 1\n',
    'stray-close': 'a: ]\n',
    'stray-brace': 'a: }\n',
    'unexpected-dash': 'a: 1\n- b\n',
    'comment-no-space': 'a: 1#c\nb: [1,2\n',
    'plain-with-indicator': 'a: @x\n',
    'backtick': 'a: `x\n',
    'nul': 'a: \x00\n',
    'control': 'a: \x07\n',
    'bom-mid': 'a: 1\n\ufeffb: 2\n',
    'multiline-key': 'a\nb: 1\n',
    'duplicate-anchor-recursive': 'a: &x [*x]\n',
    'merge-bad': 'a: {<<: 3}\n',
    'empty-flow-entry': 'a: [1,,2]\n',
    'flow-map-missing-value': 'a: {b c: 1, : 2}\n',
    'deep-flow-close': 'a: [[[[]]]\n',
    'doc-start-in-flow': 'a: [\n---\n]\n',
    'yaml-2': '%YAML 2.0\n---\na: 1\n',
    'tag-directive-dup': '%TAG ! tag:a,2000:\n%TAG ! tag:b,2000:\n---\na: 1\n',
    'tag-undefined-handle': 'a: !x!y 1\n',
    'percent-in-text': 'a: |\n  %not a directive\n',
    'bom-in-quotes': 'a: "x\ufeffy"\n',
    'reserved-at': 'a: 1\n@b: 2\n',
    'unclosed-flow-eof': 'a: {b: [1, 2}\n',
    'big-indent': 'a:\n      b: 1\n    c: 2\n',
    'anchor-on-alias': 'a: &x 1\nb: &y *x\n',
    'scalar-then-map': 'a\nb: c\n',
    'dash-no-space': '-a\n- b\n',
    'quote-then-text': 'a: "b" c\n',
    'single-quote-then-text': "a: 'b' c\n",
    'json-style': '{"a": 1, "b": [1, 2,]}\n',
    'explicit-key-flow': '{? a: 1, b}\n',
    'nested-seq-flow': '[[a, b], [c, d]\n',
    'plain-colon-end': 'a: b:\n',
    'literal-less-indented': 'a: |\n    x\n  y\n',
    'folded-bad': 'a: >-+\n  x\n',
    'document-end-only': '...\n',
    'two-colons': 'a:: b\n',
    "long-key": "? " + "x" * 2000 + "\n: 1\n",
    "simple-key-too-long": "a" * 1100 + ": 1\n",
}

# Runs `okrsite check --format json` on each site in one process and prints every result
# (and load.parse_yaml on each YAML error snippet).
CHILD = textwrap.dedent('''
    import contextlib, io, json, sys, traceback
    import yaml
    from okrsite import load
    from okrsite.cli import main

    results = {"with_libyaml": yaml.__with_libyaml__, "loader": load._BaseLoader.__name__, "cases": {}}
    given = json.loads(sys.stdin.read())
    results["yaml"] = {name: [[d.code, d.message, d.location.line, d.location.column]
                              for d in load.parse_yaml(text, "t.yaml")[2]]
                       for name, text in given["yaml"].items()}
    for name, site in given["sites"]:
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(["check", "--site", site, "--format", "json"])
        except BaseException:  # noqa: BLE001 - reported, so the parent shows which case broke
            status, out = None, io.StringIO(traceback.format_exc())
        results["cases"][name] = [status, out.getvalue(), err.getvalue()]
    print(json.dumps(results))
''')


def _sites(tmp_path: Path) -> list[tuple[str, str]]:
    sites = []
    for index, (name, files, _expected) in enumerate(HOSTILE):
        base = {} if "content" in files else BASE
        sites.append((name, str(make_site(tmp_path / str(index), {**base, **files}))))
    return sites


def _check_here(site: str) -> list:
    from okrsite.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "--site", site, "--format", "json"])
    return [status, out.getvalue(), err.getvalue()]


def test_the_hostile_corpus_gives_the_same_diagnostics_without_libyaml(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCK_LIBYAML, encoding="utf-8")
    sites = _sites(tmp_path / "sites")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(blocker), os.environ.get("PYTHONPATH")])),
           "NO_COLOR": "1"}
    child = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps({"sites": sites, "yaml": SYNTAX_ERRORS}),
                           capture_output=True,
                           text=True, env=env, timeout=600, check=False)
    assert child.returncode == 0, child.stderr
    results = json.loads(child.stdout)
    assert results["with_libyaml"] is False and results["loader"] == "SafeLoader"

    expected = {name: want for name, _files, want in HOSTILE}
    differ = []
    for name, site in sites:
        status, out, err = results["cases"][name]
        assert status is not None and "Traceback" not in out + err, (name, out)
        found = [(d["code"], d["file"], d["line"], d["column"]) for d in json.loads(out)["diagnostics"]]
        want = expected[name]
        assert (status, found) == ((0, []) if want is None else (1, [want])), name
        if yaml.__with_libyaml__:  # this process parses with libyaml: the same words and places
            here = _check_here(site)
            if [status, out, err] != here:
                differ.append((name, out, here[1]))
    assert differ == [], json.dumps(differ, indent=1)

    here = {name: [[d.code, d.message, d.location.line, d.location.column]
                   for d in load.parse_yaml(text, "t.yaml")[2]] for name, text in SYNTAX_ERRORS.items()}
    assert sum(1 for found in here.values() if found) >= 55  # (a few are valid YAML: '%' in a block scalar)
    if yaml.__with_libyaml__:
        assert {k: v for k, v in results["yaml"].items() if v != here[k]} == {}
