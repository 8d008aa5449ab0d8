"""Natural order for ids and titles that hold numbers: v1.9 before v1.10, KEP-127 before KEP-1234.

The one sort key every list a reader sees uses when it orders by id or title. Digit runs
compare as numbers (by length without leading zeros, then digit by digit, so an author's
10,000-digit number costs no int conversion), other text case-insensitively; the text itself
breaks the remaining ties, so the order is total and deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"([0-9]+)")


@lru_cache(maxsize=65536)
def natural_key(text: str) -> tuple:
    parts = _DIGITS.split(text.casefold())
    key = []
    for index, part in enumerate(parts):
        if index % 2:  # a digit run: odd positions of re.split with one group
            digits = part.lstrip("0")
            key.append((len(digits), digits, len(part)))
        else:
            key.append(part)
    return tuple(key), text


def natural_sorted(items, key=lambda item: item):
    """`items` sorted by the natural order of `key(item)` (a string)."""
    return sorted(items, key=lambda item: natural_key(key(item)))
