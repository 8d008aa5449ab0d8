"""okrsite.theme: a site's theme reaches nothing outside the site, and every refused link is reported.

Real symbolic links on disk, the real `okrsite check` / `okrsite build` in a child process.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

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


# --- the sandbox -----------------------------------------------------------------------------------

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",  # the case
    "{{ joiner.__init__.__globals__['os'].system('touch PWNED') }}",
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch PWNED') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{% set xs = [] %}{{ xs.append(1) }}",  # no changing lists (ImmutableSandboxedEnvironment)
    "{{ 'x' * 1000000000 }}",  # no memory bombs
    "{{ 2 ** 100000000 }}",
    "{{ range(1000000000) | list | length }}",
]


@pytest.mark.parametrize("template", ESCAPES)
def test_a_site_template_cannot_leave_the_sandbox(tmp_path, template):
    template = template.replace("PWNED", str(tmp_path / "PWNED"))
    site = make_site(tmp_path, {"themes/default/templates/milestone.html": "line one\n" + template + "\n"})
    with pytest.raises(RenderError) as raised:
        Renderer(checked_site(site).config).render(checked_site(site))
    message = str(raised.value)
    assert "template milestone.html (for milestones/ms/index.html) at themes/default/templates/milestone.html:2" \
        in message, message
    assert not (tmp_path / "PWNED").exists()


def test_the_build_of_a_template_that_runs_a_program_fails_with_one_clear_line(tmp_path):
    """The issue's case through the real command: no program runs, no traceback, nothing written."""
    site = make_site(tmp_path, {"themes/default/templates/milestone.html":
                                "{% extends 'base.html' %}\n{% block content %}\n"
                                "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}\n{% endblock %}\n"})
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [(
        "okrsite: template milestone.html (for milestones/ms/index.html) at themes/default/templates/milestone.html:3: "
        "access to attribute '__init__' of 'type' object is unsafe. (themes run in Jinja's sandbox and may not do "
        "this; see docs/themes.md); nothing was written")]
    assert not (tmp_path / "PWNED").exists() and not out.exists()


def test_every_template_runs_in_the_sandbox_the_builtin_ones_too(tmp_path):
    from jinja2.sandbox import SandboxedEnvironment

    plain = make_site(tmp_path / "plain")
    assert isinstance(Renderer(checked_site(plain).config).env, SandboxedEnvironment)
    # a site block inside the built-in base.html: the built-in template runs sandboxed too
    override = make_site(tmp_path / "override", {"themes/default/templates/page.html":
                                                 "{% extends 'base.html' %}{% block content %}{{ self.__init__ }}{% endblock %}",
                                                 "content/pages/p.md": "---\ntitle: P\n---\n"})
    with pytest.raises(RenderError, match="unsafe"):
        Renderer(checked_site(override).config).render(checked_site(override))


def test_the_sandbox_renders_the_builtin_theme_byte_for_byte(tmp_path):
    from render_helpers import SITES

    site = checked_site(SITES / "basic")
    assert Renderer(site.config, sandboxed=True).render(site) == Renderer(site.config, sandboxed=False).render(site)


# --- docs/themes.md stays true ---------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs" / "themes.md"


def documented_tables() -> tuple[dict[str, set[str]], set[str]]:
    """docs/themes.md's table of templates -> view names, and its table of base.html blocks."""
    views_table, blocks = {}, set()
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].endswith(".html`"):
            views_table[cells[0].strip("`")] = set(re.findall(r"`([a-z_]+)`", cells[2]))
        elif len(cells) == 3 and re.fullmatch(r"`[a-z_]+`", cells[0]) and "<" in cells[1]:
            blocks.add(cells[0].strip("`"))
    return views_table, blocks


def test_the_documented_view_data_is_what_each_template_gets(tmp_path):
    from render_helpers import SITES

    from okrsite.render import plan

    pages = {f"content/pages/p{i}.md": f"---\ntitle: Page {i}\n---\n" for i in range(8)}  # for pages.html
    part1 = checked_site(make_site(tmp_path, {**pages, "content/teams/t.yaml": "name: T\n"}))
    from test_history import make_history

    from okrsite.pipeline import attach_history, check, read_history

    checked = check(make_history(tmp_path / "git").site)  # changes.html: sites built with their history
    history, why = read_history(checked)
    assert history is not None, why
    attach_history(checked.site, history)
    actual: dict[str, set[str]] = {}
    for site in (part1, checked_site(SITES / "planning"), checked.site):  # alignment.html: planning sites only
        for job in plan(site):
            actual.setdefault(job.template, set()).update(job.view())
    documented, _ = documented_tables()
    assert documented == actual


def test_every_documented_block_is_in_base_html():
    from okrsite.theme import builtin_theme

    _, blocks = documented_tables()
    base = (builtin_theme() / "templates" / "base.html").read_text(encoding="utf-8")
    assert blocks == set(re.findall(r"{% block ([a-z_]+) %}", base)) == {"head", "body_class", "content", "scripts"}


@pytest.mark.parametrize("hidden", [".env", ".git/config"])
def test_a_link_into_a_hidden_file_of_the_site_is_refused_and_never_shown(tmp_path, hidden):
    """`.git/config` can hold CI's checkout token and `.env` secrets: inside the site, still never read."""
    site = make_site(tmp_path, {hidden: f"{SECRET}=1\n"})
    (site / "themes/default/static").mkdir(parents=True)
    (site / "themes/default/static/config.txt").symlink_to(site / hidden)
    (site / "content/pages").mkdir(parents=True)
    (site / "content/pages/leak.md").symlink_to(site / hidden)
    result = run_cli("check", "--site", str(site))
    assert result.returncode == 1 and SECRET not in result.stdout
    assert "content/pages/leak.md:1:1: error[schema] 'leak.md' is a symbolic link to a hidden file" in result.stdout
    assert "themes/default/static/config.txt:1:1: error[schema]" in result.stdout
    out = tmp_path / "public"
    assert build_here(site, out) == 1 and not out.exists()
