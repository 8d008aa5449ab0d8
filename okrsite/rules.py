"""Health rules (content format section 13): the checks a site may turn up, down or off.

Each rule has a stable id (also its diagnostic code), the severity it has when a site says
nothing (`default`: the four warnings of section 8 and `parent-outside-period` keep theirs,
every newer rule is off, so upgrading never breaks a passing CI), the setting `okrsite init`
writes (`recommended`) and its parameters. The link stage asks `Settings.severity` before
reporting; `okrsite rules` prints this table with the site's own settings.

The rule ids and their parameters are also the fields of `rules:` in the config schema
(okrsite/schemas/config.json) and the values `ignore_rules:` accepts; a test keeps the two
lists equal.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "off")


@dataclass(frozen=True)
class Rule:
    id: str
    default: str                       # severity when the site does not set the rule
    recommended: str                   # what `okrsite init` writes
    params: tuple[tuple[str, int], ...]  # (name, value when not set) — also the recommended value
    summary: str                       # when it reports, in a line


RULES: tuple[Rule, ...] = (
    Rule("kr-without-milestone", "warning", "warning", (),
         "a key result no milestone serves (the OKR has no path to delivery)"),
    Rule("outside-quarter", "warning", "warning", (),
         "a milestone lies wholly outside the periods of its key results' objectives"),
    Rule("starts-before-dependency", "warning", "warning", (),
         "a milestone starts before a milestone it depends on is due"),
    Rule("task-outside-milestone", "warning", "warning", (),
         "a task's sprint lies outside its milestone's span"),
    Rule("parent-outside-period", "warning", "warning", (),
         "an objective's period does not lie inside its parent's period"),
    Rule("too-many-objectives", "off", "warning", (("max", 5),),
         "a team (or the site, without teams) has more than `max` objectives in one quarter"),
    Rule("too-many-key-results", "off", "warning", (("max", 5),),
         "an objective has more than `max` key results (dropped ones not counted)"),
    Rule("objective-without-owner", "off", "off", (),
         "an objective has no owner"),
    Rule("stale-checkin", "off", "warning", (("days", 21),),
         "a numeric key result of a running period has no check-in for more than N days (N: its days)"),
    Rule("ungraded", "off", "warning", (),
         "a key result of a period that has ended has no grade and is not dropped"),
    Rule("unaligned", "off", "off", (),
         "an objective takes no part in alignment (no parent, no children) while others do"),
    Rule("output-key-result", "off", "off", (),
         "a key result's title starts with a delivery verb: an output, not an outcome"),
    Rule("single-sprint-milestone", "off", "off", (),
         "a scheduled milestone spans only one sprint"),
)
BY_ID = {rule.id: rule for rule in RULES}
IDS = tuple(BY_ID)


@dataclass(frozen=True)
class Setting:
    severity: str
    params: tuple[tuple[str, int], ...] = ()

    def param(self, name: str) -> int:
        return dict(self.params)[name]

    def describe(self) -> str:
        """`warning`, `warning, max 5`: as `okrsite rules` shows a setting."""
        return ", ".join([self.severity, *(f"{k} {v}" for k, v in self.params)])


def default_setting(rule: Rule) -> Setting:
    return Setting(rule.default, rule.params)


def recommended_setting(rule: Rule) -> Setting:
    return Setting(rule.recommended, rule.params)


def parse_setting(rule: Rule, value) -> Setting:
    """A schema-valid `rules:` entry -> Setting. `{max: 8}` without a severity means warning:
    writing a number for a rule is asking for it."""
    if value is False:  # YAML 1.1 reads an unquoted `off` as false
        value = "off"
    if isinstance(value, str):
        return Setting(value, rule.params)
    params = tuple((name, value.get(name, default)) for name, default in rule.params)
    return Setting(value.get("severity", "warning"), params)


@dataclass(frozen=True)
class Settings:
    """The rule settings of one site: okrsite.yaml's `rules:` over the defaults."""

    configured: tuple[tuple[str, Setting], ...] = ()

    @classmethod
    def from_config(cls, data: dict | None) -> "Settings":
        data = data or {}
        return cls(tuple((rule_id, parse_setting(BY_ID[rule_id], value))
                         for rule_id, value in data.items() if rule_id in BY_ID))

    def setting(self, rule_id: str) -> Setting:
        for configured_id, setting in self.configured:
            if configured_id == rule_id:
                return setting
        return default_setting(BY_ID[rule_id])

    def severity(self, rule_id: str) -> str:
        return self.setting(rule_id).severity

    def param(self, rule_id: str, name: str) -> int:
        return self.setting(rule_id).param(name)

    def is_set(self, rule_id: str) -> bool:
        return any(configured_id == rule_id for configured_id, _ in self.configured)


def recommended_yaml() -> str:
    """The `rules:` block `okrsite init` writes: every rule at its recommended setting."""
    lines = ["rules:                       # health checks: error, warning or off (okrsite rules lists them)"]
    for rule in RULES:
        setting = recommended_setting(rule)
        if rule.params:
            inner = ", ".join([f"severity: {setting.severity}", *(f"{k}: {v}" for k, v in setting.params)])
            value = "{" + inner + "}"
        else:
            value = setting.severity
        lines.append(f"  {rule.id}: {value}")
    return "\n".join(lines) + "\n"
