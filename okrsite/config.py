"""Config stage: okrsite.yaml -> SiteConfig, with positioned diagnostics for what is wrong."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from okrsite import sitefs
from okrsite.calendar import MAX_YEAR, MIN_YEAR, Calendar, Sprint
from okrsite.diagnostics import Diagnostic, UsageError, quote
from okrsite.load import SourceMap, decode, parse_yaml
from okrsite.rules import Settings

CONFIG_FILE = "okrsite.yaml"


@dataclass(frozen=True)
class Marker:
    date: dt.date
    label: str


@dataclass(frozen=True)
class HistorySettings:
    """`history:` in okrsite.yaml: how the site shows change over time (docs/history.md)."""

    badge_days: int = 14          # "new" and "moved" badges for changes this many days before today
    baseline_bars: bool = True    # draw each milestone's baseline as a ghost bar on the diagram


@dataclass(frozen=True)
class SiteConfig:
    site_dir: Path
    title: str
    description: str = ""
    base_url: str = ""
    language: str = "en"
    today: dt.date = dt.date(1970, 1, 1)
    theme: str = "default"
    calendar: Calendar = field(default_factory=Calendar)
    teams_required: bool = False
    markers: tuple[Marker, ...] = ()
    edit_url: str = ""
    source: SourceMap | None = None
    # Part 2 (sections 12-13): `okr:` and `rules:`; their defaults change nothing for part 1.
    default_commitment: str = "committed"
    grade_bands: tuple[float, float] = (0.7, 0.4)   # green at or above the first, yellow the second
    rules: Settings = field(default_factory=Settings)
    planning: bool = False                           # okrsite.yaml has an okr: or rules: block
    history: HistorySettings = field(default_factory=HistorySettings)


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so rebuilds of old commits are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        day = None
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a usable time: give seconds since "
                         "1970-01-01 (like `git log -1 --format=%ct`), or unset it")
    return day


def find_site(site: str | os.PathLike | None) -> Path:
    """The site folder, or a one-line UsageError (exit status 2) saying why there is none.

    Without --site, okrsite looks for okrsite.yaml in the current folder and then in each
    parent folder, as git looks for .git: every command works from anywhere inside a site
    (content/milestones/, say). An explicit --site DIR is taken as it is.
    """
    if site is None:
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            config = folder / CONFIG_FILE
            if config.is_file():
                return folder
            if config.exists():
                raise UsageError(f"{config} is not a file; okrsite.yaml must be a file")
        raise UsageError(
            f"no {CONFIG_FILE} here or in any parent folder: run okrsite inside a site, pass --site DIR, "
            "or create a site with `okrsite init`"
        )
    site_dir = Path(site).resolve()
    if not site_dir.is_dir():
        what = "is not a folder" if site_dir.exists() else "does not exist"
        raise UsageError(f"--site {site}: {what}; pass the folder that holds {CONFIG_FILE}")
    config = site_dir / CONFIG_FILE
    if config.exists() and not config.is_file():
        raise UsageError(f"{CONFIG_FILE} in {site} is not a file")
    if not config.is_file():
        raise UsageError(
            f"no {CONFIG_FILE} in {site}: pass the folder that holds it, "
            "or create a site there with `okrsite init`"
        )
    return site_dir


def _read_config(site_dir: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """okrsite.yaml's bytes, read through a link only when it stays inside the site (sitefs);
    else None and why. UsageError when it cannot be read at all."""
    if (site_dir / CONFIG_FILE).is_symlink():
        problem = sitefs.link_problem(site_dir.resolve(), CONFIG_FILE)
        if problem is not None:
            return None, [problem]
    try:
        return (site_dir / CONFIG_FILE).read_bytes(), []
    except OSError as err:
        raise UsageError(f"cannot read {CONFIG_FILE}: {err.strerror or err}") from None


def settings_stamp(site_dir: Path) -> bytes:
    """Everything load_config's answer depends on besides okrsite's code: okrsite.yaml's bytes as
    load_config reads them (or why it reads none) and the build date. Equal stamps, equal
    settings: the build cache keys on it, and `serve` parses okrsite.yaml again only when it
    moves. UsageError as load_config and build_date raise it."""
    raw, problems = _read_config(site_dir)
    why = repr([p.sort_key() for p in problems]).encode()
    return (raw if raw is not None else b"<not read> " + why) + b"\0" + build_date().isoformat().encode()


def load_config(site_dir: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """SiteConfig, or None when okrsite.yaml is too broken to build anything from."""
    raw, problems = _read_config(site_dir)
    if raw is None:
        return None, problems
    text, problems = decode(raw, CONFIG_FILE)
    if text is None:
        return None, problems
    data, source, problems = parse_yaml(text, CONFIG_FILE, refuse_controls=True)
    if problems:
        return None, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Diagnostic("schema", "okrsite.yaml must be a mapping of settings (key: value)",
                                 source.locate(()))]
    _read_off_as_off(data)
    from okrsite.validate import validate_data  # here: jsonschema is slow to import, and a cached answer needs no config

    problems = validate_data(data, source, "config")
    if problems:
        return None, problems
    calendar, problems = _calendar(data.get("calendar") or {}, source)
    markers = tuple(
        Marker(dt.date.fromisoformat(m["date"]), m["label"]) for m in data.get("markers", [])
    )
    theme = data.get("theme", "default")
    theme_dir = site_dir / "themes" / theme
    if theme != "default" and not theme_dir.is_dir() and not theme_dir.is_symlink():  # a link: see theme.py
        problems.append(Diagnostic(
            "schema", f"theme {quote(theme)} is not a folder under themes/; use default or create themes/{theme}/",
            source.locate(("theme",)),
        ))
    okr = data.get("okr") or {}
    bands = okr.get("grade_bands", (0.7, 0.4))
    bands = (bands["green"], bands["yellow"]) if isinstance(bands, dict) else tuple(bands)
    if bands[0] < bands[1]:
        problems.append(Diagnostic(
            "schema", f"grade_bands: the green band ({bands[0]}) must not be below the yellow one ({bands[1]}); "
                      f"write them highest first: [{bands[1]}, {bands[0]}]",
            source.locate(("okr", "grade_bands")),
        ))
        bands = (bands[1], bands[0])
    config = SiteConfig(
        site_dir=site_dir,
        title=data["title"],
        description=data.get("description", ""),
        base_url=data.get("base_url", ""),
        language=data.get("language", "en"),
        today=dt.date.fromisoformat(data["today"]) if "today" in data else build_date(),
        theme=theme,
        calendar=calendar,
        teams_required=data.get("teams_required", False),
        markers=markers,
        edit_url=data.get("edit_url", ""),
        source=source,
        default_commitment=okr.get("default_commitment", "committed"),
        grade_bands=bands,
        rules=Settings.from_config(data.get("rules")),
        planning="okr" in data or "rules" in data,
        history=HistorySettings(**data.get("history", {})),
    )
    return config, problems


def _read_off_as_off(data: dict) -> None:
    """`rule: off` is what authors write, and YAML 1.1 reads an unquoted off (or no, false)
    as the boolean false: in `rules:` that false means the severity off."""
    rules = data.get("rules")
    if not isinstance(rules, dict):
        return
    for rule_id, value in rules.items():
        if value is False:
            rules[rule_id] = "off"
        elif isinstance(value, dict) and value.get("severity") is False:
            value["severity"] = "off"


def _calendar(data: dict, source: SourceMap) -> tuple[Calendar, list[Diagnostic]]:
    fiscal = data.get("fiscal_year_start", 1)
    sprints = data.get("sprints")
    if sprints is None:
        return Calendar(fiscal), []
    if isinstance(sprints, dict):
        return Calendar(fiscal, dt.date.fromisoformat(sprints["start"]), sprints["length_days"]), []
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}
    explicit: list[Sprint] = []
    for index, item in enumerate(sprints):
        path = ("calendar", "sprints", index)
        start, end = dt.date.fromisoformat(item["start"]), dt.date.fromisoformat(item["end"])
        if item["id"] in seen:
            problems.append(Diagnostic(
                "duplicate-id", f"sprint id {quote(item['id'])} is used twice (first in item {seen[item['id']] + 1})",
                source.locate(path + ("id",)),
            ))
            continue
        if end < start:
            problems.append(Diagnostic(
                "bad-dates", f"sprint {quote(item['id'])} ends ({end}) before it starts ({start})",
                source.locate(path + ("end",)),
            ))
            continue
        seen[item["id"]] = index
        explicit.append(Sprint(start, end, item["id"], item.get("name") or item["id"], index + 1))
    explicit.sort()
    for earlier, later in zip(explicit, explicit[1:]):
        if later.start <= earlier.end:
            problems.append(Diagnostic(
                "bad-dates", f"sprint {quote(later.id)} starts on {later.start}, before sprint {quote(earlier.id)} ends ({earlier.end}); sprints must not overlap",
                source.locate(("calendar", "sprints", later.index - 1, "start")),
            ))
    ordered = tuple(Sprint(s.start, s.end, s.id, s.name, i + 1) for i, s in enumerate(explicit))
    return Calendar(fiscal, None, 14, ordered), problems


def repo_prefix(site_dir: Path) -> str:
    """Path from the enclosing git repository's root to the site ("" at the root, else "sub/")."""
    for parent in [site_dir, *site_dir.parents]:
        if (parent / ".git").exists():
            rel = site_dir.relative_to(parent).as_posix()
            return "" if rel == "." else rel + "/"
    return ""
