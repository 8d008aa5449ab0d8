"""The built site as a reader meets it: real Chromium over real HTTP, axe-core, the Nu checker.

Built once per module from the repository's own roadmap (content/), which has every page
kind, and from a hostile fixture whose text tries to break out of its markup.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrsite.cli import main
from support import REPO_ROOT, axe_check, format_axe, format_vnu, link_check, parse_html, serve_dir, vnu_check

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "quarters/index.html",
    "quarters/2026-q2/index.html",
    "quarters/2026-q1/index.html",       # a past quarter: its review
    "alignment/index.html",
    "objectives/company-2026-growth/index.html",
    "roadmap/index.html",
    "roadmap/type/epic/index.html",
    "objectives/build-trust/index.html",
    "milestones/match-feedback-form/index.html",
    "teams/index.html",
    "teams/matchmaking/index.html",
    "how-we-work/index.html",
    "q2-workshop/index.html",
    "backlog/index.html",
    "backlog/cluster/index.html",
    "milestones/index.html",
    "404.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("own") / "public"
    assert main(["build", "--site", str(REPO_ROOT), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def base_url(site):
    with serve_dir(site) as url:
        yield url


def test_every_page_kind_has_a_heading_and_the_site_title(site):
    for path in PAGES:
        doc = parse_html(site / path)
        assert doc.find("h1").text, path
        assert doc.find("title").text.endswith("Acme Arena Roadmap"), path
        assert doc.find("nav", attrs={"aria-label": "Site"}), path


@pytest.mark.validator
def test_html_and_svg_are_valid_to_the_nu_checker(site):
    messages = vnu_check(site, svg=True)
    assert messages == [], format_vnu(messages, site)


def test_no_broken_links_or_fragments(site):
    # 404.html is served at any depth, so its links are rooted at base_url's path.
    assert link_check(site, base_path="/okrsite/") == []


def test_standalone_diagrams_parse_as_xml_without_external_resources(site):
    svgs = sorted(site.glob("quarters/*/roadmap.svg"))
    assert len(svgs) >= 3
    for svg in svgs:
        root = ET.parse(svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox")
        text = svg.read_text("utf-8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text


@pytest.mark.validator
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_accessibility_violations(page, base_url, console_errors, path):
    page.goto(base_url + path)
    violations = axe_check(page)
    assert violations == [], format_axe(violations)
    if path != "404.html":
        assert console_errors == []


def test_clicking_a_bar_opens_its_milestone_page(page, base_url):
    page.goto(base_url + "index.html")
    bar = page.locator("figure.diagram svg a.rmd-bar").first
    title = bar.locator("title").text_content().split("\n")[0]
    bar.click()
    page.wait_for_load_state()
    assert "/milestones/" in page.url
    assert page.locator("h1").text_content().strip() == title


def test_filters_work_as_plain_links_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "roadmap/index.html")
        all_rows = page.locator("table.milestones tbody tr").count()
        page.get_by_role("link", name="Spike", exact=True).click()
        page.wait_for_load_state()
        assert page.url.endswith("roadmap/type/spike/index.html")
        types = page.locator("table.milestones tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)")
        assert types and set(types) == {"spike"}
        assert len(types) < all_rows
    finally:
        context.close()


def test_filters_combine_in_place_with_javascript(page, base_url):
    page.goto(base_url + "roadmap/index.html")
    page.locator("a.chip[data-dimension=type][data-value=epic]").click()
    page.locator("a.chip[data-dimension=status][data-value=done]").click()
    assert page.url.endswith("roadmap/index.html")  # filtered in place, not navigated
    visible = page.locator("table.milestones tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => [r.dataset.type, r.dataset.status])")
    assert visible and all(t == "epic" and s == "done" for t, s in visible)


def test_pages_fit_a_phone_screen(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(base_url + path)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} is {overflow}px wider than a phone screen"
    finally:
        context.close()


def test_dark_mode_follows_the_system_setting(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(base_url + "index.html")
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in background[background.index("(") + 1:-1].split(",")[:3]]
        assert max(channels) < 60, background
    finally:
        context.close()


def test_site_works_opened_from_disk(page, site, tmp_path):
    # A copy under a nested folder stands in for a sub-path and for file:// browsing.
    copy = tmp_path / "deep" / "folder"
    shutil.copytree(site, copy)
    page.goto((copy / "index.html").as_uri())
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Roadmap").click()
    page.wait_for_load_state()
    assert page.url.endswith("/deep/folder/roadmap/index.html")
    assert page.locator("h1").text_content().strip() == "Roadmap 2026"
    # The stylesheet loaded through its relative link: the nav is laid out as a flex row.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.site-nav ul')).display") == "flex"
