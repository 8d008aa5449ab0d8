"""okrsite as a GitHub Action (action.yml) and the workflows that use it, run step by step.

The action's shell lines run for real in temporary git repositories (tests/support/actions.py
plays the runner): okrsite is installed from this checkout into the action's own venv, then the
check and build steps run on a site. The workflows `okrsite init` writes are walked the same way,
with the action standing in for `okrsite/okrsite@vX.Y.Z`. actionlint and the SchemaStore
schemas (check-jsonschema) read every file.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from git_helpers import GitSite, git_env
from helpers import MILESTONE, OBJECTIVE, make_site, run_cli
from okrsite import GITHUB_REPOSITORY, __version__
from support import REPO_ROOT, actionlint, require, venv_tool
from support.actions import Runner, load_yaml

ACTION = REPO_ROOT / "action.yml"
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
BASE = {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/feedback-form.md": MILESTONE}


# --- the action's own definition ----------------------------------------------------------------

def test_action_is_composite_with_the_documented_inputs_and_outputs():
    action = load_yaml(ACTION)
    assert action["runs"]["using"] == "composite"
    assert {"site", "strict", "build", "out", "base-url", "python-version", "base"} <= set(action["inputs"])
    assert action["inputs"]["site"]["default"] == "." and action["inputs"]["strict"]["default"] == "false"
    assert {"out", "okrsite-version"} <= set(action["outputs"])
    for name, spec in action["inputs"].items():
        assert spec["description"], name
    docs = (REPO_ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in list(action["inputs"]) + list(action["outputs"]):
        assert f"`{name}`" in docs, f"docs/ci.md must describe the action's {name}"


def test_action_steps_never_splice_inputs_into_shell_code():
    """Inputs reach scripts only through env: a site path like `x"; rm -rf ~` stays a string."""
    for step in load_yaml(ACTION)["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


@pytest.mark.validator
@pytest.mark.parametrize("schema, files", [
    ("vendor.github-actions", [ACTION]),
    ("vendor.github-workflows", sorted(WORKFLOWS.glob("*.yml"))),
])
def test_schemastore_schemas_accept_the_action_and_the_workflows(schema, files):
    tool = require(lambda: venv_tool("check-jsonschema"))
    result = subprocess.run([tool, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.validator
def test_schemastore_schema_rejects_a_broken_action(tmp_path):
    tool = require(lambda: venv_tool("check-jsonschema"))
    broken = tmp_path / "action.yml"
    broken.write_text(ACTION.read_text(encoding="utf-8").replace("using: composite", "using: compost"), encoding="utf-8")
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-actions", str(broken)], capture_output=True, text=True)
    assert result.returncode == 1


# --- the action's steps, run in a temporary repository ------------------------------------------

@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The action's install step, once: okrsite from this checkout into the action's venv."""
    temp = tmp_path_factory.mktemp("runner")
    work = tmp_path_factory.mktemp("work")
    runner = Runner(work, temp)
    action = load_yaml(ACTION)
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "install")
    result = runner.run_script(step["name"], step["run"], {"ACTION_PATH": str(REPO_ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.outputs["version"] == __version__
    assert runner.path == [str(temp / "okrsite-venv" / "bin")]  # added to PATH for later steps
    return temp, runner.path


def repo_with_site(tmp_path, files, sub="roadmap"):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    make_site(repo / sub if sub else repo, files)
    return repo, (f"{sub}/site" if sub else "site")


def run_action(installed, repo, inputs, env=None):
    temp, path = installed
    runner = Runner(repo, temp, path, env=env)
    runner.summary.write_text("", encoding="utf-8")
    status, outputs, _ = runner.run_composite(REPO_ROOT, inputs, skip=("install",))
    return status, outputs, runner


def test_the_installed_okrsite_is_this_checkout_not_the_test_environment(installed):
    temp, path = installed
    exe = shutil.which("okrsite", path=path[0])
    assert exe and exe.startswith(str(temp))
    where = subprocess.run([str(temp / "okrsite-venv" / "bin" / "python"), "-c", "import okrsite; print(okrsite.__file__)"],
                           capture_output=True, text=True, check=True, cwd=temp).stdout
    assert "okrsite-venv" in where  # a real install (a wheel of this checkout), not the editable test copy


def test_action_checks_and_builds_a_site_in_a_sub_folder(installed, tmp_path):
    repo, site = repo_with_site(tmp_path, BASE)
    status, outputs, runner = run_action(installed, repo, {"site": site, "base-url": "https://acme.github.io/roadmap"})
    assert status == 0, "\n".join(r.stdout + r.stderr for r in runner.log)
    assert outputs["out"] == f"{site}/public"
    public = repo / outputs["out"]
    assert (public / "index.html").is_file()
    assert "https://acme.github.io/roadmap/milestones/feedback-form/" in (public / "sitemap.xml").read_text(encoding="utf-8")
    assert runner.summary.read_text(encoding="utf-8").startswith("### okrsite check: 0 errors, 0 warnings in 3 files")


def test_action_annotates_problems_summarises_all_and_builds_nothing(installed, tmp_path):
    files = dict(BASE)
    for n in range(12):
        files[f"content/milestones/m{n}.md"] = MILESTONE.replace("s8]", f"s8x{n}]")
    repo, site = repo_with_site(tmp_path, files)
    status, _, runner = run_action(installed, repo, {"site": site})
    assert status == 1
    check = runner.log[-1]
    assert check.name == "Check the roadmap"
    errors = [line for line in check.stdout.splitlines() if line.startswith("::error file=roadmap/site/content/")]
    assert len(errors) == 12
    assert sum(1 for line in runner.summary.read_text(encoding="utf-8").splitlines() if line.startswith("| ❌")) == 12
    assert not (repo / site / "public").exists()


@pytest.mark.parametrize("strict, status", [("true", 1), ("false", 0), ("yes", 2)])
def test_action_strict_input(installed, tmp_path, strict, status):
    objective = OBJECTIVE.replace("    target: 2400\n", "    target: 2400\n  - id: kr9\n    title: Nobody serves this\n")
    repo, site = repo_with_site(tmp_path, {**BASE, "content/objectives/build-trust.md": objective}, sub="")
    got, outputs, runner = run_action(installed, repo, {"site": site, "strict": strict, "out": "_site"})
    assert got == status, runner.log[-1].stdout + runner.log[-1].stderr
    if status == 0:
        assert outputs["out"] == "_site" and (repo / "_site" / "index.html").is_file()
    if status == 2:
        assert "input strict is 'yes'; use true or false" in runner.log[-1].stdout


def test_action_can_check_only(installed, tmp_path):
    repo, site = repo_with_site(tmp_path, BASE)
    status, outputs, runner = run_action(installed, repo, {"site": site, "build": "false"})
    assert status == 0 and outputs["out"] == "" and not (repo / site / "public").exists()
    assert [r.name for r in runner.log] == ["Check the roadmap"]


def test_a_hostile_site_input_stays_a_path(installed, tmp_path):
    repo, _ = repo_with_site(tmp_path, BASE)
    status, _, runner = run_action(installed, repo, {"site": 'x"; touch pwned; echo "'})
    assert status == 2 and not (repo / "pwned").exists()
    assert "::error title=okrsite could not run::--site x" in runner.log[-1].stdout


# --- base: the roadmap's changes in the job summary, after the diagnostics ------------------------

HOSTILE_TITLE = "Leaderboard <b>@everyone</b> | ![x](https://evil.example/x.png)"


def pull_request(tmp_path, files=BASE):
    """A repository with two commits: the pull request's base, then its head (a slip, a lowered
    target, a milestone added with a title that tries HTML, a mention, a cell break and an image)."""
    repo = GitSite(tmp_path, sub="roadmap")
    repo.write(files)
    base = repo.commit("plan", "2026-03-20")
    repo.edit("content/milestones/feedback-form.md", "sprints: [s7, s8]", "sprints: [s8, s9]")
    repo.edit("content/objectives/build-trust.md", "target: 2400", "target: 2000")
    repo.write({"content/milestones/leaderboard.md": MILESTONE.replace("Email-based match feedback form",
                                                                       f'"{HOSTILE_TITLE}"')})
    repo.commit("slip the form, lower the target", "2026-04-14")
    return repo, base


def diff_markdown(repo, base) -> str:
    result = run_cli("diff", "--site", str(repo.site), "--format", "markdown", base, "HEAD", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_action_writes_the_changes_since_base_after_the_diagnostics(installed, tmp_path):
    repo, base = pull_request(tmp_path)
    status, outputs, runner = run_action(installed, repo.root, {"site": "roadmap", "base": base})
    assert status == 0, "\n".join(r.stdout + r.stderr for r in runner.log)
    assert [r.name for r in runner.log] == ["Check the roadmap", "Summarise the roadmap's changes", "Build the website"]
    summary = runner.summary.read_text(encoding="utf-8")
    check, _, changes = summary.partition("## Roadmap changes\n")
    assert check.startswith("### okrsite check: 0 errors, 0 warnings in 4 files") and changes
    lines = changes.splitlines()
    assert lines[1] == ("1 milestone slips by one sprint; KR build-trust/kr1 target lowered 2400 -&gt; 2000; "
                        "1 milestone added")
    assert ("| `feedback-form` Email-based match feedback form | rescheduled | s7–s8 (Mar 30 – Apr 26, 2026) | "
            "s8–s9 (Apr 13 – May 10, 2026) — **slips 14 days (1 sprint)** |") in lines
    assert "| `build-trust/kr1` Double weekly post-match ratings | target | 2400 | 2000 |" in lines
    # the author's title is text: no HTML, no @mention, no extra cell, no image
    assert ("| `leaderboard` Leaderboard &lt;b&gt;&#64;everyone&lt;/b&gt; \\| !\\[x\\](https://evil.example/x.png) "
            "| added |  |  |") in lines
    assert lines[-1] == f"<sub>okrsite diff `{base[:10]}`..`{repo.git('rev-parse', 'HEAD')[:10]}`</sub>"
    # exactly what `okrsite diff BASE HEAD --format markdown` prints
    assert summary.endswith(diff_markdown(repo, base))
    assert outputs["out"] == "roadmap/public" and (repo.root / "roadmap/public/changes.xml").is_file()


def test_action_without_base_writes_no_changes(installed, tmp_path):
    repo, _ = pull_request(tmp_path)
    status, _, runner = run_action(installed, repo.root, {"site": "roadmap"})
    assert status == 0
    assert [r.name for r in runner.log] == ["Check the roadmap", "Build the website"]
    assert "Roadmap changes" not in runner.summary.read_text(encoding="utf-8")


def test_a_failing_check_still_shows_the_changes_and_builds_nothing(installed, tmp_path):
    repo, base = pull_request(tmp_path)
    repo.edit("content/milestones/feedback-form.md", "[build-trust/kr1]", "[build-trust/kr9]")
    repo.commit("a broken reference", "2026-04-15")
    status, outputs, runner = run_action(installed, repo.root, {"site": "roadmap", "base": base})
    assert status == 1 and outputs == {}  # the check's failure is the action's
    assert [(r.name, r.returncode) for r in runner.log] == [("Check the roadmap", 1),
                                                           ("Summarise the roadmap's changes", 0)]
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.index("| ❌ error | roadmap/content/milestones/feedback\\-form\\.md:4:15") < summary.index("## Roadmap changes")
    assert summary.endswith(diff_markdown(repo, base))
    assert not (repo.site / "public").exists()


def test_a_base_that_is_not_fetched_is_a_warning_not_a_failure(installed, tmp_path):
    """actions/checkout fetches one commit unless told fetch-depth: 0: the diff cannot run, the
    job goes on (the site is built, without history, saying why once)."""
    origin, base = pull_request(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin.root}", str(clone)], check=True, env=git_env())
    status, outputs, runner = run_action(installed, clone, {"site": "roadmap", "base": base})
    assert status == 0, "\n".join(r.stdout + r.stderr for r in runner.log)
    diff_step = runner.log[1]
    assert diff_step.name == "Summarise the roadmap's changes" and diff_step.returncode == 0
    [warning] = [line for line in diff_step.stdout.splitlines() if line.startswith("::")]
    assert warning.startswith(f"::warning title=okrsite diff::no summary of the roadmap's changes: BASE '{base}' "
                              "is not a commit in the repository at ")
    assert "this is a shallow clone" in warning and "fetch-depth: 0" in warning
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.index("### okrsite check: 0 errors") < summary.index("## Roadmap changes\n\nNo comparison: BASE ")
    build = runner.log[2]
    assert build.stderr.count("building without history") == 1 and "shallow clone" in build.stderr
    assert (clone / outputs["out"] / "index.html").is_file()


def test_a_hostile_base_input_stays_a_revision(installed, tmp_path):
    repo, _ = pull_request(tmp_path)
    for base in ('$(touch pwned)', '--output=pwned', 'x%0A::error::forged\r'):
        status, _, runner = run_action(installed, repo.root, {"site": "roadmap", "base": base, "build": "false"})
        assert status == 0 and not (repo.root / "pwned").exists()
        [warning] = [line for line in runner.log[1].stdout.splitlines() if line.startswith("::")]
        assert warning.startswith("::warning title=okrsite diff::no summary of the roadmap's changes: BASE ")
        assert "%0A" not in warning.replace("%250A", "")  # a % in the message cannot make a new command


# --- the workflows okrsite init writes, walked step by step -----------------------------------------

def init_repo(tmp_path, sub: str | None):
    from okrsite import cli

    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    target = repo / sub if sub else repo
    assert cli.main(["init", str(target)]) == 0
    if sub:  # as init tells: the workflows move to the repository root
        shutil.move(str(target / ".github"), str(repo / ".github"))
    return repo


def walk_workflow(installed, repo, name, stub_outputs, github=None):
    """Run every step of the workflow's jobs in order, as GitHub would, in `repo`."""
    temp, path = installed
    doc = load_yaml(repo / ".github" / "workflows" / name)
    runner = Runner(repo, temp, path)
    runner.summary.write_text("", encoding="utf-8")  # the job's own summary, not an earlier test's
    seen = []
    for job in doc["jobs"].values():
        from support.actions import Context

        ctx = Context(github=dict(github or {}))
        for step in job["steps"]:
            uses = step.get("uses", "")
            action = uses.split("@")[0]
            with_ = {k: ctx.expand(v) for k, v in (step.get("with") or {}).items()}
            if action == GITHUB_REPOSITORY:
                assert uses == f"{GITHUB_REPOSITORY}@v{__version__}"  # pinned to the version that wrote it
                status, outputs, _ = runner.run_composite(REPO_ROOT, with_, skip=("install",))
                assert status == 0, "\n".join(r.stdout + r.stderr for r in runner.log)
            elif action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
                assert (repo / with_["path"] / "index.html").is_file(), with_
                outputs = {}
            elif action in stub_outputs:
                outputs = stub_outputs[action]
            else:
                raise AssertionError(f"{name}: a step this test does not know: {step}")
            seen.append((action, with_))
            if step.get("id"):
                ctx.steps[step["id"]] = outputs
    return seen, runner


def commit_all(repo, message, date):
    env = git_env(date)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, env=env, capture_output=True,
                          text=True).stdout.strip()


@pytest.mark.parametrize("sub", [None, "docs/roadmap"])
def test_init_check_workflow_runs_through_and_summarises_the_pull_request(installed, tmp_path, sub):
    """A pull request on the scaffold: base = the scaffold as committed, head = a retitled and
    retyped milestone. The job summary has the check's table, then that change."""
    repo = init_repo(tmp_path, sub)
    base = commit_all(repo, "okrsite init", "2026-03-02")
    milestone = repo / (sub or ".") / "content/milestones/guided-setup.md"
    text = milestone.read_text(encoding="utf-8")
    milestone.write_text(text.replace("title: Guided setup for new accounts", "title: Guided setup <b>for</b> everyone")
                         .replace("type: epic", "type: spike", 1), encoding="utf-8")
    commit_all(repo, "retitle and retype", "2026-03-03")
    event = {"event": {"pull_request": {"base": {"sha": base}}}}
    seen, runner = walk_workflow(installed, repo, "check.yml", {"actions/checkout": {}}, github=event)
    site = sub or "."
    assert seen[0] == ("actions/checkout", {"fetch-depth": "0"})  # the base must be there to compare with
    assert seen[1] == (GITHUB_REPOSITORY, {"site": site, "strict": "false", "base": base})
    assert seen[2][1]["path"] == f"{site}/public"
    summary = runner.summary.read_text(encoding="utf-8")
    check, _, changes = summary.partition("## Roadmap changes\n")
    assert "okrsite check: 0 errors" in check
    lines = changes.splitlines()
    assert lines[1] == "1 milestone retitled; 1 milestone retyped"
    assert "| `guided-setup` Guided setup &lt;b&gt;for&lt;/b&gt; everyone | retyped | epic | spike |" in lines
    assert ("| `guided-setup` Guided setup &lt;b&gt;for&lt;/b&gt; everyone | retitled | Guided setup for new accounts "
            "| Guided setup &lt;b&gt;for&lt;/b&gt; everyone |") in lines


def test_init_pages_workflow_publishes_with_the_pages_address(installed, tmp_path):
    repo = init_repo(tmp_path, None)
    pages = {"actions/checkout": {}, "actions/configure-pages": {"base_url": "https://acme.github.io/my-roadmap"},
             "actions/deploy-pages": {"page_url": "https://acme.github.io/my-roadmap/"}}
    seen, _ = walk_workflow(installed, repo, "pages.yml", pages)
    assert seen[0] == ("actions/checkout", {"fetch-depth": "0"})  # the whole history, for the history pages
    assert seen[2] == (GITHUB_REPOSITORY, {"site": ".", "base-url": "https://acme.github.io/my-roadmap"})
    sitemap = (repo / "public" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://acme.github.io/my-roadmap/milestones/guided-setup/</loc>" in sitemap


@pytest.mark.validator
@pytest.mark.parametrize("sub", [None, "my roadmap"])
def test_init_workflows_pass_actionlint_with_the_action_inputs_checked(installed, tmp_path, sub):
    """actionlint cannot read a remote action: point the workflows at a local copy of action.yml
    so the `with:` inputs are checked against the real ones (a misspelt input fails)."""
    repo = init_repo(tmp_path, sub)
    shutil.copy(ACTION, repo / "okrsite-action.yml")
    (repo / "okrsite-action").mkdir()
    shutil.copy(ACTION, repo / "okrsite-action" / "action.yml")
    files = sorted((repo / ".github" / "workflows").glob("*.yml"))
    for f in files:
        f.write_text(f.read_text(encoding="utf-8").replace(f"{GITHUB_REPOSITORY}@v{__version__}", "./okrsite-action"),
                     encoding="utf-8")
    code, output = actionlint(files, cwd=repo)
    assert code == 0, output
    check = repo / ".github" / "workflows" / "check.yml"
    check.write_text(check.read_text(encoding="utf-8").replace("strict: false", "strikt: false"), encoding="utf-8")
    code, output = actionlint(files, cwd=repo)
    assert code == 1 and "strikt" in output


@pytest.mark.validator
def test_init_workflows_pass_the_schemastore_schema(tmp_path):
    tool = require(lambda: venv_tool("check-jsonschema"))
    repo = init_repo(tmp_path, None)
    files = sorted((repo / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows", *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("where", ["ours", "scaffold"])
def test_pages_workflow_also_runs_every_day(tmp_path, where):
    path = WORKFLOWS / "pages.yml" if where == "ours" else init_repo(tmp_path, None) / ".github/workflows/pages.yml"
    on = load_yaml(path)["on"]
    [schedule] = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    assert "workflow_dispatch" in on and on["push"]["branches"] == ["main"]


def test_init_tells_what_to_change_when_forking(tmp_path, capsys):
    from okrsite import cli

    assert cli.main(["init", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert f"{GITHUB_REPOSITORY}@v{__version__}" in out and "YOUR-ORG/okrsite" in out
    readme = (tmp_path / "s" / "README.md").read_text(encoding="utf-8")
    assert f"uses: {GITHUB_REPOSITORY}@v{__version__}" in readme and "YOUR-ORG/okrsite" in readme
    assert "pip install okrsite\n" not in readme and "pip install okrsite`" not in readme
    assert f'pip install "okrsite @ git+https://github.com/{GITHUB_REPOSITORY}@v{__version__}"' in readme


# --- okrsite's own workflows -------------------------------------------------------------------------

def test_our_workflows_use_the_action_of_this_checkout():
    for name in ("check.yml", "pages.yml"):
        doc = load_yaml(WORKFLOWS / name)
        local = [s for job in doc["jobs"].values() for s in job["steps"] if s.get("uses") == "./"]
        assert len(local) == 1, name


def test_release_workflow_builds_and_publishes_with_trusted_publishing():
    doc = load_yaml(WORKFLOWS / "release.yml")
    assert doc["on"] == {"push": {"tags": ["v*"]}}
    assert doc["permissions"] == {"contents": "read"}  # only the publish job may mint a token
    build, publish = doc["jobs"]["build"], doc["jobs"]["publish"]
    script = "\n".join(s.get("run", "") for s in build["steps"])
    assert "python -m build --outdir dist" in script and 'okrsite" --version' in script
    assert publish["needs"] == "build" and publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [s["uses"] for s in publish["steps"]]
    assert uses[-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert not any("password" in (s.get("with") or {}) for s in publish["steps"])  # no token: trusted publishing


def test_release_tag_check_reads_the_version(tmp_path):
    """The release's tag check, run for real against this checkout's okrsite/__init__.py."""
    step = next(s for s in load_yaml(WORKFLOWS / "release.yml")["jobs"]["build"]["steps"]
                if s.get("name") == "The tag must be okrsite's version")
    runner = Runner(REPO_ROOT, tmp_path)
    assert runner.run_script("tag", step["run"], {"TAG": f"v{__version__}"}).returncode == 0
    wrong = runner.run_script("tag", step["run"], {"TAG": "v9.9.9"})
    assert wrong.returncode == 1 and f"does not match okrsite.__version__ {__version__}" in wrong.stdout
