"""okrsite.markdown: CommonMark plus tables, task lists, heading anchors and `[[id]]` links."""

from __future__ import annotations

import pytest
from support import parse_html_text

from okrsite import markdown

TITLES = {"share-referrals": "Share referrals", "build-trust/kr1": "Double weekly ratings"}


def resolve_id(target):
    if target in TITLES:
        return f"../../ids/{target}/index.html", TITLES[target]
    return None


def resolve_href(href):
    path, _, fragment = href.partition("#")
    if path.endswith(".md"):
        return "../../pages/page/index.html" + (f"#{fragment}" if fragment else "")
    return None


ENV = {"resolve_id": resolve_id, "resolve_href": resolve_href}


def render(text: str, env: dict | None = None):
    return parse_html_text(markdown.render(text, ENV if env is None else env))


def all_hrefs(doc) -> list[str]:
    return [a.get("href") for a in doc.find_all("a")]


# --- CommonMark and extensions -----------------------------------------------------------

def test_commonmark_emphasis_code_and_lists():
    doc = render("Some *em*, **strong** and `code`.\n\n1. one\n2. two\n")
    assert doc.find("em").text == "em"
    assert doc.find("strong").text == "strong"
    assert doc.find("code").text == "code"
    assert [li.text for li in doc.find("ol").find_all("li")] == ["one", "two"]


def test_tables():
    doc = render("| a | b |\n| --- | --- |\n| 1 | 2 |\n")
    table = doc.find("table")
    assert [th.text for th in table.find_all("th")] == ["a", "b"]
    assert [td.text for td in table.find_all("td")] == ["1", "2"]


def test_tables_scroll_in_their_own_focusable_box():
    doc = render("Before\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nAfter\n")
    box = doc.find("div", class_="md-table")
    assert box is not None and box.get("tabindex") == "0" and "table-scroll" in box.get("class")
    assert box.find("table") is not None
    assert [p.text for p in doc.find_all("p")] == ["Before", "After"]  # nothing else wrapped


# --- [[id|text]] in a table cell: markdown-it splits rows on `|` before inline rules run ------

TABLE = """\
| Stage | Milestone | Note |
| --- | --- | --- |
| alpha | [[share-referrals|the referrals epic]] | `code\\|pipe` |
| beta | [[build-trust/kr1]] and [[share-referrals\\|escaped]] | x \\| y |
| code | `[[share-referrals|in code]]` | [[nowhere|no such id]] |
"""


def test_wikilink_with_text_inside_a_table_cell():
    doc = render(TABLE)
    rows = [[cell for cell in tr.find_all("td")] for tr in doc.find("tbody").find_all("tr")]
    assert [len(r) for r in rows] == [3, 3, 3]  # no cell was split by a link's `|`
    first = rows[0][1].find("a")
    assert (first.text, first.get("href")) == ("the referrals epic", "../../ids/share-referrals/index.html")
    assert rows[0][2].text == "code|pipe"  # an escaped pipe in code, as GFM has it
    assert [a.text for a in rows[1][1].find_all("a")] == ["Double weekly ratings", "escaped"]
    assert rows[1][2].text == "x | y"
    assert rows[2][1].find("code").text == "[[share-referrals|in code]]"  # code: not a link
    assert rows[2][2].find("span", class_="broken-link").text == "no such id"
    assert "[[" not in rows[0][1].text


def test_link_extraction_agrees_with_rendering_in_table_cells():
    lines = TABLE.split("\n")
    refs = markdown.extract_links(TABLE, "content/pages/p.md")
    written = [(r.target, r.line, lines[r.line - 1][r.column - 1:r.column - 1 + r.length]) for r in refs]
    assert written == [
        ("share-referrals", 3, "[[share-referrals|the referrals epic]]"),
        ("build-trust/kr1", 4, "[[build-trust/kr1]]"),
        ("share-referrals", 4, "[[share-referrals\\|escaped]]"),
        ("nowhere", 5, "[[nowhere|no such id]]"),
    ]


