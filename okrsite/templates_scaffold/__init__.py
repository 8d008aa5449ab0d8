"""Files `okrsite init` and `okrsite new` write (package data, shipped in the wheel).

site/   the scaffold of `okrsite init`; a leading `dot-` in a name stands for `.`
        (`dot-github/` is written as `.github/`), so the wheel never holds dotfiles.
new/    the templates of `okrsite new objective|milestone|task|team`.

Placeholders are `%%name%%`; `okrsite.scaffold.render` fills them and fails on a missing one.
"""
