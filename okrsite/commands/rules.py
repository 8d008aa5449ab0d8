"""`okrsite rules`: every health rule with this site's setting and the recommended one."""

from __future__ import annotations

import json
import sys

from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK, site_arg

NAME = "rules"

EPILOG = """\
Set a rule in okrsite.yaml to error, warning or off, with its number where it has one:
  rules:
    kr-without-milestone: error
    too-many-key-results: {severity: warning, max: 5}
Silence a rule for one objective, key result, milestone, task or team with
  ignore_rules: [rule-id, ...]
Rules a site does not set keep their default: the four warnings of section 8 and
parent-outside-period warn, the newer rules are off. `okrsite init` writes the recommended set.

examples:
  okrsite rules                      every rule, this site's setting and the recommended one
  okrsite rules --format json        the same for tools
"""


def register(verbs):
    import argparse

    p = verbs.add_parser("rules", help="list the health rules with this site's settings and the recommended ones",
                         description="List every health rule `okrsite check` can apply: its id (also the code it "
                                     "reports under), this site's setting (from okrsite.yaml, or the default), "
                                     "the recommended setting and when it reports.",
                         epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    site_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="text for people (default), json for tools")
    return p


def rows(settings) -> list[dict]:
    """One row per rule: its id, this site's setting, the default and the recommended one."""
    from okrsite.rules import RULES, default_setting, recommended_setting

    out = []
    for rule in RULES:
        current = settings.setting(rule.id)
        out.append({
            "id": rule.id,
            "setting": {"severity": current.severity, **dict(current.params)},
            "configured": settings.is_set(rule.id),
            "default": {"severity": default_setting(rule).severity, **dict(rule.params)},
            "recommended": {"severity": recommended_setting(rule).severity, **dict(rule.params)},
            "when": rule.summary.replace("`", ""),
        })
    return out


def _text(rows_: list[dict], source: str, colour: bool) -> str:
    from okrsite.rules import Setting

    def shown(setting: dict) -> str:
        return Setting(setting["severity"], tuple((k, v) for k, v in setting.items() if k != "severity")).describe()

    table = [("rule", f"this site ({source})", "recommended", "reports when")]
    for row in rows_:
        mine = shown(row["setting"]) + ("" if row["configured"] else " (default)")
        table.append((row["id"], mine, shown(row["recommended"]), row["when"]))
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    lines = []
    for index, row in enumerate(table):
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        if index == 0 and colour:
            line = f"\x1b[1m{line}\x1b[0m"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def run(args) -> int:
    from okrsite.commands.common import report
    from okrsite.config import CONFIG_FILE, find_site, load_config
    from okrsite.diagnostics import UsageError, use_colour
    from okrsite.pipeline import Checked
    from okrsite.rules import Settings

    try:
        site_dir = find_site(args.site)
    except UsageError:
        if args.site is not None:
            raise
        site_dir = None
    settings, source = Settings(), "defaults: no okrsite.yaml here"
    if site_dir is not None:
        config, problems = load_config(site_dir)
        errors = [p for p in problems if p.is_error]
        if config is None or errors:
            report(Checked(site_dir, config, None, problems, 1), "text", False, sys.stderr)
            return EXIT_FINDINGS
        settings, source = config.rules, CONFIG_FILE
    listed = rows(settings)
    if args.format == "json":
        sys.stdout.write(json.dumps({"source": source, "rules": listed}, indent=2) + "\n")
    else:
        sys.stdout.write(_text(listed, source, use_colour(sys.stdout)))
    return EXIT_OK