def test_pipes_of_links_outside_tables_code_blocks_and_nul_are_untouched():
    text = "Para [[share-referrals|text]] a|b\n\n```\n[[x|y]] | z\n```\n\nNUL \x00 [[a|b]]\n"
    html = markdown.render(text, ENV)
    assert "[[x|y]] | z" in html  # a code block as written
    assert "\ufffd" in html and "\x00" not in html  # markdown-it's own NUL handling still applies
    assert '<a href="../../ids/share-referrals/index.html">text</a> a|b' in html


def test_a_wikilink_escaped_like_a_table_pipe_works_in_prose_too():
    doc = render("See [[share-referrals\\|the epic]].\n")
    assert doc.find("a").text == "the epic"
    (ref,) = markdown.extract_links("See [[share-referrals\\|the epic]].\n", "content/pages/p.md")
    assert (ref.target, ref.column, ref.length) == ("share-referrals", 5, 29)


def test_task_lists_are_disabled_checkboxes():
    doc = render("- [x] done\n- [ ] open\n")
    boxes = doc.find_all("input", type="checkbox")
    assert len(boxes) == 2
    assert all("disabled" in box for box in boxes)
    assert ["checked" in box for box in boxes] == [True, False]


def test_strikethrough():
    assert render("~~gone~~").find("s").text == "gone"


def test_headings_get_anchors():
    doc = render("## Why it matters\n\n### Next steps!\n")
    assert doc.find("h2").id == "why-it-matters"
    assert doc.find("h3").id == "next-steps"


def test_repeated_headings_get_distinct_anchors():
    doc = render("## Notes\n\n## Notes\n")
    ids = [h.id for h in doc.find_all("h2")]
    assert len(set(ids)) == 2 and ids[0] == "notes"


def test_reserved_ids_are_not_reused_by_headings():
    doc = render("## Tasks\n\n## Tasks\n", {**ENV, "ids": {"tasks", "main"}})
    ids = [h.id for h in doc.find_all("h2")]
    assert "tasks" not in ids and len(set(ids)) == 2


def test_heading_anchor_keeps_unicode_letters():
    assert markdown.slugify("Überblick – Ziele") == "überblick-ziele"
    assert markdown.slugify("!!!") == "section"


def test_crlf_and_tabs_are_accepted():
    doc = render("line one\r\nline two\r\n\r\n## Head\r\n\r\n-\titem\r\n")
    assert doc.find("p").text == "line one line two"
    assert doc.find("h2").id == "head"
    assert doc.find("li").text == "item"


def test_empty_text_renders_nothing():
    assert markdown.render("  \n", ENV) == ""


# --- [[id]] and relative .md links -------------------------------------------------------

def test_wikilink_uses_the_entity_title():
    a = render("See [[share-referrals]].").find("a")
    assert a.get("href") == "../../ids/share-referrals/index.html"
    assert a.text == "Share referrals"


def test_wikilink_with_text():
    a = render("See [[build-trust/kr1|the first KR]].").find("a")
    assert a.get("href") == "../../ids/build-trust/kr1/index.html"
    assert a.text == "the first KR"


def test_unresolved_wikilink_is_marked_not_linked():
    doc = render("See [[nope]].")
    assert doc.find("a") is None
    assert doc.find("span", class_="broken-link").text == "nope"


def test_wikilink_inside_code_is_not_a_link():
    assert render("`[[share-referrals]]`").find("a") is None


def test_relative_md_link_becomes_the_page_url():
    a = render("[the notes](../pages/notes.md#top-part)").find("a")
    assert a.get("href") == "../../pages/page/index.html#top-part"
    assert a.text == "the notes"


def test_other_links_are_kept_and_external_ones_get_noopener():
    doc = render("[ext](https://example.org/x) [mail](mailto:a@example.org) [frag](#here)")
    links = {a.text: a for a in doc.find_all("a")}
    assert links["ext"].get("href") == "https://example.org/x"
    assert links["ext"].get("rel") == "noopener"
    assert links["mail"].get("rel") is None
    assert links["frag"].get("href") == "#here"


