"""Author text between directional isolates, so its direction never leaks into what follows.

A title ending in U+202E RIGHT-TO-LEFT OVERRIDE reverses the rest of its line ("Build trust ·
Matchmaking · Carol" turns into nonsense), and a Hebrew or Arabic name reorders the punctuation
and numbers written after it. `isolate()` wraps text that holds such characters in U+2068 FIRST
STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE: like HTML's <bdi>, the text takes the direction
of its own first strong letter and every embedding, override or isolate it opens ends at the PDI.
Unlike <bdi> it works everywhere author text goes: HTML text, attribute values (tooltips,
aria-label), the page <title>, and SVG text and tooltips. Text without right-to-left letters or
bidi controls (most text) is returned unchanged, so plain output stays byte for byte the same.
"""

from __future__ import annotations

import re

FSI, PDI = "\u2068", "\u2069"

# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ..., their presentation forms and
# the historic ones of plane 1) and the bidi formatting characters: ALM, LRM, RLM, LRE, RLE,
# PDF, LRO, RLO, LRI, RLI, FSI, PDI.
_NEEDS_ISOLATE = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ISOLATE_CONTROLS = re.compile("[\u2066-\u2069]")


def isolate(text: str) -> str:
    """`text` wrapped in FSI ... PDI when its direction could leak; unchanged otherwise.

    Each line separately: a line break ends every isolate. The text's own isolates are balanced first: a stray PDI would close ours early and let what
    follows it leak, and an isolate left open would swallow ours."""
    if text.isascii() or not _NEEDS_ISOLATE.search(text):  # (isascii: a flag CPython keeps, no scan)
        return text
    if "\n" in text:  # a line break ends every isolate: each line is isolated on its own
        return "\n".join(isolate(line) for line in text.split("\n"))
    depth = 0
    if _ISOLATE_CONTROLS.search(text):
        kept = []
        for char in text:
            if char in "\u2066\u2067\u2068":
                depth += 1
            elif char == PDI:
                if not depth:
                    continue  # would close our isolate
                depth -= 1
            kept.append(char)
        text = "".join(kept)
    return FSI + text + PDI * depth + PDI
