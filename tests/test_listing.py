"""okrsite.views.listing: how much of a long list a page shows at once (section 14)."""

from __future__ import annotations

from okrsite.views.listing import LIMIT, STATUS_ORDER, bounded, by_status, by_title


def rows(n: int, group=lambda i: i % 3) -> list[dict]:
    return [{"id": f"r{i}", "g": group(i)} for i in range(n)]


def test_a_short_list_is_one_open_group_in_its_own_order():
    result = bounded(rows(LIMIT), lambda r: r["g"], caption="Things")
    assert result["grouped"] is False
    assert result["total"] == result["shown"] == LIMIT
    (group,) = result["groups"]
    assert group["open"] and group["caption"] == "Things"
    assert [r["id"] for r in group["rows"]] == [f"r{i}" for i in range(LIMIT)]


def test_a_long_list_is_grouped_and_only_the_first_groups_open():
    # groups of 20, 20, 20, 1: the first two (40) open, the third would make 60
    data = rows(61, group=lambda i: min(i // 20, 3))
    result = bounded(data, lambda r: r["g"], label=lambda g: f"G{g}", caption="Things")
    assert result["grouped"] is True
    assert [(g["label"], g["count"], g["open"]) for g in result["groups"]] == [
        ("G0", 20, True), ("G1", 20, True), ("G2", 20, False), ("G3", 1, False)]
    assert result["shown"] == 40 and result["total"] == 61
    assert result["groups"][0]["caption"] == "Things: G0"
    assert sum(g["count"] for g in result["groups"] if g["open"]) <= LIMIT


def test_a_first_group_over_the_limit_is_collapsed_too():
    data = rows(80, group=lambda i: 0 if i < 70 else 1)
    result = bounded(data, lambda r: r["g"])
    assert [(g["count"], g["open"]) for g in result["groups"]] == [(70, False), (10, False)]
    assert result["shown"] == 0


def test_group_order_and_row_order():
    data = [{"id": i, "g": "b" if i % 2 else "a"} for i in range(60)]
    result = bounded(data, lambda r: r["g"], order=lambda g: {"b": 0, "a": 1}[g])
    assert [g["key"] for g in result["groups"]] == ["b", "a"]
    assert [r["id"] for r in result["groups"][0]["rows"]] == list(range(1, 60, 2))  # kept in order


def test_always_group_groups_a_short_list_with_every_group_open():
    result = bounded(rows(5), lambda r: r["g"], always_group=True)
    assert result["grouped"] and all(g["open"] for g in result["groups"])
    assert [g["count"] for g in result["groups"]] == [2, 2, 1]


def test_status_groups_put_attention_first():
    statuses = ["done", "planned", "at-risk", "in-progress", "blocked", "dropped", "candidate"] * 10
    data = [{"id": i, "status_value": s} for i, s in enumerate(statuses)]
    result = by_status(data, {"at-risk": "At risk"}, caption="Ms")
    assert [g["key"] for g in result["groups"]] == list(STATUS_ORDER)
    assert result["groups"][0]["label"] == "At risk" and result["groups"][1]["label"] == "blocked"


def test_by_title_is_natural():
    items = [("b", "Release v1.37"), ("a", "Release v1.7"), ("c", "Release v1.10")]
    assert [i[1] for i in by_title(items, lambda i: i[1], lambda i: i[0])] == [
        "Release v1.7", "Release v1.10", "Release v1.37"]


def test_closed_groups_start_collapsed_and_let_the_next_ones_open():
    """The home page lists at-risk and blocked milestones under "Needs attention": below, their
    groups start collapsed, and the groups after them open as if they were not there."""
    statuses = ["at-risk"] * 10 + ["blocked"] * 4 + ["in-progress"] * 22 + ["planned"] * 31 + ["done"] * 5
    data = [{"id": i, "status_value": s} for i, s in enumerate(statuses)]
    result = by_status(data, {}, closed=("at-risk", "blocked"))
    assert [(g["key"], g["open"]) for g in result["groups"]] == [
        ("at-risk", False), ("blocked", False), ("in-progress", True), ("planned", False), ("done", False)]
    assert result["shown"] == 22
    assert [(g["key"], g["open"]) for g in by_status(data, {})["groups"]][:4] == [
        ("at-risk", True), ("blocked", True), ("in-progress", True), ("planned", False)]