@pytest.mark.parametrize("href, expected", [
    ("../milestones/share-referrals.md", "content/milestones/share-referrals.md"),
    ("share-referrals.md#tasks", "content/objectives/share-referrals.md"),
    ("sub/a%20b.md", "content/objectives/sub/a b.md"),
    ("https://example.org/x.md", None),
    ("/content/x.md", None),
    ("#anchor", None),
    ("../milestones/picture.png", None),
])
def test_relative_md_target(href, expected):
    assert markdown.relative_md_target(href, "content/objectives/build-trust.md") == expected


def test_extract_links_reports_line_and_column():
    text = "para\nsee [[a]] and [b](../milestones/b.md) ok\n\n- [[c|d]]\n"
    refs = markdown.extract_links(text, "content/objectives/x.md")
    assert [(r.kind, r.target, r.line, r.column) for r in refs] == [
        ("wiki", "a", 2, 5), ("file", "content/milestones/b.md", 2, 19), ("wiki", "c", 4, 3)]


@pytest.mark.parametrize("text, expected", [
    ("| a | b |\n|---|---|\n| x \\| [[q]] | [z](q.md) [[r]] |\n",           # cells, an escaped pipe
     [("wiki", 3, "[[q]]"), ("file", 3, "q.md"), ("wiki", 3, "[[r]]")]),
    ("| [[a]] | [[a]] |\n|--|--|\n", [("wiki", 1, "[[a]]"), ("wiki", 1, "[[a]]")]),
    ("# Head [[h]] #\n\n> quote [a](b.md)\n> more [[m]]\n",                    # closing #s, quotes
     [("wiki", 1, "[[h]]"), ("file", 3, "b.md"), ("wiki", 4, "[[m]]")]),
    ("- item\n  continued [[x]]\n    - deeper [[y]]\n", [("wiki", 2, "[[x]]"), ("wiki", 3, "[[y]]")]),
    ("1. a\tb [[t]]\n", [("wiki", 1, "[[t]]")]),
    ("[x](\n  foo.md)\n\n[y](<a b.md>) [z][r]\n\n[r]: r.md\n",              # destination on the next line,
     [("file", 2, "foo.md"), ("file", 4, "a b.md"), ("file", 4, "[z][r]")]),   # <...>, a reference link
    ("   lead [[l]]   \n", [("wiki", 1, "[[l]]")]),
    ("Setext [[s]]\n===\n", [("wiki", 1, "[[s]]")]),
])
def test_extract_links_places_each_link_where_it_is_written(text, expected):
    lines = text.split("\n")
    refs = markdown._extract_links(text, "content/pages/p.md")  # the parsing path, not the prose shortcut
    assert [(r.kind, r.line, lines[r.line - 1][r.column - 1:r.column - 1 + r.length]) for r in refs] == expected
    columns = [(r.line, r.column) for r in refs]
    assert columns == sorted(columns) and len(set(columns)) == len(columns)


# --- linear time: sizes at which the old quadratic scans took minutes (issue 9, items 13-14) ---

def test_many_unclosed_wikilinks_are_read_once():
    # `[[o1/kr1|` x 50,000 took 22 s when the wiki-link rule searched for `]]` from every `[[`:
    # 120,000 would take two minutes; read once, it is about a second.
    text = "[[o1/kr1|" * 120_000 + "\n\n[[missing]]\n"
    refs = markdown.extract_links(text, "content/pages/p.md")
    assert [(r.target, r.line, r.column) for r in refs] == [("missing", 3, 1)]
    assert markdown.render(text, {}).endswith('<p><span class="broken-link">missing</span></p>\n')


def test_many_open_brackets_are_read_once():
    # 160,000 `[` took 27 s; 350,000 would take two minutes.
    text = "[" * 350_000 + "\n\nsee [[missing]]\n"
    refs = markdown.extract_links(text, "content/pages/p.md")
    assert [(r.target, r.line, r.column) for r in refs] == [("missing", 3, 5)]
    assert markdown.render(text, {}).startswith("<p>" + "[" * 350_000 + "</p>\n<p>see <span")


