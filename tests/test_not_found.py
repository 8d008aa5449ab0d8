"""The 404 page at any depth, with and without base_url, on static hosting and in `okrsite serve`.

GitHub Pages (and most static hosts) answer every missing address with the site's 404.html, so
the page is shown at /roadmap/milestones/renamed/ as well as at /roadmap/typo. Real Chromium
loads it from nested addresses, over a GitHub-Pages-like server under a sub-path and over
`okrsite serve`, and checks: no request leaves the site, the page is styled, it has a favicon,
and every link on it leads to a page that exists. Plus the favicon on every other page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

from okrsite.cli import main
from okrsite.serve import Preview
from render_helpers import SITES
from support import link_check, parse_html
from support.server import serve_pages

MISSING = ["milestones/renamed/", "a/b/c/d", "typo", "roadmap/type/nope/index.html"]


def build_site(tmp_path: Path, base_url: str | None) -> Path:
    """The `basic` fixture (which has base_url https://example.org/roadmap/), with the given one."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "basic", site)
    config = site / "okrsite.yaml"
    text = re.sub(r"^base_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text + (f"base_url: {base_url}\n" if base_url else ""), encoding="utf-8")
    out = tmp_path / "public"
    assert main(["build", "--site", str(site), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def with_base(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("with-base"), "https://example.org/roadmap/")


@pytest.fixture(scope="module")
def without_base(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("without-base"), None)


# --- the built 404.html, read as a file --------------------------------------------------------------

def test_404_is_self_contained(with_base, without_base):
    for out in (with_base, without_base):
        doc = parse_html(out / "404.html")
        assert doc.find("link", rel="stylesheet") is None, "the stylesheet is inline: no path to guess"
        style = doc.find("style")
        assert style is not None and ".site-header" in style.text
        icon = doc.find("link", rel="icon")
        assert icon.get("href").startswith("data:image/svg+xml,")
        assert all(s.get("src") is None for s in doc.find_all("script")), "no script loaded by path"


def test_404_links_start_at_the_base_urls_path_never_its_host(with_base):
    doc = parse_html(with_base / "404.html")
    hrefs = [a.get("href") for a in doc.find_all("a") if not a.get("href").startswith("#")]
    assert "/roadmap/index.html" in hrefs and "/roadmap/quarters/index.html" in hrefs
    assert all(h.startswith("/roadmap/") for h in hrefs), hrefs
    assert "example.org" not in (with_base / "404.html").read_text(encoding="utf-8")
    assert doc.find("script") is None  # the root is known: nothing to find out
    assert link_check(with_base, base_path="/roadmap/") == []


def test_404_without_base_url_links_from_the_host_root_and_says_so(without_base):
    doc = parse_html(without_base / "404.html")
    hrefs = [a.get("href") for a in doc.find_all("a") if not a.get("href").startswith("#")]
    assert "/index.html" in hrefs and all(h.startswith("/") for h in hrefs), hrefs
    note = doc.find("noscript")
    assert note is not None and "base_url" in note.text
    assert doc.find("script") is not None  # finds the site's folder on a sub-path host
    assert link_check(without_base, base_path="/") == []


def test_every_page_names_the_favicon_and_it_exists(without_base):
    pages = sorted(without_base.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        icon = parse_html(page).find("link", rel="icon")
        assert icon is not None and icon.get("type") == "image/svg+xml", page
        if page.name != "404.html":
            target = (page.parent / icon.get("href")).resolve()
            assert target == (without_base / "assets" / "favicon.svg").resolve(), page
    svg = (without_base / "assets" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'viewBox="0 0 32 32"' in svg


# --- in Chromium ----------------------------------------------------------------------------------

def visit(browser, url: str, *, javascript: bool = True):
    """Load `url`; (status, requested URLs, resolved link targets, styled?, icon href)."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        response = page.goto(url, wait_until="networkidle")
        page.wait_for_load_state("networkidle")
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        styled = page.evaluate("getComputedStyle(document.querySelector('main.wrap')).maxWidth") == "1200px"
        icon = page.evaluate("document.querySelector('link[rel=icon]').href")
        return response.status, requested, links, styled, icon
    finally:
        context.close()


def status_of(url: str) -> int:
    try:
        with urlopen(url, timeout=15) as response:
            return response.status
    except HTTPError as err:
        return err.code


def assert_works(url, status, requested, links, styled, icon, site_root):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_root))
    assert status == 404, url
    assert styled, f"{url}: the page is not styled"
    assert icon.startswith("data:image/svg+xml,"), icon
    outside = [r for r in requested if not r.startswith(site_root) and not r.startswith("data:")]
    assert not outside, f"{url}: requests outside the site {site_root}: {outside}"
    site_links = [link for link in links if not link.startswith(url + "#")]
    assert len(site_links) >= 8
    for link in site_links:
        assert link.startswith(site_root), f"{url}: link {link} leaves the site {site_root}"
        assert status_of(link.split("#")[0]) == 200, f"{url}: link {link} is broken"
    assert origin


@pytest.mark.browser
@pytest.mark.parametrize("missing", MISSING)
def test_pages_host_under_a_sub_path_with_base_url(browser, with_base, missing):
    with serve_pages(with_base, "/roadmap/") as root:
        for javascript in (True, False):
            url = root + missing
            assert_works(url, *visit(browser, url, javascript=javascript), site_root=root)


@pytest.mark.browser
@pytest.mark.parametrize("missing", MISSING)
def test_pages_host_under_a_sub_path_without_base_url_finds_the_site_with_javascript(browser, without_base, missing):
    with serve_pages(without_base, "/roadmap/") as root:
        url = root + missing
        assert_works(url, *visit(browser, url), site_root=root)


@pytest.mark.browser
@pytest.mark.parametrize("missing", MISSING)
def test_root_host_without_base_url_works_without_javascript(browser, without_base, missing):
    with serve_pages(without_base, "/") as root:
        for javascript in (True, False):
            url = root + missing
            assert_works(url, *visit(browser, url, javascript=javascript), site_root=root)


@pytest.mark.browser
def test_sub_path_host_without_base_url_or_javascript_is_styled_and_explains(browser, without_base):
    """The documented limit: the site's folder cannot be known, so the links assume the host root
    and the page says how to do better. It is still styled, and requests nothing."""
    with serve_pages(without_base, "/roadmap/") as root:
        url = root + "milestones/renamed/"
        status, requested, links, styled, icon = visit(browser, url, javascript=False)
        assert status == 404 and styled and icon.startswith("data:")
        assert requested == [url]
        assert all(urlsplit(link).path.startswith("/") for link in links)


@pytest.mark.browser
@pytest.mark.parametrize("base_url", [None, "https://example.org/roadmap/"])
@pytest.mark.parametrize("missing", MISSING)
def test_okrsite_serve_renders_404_for_the_address_asked(browser, tmp_path, base_url, missing):
    site = tmp_path / "site"
    shutil.copytree(SITES / "basic", site)
    config = site / "okrsite.yaml"
    text = re.sub(r"^base_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text + (f"base_url: {base_url}\n" if base_url else ""), encoding="utf-8")
    with Preview(site, port=0, watch=False) as preview:
        for javascript in (True, False):
            url = preview.url + missing
            status, requested, links, styled, icon = visit(browser, url, javascript=javascript)
            requested = [r for r in requested if "/__okrsite/" not in r]  # the live-reload stream
            assert_works(url, status, requested, links, styled, icon, site_root=preview.url)


@pytest.mark.browser
def test_no_page_requests_favicon_ico(browser, without_base):
    with serve_pages(without_base, "/roadmap/") as root:
        for path in ("", "milestones/ms-a/", "quarters/2026-q2/"):
            status, requested, _, styled, icon = visit(browser, root + path)
            assert status == 200 and styled
            assert icon == root + "assets/favicon.svg"
            assert not any(r.endswith("/favicon.ico") for r in requested), requested
