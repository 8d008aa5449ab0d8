"""The pre-commit hook `okrsite-check` (.pre-commit-hooks.yaml), run by the real pre-commit.

`pre-commit try-repo` installs the hook from a repository exactly as a user's
`.pre-commit-config.yaml` would (a venv with okrsite built from that repository) and runs it in
a temporary git repository holding a site: a good site passes, a broken one fails with the
diagnostics, and a commit that touches no site file skips the hook.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from helpers import MILESTONE, OBJECTIVE, make_site
from support import REPO_ROOT, require, venv_tool

BASE = {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/feedback-form.md": MILESTONE}
FIXED_DATE = {"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
              "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
              "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **FIXED_DATE})


def test_the_hook_definition():
    [hook] = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "okrsite-check" and hook["entry"] == "okrsite check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This checkout's files as they are now (tracked and new, not ignored), committed in a
    repository of their own: pre-commit installs the hook from there once for the module."""
    repo = tmp_path_factory.mktemp("okrsite-repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO_ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = REPO_ROOT / rel
        if source.is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / rel)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "okrsite", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo, home, site_repo, *args):
    tool = require(lambda: venv_tool("pre-commit"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", **FIXED_DATE}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([tool, "try-repo", str(hook_repo), "okrsite-check", "--color", "never", *args],
                          cwd=site_repo, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def site_repo(tmp_path):
    repo = make_site(tmp_path, BASE)  # a site at the repository's root, as `okrsite init` makes it
    git("init", "-q", cwd=repo)
    (repo / "README.md").write_text("# Our roadmap\n", encoding="utf-8")
    git("add", "-A", cwd=repo)
    return repo


@pytest.mark.validator
def test_a_good_site_passes(hook_repo, pre_commit_home, site_repo):
    result = try_repo(hook_repo, pre_commit_home, site_repo, "--all-files", "--verbose", "--hook-stage", "pre-commit")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "okrsite check" in output and "Passed" in output


@pytest.mark.validator
def test_a_broken_site_fails_with_the_diagnostics(hook_repo, pre_commit_home, site_repo):
    ms = site_repo / "content" / "milestones" / "feedback-form.md"
    ms.write_text(MILESTONE.replace("build-trust/kr1", "build-trust/kr9"), encoding="utf-8")
    git("add", "-A", cwd=site_repo)
    result = try_repo(hook_repo, pre_commit_home, site_repo, "--files", "content/milestones/feedback-form.md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert "content/milestones/feedback-form.md:4:15: error[unknown-ref]" in output


@pytest.mark.validator
def test_a_commit_without_site_files_skips_the_hook(hook_repo, pre_commit_home, site_repo):
    (site_repo / "content" / "milestones" / "feedback-form.md").write_text("broken: [", encoding="utf-8")
    result = try_repo(hook_repo, pre_commit_home, site_repo, "--files", "README.md")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "(no files to check)Skipped" in output.replace(".", "")