def test_many_uses_of_one_link_reference_are_placed_without_rescanning():
    # Each `[x][r]` used to be searched for from its line to the end of the file (its text is not
    # in the line): 18,000 uses took 20 s, 30,000 would take a minute.
    uses = 30_000
    text = "[r]: other.md\n\n" + "[x][r]\n" * uses
    refs = markdown.extract_links(text, "content/pages/p.md")
    assert len(refs) == uses
    assert [(r.line, r.column, r.length) for r in refs[:2]] == [(3, 1, 6), (4, 1, 6)]
    assert refs[-1].line == uses + 2


def test_the_cells_of_a_long_table_row_are_placed_in_one_pass():
    # Each cell (with `\\|`, which the parser reads) was looked for in a copy of the rest of its
    # line: 20,000 cells took 2.5 s, 60,000 about 25 s; in one pass, about 2 s.
    cells = 60_000
    text = "|" + "[[a|b]]|" * cells + "\n|" + "-|" * cells + "\n|" + "[[c]] \\||" * cells
    refs = markdown.extract_links(text, "content/pages/p.md")
    assert len(refs) == 2 * cells
    assert [(r.target, r.line, r.column, r.length) for r in (refs[0], refs[cells], refs[-1])] == [
        ("a", 1, 2, 7), ("c", 3, 2, 5), ("c", 3, 2 + 9 * (cells - 1), 5)]


def test_thirty_thousand_equal_headings_are_numbered_in_one_pass():
    # Each repeated heading searched for a free number from -1 up: 30,000 "## Same" took minutes.
    doc = render("## Same\n\n" * 30_000)
    ids = [h.get("id") for h in doc.find_all("h2")]
    assert ids[:3] == ["same", "same-1", "same-2"] and ids[-1] == "same-29999" and len(set(ids)) == 30_000


def test_equal_headings_in_many_texts_of_one_page_are_numbered_in_one_pass():
    # One page, 20,000 Markdown texts (KR descriptions) with the same heading: the page's shared
    # set was searched from -1 for each.
    env = {**ENV, "ids": {"notes", "notes-1"}, "id_counters": {}}
    ids = [parse_html_text(markdown.render("## Notes\n", env)).find("h2").get("id") for _ in range(20_000)]
    assert ids[:2] == ["notes-2", "notes-3"] and ids[-1] == "notes-20001"


# --- nothing an author writes becomes markup ---------------------------------------------

@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "inline <b onclick=alert(1)>bold</b> html",
    "<iframe src='https://evil.example'></iframe>",
    "<!-- comment --><style>body{}</style>",
])
def test_raw_html_is_escaped(text):
    html = markdown.render(text, ENV)
    doc = parse_html_text(html)
    assert not doc.find_all(("script", "img", "b", "iframe", "style"))
    assert "&lt;" in html


@pytest.mark.parametrize("text", [
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](javascript:alert(1))",
    "[[share-referrals|x]] [y](javascript:alert(1))",
])
def test_script_urls_never_become_links(text):
    doc = render(text)
    for el in doc.iter():
        for attr in ("href", "src"):
            value = (el.get(attr) or "").replace("\t", "").replace("\n", "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:text")), el


def test_wikilink_text_is_escaped():
    doc = render("[[share-referrals|<img src=x onerror=alert(1)>]]")
    assert doc.find("img") is None
    assert doc.find("a").text == "<img src=x onerror=alert(1)>"


def test_link_title_attribute_cannot_break_out():
    doc = render('[x](https://example.org "a\\" onmouseover=\\"alert(1)")')
    a = doc.find("a")
    assert "onmouseover" not in a.attrs


def test_page_id_tracking_does_not_change_the_markup_otherwise():
    text = "## One\n\ntext\n\n### Two\n"
    assert markdown.render(text, {**ENV, "ids": set()}) == markdown.render(text, ENV)


