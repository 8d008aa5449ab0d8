"""okrsite.theme: a site's theme reaches nothing outside the site, and every refused link is reported.

Real symbolic links on disk, the real `okrsite check` / `okrsite build` in a child process.
"""

from __future__ import annotations

import os
import sys

import pytest
from render_helpers import build as build_here
from render_helpers import checked_site, config_with, make_site, render_files, run_cli

from okrsite.config import load_config
from okrsite.pipeline import check
from okrsite.render import Renderer, RenderError
from okrsite.theme import load_theme

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")

SECRET = "CI_TOKEN_9f3c1d"


def outside(tmp_path):
    """A folder beside the site with a secret file and a whole theme in it."""
    folder = tmp_path / "elsewhere"
    (folder / "theme" / "templates").mkdir(parents=True)
    (folder / "theme" / "static").mkdir(parents=True)
    (folder / "secret.txt").write_text(f"{SECRET}\n")
    (folder / "theme" / "templates" / "milestone.html").write_text(f"{SECRET}\n")
    (folder / "theme" / "static" / "x.css").write_text(f"/* {SECRET} */\n")
    return folder


def build(site, out, **env):
    result = run_cli("build", "--site", str(site), "--out", str(out), env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def findings(site):
    """`okrsite check`'s diagnostics (in this process): (code, file, line, column)."""
    return [(d.code, d.location.file, d.location.line, d.location.column) for d in check(site).diagnostics]


def test_static_link_to_the_environment_is_refused_not_published(tmp_path):
    """The issue's case: `ln -s /proc/self/environ themes/default/static/env.txt`."""
    site = make_site(tmp_path)
    (site / "themes/default/static").mkdir(parents=True)
    (site / "themes/default/static/env.txt").symlink_to("/proc/self/environ")
    out = tmp_path / "public"
    result = build(site, out, CI_TOKEN=SECRET)
    assert result.returncode == 1
    assert "themes/default/static/env.txt:1:1: error[schema] 'env.txt' is a symbolic link that leads " \
           "outside the site folder" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("link, target", [
    ("themes/default/static/secret.txt", "secret.txt"),  # a static file
    ("themes/default/templates/secret.html", "secret.txt"),  # a template (for {% include %})
    ("themes/default/static/more", "theme/static"),  # a folder under static/
    ("themes/default/templates/parts", "theme/templates"),  # a folder under templates/
    ("themes/default/static", "theme/static"),  # static/ itself
    ("themes/default", "theme"),  # the whole site theme
    ("themes", "."),  # the themes folder
])
def test_every_link_out_of_the_theme_is_reported_by_check_and_stops_the_build(tmp_path, link, target):
    elsewhere = outside(tmp_path)
    site = make_site(tmp_path)
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(elsewhere / target, target_is_directory=(elsewhere / target).is_dir())
    assert findings(site) == [("schema", link, 1, 1)]
    out = tmp_path / "public"
    assert build_here(site, out) == 1
    assert not out.exists()


def test_a_linked_theme_named_in_the_config_is_reported_once(tmp_path):
    elsewhere = outside(tmp_path)
    site = make_site(tmp_path, config=config_with("theme: mine"))
    (site / "themes").mkdir()
    (site / "themes" / "mine").symlink_to(elsewhere / "theme", target_is_directory=True)
    assert findings(site) == [("schema", "themes/mine", 1, 1)]


def test_a_link_that_stays_inside_the_site_is_used(tmp_path):
    site = make_site(tmp_path, {"branding/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
                                "branding/footer.html": "made by us\n",
                                "themes/default/templates/page.html": "{% include 'footer.html' %}"})
    (site / "themes/default/static").mkdir(parents=True)
    (site / "themes/default/static/logo.svg").symlink_to(site / "branding/logo.svg")
    (site / "themes/default/templates/footer.html").symlink_to(site / "branding/footer.html")
    files = render_files(site)
    assert files["assets/logo.svg"] == (site / "branding/logo.svg").read_bytes()


@pytest.mark.parametrize("name", ["../../../secret.txt", "/etc/passwd", "../static/okrsite.css"])
def test_templates_cannot_include_files_by_path(tmp_path, name):
    outside(tmp_path)
    site = make_site(tmp_path, {"themes/default/templates/milestone.html": "{% include '" + name + "' %}"})
    with pytest.raises(RenderError, match="milestone.html"):
        Renderer(checked_site(site).config).render(checked_site(site))


def test_a_dangling_link_and_a_loop_in_the_theme_are_reported(tmp_path):
    site = make_site(tmp_path)
    static = site / "themes/default/static"
    static.mkdir(parents=True)
    (static / "gone.css").symlink_to(tmp_path / "nothing-here.css")
    (static / "a.css").symlink_to("b.css")
    (static / "b.css").symlink_to("a.css")
    _, problems = load_theme(load_config(site)[0])
    assert sorted((p.location.file, "leads nowhere" in p.message) for p in problems) == [
        ("themes/default/static/a.css", True), ("themes/default/static/b.css", True),
        ("themes/default/static/gone.css", True)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_static_does_not_hang_the_build(tmp_path):
    site = make_site(tmp_path)
    (site / "themes/default/static").mkdir(parents=True)
    os.mkfifo(site / "themes/default/static/pipe.css")
    assert findings(site) == [("schema", "themes/default/static/pipe.css", 1, 1)]
