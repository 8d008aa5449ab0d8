"""`okrsite check --format sarif`: the diagnostics as a SARIF 2.1.0 log, for code scanning.

One run, one rule per diagnostic code (with its severity, what it finds and how to fix it),
one result per diagnostic with its exact region. Paths are relative to the repository root
(`uriBaseId` %SRCROOT%), as GitHub code scanning expects; columns count Unicode code points,
as okrsite's do. A failure to run is an unsuccessful invocation with its message, so a tool
that reads the log sees why there are no results. The output is deterministic.
"""

from __future__ import annotations

import json
import re
from typing import Sequence

from okrsite import __version__
from okrsite.diagnostics import CODES, Diagnostic, Severity, rule_help

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"


def _plain(markdown: str) -> str:
    """Markdown code spans as quoted text: `: ` -> ': '."""
    return re.sub(r"`([^`]*)`", r"'\1'", markdown)


def _rule_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("-"))


def rules() -> list[dict]:
    """Every diagnostic code as a SARIF reportingDescriptor, in the order of CODES."""
    out = []
    for code, severity in CODES.items():
        when, fix = rule_help(code)
        out.append({
            "id": code,
            "name": _rule_name(code),
            "shortDescription": {"text": _plain(when[:1].upper() + when[1:]) + "."},
            "fullDescription": {"text": f"{severity.value}: {_plain(when)}."},
            "help": {"text": f"How to fix: {_plain(fix)}.", "markdown": f"**How to fix:** {fix}."},
            "defaultConfiguration": {"level": severity.value},
            "properties": {"tags": ["okrsite"]},
        })
    return out


def _result(d: Diagnostic, index: dict[str, int], path_prefix: str) -> dict:
    loc = d.location
    return {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": "error" if d.severity is Severity.ERROR else "warning",
        "message": {"text": d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": path_prefix + loc.file, "uriBaseId": SRCROOT},
                "region": {
                    "startLine": loc.line,
                    "startColumn": loc.column,
                    "endLine": loc.line,
                    "endColumn": loc.column + max(1, loc.length),
                },
            },
        }],
    }


def format_sarif(diagnostics: Sequence[Diagnostic], path_prefix: str = "", failure: str | None = None) -> str:
    """A SARIF 2.1.0 log of `diagnostics`, or of a `failure` to run (exit status 2)."""
    index = {code: i for i, code in enumerate(CODES)}
    invocation: dict = {"executionSuccessful": failure is None}
    if failure is not None:
        invocation["exitCode"] = 2
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": failure}}]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "okrsite",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules(),
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, index, path_prefix) for d in diagnostics],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
