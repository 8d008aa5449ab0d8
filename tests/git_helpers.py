"""A real git repository in a temporary folder, edited and committed step by step.

    repo = GitSite(tmp_path)                    # git init; the site at the root (or sub="roadmap")
    repo.write({"content/milestones/a.md": MILESTONE})
    first = repo.commit("plan", "2026-03-20")   # a commit on that day (author and committer)
    repo.move("content/milestones/a.md", "content/milestones/b.md")

Dates are given per commit so history is the same on every run; `today` in okrsite.yaml is
the site's "now". The commands are the real `git` and the real `okrsite` CLI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import helpers
from helpers import run_cli, text


def git_env(date: str | None = None) -> dict[str, str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@example.com",
           "GIT_COMMITTER_NAME": "Ada Author", "GIT_COMMITTER_EMAIL": "ada@example.com",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.environ.get("HOME", "/tmp")}
    if date:
        stamp = date if "T" in date else f"{date}T12:00:00+00:00"
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
    return env


class GitSite:
    """A site folder inside a fresh git repository."""

    def __init__(self, tmp_path: Path, config: str = helpers.CONFIG, sub: str = ""):
        self.root = tmp_path / "repo"
        self.root.mkdir(parents=True)
        self.site = self.root / sub if sub else self.root
        self.site.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "commit.gpgsign", "false")
        if config is not None:
            self.write({"okrsite.yaml": config})

    def git(self, *args: str, date: str | None = None) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, env=git_env(date), capture_output=True, text=True)
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout

    def write(self, files: dict[str, str | bytes]) -> None:
        for rel, content in files.items():
            path = self.site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(text(content), encoding="utf-8", newline="\n")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a site file."""
        path = self.site / rel
        body = path.read_text(encoding="utf-8")
        assert body.count(old) == 1, f"{old!r} occurs {body.count(old)} times in {rel}"
        path.write_text(body.replace(old, new), encoding="utf-8", newline="\n")

    def move(self, old: str, new: str) -> None:
        (self.site / new).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.site / old, self.site / new)

    def remove(self, rel: str) -> None:
        (self.site / rel).unlink()

    def commit(self, message: str, date: str) -> str:
        """Commit everything as it is on disk; the new commit's id."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD").strip()

    def okrsite(self, *args: str):
        """The real `okrsite` command in a child process, on this site."""
        return run_cli(*args, "--site", str(self.site), cwd=self.root)

    def run(self, capsys, *args: str) -> Result:
        """`okrsite ARGS --site SITE` in this process (much quicker than a child process)."""
        from okrsite import cli

        capsys.readouterr()
        try:
            code = cli.main([*args, "--site", str(self.site)])
        except SystemExit as stop:  # argparse's own usage errors
            code = stop.code
        out, err = capsys.readouterr()
        return Result(code, out, err)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
