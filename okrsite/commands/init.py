"""`okrsite init`: a complete, working site with example content and CI workflows."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from okrsite import GITHUB_REPOSITORY, __version__, sitefs
from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK
from okrsite.diagnostics import UsageError, eprint

NAME = "init"


def register(verbs):
    p = verbs.add_parser(
        "init", help="scaffold a working site with example content and CI workflows",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Create a complete, working site in DIR (created if needed): okrsite.yaml, example objectives,
milestones and teams dated in the current quarter, a how-we-work page, a README, the JSON
Schemas for editors, and two GitHub workflows (check every pull request, publish main to
GitHub Pages) that run okrsite as a GitHub Action pinned to this version.

init never overwrites a file, and refuses a folder that already has okrsite.yaml or a
non-empty content/. Inside a sub-folder of a git repository, the workflows run okrsite on
that sub-folder (move them to the repository's .github/workflows/).""",
        epilog="""\
examples:
  okrsite init my-roadmap        a new folder my-roadmap/ with a working site
  okrsite init                   the current folder
  cd my-roadmap && okrsite serve preview it at http://127.0.0.1:8000/""")
    p.add_argument("dir", nargs="?", default=".", metavar="DIR", help="folder to create the site in (default: here)")
    return p


def _refusal(target: Path) -> str | None:
    from okrsite.config import CONFIG_FILE
    from okrsite.scaffold import shown

    if (target / CONFIG_FILE).exists():
        return f"{shown(target)} already has {CONFIG_FILE}: it is a site already; nothing was written"
    content = target / "content"
    if content.is_symlink():
        return None  # run() refuses every link on the way to the files it writes
    if content.exists() and not content.is_dir():
        return f"{shown(content)} is a file; okrsite needs content/ to be a folder; nothing was written"
    if content.is_dir() and any(not p.name.startswith(".") for p in content.iterdir()):
        return (f"{shown(content)}/ is not empty: init writes example content and never mixes it "
                "with yours; use an empty folder (okrsite init NEW-FOLDER); nothing was written")
    return None


def run(args) -> int:
    # scaffold is imported here, not with the module: every command registers init's arguments
    from okrsite.config import build_date, repo_prefix
    from okrsite.scaffold import example_values, shown, site_files, site_title_from_folder, write_new

    target = Path(args.dir)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{args.dir} is a file, not a folder; give init a folder to create the site in")
    refusal = _refusal(target)
    if refusal:
        eprint(f"okrsite: {refusal}")
        return EXIT_FINDINGS
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"cannot create {args.dir}: {err.strerror or err}") from None

    prefix = repo_prefix(target.resolve())
    # In a sub-folder of a git repository the workflows run from the repository root.
    title = site_title_from_folder(target)
    values = example_values(build_date(), title, prefix.rstrip("/") or ".")
    files = site_files(values)
    linked = sitefs.linked_folder_on_the_way(target, [rel for rel, _ in files])
    if linked is not None:
        eprint(f"okrsite: {shown(target / linked)} is a symbolic link; init never writes through a link (it "
               "could lead outside the site): remove the link or use another folder; nothing was written")
        return EXIT_FINDINGS
    created, kept = [], []
    try:
        for rel, text in files:
            (created if write_new(target / rel, text) else kept).append(rel)
    except OSError as err:
        raise UsageError(f"cannot write in {args.dir}: {err.strerror or err}") from None

    where = shown(target)
    print(f"Created the okrsite site \"{title}\" in {where}/:")
    for rel in created:
        print(f"  + {rel}")
    for rel in kept:
        print(f"  = {rel} (already there, left as it was)")
    if ".gitignore" in kept:
        print("    add the line 'public/' to .gitignore so the built site is never committed")
    print()
    print(f"The example is dated in the current quarter ({values['quarter']}); replace it with your own")
    print("objectives and milestones (okrsite new objective ID, okrsite new milestone ID).")
    print()
    print("Next steps:")
    if where != ".":
        print(f"  cd {shlex.quote(where)}")
    print("  okrsite serve     preview at http://127.0.0.1:8000/, rebuilt on every save")
    print("  okrsite check     what CI runs on every pull request")
    print("Publish: push to GitHub, then Settings -> Pages -> Source: \"GitHub Actions\".")
    print(f"The workflows run okrsite as the GitHub Action {GITHUB_REPOSITORY}@v{__version__}; with a fork of okrsite,")
    print(f"change {GITHUB_REPOSITORY} to YOUR-ORG/okrsite (and the version to one of its tags) in both.")
    if prefix:
        root = target.resolve().parents[len(Path(prefix).parts) - 1]
        print(f"\nThis site is in {prefix} of the git repository at {root}: GitHub runs workflows only from\n"
              f"{root / '.github' / 'workflows'}, so move the two files of {where}/.github/workflows/ there\n"
              f"(they already run okrsite on site: {prefix.rstrip('/')}).")
    return EXIT_OK


