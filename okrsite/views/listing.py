"""Bounded lists: how much of a list that may hold hundreds of items a page shows at once.

Section 14: no page grows without limit. A list of at most `LIMIT` items is shown whole. A
longer one is split into groups (by quarter newest first, by status, by kind, ...); the first
groups are open while together they hold at most `LIMIT` items, the others are collapsed in
`<details>` (which works without JavaScript) with their label and count in the summary. The
decision is made here, in Python, so templates only render it.
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterable

from okrsite.natural import natural_key

LIMIT = 50

# The order of status groups: what needs attention first, what is finished last.
STATUS_ORDER = ("at-risk", "blocked", "in-progress", "planned", "candidate", "done", "dropped")


def bounded(rows: Iterable, group_of: Callable[[object], Hashable], *, label: Callable[[Hashable], str] = str,
            order: Callable[[Hashable], object] | None = None, caption: str = "", limit: int = LIMIT,
            always_group: bool = False, closed: Iterable[Hashable] = ()) -> dict:
    """`rows` (already in display order) as one list, or as groups when there are more than `limit`.

    `group_of(row)` gives a row's group key; groups are ordered by `order(key)` (default: the
    order in which their first row comes) and keep their rows' order. With `always_group`, a
    short list is grouped too (all groups open). Groups whose key is in `closed` start collapsed
    and do not stop the groups after them from opening (the page shows their rows elsewhere, as
    the home page does with "Needs attention"). Returns
    `{"total", "grouped", "shown", "groups": [{"key", "label", "count", "rows", "open", "caption"}]}`.
    """
    rows = list(rows)
    total = len(rows)
    if total <= limit and not always_group:
        return {"total": total, "grouped": False, "shown": total,
                "groups": [{"key": "", "label": "", "count": total, "rows": rows, "open": True,
                            "caption": caption}]}
    buckets: dict = {}
    for row in rows:
        buckets.setdefault(group_of(row), []).append(row)
    keys = sorted(buckets, key=order) if order is not None else list(buckets)
    groups, shown, opening, closed = [], 0, True, set(closed)
    for key in keys:
        members = buckets[key]
        is_open = key not in closed and opening and shown + len(members) <= limit
        if is_open:
            shown += len(members)
        elif key not in closed:
            opening = False  # later groups stay closed too: the open ones are the first ones
        text = label(key)
        groups.append({"key": str(key), "label": text, "count": len(members), "rows": members,
                       "open": is_open, "caption": f"{caption}: {text}" if caption else text})
    return {"total": total, "grouped": True, "shown": shown, "groups": groups}


def by_status(rows: Iterable[dict], labels: dict, caption: str = "", limit: int = LIMIT,
              closed: Iterable[str] = ()) -> dict:
    """Milestone rows (views.milestone_row) grouped by status, attention first."""
    return bounded(rows, lambda row: row["status_value"], label=lambda s: labels.get(s, s),
                   order=lambda s: (STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER), s),
                   caption=caption, limit=limit, closed=closed)


def by_title(items: Iterable, title: Callable[[object], str], ident: Callable[[object], str] = lambda i: "") -> list:
    """Items in the natural order of their titles (ties by id): v1.9 before v1.10."""
    return sorted(items, key=lambda item: (natural_key(title(item)), natural_key(ident(item))))
