"""The GitHub workflows, .ci/run and package.json are sound.

actionlint checks the workflows for real (and is shown to catch a broken one);
the rest pins down what the workflows must do for this project.
"""

from __future__ import annotations

import json
import re
import subprocess

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
}


def load(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in doc:  # YAML 1.1 reads the key `on` as the boolean true
        doc["on"] = doc.pop(True)
    return doc


def steps(doc: dict) -> list[dict]:
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


def uses(doc: dict, action: str) -> dict:
    found = [s for s in steps(doc) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}"
    return found[0]


def runs(doc: dict) -> list[str]:
    return [line.strip() for s in steps(doc) if "run" in s for line in s["run"].splitlines() if line.strip()]


# ---------------------------------------------------------------- actionlint
@pytest.mark.validator
def test_actionlint_accepts_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert {f.name for f in files} >= {"check.yml", "pages.yml"}
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
    doc = load("check.yml")
    setup = uses(doc, "actions/setup-python")["with"]
    assert str(setup["python-version"]) == "3.11" and setup["cache"] == "pip"
    commands = runs(doc)
    for command in ("pip install -e .", "okrsite check --format github", "okrsite build --out public"):
        assert command in commands
    assert commands.index("okrsite check --format github") < commands.index("okrsite build --out public")
    upload = uses(doc, "actions/upload-artifact")["with"]
    assert upload["path"] == "public" and upload["if-no-files-found"] == "error"
    all_steps = steps(doc)
    assert all_steps.index(uses(doc, "actions/upload-artifact")) == len(all_steps) - 1


# ----------------------------------------------------------------- pages.yml
def test_pages_workflow_triggers():
    on = load("pages.yml")["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert "pull_request" not in on


def test_pages_workflow_permissions_and_concurrency():
    doc = load("pages.yml")
    perms = dict(doc.get("permissions") or {})
    for job in doc["jobs"].values():
        perms.update(job.get("permissions") or {})
    assert perms.get("pages") == "write" and perms.get("id-token") == "write"
    assert perms.get("contents") == "read"
    assert doc["concurrency"]["group"] and doc["concurrency"]["cancel-in-progress"] is False


def test_pages_workflow_builds_then_deploys():
    doc = load("pages.yml")
    assert "okrsite build --out public" in runs(doc)
    assert "pip install -e ." in runs(doc)
    assert uses(doc, "actions/upload-pages-artifact")["with"]["path"] == "public"
    uses(doc, "actions/configure-pages")
    build_job = next(name for name, job in doc["jobs"].items()
                     if any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in job["steps"]))
    deploy_name, deploy = next((name, job) for name, job in doc["jobs"].items()
                               if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    assert deploy_name != build_job and deploy["needs"] in (build_job, [build_job])
    assert deploy["environment"]["name"] == "github-pages"
    step = uses(doc, "actions/deploy-pages")
    assert deploy["environment"]["url"] == "${{ steps." + step["id"] + ".outputs.page_url }}"


# -------------------------------------------------------------- both workflows
@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
def test_workflow_actions_are_current_majors(name):
    doc = load(name)
    for step in steps(doc):
        if "uses" not in step:
            continue
        action, _, ref = step["uses"].partition("@")
        assert action in MIN_MAJOR, f"unexpected action {action} in {name}"
        m = re.fullmatch(r"v(\d+)", ref)
        assert m, f"{action}@{ref}: pin a major version tag like v5"
        assert int(m.group(1)) >= MIN_MAJOR[action], f"{action}@{ref} is too old"


@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
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