def test_rendering_never_changes_the_cached_tokens():
    text = "[notes](../pages/notes.md) and [ext](https://example.org)\n\n## Head\n"
    before = markdown.extract_links(text, "content/objectives/x.md")
    first = markdown.render(text, ENV)
    assert 'href="../../pages/page/index.html"' in first
    # The link stage runs again (serve rebuilds) and another page renders the same text.
    assert markdown.extract_links(text, "content/objectives/x.md") == before
    other = markdown.render(text, {"resolve_href": lambda href: "elsewhere.html" if href.endswith(".md") else None,
                                   "ids": {"head"}})
    assert 'href="elsewhere.html"' in other and 'id="head-1"' in other
    assert markdown.render(text, ENV) == first


# --- the parse-free path for prose with [[id]] links must agree with markdown-it ---------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "word ", "Two words. ", "\n", "\n\n", "# ", "- ", "1. ", "> ", "*", "_", "    ", "\t", "[[a]]",
    "[[b-c|text]]", "[[ ]]", "[[", "]]", "[", "]", "`", "~~~\n", "|", "\\", "<b>", "&amp;", ".md",
    "[x](../milestones/m.md)", "---\n", "é ", "[[d]] ",
    "[y](a.md)", "[z](../b/c.md#x)", "![i](c.md)", "(x.md)", "[t](<d.md>)", '[u](e.md "t")', "[v]()",
    "[](f.md)", "[w](g.html)", "!", "[*e*](h.md)", "[p](../../i.md?q=1)",
])

_TABLE_PIECES = st.sampled_from([
    "| a | b |\n| --- | --- |\n", "| [[a|x]] | y |\n", "| [[b-c]] | [[d|e f]] |\n", "| `[[a|c]]` | q |\n",
    "| [[a\\|t]] | \\| |\n", "word [[d|w]]\n", "\n", "| x |", " [[a]] ", "|", "[[", "]]", "`",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TABLE_PIECES, max_size=14))
def test_rendered_links_are_the_links_check_finds(pieces):
    """What `check` finds (extract_links) is what the page shows: every resolvable [[id]] the
    link stage reports renders as a link, and every link rendered was reported."""
    text = "".join(pieces)
    reported = [r.target for r in markdown.extract_links(text, "content/pages/p.md") if r.kind == "wiki"]
    resolved = []

    def resolve(target):
        resolved.append(target)
        return f"/{target}", target

    markdown.render(text, {"resolve_id": resolve})
    assert sorted(reported) == sorted(resolved)
    lines = text.split("\n")
    for ref in markdown.extract_links(text, "content/pages/p.md"):
        assert lines[ref.line - 1][ref.column - 1:].startswith("[["), (text, ref)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_plain_wikilink_fast_path_agrees_with_markdown_it(pieces):
    from okrsite.markdown import _extract_links, _plain_wikilinks

    text = "".join(pieces)
    fast = _plain_wikilinks(text, "content/objectives/o.md")
    if fast is not None:
        slow = _extract_links(text, "content/objectives/o.md")
        assert fast == slow  # the same links, at the same lines and columns, in the same order


@pytest.mark.parametrize("text", [
    "See [the objective](../objectives/o.md) and [[a]].",
    "- [one](x.md)\n- [[b|two]] then [three](../y.md#part)\n",
    "> quoted [link](z.md) here",
    "# [Heading](h.md)\n\nText [[c]] [d](d.md) [[e]]",
])
def test_plain_inline_links_are_found_without_parsing(text):
    from okrsite.markdown import _extract_links, _plain_wikilinks

    fast = _plain_wikilinks(text, "content/pages/p.md")
    assert fast is not None
    assert fast == _extract_links(text, "content/pages/p.md")


@pytest.mark.parametrize("text", [
    "![image](a.md)", "[a][b](c.md)", "[t](<d.md>)", '[u](e.md "title")', "`[x](y.md)`",
    "[t](\ny.md)", "[a [b]](c.md)", "[x](https://example.com/a.md)", "(x.md) alone",
])
def test_other_links_go_to_the_parser(text):
    from okrsite.markdown import _plain_wikilinks

    assert _plain_wikilinks(text, "content/pages/p.md") is None


