"""`okrsite schema`: the JSON Schemas, for editors and other tools."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from okrsite.commands.common import EXIT_OK
from okrsite.diagnostics import UsageError

NAME = "schema"


def register(verbs):
    p = verbs.add_parser(
        "schema", help="write the JSON Schemas for editors (yaml-language-server)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
The JSON Schemas of okrsite.yaml and of every content file kind (objective, milestone, task,
team): the contract okrsite checks against. Editors with a YAML language server use them to
complete keys and underline mistakes as you type. `okrsite init` writes them to
.okrsite/schemas/; run this after upgrading okrsite to refresh them.""",
        epilog="""\
examples:
  okrsite schema --out .okrsite/schemas      refresh a site's editor schemas
  okrsite schema                             all schemas as one JSON object on standard output""")
    p.add_argument("--out", metavar="DIR", help="folder to write the schema files to; default: print them as one JSON object")
    return p


def run(args) -> int:
    from okrsite.validate import SCHEMA_NAMES, bundled

    if not args.out:
        sys.stdout.write(json.dumps({f"{n}.json": bundled(n) for n in SCHEMA_NAMES}, indent=2) + "\n")
        return EXIT_OK
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in SCHEMA_NAMES:
            (out / f"{name}.json").write_text(json.dumps(bundled(name), indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write to {out}: {err.strerror or err}") from None
    # yaml-language-server resolves a modeline's path against the folder of the file it is in
    example = Path(os.path.relpath(out.resolve() / "team.json", Path.cwd().resolve() / "content" / "teams"))
    print(f"wrote {len(SCHEMA_NAMES)} schemas to {out}/; point yaml-language-server at them with a first line\n"
          f"like this one in content/teams/*.yaml (the path is relative to the file):\n"
          f"  # yaml-language-server: $schema={example.as_posix()}\n"
          "(Markdown front matter is not checked by editors: run okrsite check, or keep okrsite serve running)")
    return EXIT_OK
