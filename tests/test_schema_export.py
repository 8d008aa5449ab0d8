"""What `okrsite schema` writes, loaded by other tools: ajv (strict mode) and check-jsonschema.

Each exported schema must stand alone: an `$id`, every `$ref` resolved by id inside the file
(the shared definitions are embedded), and nothing but standard JSON Schema 2020-12 keywords.
The independent validators must then agree with `okrsite check` on valid and invalid files of
every kind. YAML is handed to ajv as JSON converted by the `yaml` package (YAML 1.2, the parser
yaml-language-server uses): ajv-cli's own YAML loader (js-yaml) turns dates into Date objects,
which no JSON Schema can call strings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from okrsite.load import parse_yaml, split_front_matter
from okrsite.validate import SCHEMA_BASE, SCHEMA_NAMES, bundled, validate_data
from tests.support.env import REPO_ROOT, ToolMissing, require

pytestmark = pytest.mark.validator

NODE_BIN = REPO_ROOT / "node_modules" / ".bin"

# The keywords of JSON Schema 2020-12 (core, applicator, validation, format-annotation,
# meta-data, unevaluated, content): anything else is non-standard.
STANDARD_KEYWORDS = {
    "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items",
    "contains", "properties", "patternProperties", "additionalProperties", "propertyNames",
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
    "maxProperties", "minProperties", "required", "dependentRequired", "format",
    "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
    "unevaluatedItems", "unevaluatedProperties", "contentEncoding", "contentMediaType", "contentSchema",
}
# Keywords whose value is a map of names to schemas, or a list of schemas, or one schema.
_SCHEMA_MAPS = {"$defs", "properties", "patternProperties", "dependentSchemas"}
_SCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_SCHEMA_ONE = {"not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames",
               "unevaluatedItems", "unevaluatedProperties", "contentSchema"}


def _subschemas(node):
    for key, value in node.items():
        if key in _SCHEMA_MAPS:
            yield from value.values()
        elif key in _SCHEMA_LISTS:
            yield from value
        elif key in _SCHEMA_ONE:
            yield value


def _walk(node, base: str, visit) -> None:
    if not isinstance(node, dict):
        return
    if "$id" in node:
        base = urljoin(base, node["$id"])
    visit(node, base)
    for child in _subschemas(node):
        _walk(child, base, visit)


# --- the files themselves ---------------------------------------------------------------------

@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_each_exported_schema_has_an_id_standard_keywords_and_resolves_every_ref_inside_itself(name):
    root = bundled(name)
    assert root["$id"] == f"{SCHEMA_BASE}{name}.json"
    assert root["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    resources: dict[str, dict] = {}
    refs: list[tuple[str, str]] = []

    def visit(node, base):
        unknown = set(node) - STANDARD_KEYWORDS
        assert not unknown, f"non-standard keywords {unknown} in {name}.json"
        if "$id" in node:
            resources[base] = node
        if "$ref" in node:
            refs.append((base, node["$ref"]))

    _walk(root, root["$id"], visit)
    for base, ref in refs:
        target, pointer = urldefrag(urljoin(base, ref))
        assert target in resources, f"{ref} (from {base}) is not a resource inside {name}.json"
        node = resources[target]
        for part in filter(None, pointer.split("/")):
            node = node[part]
        assert isinstance(node, dict)


def test_okrsite_schema_writes_the_bundled_schemas(tmp_path, capsys):
    from okrsite.cli import main

    assert main(["schema", "--out", str(tmp_path / "s")]) == 0
    for name in SCHEMA_NAMES:
        assert json.loads((tmp_path / "s" / f"{name}.json").read_text(encoding="utf-8")) == bundled(name)
    capsys.readouterr()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == {f"{n}.json": bundled(n) for n in SCHEMA_NAMES}


# --- the independent validators ---------------------------------------------------------------

def _node_tool(name: str) -> Path:
    path = NODE_BIN / name
    if not path.is_file():
        raise ToolMissing(f"{name} is not installed: run `npm ci` at the repository root")
    return path


def _check_jsonschema() -> list[str]:
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        raise ToolMissing("check-jsonschema is not installed: pip install -e '.[test]'") from None
    return [sys.executable, "-m", "check_jsonschema"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("schemas")
    for name in SCHEMA_NAMES:
        (out / f"{name}.json").write_text(json.dumps(bundled(name), indent=2), encoding="utf-8")
    return out


def test_every_schema_compiles_in_ajv_strict_mode_and_passes_check_jsonschemas_metaschema_check(exported):
    """All in one ajv instance, too: the embedded copies of common.json equal the file itself."""
    ajv = require(lambda: _node_tool("ajv"))
    run = subprocess.run([str(ajv), "compile", "--spec=draft2020", "--strict=true", "-c", "ajv-formats",
                          *(arg for name in SCHEMA_NAMES for arg in ("-s", str(exported / f"{name}.json")))],
                         capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in SCHEMA_NAMES:
        assert f"schema {exported / name}.json is valid" in run.stdout + run.stderr
    files = [str(exported / f"{name}.json") for name in SCHEMA_NAMES]
    run = subprocess.run([*require(_check_jsonschema), "--check-metaschema", *files],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_ajv_strict_mode_refuses_a_non_standard_keyword(exported, tmp_path):
    """The check above can fail: the old `errorMessage` keyword is refused."""
    ajv = require(lambda: _node_tool("ajv"))
    old = bundled("team")
    broken = {**old, "properties": {**old["properties"], "name": {"type": "string", "errorMessage": "x"}}}
    path = tmp_path / "team.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    run = subprocess.run([str(ajv), "compile", "--spec=draft2020", "--strict=true", "-c", "ajv-formats",
                          "-s", str(path)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert run.returncode != 0
    assert "errorMessage" in run.stdout + run.stderr


def _site_files(tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    """kind -> (label, YAML text) of the valid files `okrsite init` and `okrsite new` write."""
    from okrsite.cli import main

    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    for kind, new_id in (("task", "write-tests"), ("team", "data"), ("objective", "grow"), ("milestone", "ship")):
        assert main(["new", kind, new_id, "--site", str(site)]) == 0
    found: dict[str, list[tuple[str, str]]] = {"config": [("okrsite.yaml", (site / "okrsite.yaml").read_text("utf-8"))]}
    for path in sorted((site / "content").rglob("*")):
        if not path.is_file() or path.name == "README.md":
            continue
        kind = {"objectives": "objective", "milestones": "milestone", "tasks": "task", "teams": "team",
                "pages": "page"}[path.relative_to(site / "content").parts[0]]
        text = path.read_text("utf-8")
        if path.suffix == ".md":
            text = split_front_matter(text, path.name)[0]
        found.setdefault(kind, []).append((path.relative_to(site).as_posix(), text))
    return found


# Changes that make a valid file invalid: (kind, what, old text, new text); each one must change.
INVALID = [
    ("config", "an unknown field", "title:", "titel: x\ntitle:"),
    ("config", "a language that is no tag", "language: en", "language: e"),
    ("config", "a sprint length out of range", "length_days: 14", "length_days: 3"),
    ("objective", "a quarter that does not exist", "quarter: ", "quarter: 2026-Q5\nx_quarter: "),
    ("objective", "a key result without a title", "    title: ", "    titl: "),
    ("objective", "an id with a final newline", "title: ", 'id: "grow\\n"\ntitle: '),
    ("milestone", "a key result reference with a final newline", "key_results: [", 'key_results: ["a/kr1\\n", '),
    ("milestone", "a type outside the enum", "type: ", "type: story\nx_type: "),
    ("milestone", "sprints and dates together", "title: ", "start: 2026-01-05\ndue: 2026-01-09\ntitle: "),
    ("milestone", "votes below zero", "title: ", "votes: -1\ntitle: "),
    ("task", "no milestone", "milestone: ", "x_milestone: "),
    ("team", "no name", "name: ", "nam: "),
    ("team", "an id longer than 100 characters", "name: ", "id: " + "a" * 101 + "\nname: "),
    ("milestone", "votes beyond their range", "title: ", "votes: 1000001\ntitle: "),
    ("team", "members that are no list of names", "  - Alex Kim\n", "  - 3\n"),
    ("page", "a weight that is no whole number", "weight: 1", "weight: heavy"),
]


def _to_json_with_yaml12(files: list[Path]) -> None:
    """X.yaml -> X.json as YAML 1.2 reads it (the `yaml` package, as yaml-language-server does)."""
    script = ("const fs=require('fs'),YAML=require('yaml');"
              "for(const f of process.argv.slice(1)){"
              "fs.writeFileSync(f.replace(/\\.yaml$/,'.json'),JSON.stringify(YAML.parse(fs.readFileSync(f,'utf8'))))}")
    require(lambda: _node_tool("yaml"))
    subprocess.run(["node", "-e", script, *map(str, files)], check=True, cwd=REPO_ROOT, timeout=120)


def test_ajv_and_check_jsonschema_agree_with_okrsite_on_valid_and_invalid_files_of_every_kind(exported, tmp_path):
    ajv = require(lambda: _node_tool("ajv"))
    checker = require(_check_jsonschema)
    cases: dict[str, list[tuple[str, Path, bool]]] = {}
    valid_files = _site_files(tmp_path)
    assert set(valid_files) == {n for n in SCHEMA_NAMES if n != "common"}
    data = tmp_path / "data"
    data.mkdir()
    for kind, files in valid_files.items():
        for index, (label, text) in enumerate(files):
            path = data / f"{kind}-valid-{index}.yaml"
            path.write_text(text, encoding="utf-8")
            cases.setdefault(kind, []).append((f"{label} (valid)", path, True))
    for index, (kind, what, old, new) in enumerate(INVALID):
        text = valid_files[kind][-1][1]
        assert old in text, (kind, what)
        path = data / f"{kind}-invalid-{index}.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        cases[kind].append((what, path, False))
    _to_json_with_yaml12([path for entries in cases.values() for _, path, _ in entries])

    for kind, entries in cases.items():
        schema_file = str(exported / f"{kind}.json")
        for what, path, expected in entries:
            parsed, source, problems = parse_yaml(path.read_text("utf-8"), path.name)
            assert not problems
            assert (validate_data(parsed or {}, source, kind) == []) is expected, f"okrsite: {kind}: {what}"
        run = subprocess.run([str(ajv), "validate", "--spec=draft2020", "--strict=true", "-c", "ajv-formats",
                              "--errors=line", "-s", schema_file,
                              *(arg for _, path, _ in entries for arg in ("-d", str(path.with_suffix(".json"))))],
                             capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
        output = run.stdout + run.stderr
        for what, path, expected in entries:
            verdict = f"{path.with_suffix('.json')} {'valid' if expected else 'invalid'}"
            assert verdict in output.splitlines() or any(line.startswith(verdict + " ") for line in output.splitlines()), \
                f"ajv: {kind}: {what}: {output}"
        run = subprocess.run([*checker, "-o", "JSON", "--schemafile", schema_file,
                              *(str(path) for _, path, _ in entries)],
                             capture_output=True, text=True, timeout=120)
        report = json.loads(run.stdout)
        assert report["parse_errors"] == [], report
        failed = {error["filename"] for error in report["errors"]}
        for what, path, expected in entries:
            assert (str(path) not in failed) is expected, f"check-jsonschema: {kind}: {what}: {report}"
