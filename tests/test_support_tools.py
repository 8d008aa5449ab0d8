"""The test helpers in tests/support/ work, with the real tools, on this machine.

Each helper is run on tiny fixtures under tests/sites/support-tools/ (a clean
site, a site with broken links, invalid files, inaccessible pages) so a
passing suite elsewhere means "checked and fine", never "the checker did not run".
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support import (
    Element,
    axe_check,
    env,
    format_axe,
    format_vnu,
    in_ci,
    link_check,
    parse_html,
    parse_html_text,
    require,
    serve_dir,
    skip_or_fail,
    vnu_check,
)

# The browser, page and console_errors fixtures come from tests/conftest.py
# (which imports them from support.fixtures).

SITES = Path(__file__).parent / "sites" / "support-tools"
GOOD = SITES / "good"
BROKEN = SITES / "broken-links"
INVALID = SITES / "invalid"
A11Y = SITES / "a11y"


# --------------------------------------------------------------------------- env
@pytest.mark.parametrize("value, expected", [
    ("true", True), ("1", True), ("yes", True), ("TRUE", True),
    ("", False), ("0", False), ("false", False), ("no", False),
])
def test_in_ci_reads_the_CI_variable(monkeypatch, value, expected):
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_in_ci_is_false_without_the_variable(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert in_ci() is False


def test_missing_tool_skips_locally_and_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="no such tool"):
        skip_or_fail("no such tool")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no such tool"):
        skip_or_fail("no such tool")


def test_missing_chromium_is_reported(monkeypatch):
    monkeypatch.setenv("OKRSITE_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        require(env.chromium_path)


@pytest.mark.parametrize("locator", [
    env.chromium_path, env.java_path, env.vnu_jar_path, env.axe_script_path, env.actionlint_path,
], ids=lambda f: f.__name__)
def test_every_external_tool_is_installed(locator):
    """Skipped locally for a missing tool; under CI a missing tool fails here first."""
    found = require(locator)
    assert Path(found).is_file()


# --------------------------------------------------------------------- parse_html
@pytest.fixture(scope="module")
def good_index():
    return parse_html(GOOD / "index.html")


def test_parse_html_basics(good_index):
    doc = good_index
    assert doc.doctype == "DOCTYPE html"
    assert doc.path == GOOD / "index.html"
    html = doc.find("html")
    assert html.get("lang") == "en"
    assert doc.find("title").text == "Support tools: good site"
    h1 = doc.find("h1")
    assert h1.text == "Roadmap 2026" and h1.line == 24
    assert doc.find("h1").find("small").text == "2026"


def test_parse_html_text_is_normalized_and_decoded(good_index):
    intro = good_index.by_id("intro")
    assert intro.text == "An OKR roadmap & its milestones."  # &nbsp; and runs of spaces collapse
    assert "OKR\xa0roadmap" in intro.raw_text
    assert intro.classes == ["lead", "note"]
    # script text is not page text
    assert "dataset" not in good_index.find("main").text


def test_parse_html_find_all_conditions(good_index):
    doc = good_index
    assert [a.text for a in doc.find_all("a", href="about/")] == ["About"]
    assert len(doc.find_all("a", href=re.compile(r"^page\.html"))) == 3  # 2 in nav, 1 in the SVG
    assert doc.find_all("a", attrs={"aria-label": True}) == []
    assert [n.get("aria-label") for n in doc.find_all("nav", attrs={"aria-label": "Main"})] == ["Main"]
    assert doc.find("p", class_="lead") is doc.by_id("intro")
    assert doc.find("p", class_="missing") is None
    assert [e.tag for e in doc.find_all(("h1", "figcaption"))] == ["h1", "figcaption"]
    assert len(doc.find_all("img", alt=True)) == 1
    assert len(doc.find_all("img", alt=False)) == 0
    assert len(doc.find_all("a", href=lambda v: v is not None and v.startswith("#"))) == 3
    assert doc.find("a", text="Goals").get("href") == "page.html#goals"
    link = doc.find("link", rel="stylesheet")
    assert link.get("href") == "style.css" and link.children == []
    assert "rel" in link and link["rel"] == "stylesheet"


def test_parse_html_implied_end_tags(good_index):
    doc = good_index
    assert [li.text for li in doc.by_id("list").find_all("li")] == ["one", "two", "three"]
    assert all(li.parent.id == "list" for li in doc.by_id("list").find_all("li"))
    rows = doc.find("tbody").find_all("tr")
    assert [[td.text for td in tr.find_all("td")] for tr in rows] == [["KR 1", "50%"], ["KR 2", "80%"]]
    nav_items = doc.find("nav").find("ul").elements
    assert [li.tag for li in nav_items] == ["li"] * 6  # the unclosed <li> does not swallow the next


def test_parse_html_svg_and_void_elements(good_index):
    svg = good_index.find("svg")
    assert svg.get("viewbox") == "0 0 120 40"  # html.parser lower-cases attribute names
    rect = svg.find("rect")
    assert rect.id == "bar" and rect.children == []  # <rect/> closes itself
    assert rect.parent.tag == "a" and svg.find("text").text == "Goals"
    img = good_index.find("img")
    assert img.children == [] and img.parent.tag == "figure"
    assert [a.tag for a in rect.ancestors()][:3] == ["a", "svg", "main"]
    assert "bar" in good_index.ids() and "intro" in good_index.ids()


def test_parse_html_text_tolerates_bad_markup():
    doc = parse_html_text("<div><p>one</span>two</p><p>three<b>four</div><em>five</em>")
    div = doc.find("div")
    assert isinstance(div, Element)
    assert [p.text for p in div.find_all("p")] == ["onetwo", "threefour"]
    assert doc.find("em").parent is doc  # </div> closed the open <p> and <b>
    assert doc.text == "onetwothreefourfive"
    empty = parse_html_text("<p></p>").find("p")
    assert empty is not None and bool(empty) and empty.text == ""


def test_parse_html_p_closed_by_block_element():
    doc = parse_html_text("<p>para<div>block</div><ul><li>a<ul><li>b</ul><li>c</ul>")
    assert doc.find("p").text == "para"
    assert doc.find("div").parent is doc
    outer = doc.find("ul")
    assert [li.text for li in outer.elements] == ["ab", "c"]  # like textContent
    assert outer.elements[0].find("ul").find("li").text == "b"


# -------------------------------------------------------------------- link_check
def test_link_check_accepts_a_good_site():
    assert link_check(GOOD) == []


def test_link_check_reports_each_broken_link():
    assert link_check(BROKEN) == [
        "chart.svg:3: broken link 'sub/missing.html' (no such file: sub/missing.html)",
        "index.html:6: broken link 'missing.css' (no such file: missing.css)",
        "index.html:14: broken link 'nowhere.html' (no such file: nowhere.html)",
        "index.html:15: missing fragment 'sub/page.html#not-here' (no id 'not-here' in sub/page.html)",
        "index.html:16: missing fragment '#gone' (no id 'gone' in index.html)",
        "index.html:17: broken link 'empty/' (no such file: empty/index.html)",
        "index.html:18: root-relative link '/sub/page.html' (breaks under a sub-path)",
        "index.html:19: link '../outside.html' points outside the site",
        "index.html:21: broken link 'pic-2x.png' (no such file: pic-2x.png)",
        "index.html:22: missing fragment 'chart.svg#pie' (no id 'pie' in chart.svg)",
    ]


def test_link_check_can_resolve_root_relative_links():
    problems = link_check(BROKEN, root_relative=True)
    assert not any("/sub/page.html" in p for p in problems)
    assert len(problems) == 9
    assert link_check(BROKEN, base_path="/") == problems


def test_link_check_base_path_and_exclude(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "docs" / "index.html").write_text('<p id="p">docs</p>', encoding="utf-8")
    (tmp_path / "404.html").write_text(
        '<a href="/okrsite/docs/#p">ok</a><a href="/okrsite">ok: the site root</a>'
        '<a href="/okrsite/nope.html">broken</a><a href="/elsewhere/">outside</a>',
        encoding="utf-8")
    assert link_check(tmp_path, base_path="/okrsite") == [
        "404.html:1: broken link '/okrsite/nope.html' (no such file: nope.html)",
        "404.html:1: root-relative link '/elsewhere/' is outside base path '/okrsite/'",
    ]
    assert len(link_check(tmp_path)) == 4  # without a base path every root-relative link is a problem
    assert link_check(tmp_path, exclude=["404.html"]) == []


def test_link_check_on_a_generated_site(tmp_path):
    (tmp_path / "a b").mkdir()
    (tmp_path / "a b" / "index.html").write_text('<h2 id="x">x</h2><a href="../#y">up</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a%20b/#x">ok</a><a href="a%20b#x">ok too</a><a name="y"></a>'
        '<a href="a%20b/#z">bad</a><a href="data:text/plain,hi">data</a><a href="tel:123">tel</a>'
        '<meta http-equiv="refresh" content="0; url=gone.html">',
        encoding="utf-8")
    assert link_check(tmp_path) == [
        "index.html:1: broken link 'gone.html' (no such file: gone.html)",
        "index.html:1: missing fragment 'a%20b/#z' (no id 'z' in a b/index.html)",
    ]


def test_link_check_needs_a_directory(tmp_path):
    with pytest.raises(NotADirectoryError):
        link_check(tmp_path / "nope")


# --------------------------------------------------------------------- vnu_check
@pytest.fixture(scope="module")
def vnu_messages():
    """One vnu run over the good site and the invalid files together (batching works)."""
    return vnu_check([GOOD, INVALID])


@pytest.mark.validator
def test_vnu_accepts_the_good_site(vnu_messages):
    good = [m for m in vnu_messages if m["file"] and m["file"].startswith(str(GOOD.resolve()))]
    assert good == [], format_vnu(good)


@pytest.mark.validator
def test_vnu_reports_errors_in_invalid_html(vnu_messages):
    bad = [m for m in vnu_messages if m["file"] == str((INVALID / "bad.html").resolve())]
    summary = [(m["line"], m["message"]) for m in bad]
    assert all(m["type"] == "error" for m in bad)
    assert any(line == 11 and "Duplicate ID" in msg for line, msg in summary), summary
    assert any(line == 13 and "alt" in msg for line, msg in summary), summary
    assert any(line == 14 and "not allowed as child" in msg for line, msg in summary), summary
    assert all(isinstance(m["column"], int) and m["url"].startswith("file:") for m in bad)


@pytest.mark.validator
def test_vnu_checks_svg_files(vnu_messages):
    bad = [m for m in vnu_messages if m["file"] == str((INVALID / "bad.svg").resolve())]
    messages = " | ".join(m["message"] for m in bad)
    assert "bogus-attribute" in messages and "notanelement" in messages


@pytest.mark.validator
def test_vnu_css_and_file_selection(tmp_path):
    (tmp_path / "ok.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="bad.css"></head><body><p>fine</p></body></html>',
        encoding="utf-8")
    (tmp_path / "bad.css").write_text("p { color: notacolor; }\n", encoding="utf-8")
    (tmp_path / "ignored.svg").write_text("<svg><notanelement/></svg>", encoding="utf-8")
    (tmp_path / "modern.css").write_text(":root { color-scheme: light dark; }\n", encoding="utf-8")
    messages = vnu_check(tmp_path, css=True, svg=False, ignore=[r"“color-scheme”"])
    assert [Path(m["file"]).name for m in messages] == ["bad.css"], format_vnu(messages)
    assert "notacolor" in messages[0]["message"]


def test_vnu_check_rejects_empty_input(tmp_path):
    with pytest.raises(ValueError):
        vnu_check(tmp_path)
    with pytest.raises(FileNotFoundError):
        vnu_check(tmp_path / "missing.html")


# --------------------------------------------------------------------- serve_dir
def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.status, resp.headers.get("Content-Type"), resp.read(), resp.url


def test_serve_dir_serves_files_over_http():
    with serve_dir(GOOD) as base:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", base)
        status, ctype, body, _ = _get(base)
        assert status == 200 and ctype.startswith("text/html") and b"<h1>Roadmap" in body
        assert _get(base + "img/roadmap.svg")[1] == "image/svg+xml"
        assert _get(base + "docs/read%20me.html")[0] == 200
        _, _, _, final = _get(base + "about")  # folder without slash: redirect to about/
        assert final == base + "about/"
        with pytest.raises(urllib.error.HTTPError) as err:
            _get(base + "missing.html")
        assert err.value.code == 404
    with pytest.raises(urllib.error.URLError):
        _get(base)  # stopped with the block


def test_serve_dir_types_for_calendar_files(tmp_path):
    (tmp_path / "roadmap.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    with serve_dir(tmp_path) as base:
        assert _get(base + "roadmap.ics")[1].startswith("text/calendar")


def test_serve_dir_needs_a_directory(tmp_path):
    with pytest.raises(NotADirectoryError), serve_dir(tmp_path / "nope"):
        pass


# ------------------------------------------------------------ browser and axe
@pytest.mark.browser
def test_browser_loads_a_page_from_serve_dir(page, console_errors):
    with serve_dir(GOOD) as base:
        response = page.goto(base)
        assert response is not None and response.ok
        assert page.title() == "Support tools: good site"
        assert page.text_content("#status") == "scripted"  # app.js ran
        assert page.evaluate("document.body.dataset.inline") == "ran"
        page.get_by_role("link", name="About", exact=True).click()
        page.wait_for_url(base + "about/")
        assert page.locator("h1").inner_text() == "About"
        # the standalone SVG renders at its own size
        page.goto(base + "img/roadmap.svg")
        box = page.locator("svg").bounding_box()
        assert box is not None and (box["width"], box["height"]) == (200, 100)
    assert console_errors == []


@pytest.mark.browser
def test_console_errors_catches_script_failures(page, console_errors, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><title>t</title><link rel="stylesheet" href="missing.css">'
        '<script>console.error("logged"); throw new Error("boom")</script>',
        encoding="utf-8")
    with serve_dir(tmp_path) as base:
        page.goto(base)
    assert any("logged" in e for e in console_errors), console_errors
    assert any("boom" in e for e in console_errors), console_errors
    assert any("404" in e and "missing.css" in e for e in console_errors), console_errors
    assert not any("favicon" in e for e in console_errors), console_errors


@pytest.mark.browser
def test_page_fixture_settings(page):
    assert page.viewport_size == {"width": 1280, "height": 800}
    page.goto("about:blank")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "UTC"
    assert page.evaluate("navigator.language") == "en-US"


@pytest.mark.browser
@pytest.mark.validator
@pytest.mark.parametrize("path", ["", "about/", "page.html", "docs/read%20me.html", "img/roadmap.svg"])
def test_axe_finds_nothing_on_clean_pages(page, path):
    with serve_dir(GOOD) as base:
        page.goto(base + path)
        violations = axe_check(page)
    assert violations == [], format_axe(violations)


@pytest.mark.browser
@pytest.mark.validator
def test_axe_reports_an_unlabeled_image_button(page):
    with serve_dir(A11Y) as base:
        page.goto(base + "unlabeled-button.html")
        violations = axe_check(page)
        by_id = {v["id"]: v for v in violations}
        assert "input-image-alt" in by_id, format_axe(violations)
        v = by_id["input-image-alt"]
        assert v["impact"] == "critical"
        assert [n["target"] for n in v["nodes"]] == [['input[type="image"]']]
        # a second run reuses the injected axe; rules can be switched off
        assert "input-image-alt" not in {v["id"] for v in axe_check(page, disable=["input-image-alt"])}
        # and the check can be limited to part of the page
        assert axe_check(page, context="h1") == []


@pytest.mark.browser
@pytest.mark.validator
def test_axe_runs_on_a_page_with_a_strict_csp(page):
    with serve_dir(A11Y) as base:
        page.goto(base + "strict-csp.html")
        violations = axe_check(page)
        assert violations == [], format_axe(violations)
        assert page.evaluate("typeof window.axe.run") == "function"

