"""okrsite.precompiled: the built-in templates' compiled code, kept in the package, is exactly what
Jinja makes of them now, and is used for nothing else (a changed or a site's template is compiled).

To make the kept files again after changing a built-in template: `python -m okrsite.precompiled`.
"""

from __future__ import annotations

import traceback

import jinja2
import pytest
from render_helpers import copy_site, render_files

from okrsite import precompiled
from okrsite.precompiled import HERE, code_for, generate, index
from okrsite.render import builtin_environment, environment
from okrsite.theme import builtin_layer


def test_kept_code_is_what_jinja_makes_of_the_templates_now():
    """Fails after a built-in template, Jinja or the environment's settings changed without
    `python -m okrsite.precompiled`; with another Jinja than the one they were made by, they are
    never used (the second branch), so the build stays right while this test says what to run."""
    made = generate(builtin_environment())
    if index.JINJA == jinja2.__version__:
        kept = {f"templates/{p.name}": p.read_text(encoding="utf-8") for p in (HERE / "templates").glob("*.py")}
        kept["index.py"] = (HERE / "index.py").read_text(encoding="utf-8")
        stale = sorted(name for name in made.keys() | kept.keys() if made.get(name) != kept.get(name))
        assert not stale, f"run `python -m okrsite.precompiled`: {stale} differ from what Jinja makes now"
    else:
        env = builtin_environment()
        for name in env.list_templates():
            source, shown, _ = env.loader.get_source(env, name)
            assert code_for(shown, source, env) is None


def test_every_builtin_template_is_served_from_the_kept_code():
    env = builtin_environment()
    names = env.list_templates()
    assert len(names) == len(index.TEMPLATES) >= 18
    for name in names:
        source, shown, _ = env.loader.get_source(env, name)
        code = code_for(shown, source, env)
        assert code is not None, name
        assert code.co_filename == shown  # errors name the template, not okrsite/precompiled/


def test_a_changed_template_is_compiled_not_taken_from_the_kept_code():
    env = builtin_environment()
    source, shown, _ = env.loader.get_source(env, "page.html")
    assert code_for(shown, source + "{# edited #}", env) is None


def test_another_file_with_the_same_text_is_compiled():
    """A site's template is compiled even when its text is a built-in one's: its code names its own file."""
    env = builtin_environment()
    source, _, _ = env.loader.get_source(env, "page.html")
    assert code_for("themes/default/templates/page.html", source, env) is None


def test_other_settings_are_compiled():
    theme = builtin_layer()
    unsandboxed = environment(None, theme, sandboxed=False)
    source, shown, _ = unsandboxed.loader.get_source(unsandboxed, "page.html")
    assert code_for(shown, source, unsandboxed) is None
    assert code_for(shown, source, environment(None, theme)) is not None


def _failure(env: jinja2.Environment) -> list[tuple[str, int, str]]:
    """Where rendering milestone.html without its view data fails, by the template frames."""
    with pytest.raises(jinja2.UndefinedError) as raised:
        env.get_template("milestone.html").render({})
    return [(f.filename, f.lineno, f.line) for f in traceback.extract_tb(raised.value.__traceback__)
            if f.filename.startswith("(built-in)")]


def test_a_render_error_names_the_same_template_line_as_compiled_code(monkeypatch):
    kept = _failure(builtin_environment())
    monkeypatch.setattr(precompiled, "code_for", lambda *args: None)
    compiled = _failure(builtin_environment())
    assert compiled and kept == compiled


def test_pages_are_byte_identical_with_and_without_the_kept_code(tmp_path, monkeypatch):
    """A whole site (with a theme that overrides one built-in template) renders the same bytes."""
    site = copy_site("theme-override", tmp_path)
    kept = render_files(site)
    monkeypatch.setattr(precompiled, "code_for", lambda *args: None)
    compiled = render_files(site)
    assert kept.keys() == compiled.keys() and len(kept) > 20
    assert [name for name in kept if kept[name] != compiled[name]] == []
    assert b'data-theme="custom"' in kept["milestones/ms/index.html"]  # the site's layer is in play
