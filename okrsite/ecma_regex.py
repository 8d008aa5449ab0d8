"""JSON Schema `pattern`s with the meaning JSON Schema gives them: ECMA-262 regular expressions.

Python's `re` reads the same text differently in ways that matter for hostile input: `$` also
matches before a final newline (so `^[a-z]+$` accepts "account-cache\\n"), `.` matches "\\r",
and `\\d`, `\\w`, `\\b` and `\\s` take in Unicode digits, letters and spaces. `compile` rewrites an
ECMA-262 pattern (no flags, the syntax of JSON Schema's `pattern`) into a Python pattern that
matches exactly the same strings, so okrsite, ajv, check-jsonschema and editors agree.
Constructs with no faithful translation raise ValueError instead of matching differently.
"""

from __future__ import annotations

import re
from functools import lru_cache

# ECMA-262 WhiteSpace and LineTerminator: what `\s` matches there.
_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_LINE_END = "\n\r\u2028\u2029"
_CLASS_ESCAPES = {"d": r"\d", "D": r"\D", "w": r"\w", "W": r"\W", "b": r"\x08"}  # with re.ASCII
_CONTROL_ESCAPES = {"t": r"\t", "n": r"\n", "r": r"\r", "v": r"\x0b", "f": r"\x0c"}
_HEX = frozenset("0123456789abcdefABCDEF")


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The escape sequence starting at pattern[i] == "\\" -> (Python text, index after it)."""
    if i + 1 >= len(pattern):
        raise ValueError("a pattern cannot end with a backslash")
    c = pattern[i + 1]
    end = i + 2
    if c == "s":
        return (_SPACE if in_class else f"[{_SPACE}]"), end
    if c == "S":
        if in_class:
            raise ValueError(r"\S inside a character class is not supported")
        return f"[^{_SPACE}]", end
    if c in "dDwW":
        return _CLASS_ESCAPES[c], end
    if c == "b":
        return (r"\x08" if in_class else r"\b"), end
    if c == "B":
        if in_class:
            return "B", end
        return r"\B", end
    if c in _CONTROL_ESCAPES:
        return _CONTROL_ESCAPES[c], end
    if c == "c" and end < len(pattern) and pattern[end].isascii() and pattern[end].isalpha():
        return f"\\x{ord(pattern[end]) % 32:02x}", end + 1
    if c == "0" and not (end < len(pattern) and pattern[end].isdigit()):
        return r"\x00", end
    if c == "x" and len(pattern) >= end + 2 and set(pattern[end:end + 2]) <= _HEX:
        return f"\\x{pattern[end:end + 2]}", end + 2
    if c == "u" and len(pattern) >= end + 4 and set(pattern[end:end + 4]) <= _HEX:
        return f"\\u{pattern[end:end + 4]}", end + 4
    if c.isdigit():
        if in_class:
            raise ValueError("an octal or numbered escape inside a character class is not supported")
        j = end
        while j < len(pattern) and pattern[j].isdigit():
            j += 1
        return f"(?:\\{pattern[i + 1:j]})", j  # a back-reference
    if c == "k" and end < len(pattern) and pattern[end] == "<":
        close = pattern.find(">", end)
        if close < 0:
            raise ValueError(r"unterminated \k<name>")
        return f"(?P={pattern[end + 1:close]})", close + 1
    if c.isalnum() or c == "_":
        raise ValueError(f"unknown escape \\{c}")
    return re.escape(c), end  # an identity escape: \/ \. \- \$ ...


def _class(pattern: str, i: int) -> tuple[str, int]:
    """The character class starting at pattern[i] == "[" -> (Python text, index after it)."""
    j = i + 1
    negated = j < len(pattern) and pattern[j] == "^"
    if negated:
        j += 1
    if j < len(pattern) and pattern[j] == "]":  # ECMA: [] matches nothing, [^] anything
        return (r"[\s\S]" if negated else "(?!)"), j + 1
    parts: list[str] = []
    while j < len(pattern) and pattern[j] != "]":
        c = pattern[j]
        if c == "\\":
            text, j = _escape(pattern, j, in_class=True)
            parts.append(text)
            continue
        # literal in an ECMA class; Python reads "[", "&&", "~~", "||" as (future) set syntax
        parts.append("\\" + c if c in "[&~|" else c)
        j += 1
    if j >= len(pattern):
        raise ValueError("unterminated character class")
    return "[" + ("^" if negated else "") + "".join(parts) + "]", j + 1


def translate(pattern: str) -> str:
    """An ECMA-262 pattern -> Python `re` text (to be compiled with re.ASCII) of the same meaning."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i, in_class=False)
            out.append(text)
            continue
        if c == "[":
            text, i = _class(pattern, i)
            out.append(text)
            continue
        if c == "$":
            out.append(r"\Z")  # the very end, not also before a final newline
        elif c == ".":
            out.append(f"[^{_LINE_END}]")
        elif c == "(" and pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")  # a named group
            i += 3
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def compile(pattern: str) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """The compiled Python equivalent of an ECMA-262 pattern; use `.search` as JSON Schema does."""
    try:
        return re.compile(translate(pattern), re.ASCII)
    except re.error as err:
        raise ValueError(f"pattern {pattern!r}: {err}") from None