@pytest.mark.parametrize("text", ["-     [[a]]", "1.      [[a]]", ">     [[a]]", "- >     [[a]]", "-\t\t[[a]]"])
def test_code_inside_a_list_item_or_quote_is_not_taken_for_prose(text):
    from okrsite.markdown import _extract_links, _plain_wikilinks

    assert _extract_links(text, "content/objectives/o.md") == []
    assert markdown.extract_links(text, "content/objectives/o.md") == []
    assert _plain_wikilinks(text) is None


def test_a_kept_rendering_is_used_only_while_its_links_resolve_as_before():
    """markdown.render_kept: a cached build's body HTML is taken again when the text, every
    link's answer and the page's free anchors are as they were, and rendered afresh otherwise."""
    text = "See [[a]] and [the file](b.md).\n\n## Notes\n\nMore.\n"
    titles = {"a": "Title A"}

    def env(ids=None):
        return {"resolve_id": lambda target: ("a/", titles[target]) if target in titles else None,
                "resolve_href": lambda href: "b/" if href == "b.md" else None, "ids": ids if ids is not None else {"main"}}

    try:
        markdown.RENDERINGS.use({})
        first = markdown.render_kept(text, env(), "page\0x.md")
        assert first == markdown.render(text, env())
        kept = markdown.RENDERINGS.noted()
        assert len(kept) == 1
        markdown.RENDERINGS.use(kept)
        calls = []
        real = markdown.render
        markdown.render = lambda *args: calls.append(args) or real(*args)
        try:
            ids = {"main"}
            assert markdown.render_kept(text, env(ids), "page\0x.md") == first and not calls
            assert "notes" in ids, "the kept heading still takes its anchor on the page"
            titles["a"] = "Title B"
            again = markdown.render_kept(text, env(), "page\0x.md")
            assert "Title B" in again and again == real(text, env()) and len(calls) == 1
            taken = markdown.render_kept(text, env({"main", "notes"}), "page\0x.md")
            assert 'id="notes-1"' in taken and len(calls) == 2, "an anchor taken on the page means a fresh render"
        finally:
            markdown.render = real
    finally:
        markdown.RENDERINGS.use(None)


def test_kept_plain_text_is_the_plain_text():
    from okrsite.search.records import _plain_text, plain_text

    text = "A *body* with [[a|a link]] and `code`."
    try:
        markdown.RENDERINGS.use({})
        assert plain_text(text) == _plain_text(text) == "A body with a link and code."
        used = markdown.RENDERINGS.noted()
        assert list(used.values()) == [b"A body with a link and code."]
        markdown.RENDERINGS.use({key: b"as kept" for key in used})
        assert plain_text(text) == "as kept", "the same text is not parsed again"
        assert plain_text(text + " More.") == _plain_text(text + " More.")
    finally:
        markdown.RENDERINGS.use(None)


_BLOCK_PIECES = st.one_of(_PIECES, _TABLE_PIECES, st.sampled_from([
    "\n\n", "\n\n\n", "| a | [[b|c]] |\n| - | - |\n| `x` | [y](z.md) |\n", "```\n[[q]]\n```\n", "  ",
    "[r]: s.md\n", "\r\n", "\n\n- [[a]]\n\n- [b](c.md)\n", "> [[a]]\n\n> [b](c.md)",
    "`a`", "`[[x]]`", "``", "`", "`a|b`", "| `c` | [[d|e]] |\n", "[`q`](r.md)", "[[s\\|t]]", "`\\`",
    "[a`](b.md)`", "`~~~`", "`<b>`", "a | b", "-|-\n", " ", "1) ", "* ", "](", "(", ")", "!",
]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_BLOCK_PIECES, max_size=30))
def test_links_found_block_by_block_or_without_parsing_are_the_whole_bodys(pieces):
    """markdown._by_blocks (each run between blank lines on its own, only tables and code
    parsed) and _plain_wikilinks (no parsing: prose, simple code spans, `|` outside tables)
    find exactly what parsing the whole body finds, line and column included."""
    from okrsite.markdown import _by_blocks, _extract_links, _plain_wikilinks

    text = "".join(pieces)
    for found in (_by_blocks(text, "content/objectives/o.md"), _plain_wikilinks(text, "content/objectives/o.md")):
        if found is not None:
            assert found == _extract_links(text, "content/objectives/o.md")


