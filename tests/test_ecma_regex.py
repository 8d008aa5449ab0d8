"""okrsite applies JSON Schema `pattern`s as ECMA-262 does, checked against a real ECMA-262 engine
(regress, the Rust `regress` crate that check-jsonschema uses), and Python-side id checks are
complete matches: a final newline never passes for the end of a string.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import regress  # the ECMA-262 engine check-jsonschema uses (test extra)
from hypothesis import given, settings
from hypothesis import strategies as st

from okrsite import ecma_regex
from okrsite.validate import SCHEMA_NAMES, bundled, schema, validator

PACKAGE = Path(__file__).resolve().parents[1] / "okrsite"


def _schema_patterns() -> list[str]:
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in SCHEMA_NAMES:
        walk(bundled(name))
    for path in (PACKAGE / "schemas").glob("*.json"):
        walk(schema(path.stem))
    return sorted(found)


# Patterns that exercise each difference between ECMA-262 and Python's re.
EXTRA = [r"^\d+$", r"^\w+$", r"^\s*$", r"\S", r"a.c", r"\bab\b", r"^[\s\d]+$", r"[]", r"[^]", r"x$", r"^$",
         r"(?<y>[0-9]{4})-\k<y>", r"\u00e9", r"\x41", r"[\b]", r"^[^\n]*$", r"a|b$", r"\/\.", r"[a-z&&[x]"]
PATTERNS = _schema_patterns() + EXTRA
TEXT = st.text(alphabet=st.sampled_from(list("az09-_Q/.{}:é ") + ["\n", "\r", "\t", "\u2028", "\xa0", "\u0663",
                                                                     "\x08", "A", "x", "\ufeff"]), max_size=12)


def test_every_pattern_of_the_schemas_is_covered():
    assert r"^[a-z0-9]+(-[a-z0-9]+)*$" in PATTERNS
    assert any("-Q[1-4]" in pattern for pattern in PATTERNS)  # the quarter's
    assert len(_schema_patterns()) >= 6


@settings(max_examples=400, deadline=None)
@given(pattern=st.sampled_from(PATTERNS), text=TEXT)
def test_patterns_match_exactly_what_an_ecma_262_engine_matches(pattern, text):
    expected = regress.Regex(pattern, "u").find(text) is not None
    assert (ecma_regex.compile(pattern).search(text) is not None) == expected


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", ["account-cache", "account-cache\n", "2026-Q2\n", "\n", "a\nb", "٢٠٢٦-Q2"])
def test_final_newlines_and_unicode_digits_are_judged_as_ecma_262_does(pattern, text):
    expected = regress.Regex(pattern, "u").find(text) is not None
    assert (ecma_regex.compile(pattern).search(text) is not None) == expected


@pytest.mark.parametrize("pattern", [r"\q", "[a", "a\\", r"[\S]"])
def test_what_cannot_be_translated_faithfully_is_refused(pattern):
    with pytest.raises(ValueError):
        ecma_regex.compile(pattern)


@pytest.mark.parametrize("kind, document", [
    ("milestone", {"id": "account-cache\n", "title": "M", "type": "epic", "key_results": ["o/kr1"]}),
    ("objective", {"title": "O", "quarter": "2026-Q2\n", "key_results": [{"id": "kr1", "title": "K"}]}),
    ("team", {"id": "platform\n", "name": "T"}),
    ("page", {"id": "about\n", "title": "P"}),
    ("task", {"title": "T", "milestone": "m\n"}),
    ("config", {"title": "T", "language": "en\n"}),
])
def test_jsonschema_validation_refuses_a_final_newline(kind, document):
    assert not validator(kind).is_valid(document)
    assert validator(kind).is_valid({k: v.rstrip("\n") if isinstance(v, str) else v for k, v in document.items()})


def _anchored_with_dollar() -> list[str]:
    """Regular expressions in okrsite's code that end with "$" (and are no MULTILINE search)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in ("compile", "match", "search", "fullmatch") and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            flags = ast.unparse(node.args[1]) if len(node.args) > 1 else ""
            flags += " ".join(ast.unparse(k.value) for k in node.keywords)
            if re.search(r"(?<!\\)\$", first.value) and "MULTILINE" not in flags and "re.M" not in flags:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {first.value}")
    return found


def test_no_python_regex_of_okrsite_anchors_with_a_dollar_sign():
    """`$` also matches before a final newline in Python: anchor with \\Z (or use fullmatch)."""
    assert _anchored_with_dollar() == []


def test_ids_from_the_command_line_and_file_names_are_matched_completely():
    from okrsite.calendar import Calendar
    from okrsite.link import ID_PATTERN
    import datetime as dt

    assert ID_PATTERN.match("m9") and not ID_PATTERN.match("m9\n")
    calendar = Calendar(1, dt.date(2026, 1, 5), 14)
    assert calendar.sprint("s5") is not None and calendar.sprint("s5\n") is None
    assert calendar.quarter("2026-Q2") is not None and calendar.quarter("2026-Q2\n") is None


def test_the_message_says_to_remove_the_line_break():
    from okrsite.load import parse_yaml
    from okrsite.validate import validate_data

    data, source, _ = parse_yaml('title: O\nquarter: "2026-Q2\\n"\nkey_results: [{id: kr1, title: K}]\n', "o.md")
    [diagnostic] = validate_data(data, source, "objective")
    assert diagnostic.message == ("quarter: a quarter is written YYYY-Qn, like 2026-Q2 (years 1900 to 2199); "
                                  "remove the line break at its end")
    assert (diagnostic.location.line, diagnostic.location.column) == (2, 10)
