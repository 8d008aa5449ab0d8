"""A site's theme: its template and static files, the site's layer over the built-in theme.

The files are listed once through `sitefs.walk`, so a theme reaches nothing outside the site:
a linked theme folder, a link out of `templates/` or `static/` (`static/env.txt ->
/proc/self/environ`) is a diagnostic, and the template loader and asset list only know the
files listed here. `check` reports these problems; `build` and `serve` render from the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from okrsite import sitefs
from okrsite.diagnostics import Diagnostic


@dataclass(frozen=True)
class ThemeFile:
    """A file of a theme layer: `rel` under `root` (the site folder, or the built-in theme)."""

    root: Path
    rel: str
    shown: str  # how messages name it: site-relative for a site's file

    def read(self) -> bytes:
        return sitefs.read_inside(self.root, self.rel)


@dataclass(frozen=True)
class Theme:
    templates: dict[str, ThemeFile] = field(default_factory=dict)  # template name -> file
    static: dict[str, ThemeFile] = field(default_factory=dict)  # path under static/ -> file


def builtin_theme() -> Path:
    """The default theme: inside the installed package, or beside it in a source checkout."""
    packaged = Path(__file__).parent / "themes" / "default"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "themes" / "default"


def _site_theme_rel(config) -> str | None:
    """themes/<theme> when the site has that folder (a real one, not the built-in theme itself)."""
    rel = f"themes/{config.theme}"
    site_theme = config.site_dir / rel
    if sitefs.linked_part(config.site_dir, rel) is not None:
        return rel  # reported by load_theme, never read
    if site_theme.is_dir() and site_theme.resolve() != builtin_theme().resolve():
        return rel
    return None


def theme_dirs(config) -> list[Path]:
    """Site theme first, then the built-in default: a site overrides any single file."""
    rel = _site_theme_rel(config)
    if rel is None or sitefs.linked_part(config.site_dir, rel) is not None:
        return [builtin_theme()]
    return [config.site_dir / rel, builtin_theme()]


def builtin_layer() -> Theme:
    """The built-in theme's files alone: trusted code shipped with okrsite."""
    builtin = builtin_theme()
    theme = Theme()
    for part, table in (("templates", theme.templates), ("static", theme.static)):
        files, _ = sitefs.walk(builtin, part)
        for rel in files:
            table[rel[len(part) + 1:]] = ThemeFile(builtin, rel, f"(built-in) {rel}")
    return theme


def load_theme(config) -> tuple[Theme, list[Diagnostic]]:
    """The theme's files (the site's over the built-in ones) and every link refused in it."""
    theme = builtin_layer()
    rel = _site_theme_rel(config)
    if rel is None:
        return theme, []
    linked = sitefs.linked_part(config.site_dir, rel)
    if linked is not None:
        problem = sitefs.link_problem(config.site_dir.resolve(), linked) or sitefs.folder_link_problem(linked)
        return theme, [problem]
    problems: list[Diagnostic] = []
    for part, table in (("templates", theme.templates), ("static", theme.static)):
        files, found = sitefs.walk(config.site_dir, f"{rel}/{part}")
        problems += found
        for file in files:
            table[file[len(rel) + len(part) + 2:]] = ThemeFile(config.site_dir, file, file)
    return theme, problems


def static_files(theme: Theme) -> dict[str, bytes]:
    """Every static file's bytes, by its path under static/."""
    return {name: theme.static[name].read() for name in sorted(theme.static)}