@pytest.mark.parametrize("text", ["  \t[[a]]", "   \t[[a]] b", "  \t| [[a|x]] | y |", "[[`a`]]", "[t](`a`.md)",
                                  "| a | b |\n| - | - |\n| c | d | [[e]] |", "a\r[[b]]"])
def test_what_only_markdown_it_reads_right_goes_to_it(text):
    """Regressions the property tests found: indentation of four columns made of spaces and a
    tab (code), code inside a link, a table row's cells beyond the header's (dropped), a CR
    (a line end to markdown-it; a YAML `description: "a\\r[[b]]"` can hold one)."""
    from okrsite.markdown import _extract_links, _plain_wikilinks

    assert _plain_wikilinks(text, "content/pages/p.md") is None
    assert markdown.extract_links(text, "content/pages/p.md") == _extract_links(text, "content/pages/p.md")


def _by_blocks_noting_what_is_parsed(text: str, where: str) -> tuple[list, list[str]]:
    """markdown._by_blocks(text), and the runs it handed to the parser (_extract_links)."""
    from okrsite.markdown import _by_blocks

    parsed = []
    real = markdown._extract_links
    markdown._extract_links = lambda run, at: parsed.append(run) or real(run, at)
    try:
        return _by_blocks(text, where), parsed
    finally:
        markdown._extract_links = real


def test_a_body_with_a_table_parses_only_the_table():
    text = "Intro [[a|A]] and [b](b.md).\n\n| x | y |\n| - | - |\n| [[c\\|C]] | `d` |\n\nEnd [[e]].\n"
    found, parsed = _by_blocks_noting_what_is_parsed(text, "content/pages/p.md")
    assert parsed == ["| x | y |\n| - | - |\n| [[c\\|C]] | `d` |"]
    assert [(r.target, r.line, r.column) for r in found] == [
        ("a", 1, 7), ("content/pages/b.md", 1, 23), ("c", 5, 3), ("e", 7, 5)]


_SIMPLE_CELL_PIECES = st.sampled_from([" ", "a", "[[a]]", "[[b|c d]]", "[e](f.md)", "[g](../h.md)", "`c`", "-"])
_CELL_PIECES = st.one_of(*[_SIMPLE_CELL_PIECES] * 40, st.sampled_from([
    "\t", "[[ ]]", "`[[x]]`", "`a|b`", "[[", "]]", "](", "\\|", "\xa0", "|", "[[a|b|c]]", "*", "[", "]", ":",
    "> ", "- ", "\n", "\r", "[[i\\|j]]",
]))
_CELL = st.lists(_CELL_PIECES, max_size=4).map("".join)
_SIMPLE_CELL = st.lists(_SIMPLE_CELL_PIECES, max_size=4).map("".join)
_ROW_END = st.sampled_from(["|", "", "| ", "|\t", " "])


@st.composite
def _tables(draw, cell=_CELL) -> str:
    """Mostly well-formed GFM tables, with cells made of links, code and what could break them."""
    columns = draw(st.integers(1, 4))
    header = "|" + "|".join(draw(st.lists(cell, min_size=columns, max_size=columns))) + draw(_ROW_END)
    alignment = st.one_of(*[st.sampled_from(["---", " - ", ":-:", " :-- ", "-:", "-\t"])] * 30,
                          st.sampled_from(["", " ", "x", "-|"]))
    count = draw(st.sampled_from([columns] * 8 + [columns - 1, columns + 1]))
    alignments = draw(st.lists(alignment, min_size=max(count, 1), max_size=max(count, 1)))
    rows = [header, "|" + "|".join(alignments) + draw(_ROW_END)]
    for _ in range(draw(st.integers(0, 4))):
        rows.append(draw(st.sampled_from(["|"] * 10 + ["", " |", "a |"])) + "|".join(draw(st.lists(cell, max_size=5)))
                    + draw(_ROW_END))
    return "\n".join(rows)


