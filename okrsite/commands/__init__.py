"""One module per verb of the command line, as MkDocs' `commands/`.

Each module has `NAME`, `register(verbs)` (its arguments and help) and `run(args) -> int`
(an exit status: 0 clean, 1 findings, 2 could not run). `cli.py` only assembles them.
"""

from okrsite.commands import build, check, close, diff, export, import_csv, init, new, rules, schema, serve

VERBS = (check, build, serve, diff, init, new, schema, import_csv, export, rules, close)
