"""A long hostile-content fuzzing campaign: many hypothesis examples, findings collected, not raised.

    python tests/fuzz/run.py --examples 20000 --seed 1 --report /tmp/fuzz.json
    nice -n 10 python tests/fuzz/run.py --minutes 120 --kinds field,link

Each example is a hostile site (tests/fuzz/hostile.py) that `check` (three formats) and `build`
run on in this process. A finding (a traceback, an unpositioned diagnostic, author markup in the
output, a file read outside the site, ...) is recorded with the mutations that made the site and
the run goes on; the report counts examples, outcomes and distinct findings (by their first
line), and lists the slowest examples. Exit status 1 when anything was found.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for `fuzz`

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from fuzz import hostile  # noqa: E402

KINDS = {
    "field": hostile.mutate_field, "body": hostile.mutate_body, "encoding": hostile.mutate_encoding,
    "link": hostile.mutate_link, "file": hostile.mutate_extra_file, "theme": hostile.mutate_theme,
    "document": hostile.mutate_document,
}


def finding_class(finding: str) -> str:
    """Findings grouped by what went wrong, not by where: paths, numbers and file names folded."""
    first = finding.splitlines()[0]
    first = re.sub(r"(read outside the site: \S+) (/[^/\s]+).*", r"\1 \2/...", first)
    first = re.sub(r"(published in|is not well-formed XML:|is not JSON:) .*", r"\1 ...", first)
    first = re.sub(r"^[\w./-]+\.(html|svg|xml|ics|json): ", "FILE: ", first)
    first = re.sub(r"okrsite-fuzz-\w+", "TMP", first)
    first = re.sub(r"\d+", "N", first)
    return first[:160]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000, help="examples in all (default 2000)")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long instead")
    parser.add_argument("--seed", type=int, default=0, help="first seed; each round of 100 takes the next")
    parser.add_argument("--kinds", default="", help=f"mutations to use, of {','.join(KINDS)} (default: all)")
    parser.add_argument("--report", type=Path, help="write the report as JSON here too")
    args = parser.parse_args(argv)
    kinds = [KINDS[k] for k in args.kinds.split(",") if k] or None

    stats = collections.Counter()
    findings: dict[str, dict] = {}
    slowest: list[tuple[float, list[str]]] = []
    started = time.monotonic()
    round_size, round_number = 100, 0

    def one(spec) -> None:
        with tempfile.TemporaryDirectory(prefix="okrsite-fuzz-") as tmp:
            outcome = hostile.examine(spec, Path(tmp))
        stats["examples"] += 1
        stats[f"check exit {outcome.check_code}"] += 1
        stats[f"build exit {outcome.build_code}"] += 1
        stats["diagnostics"] += outcome.diagnostics
        slowest.append((outcome.cpu, spec.notes))
        slowest.sort(key=lambda item: -item[0])
        del slowest[10:]
        for finding in outcome.findings:
            key = finding_class(finding)
            entry = findings.setdefault(key, {"count": 0, "first": finding[:4000], "sites": []})
            entry["count"] += 1
            if len(entry["sites"]) < 3:
                entry["sites"].append(spec.notes)

    while True:
        done = stats["examples"]
        if args.minutes and time.monotonic() - started > args.minutes * 60:
            break
        if not args.minutes and done >= args.examples:
            break
        size = round_size if args.minutes else min(round_size, args.examples - done)
        test = seed(args.seed + round_number)(settings(
            max_examples=size, deadline=None, database=None, phases=[Phase.generate],
            suppress_health_check=list(HealthCheck))(given(hostile.sites(kinds))(one)))
        test()
        round_number += 1
        print(f"{stats['examples']} examples, {len(findings)} distinct findings, "
              f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)

    report = {
        "examples": stats["examples"], "seconds": round(time.monotonic() - started),
        "outcomes": {k: v for k, v in sorted(stats.items()) if k != "examples"},
        "findings": findings,
        "slowest": [{"cpu_seconds": round(s, 2), "site": notes} for s, notes in slowest],
    }
    text = json.dumps(report, indent=2, ensure_ascii=True)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