_FENCED_PIECES = st.one_of(_BLOCK_PIECES, st.sampled_from([
    "```\n", "```yaml\n", "~~~\n", "~~~~\n", "````\n", "  ```\n", "   ~~~\n", "    ```\n", "```\t\n",
    "\t```\n", "```a`b\n", "~~~ ~\n", "``` \n", "x: [[c]]\n", "  - [[d]]\n", "[f]: g.md\n", "\n",
]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_FENCED_PIECES, st.one_of(_tables(), _tables(_SIMPLE_CELL)).map("\n\n{}\n\n".format)),
                max_size=30))
def test_fenced_code_counts_as_blank_lines(pieces):
    """markdown._by_blocks with fenced code blocks (emptied by _blank_fences, which keeps the
    line numbers) finds exactly what parsing the whole body finds."""
    from okrsite.markdown import _by_blocks, _extract_links

    text = "".join(pieces)
    found = _by_blocks(text, "content/objectives/o.md")
    if found is not None:
        assert found == _extract_links(text, "content/objectives/o.md")


def test_tables_and_fenced_code_are_read_without_parsing():
    """The shape of a real roadmap's bodies (a release table, a YAML example): no run is parsed."""
    text = ("Owned by [[sig-node]].\n\nEnable it:\n\n```yaml\nfeatureGates:\n  - [[not-a-link]]\n\n```\n"
            "| Stage | Release | Milestone |\n| --- | :-: | --- |\n| Alpha | [[v1-7|v1.7]] | [[k-alpha]] |\n"
            "| Beta | [[v1-8|v1.8]] | [notes](../pages/beta.md) | [[beyond-the-header]] |\n\n"
            "Design: https://example.com/keps/README.md\n\n| Last | table |\n| - | - |\n| [[at-the-end]] | |\n")
    found, parsed = _by_blocks_noting_what_is_parsed(text, "content/milestones/m.md")
    assert parsed == []
    assert found == markdown._extract_links(text, "content/milestones/m.md")
    assert [(r.target, r.line, r.column) for r in found] == [
        ("sig-node", 1, 10), ("v1-7", 12, 11), ("k-alpha", 12, 27), ("v1-8", 13, 10),
        ("content/pages/beta.md", 13, 34), ("at-the-end", 19, 3)]


@pytest.mark.parametrize("text", ["|\n| \n|[[a]]|", "```\n\n\n||\r|\n|---|---|\n\n```\n[[q]]\n```\n",
                                  "\n\n||\n|---|\n|\r|\n\n| [[a|x]] | y |\n"])
def test_what_looks_like_a_table_or_a_fence_but_is_not(text):
    """Regressions the property tests found: a header row without cells (a paragraph, not a
    table), a CR inside fenced code (markdown-it counts it as a line end before anything else)."""
    from okrsite.markdown import _by_blocks, _extract_links, _table_links

    assert _table_links(text, "content/pages/p.md") is None
    assert _by_blocks(text, "content/pages/p.md") in (None, _extract_links(text, "content/pages/p.md"))
    assert markdown.extract_links(text, "content/pages/p.md") == _extract_links(text, "content/pages/p.md")


def test_a_cell_is_placed_where_it_is_written_not_where_its_other_form_is():
    """Inside `[[...]]` a table cell's `|` may be written bare or escaped; two cells with the same
    text, one of each, are each placed where they are (the escaped one used to claim both)."""
    text = "| h | i |\n| - | - |\n| [[a|b]] \\| x | [[a\\|b]] \\| x |"
    refs = markdown.extract_links(text, "content/pages/p.md")
    assert [(r.target, r.line, r.column, r.length) for r in refs] == [("a", 3, 3, 7), ("a", 3, 18, 8)]


def test_parsed_markdown_is_kept_for_a_whole_large_build_but_not_for_ever():
    """Every body stays parsed from the search records to its page (about 60,000 texts at
    50,000 entities); `serve` parses every saved version of a body, so the cache has a bound."""
    from okrsite import markdown

    info = markdown._parse_cached.cache_info()
    assert info.maxsize is not None and 100_000 <= info.maxsize <= 1_000_000
