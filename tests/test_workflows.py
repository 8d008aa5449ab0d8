"""The GitHub workflows, .ci/run and package.json are sound.

actionlint checks the workflows for real (and is shown to catch a broken one);
the rest pins down what the workflows must do for this project.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from support import REPO_ROOT, actionlint

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
CI_RUN = REPO_ROOT / ".ci" / "run"
TEST_CMD = "pip install -e '.[test]' && python -m pytest"

# Oldest acceptable major version of each action the workflows use.
MIN_MAJOR = {
    "actions/checkout": 4,
    "actions/setup-python": 5,
    "actions/upload-artifact": 4,
    "actions/configure-pages": 5,
    "actions/upload-pages-artifact": 3,
    "actions/deploy-pages": 4,
    "actions/download-artifact": 4,
}


def load(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in doc:  # YAML 1.1 reads the key `on` as the boolean true
        doc["on"] = doc.pop(True)
    return doc


def steps(doc: dict) -> list[dict]:
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


def uses(doc: dict, action: str) -> dict:
    found = [s for s in steps(doc) if s.get("uses", "").split("@")[0].rstrip("/") == action]
    assert len(found) == 1, f"expected one step using {action}"
    return found[0]


def runs(doc: dict) -> list[str]:
    return [line.strip() for s in steps(doc) if "run" in s for line in s["run"].splitlines() if line.strip()]


# ---------------------------------------------------------------- actionlint
@pytest.mark.validator
def test_actionlint_accepts_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert {f.name for f in files} >= {"check.yml", "pages.yml", "release.yml"}
    code, output = actionlint(files, cwd=REPO_ROOT)
    assert code == 0, output


@pytest.mark.validator
def test_actionlint_rejects_a_broken_workflow(tmp_path):
    wf = tmp_path / ".github" / "workflows" / "broken.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text(
        "on:\n"
        "  pull_requests:\n"  # no such event
        "jobs:\n"
        "  build:\n"  # no runs-on
        "    steps:\n"
        "      - run: echo ${{ steps.nope.outputs.value }}\n",  # no such step
        encoding="utf-8")
    code, output = actionlint(wf, cwd=tmp_path)
    assert code == 1, output
    assert "pull_requests" in output
    assert "runs-on" in output
    assert "nope" in output
    assert len(output.splitlines()) >= 3


# ----------------------------------------------------------------- check.yml
def test_check_workflow_runs_on_pull_requests():
    doc = load("check.yml")
    assert "pull_request" in doc["on"]
    assert doc["permissions"] == {"contents": "read"}


def test_check_workflow_checks_builds_and_uploads_the_site():
    """The action of this checkout checks and builds; its `out` output is what is uploaded
    (the steps themselves run for real in tests/test_action.py)."""
    doc = load("check.yml")
    okrsite = uses(doc, ".")
    assert okrsite["uses"] == "./" and okrsite["with"]["site"] == "."
    upload = uses(doc, "actions/upload-artifact")["with"]
    assert upload["path"] == "${{ steps." + okrsite["id"] + ".outputs.out }}" and upload["if-no-files-found"] == "error"
    all_steps = steps(doc)
    assert all_steps.index(okrsite) < all_steps.index(uses(doc, "actions/upload-artifact")) == len(all_steps) - 1


# ----------------------------------------------------------------- pages.yml
def test_pages_workflow_triggers():
    on = load("pages.yml")["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on and on["schedule"]
    assert "pull_request" not in on


def test_pages_workflow_permissions_and_concurrency():
    doc = load("pages.yml")
    perms = dict(doc.get("permissions") or {})
    for job in doc["jobs"].values():
        perms.update(job.get("permissions") or {})
    assert perms.get("pages") == "write" and perms.get("id-token") == "write"
    assert perms.get("contents") == "read"
    assert doc["concurrency"]["group"] and doc["concurrency"]["cancel-in-progress"] is False


def test_pages_workflow_builds_with_the_pages_address_then_deploys():
    doc = load("pages.yml")
    pages = uses(doc, "actions/configure-pages")
    okrsite = uses(doc, ".")
    assert okrsite["with"]["base-url"] == "${{ steps." + pages["id"] + ".outputs.base_url }}"
    assert uses(doc, "actions/upload-pages-artifact")["with"]["path"] == "${{ steps." + okrsite["id"] + ".outputs.out }}"
    build_job = next(name for name, job in doc["jobs"].items()
                     if any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in job["steps"]))
    deploy_name, deploy = next((name, job) for name, job in doc["jobs"].items()
                               if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    assert deploy_name != build_job and deploy["needs"] in (build_job, [build_job])
    assert deploy["environment"]["name"] == "github-pages"
    step = uses(doc, "actions/deploy-pages")
    assert deploy["environment"]["url"] == "${{ steps." + step["id"] + ".outputs.page_url }}"


# -------------------------------------------------------------- every workflow
@pytest.mark.parametrize("name", ["check.yml", "pages.yml", "release.yml"])
def test_workflow_actions_are_current_majors(name):
    doc = load(name)
    for step in steps(doc):
        if "uses" not in step or step["uses"] == "./":
            continue
        action, _, ref = step["uses"].partition("@")
        if action == "pypa/gh-action-pypi-publish":
            assert ref == "release/v1"  # the maintainers' recommended moving ref
            continue
        assert action in MIN_MAJOR, f"unexpected action {action} in {name}"
        m = re.fullmatch(r"v(\d+)", ref)
        assert m, f"{action}@{ref}: pin a major version tag like v5"
        assert int(m.group(1)) >= MIN_MAJOR[action], f"{action}@{ref} is too old"


@pytest.mark.parametrize("name", ["check.yml", "pages.yml", "release.yml"])
def test_workflow_jobs_have_timeouts_and_python_311(name):
    doc = load(name)
    for job in doc["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        assert 0 < job["timeout-minutes"] <= 30
    if any(s.get("uses", "").startswith("actions/setup-python@") for s in steps(doc)):
        assert str(uses(doc, "actions/setup-python")["with"]["python-version"]) == "3.11"


# --------------------------------------------------------------------- .ci/run
def test_ci_run_is_valid_bash():
    subprocess.run(["bash", "-n", str(CI_RUN)], check=True)
    text = CI_RUN.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert f'TEST_CMD="{TEST_CMD}"' in text
    assert "playwright install" not in text  # browsers come from Debian, never downloaded


def test_ci_run_makes_a_fresh_venv_where_nothing_installed_on_the_machine_is_seen(tmp_path):
    """The venv part of .ci/run, run for real: jinja2 (installed where this test runs) is absent there,
    so a package left on the machine cannot make CI green; the test command runs inside it."""
    text = CI_RUN.read_text(encoding="utf-8")
    start, end = text.index('section "Python: a fresh virtual environment"'), text.index('section "Node packages')
    venv_part = text[start:end]
    assert "--system-site-packages" not in venv_part
    tests = text[text.index('section "Tests'):]
    assert 'bash -c "$TEST_CMD"' in tests and text.index(venv_part) < text.index(tests)  # after activation
    script = ("set -euo pipefail\nsection() { echo \"== $*\"; }\n" + venv_part
              + 'python -c "import sys; print(sys.prefix)"\n'
              + 'python -c "import jinja2" 2>/dev/null && echo "SEES jinja2" || echo "no jinja2"\n'
              + 'python -m pytest --version >/dev/null 2>&1 && echo "SEES pytest" || echo "no pytest"\n')
    import jinja2  # noqa: F401 - present here, in the environment running this test
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "TMPDIR": str(tmp_path), "PYTHON": sys.executable})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-3].startswith(str(tmp_path)) and "okrsite-ci." in lines[-3]  # the venv's own prefix
    assert lines[-2:] == ["no jinja2", "no pytest"]
    assert not list(tmp_path.glob("okrsite-ci.*")), "the venv is removed when .ci/run exits"


def test_ci_run_and_readme_agree_on_the_test_command():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    if "pytest" not in readme:
        pytest.skip("README.md does not give a test command yet")
    assert TEST_CMD in readme, f"README.md must give the test command .ci/run runs: {TEST_CMD}"


# ---------------------------------------------------------------- package.json
def test_package_json_and_lockfile_agree():
    pkg = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert pkg["private"] is True
    assert "axe-core" in pkg["devDependencies"]
    assert lock["lockfileVersion"] >= 2
    assert lock["packages"][""]["devDependencies"] == pkg["devDependencies"]
    assert "node_modules/axe-core" in lock["packages"]
