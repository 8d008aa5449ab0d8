"""`python -m okrsite.precompiled`: make okrsite/precompiled/ again from themes/default/templates,
after a built-in template, Jinja or the environment's settings changed (tests/test_precompiled.py
says when). Without it nothing breaks: a changed template is compiled at run time, as a site's is."""

from __future__ import annotations

import sys

from okrsite.precompiled import HERE, generate


def main() -> int:
    from okrsite.render import builtin_environment

    files = generate(builtin_environment())
    for old in (HERE / "templates").glob("*.py"):
        if f"templates/{old.name}" not in files:
            old.unlink()
    changed = 0
    for rel, text in files.items():
        path = HERE / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
    print(f"okrsite/precompiled: {len(files) - 1} templates, {changed} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
