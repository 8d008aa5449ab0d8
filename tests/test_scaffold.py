"""`okrsite init` and `okrsite new`: real files in tmp_path, the real CLI, the real check.

`init` must give a site that checks with zero findings on any day of any quarter (its
example is dated relative to today), workflows that pass actionlint, and editor schemas
that describe the files they are mapped to. `new` must fit a file into an existing site
so that it checks clean, and refuse ids the site already uses.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from okrsite.cli import main
from okrsite.pipeline import check
from okrsite.validate import SCHEMA_NAMES, bundled, schema, validator

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SCAFFOLD_FILES = {
    "okrsite.yaml", "README.md", ".gitignore",
    "content/README.md",
    "content/objectives/faster-onboarding.md", "content/objectives/reliable-platform.md",
    "content/milestones/onboarding-interviews.md", "content/milestones/account-cache.md",
    "content/milestones/no-card-trial.md", "content/milestones/guided-setup.md",
    "content/milestones/friendly-errors.md",
    "content/teams/product.yaml", "content/teams/platform.yaml",
    "content/pages/how-we-work.md",
    ".github/workflows/check.yml", ".github/workflows/pages.yml",
    ".vscode/settings.json", ".vscode/extensions.json",
    *(f".okrsite/schemas/{name}.json" for name in SCHEMA_NAMES),
}


# --- helpers ------------------------------------------------------------------------------

def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real `okrsite` command in a child process."""
    return subprocess.run([sys.executable, "-m", "okrsite", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=120)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """`okrsite.cli.main` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def findings(capsys, site: Path) -> list[dict]:
    code, out, _ = cli(capsys, "check", "--site", str(site), "--strict", "--format", "json")
    report = json.loads(out)
    assert code == (1 if report["diagnostics"] else 0)
    return report["diagnostics"]


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def load_workflow(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in doc:  # YAML 1.1 reads the key `on` as true
        doc["on"] = doc.pop(True)
    return doc


def steps(doc: dict) -> list[dict]:
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


def runs(doc: dict) -> list[str]:
    return [line.strip() for s in steps(doc) if "run" in s for line in s["run"].splitlines() if line.strip()]


@pytest.fixture
def today(monkeypatch) -> dt.date:
    """Pin "today" (SOURCE_DATE_EPOCH) for init and check alike."""
    day = dt.date(2026, 5, 12)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
    return day


@pytest.fixture
def site(tmp_path, capsys, today) -> Path:
    folder = tmp_path / "my-roadmap"
    code, _, err = cli(capsys, "init", str(folder))
    assert code == 0, err
    return folder


# --- okrsite init -------------------------------------------------------------------------

def test_init_in_an_empty_folder_then_check_finds_nothing(tmp_path):
    """The real command, the real date: a fresh site checks with zero errors AND zero warnings."""
    folder = tmp_path / "roadmap"
    folder.mkdir()
    made = run_cli("init", cwd=folder)
    assert made.returncode == 0, made.stderr
    checked = run_cli("check", "--strict", "--format", "json", cwd=folder)
    report = json.loads(checked.stdout)
    assert (report["errors"], report["warnings"], report["diagnostics"]) == (0, 0, []), checked.stdout
    assert checked.returncode == 0


@pytest.mark.parametrize("day", [
    "2026-01-01",  # Thursday: sprints start the Monday before, in the previous year
    "2026-03-31",  # the last day of a quarter: every example milestone is done
    "2026-04-01",  # Wednesday
    "2026-06-15",
    "2026-10-01",  # Thursday
    "2027-01-01",  # Friday: sprints start the Monday after
    "2027-05-15",  # Saturday
    "2028-02-29",  # a leap day
    "2028-07-01",  # Saturday, first day of the quarter: nothing has started yet
])
def test_init_checks_clean_on_any_day_of_any_quarter(tmp_path, capsys, monkeypatch, day):
    today = dt.date.fromisoformat(day)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(today))
    folder = tmp_path / "site"
    code, _, err = cli(capsys, "init", str(folder))
    assert code == 0, err
    assert findings(capsys, folder) == []
    checked = check(folder)
    quarter = checked.site.current_quarter
    for milestone in checked.site.milestones.values():
        assert quarter.start <= milestone.end and milestone.start <= quarter.end, milestone.id
    for objective in checked.site.objectives.values():
        assert objective.quarter == quarter.id
        for kr in objective.key_results:
            assert all(c.date <= today for c in kr.checkins)


def test_init_writes_a_complete_example(site, today):
    assert set(tree(site)) == SCAFFOLD_FILES
    config = yaml.safe_load((site / "okrsite.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "My Roadmap"
    assert "today" not in config  # the site is built for the day it is built
    sprints = config["calendar"]["sprints"]
    assert sprints["length_days"] == 14
    start = sprints["start"]
    assert start.weekday() == 0
    assert abs((start - dt.date(2026, 4, 1)).days) <= 3  # near the start of 2026-Q2

    checked = check(site)
    model = checked.site
    assert len(model.objectives) == 2
    assert all(o.key_results and o.hypotheses for o in model.objectives.values())
    assert len(model.milestones) == 5
    assert {m.type for m in model.milestones.values()} == {"epic", "spike", "enabler", "signal-test"}
    assert all(m.tasks for m in model.milestones.values())
    assert any(m.depends_on for m in model.milestones.values())
    assert len(model.teams) == 2
    assert "how-we-work" in model.pages
    # dated relative to today: started milestones are under way, none is in the future only
    statuses = {m.id: m.status for m in model.milestones.values()}
    assert statuses["onboarding-interviews"] == "done"
    assert statuses["friendly-errors"] in ("in-progress", "planned")
    assert (site / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "public/"


def test_init_prints_what_it_created_and_the_next_steps(tmp_path, capsys, today):
    folder = tmp_path / "a" / "b" / "acme_okrs"
    code, out, _ = cli(capsys, "init", str(folder))
    assert code == 0
    assert folder.is_dir()  # created, parents too
    assert "+ okrsite.yaml" in out and "+ .github/workflows/pages.yml" in out
    assert "cd " in out and "okrsite serve" in out
    assert yaml.safe_load((folder / "okrsite.yaml").read_text())["title"] == "Acme Okrs Roadmap"


def test_init_in_the_current_folder_skips_cd(tmp_path, monkeypatch, capsys, today):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "init")
    assert code == 0
    assert (tmp_path / "okrsite.yaml").is_file()
    assert "\n  cd " not in out and "okrsite serve" in out


def test_init_accepts_an_empty_content_folder(tmp_path, capsys, today):
    (tmp_path / "content").mkdir()
    code, _, err = cli(capsys, "init", str(tmp_path))
    assert code == 0, err
    assert findings(capsys, tmp_path) == []


@pytest.mark.parametrize("existing", ["okrsite.yaml", "content/objectives/mine.md", "content/notes.txt"])
def test_init_refuses_a_folder_that_has_a_site(tmp_path, capsys, today, existing):
    path = tmp_path / existing
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("title: Mine\n", encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = cli(capsys, "init", str(tmp_path))
    assert code == 1
    assert "nothing was written" in err
    assert ("okrsite.yaml" if existing == "okrsite.yaml" else "not empty") in err
    assert tree(tmp_path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")
@pytest.mark.parametrize("link", ["content", ".github", ".github/workflows", ".vscode", ".okrsite",
                                  ".okrsite/schemas"])
def test_init_never_writes_through_a_linked_folder(tmp_path, capsys, today, link):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site = tmp_path / "site"
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(elsewhere, target_is_directory=True)
    before = tree(site)
    code, out, err = cli(capsys, "init", str(site))
    assert code == 1 and out == ""
    assert err.startswith(f"okrsite: {site / link} is a symbolic link; init never writes through a link")
    assert err.endswith("nothing was written\n")
    assert list(elsewhere.iterdir()) == [] and tree(site) == before


def test_init_never_overwrites_a_file(tmp_path, capsys, today):
    (tmp_path / "README.md").write_text("# Our own readme\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    code, out, _ = cli(capsys, "init", str(tmp_path))
    assert code == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Our own readme\n"
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.log\n"
    assert "= README.md (already there" in out
    assert "add the line 'public/'" in out
    assert (tmp_path / "okrsite.yaml").is_file()


def test_init_into_a_file_cannot_run(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    code, _, err = cli(capsys, "init", str(target))
    assert code == 2
    assert "not a folder" in err


def test_init_ships_the_json_schemas_and_maps_them_for_the_editor(site):
    for name in SCHEMA_NAMES:
        written = json.loads((site / f".okrsite/schemas/{name}.json").read_text(encoding="utf-8"))
        assert written == bundled(name)
    settings = json.loads((site / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert json.loads((site / ".vscode/extensions.json").read_text())["recommendations"] == ["redhat.vscode-yaml"]
    covered = set()
    for schema_path, globs in mapping.items():
        file = site / schema_path
        assert file.is_file(), schema_path
        name = file.stem
        for path in sorted(site.rglob("*.y*ml")):
            rel = path.relative_to(site).as_posix()
            if rel.startswith(".github/") or not any(fnmatch.fnmatch(rel, g) for g in globs):
                continue
            covered.add(rel)
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = json.loads(json.dumps(data, default=str))  # dates as YYYY-MM-DD, like okrsite reads them
            errors = list(validator(name).iter_errors(data))
            assert not errors, f"{rel} against {name}.json: {errors[0].message}"
    assert covered == {"okrsite.yaml", "content/teams/product.yaml", "content/teams/platform.yaml"}
    # the limitation is written down where authors look
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "front matter" in readme and "okrsite check" in readme


@pytest.mark.validator
def test_init_workflows_pass_actionlint(site):
    from support import actionlint

    files = sorted((site / ".github" / "workflows").glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "pages.yml"]
    code, output = actionlint(files, cwd=site)
    assert code == 0, output


def test_init_workflows_check_build_and_publish(site):
    """What each workflow does; tests/test_action.py runs their steps for real."""
    from okrsite import GITHUB_REPOSITORY, __version__

    action = f"{GITHUB_REPOSITORY}@v{__version__}"
    check_wf = load_workflow(site / ".github/workflows/check.yml")
    assert "pull_request" in check_wf["on"]
    assert not runs(check_wf), "the action installs and runs okrsite: no pip install from an index"
    [okrsite] = [s for s in steps(check_wf) if s.get("uses") == action]
    assert okrsite["with"] == {"site": ".", "strict": False, "base": "${{ github.event.pull_request.base.sha }}"}
    for workflow in (check_wf, load_workflow(site / ".github/workflows/pages.yml")):  # base and history need it
        [checkout] = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout["with"] == {"fetch-depth": 0}
    upload = [s for s in steps(check_wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "${{ steps.okrsite.outputs.out }}"

    pages = load_workflow(site / ".github/workflows/pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"] and pages["on"]["schedule"]
    assert pages["permissions"]["pages"] == "write"
    assert pages["permissions"]["id-token"] == "write"
    assert pages["concurrency"]["group"] and pages["concurrency"]["cancel-in-progress"] is False
    used = {s["uses"].split("@")[0] for s in steps(pages) if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    deploy = [job for job in pages["jobs"].values() if any("deploy-pages" in s.get("uses", "") for s in job["steps"])]
    assert deploy[0]["environment"]["name"] == "github-pages"
    [okrsite] = [s for s in steps(pages) if s.get("uses") == action]
    assert okrsite["with"] == {"site": ".", "base-url": "${{ steps.pages.outputs.base_url }}"}


def test_init_workflows_use_the_same_action_versions_as_this_repository(site):
    """One style: the scaffold's workflows pin the same major versions as okrsite's own."""
    ours = {}
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        for step in steps(load_workflow(path)):
            if "@" in step.get("uses", ""):  # not the local action, uses: ./
                action, version = step["uses"].split("@")
                ours[action] = version
    if not ours:
        pytest.skip("this repository has no workflows yet")
    for name in ("check.yml", "pages.yml"):
        for step in steps(load_workflow(site / ".github/workflows" / name)):
            if "uses" in step:
                action, version = step["uses"].split("@")
                if action in ours:
                    assert version == ours[action], f"{name}: {action}@{version}, the repository uses @{ours[action]}"


def test_init_in_a_sub_folder_of_a_git_repository(tmp_path, capsys, today):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    code, out, _ = cli(capsys, "init", str(repo / "roadmap"))
    assert code == 0
    for name in ("check.yml", "pages.yml"):
        [okrsite] = [s for s in steps(load_workflow(repo / "roadmap/.github/workflows" / name))
                     if s.get("uses", "").startswith("okrsite/")]
        assert okrsite["with"]["site"] == "roadmap"
    assert "move the two files" in out


@pytest.mark.validator
def test_init_workflows_in_a_sub_folder_pass_actionlint(tmp_path, capsys, today):
    from support import actionlint

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert cli(capsys, "init", str(repo / "my roadmap"))[0] == 0
    files = sorted((repo / "my roadmap" / ".github" / "workflows").glob("*.yml"))
    code, output = actionlint(files, cwd=repo)
    assert code == 0, output


def test_init_then_build_writes_the_site(tmp_path):
    from support import link_check, parse_html

    folder = tmp_path / "site"
    assert run_cli("init", str(folder)).returncode == 0
    built = run_cli("build", "--site", str(folder))
    assert built.returncode == 0, built.stderr
    public = folder / "public"
    milestone = parse_html(public / "milestones" / "guided-setup" / "index.html")
    assert milestone.find("h1").text == "Guided setup for new accounts"
    assert parse_html(public / "how-we-work" / "index.html").find("h1").text == "How we work"
    home_links = {a.get("href") for a in parse_html(public / "index.html").find_all("a")}
    assert "milestones/guided-setup/index.html" in home_links
    assert link_check(public, base_path="/") == []  # no base_url: 404.html links from the host root


def test_scaffold_templates_are_package_data():
    """Everything init and new write lives inside the okrsite package (so the wheel ships it), without dotfiles."""
    root = resources.files("okrsite.templates_scaffold")
    for kind in ("objective.md", "milestone.md", "task.md", "team.yaml"):
        assert root.joinpath("new", kind).is_file()
    assert root.joinpath("site", "okrsite.yaml").is_file()
    assert root.joinpath("site", "dot-github", "workflows", "check.yml").is_file()
    package_dir = Path(str(root))
    assert not [p for p in package_dir.rglob(".*") if p.name != "__pycache__"]


# --- okrsite new --------------------------------------------------------------------------

def new(capsys, site: Path, *args: str) -> tuple[int, str, str]:
    return cli(capsys, "new", *args, "--site", str(site))


def test_new_objective_fits_the_current_quarter(site, capsys):
    code, out, err = new(capsys, site, "objective", "grow-usage", "--title", "Grow weekly usage")
    assert code == 0, out + err
    assert "wrote content/objectives/grow-usage.md" in out
    problems = findings(capsys, site)
    # the only finding: its new key result has no milestone yet, which the message says
    assert [(p["code"], p["file"]) for p in problems] == [("kr-without-milestone", "content/objectives/grow-usage.md")]
    assert "okrsite new milestone" in out
    objective = check(site).site.objectives["grow-usage"]
    assert objective.quarter == "2026-Q2" and objective.title == "Grow weekly usage"
    assert [kr.id for kr in objective.key_results] == ["grow-usage/kr1"]


def test_new_of_every_kind_checks_clean(site, capsys):
    new(capsys, site, "objective", "grow-usage")
    code, out, _ = new(capsys, site, "milestone", "usage-report", "--title", "Weekly usage report")
    assert code == 0, out
    assert "grow-usage/kr1" in out  # it serves the key result no milestone served yet
    assert findings(capsys, site) == []
    code, out, _ = new(capsys, site, "task", "write-the-query")
    assert code == 0, out
    assert "milestone:" in out
    code, out, _ = new(capsys, site, "team", "design", "--title", "Design")
    assert code == 0, out
    assert findings(capsys, site) == []

    model = check(site).site
    milestone = model.milestones["usage-report"]
    assert milestone.key_result_ids == ["grow-usage/kr1"]
    calendar, today = model.config.calendar, model.config.today
    current = calendar.sprint_at(today)
    assert milestone.sprint_ids == (current.id, f"s{current.index + 1}")  # the current sprint and the next
    task = next(t for t in model.tasks.values() if t.local_id == "write-the-query")
    assert task.milestone_id in model.milestones
    assert model.teams["design"].name == "Design"
    assert (site / "content/teams/design.yaml").is_file()
    assert (site / "content/tasks/write-the-query.md").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")
def test_new_never_writes_through_a_linked_kind_folder(site, capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (site / "content" / "milestones").rename(elsewhere)
    (site / "content" / "milestones").symlink_to(elsewhere, target_is_directory=True)
    before = sorted(p.name for p in elsewhere.iterdir())
    code, out, err = new(capsys, site, "milestone", "fresh-idea")
    assert code == 1 and "content/milestones is a symbolic link" in err and "nothing was written" in err
    assert sorted(p.name for p in elsewhere.iterdir()) == before


@pytest.mark.parametrize("kind", ["objective", "milestone", "task", "team"])
def test_new_with_the_id_readme_is_built(site, capsys, kind):
    """README.md files explain folders, but one with front matter (as new writes) is content."""
    code, out, _ = new(capsys, site, kind, "readme")
    assert code == 0, out
    model = check(site).site
    if kind == "task":
        assert any(t.local_id == "readme" for t in model.tasks.values())
    else:
        assert model.entity("readme") is not None
    if kind == "milestone":
        from support import parse_html

        assert cli(capsys, "build", "--site", str(site))[0] == 0
        page = parse_html(site / "public" / "milestones" / "readme" / "index.html")
        assert page.find("h1").text == "Readme"


@pytest.mark.parametrize("kind", ["objective", "milestone", "task", "team"])
def test_new_file_has_no_errors(site, capsys, kind):
    code, out, _ = new(capsys, site, kind, "brand-new", "--title", 'Fix: "quotes" # and hashes')
    assert code == 0, out
    path = next((site / "content").rglob("brand-new.*"))
    mine = [p for p in findings(capsys, site) if p["file"] == path.relative_to(site).as_posix()]
    assert all(p["severity"] == "warning" and p["code"] == "kr-without-milestone" for p in mine), mine
    model = check(site).site
    if kind == "task":
        title = next(t.title for t in model.tasks.values() if t.local_id == "brand-new")
    elif kind == "team":
        title = model.teams["brand-new"].name
    else:
        title = model.entity("brand-new").title
    assert title == 'Fix: "quotes" # and hashes'


def test_new_with_teams_required_names_a_team(site, capsys):
    config = site / "okrsite.yaml"
    config.write_text(config.read_text().replace("teams_required: false", "teams_required: true"))
    assert findings(capsys, site) == []
    assert new(capsys, site, "objective", "grow-usage")[0] == 0
    code, out, _ = new(capsys, site, "milestone", "usage-report")
    assert code == 0, out
    assert findings(capsys, site) == []
    model = check(site).site
    assert model.objectives["grow-usage"].team_id in model.teams
    assert model.milestones["usage-report"].team_id in model.teams


@pytest.mark.parametrize("kind, used_id", [
    ("team", "guided-setup"),        # a milestone's id
    ("objective", "product"),        # a team's id
    ("milestone", "how-we-work"),    # a page's id
    ("task", "faster-onboarding"),   # an objective's id
    ("milestone", "account-cache"),  # the file exists
])
def test_new_refuses_an_id_the_site_uses(site, capsys, kind, used_id):
    before = tree(site)
    code, _, err = new(capsys, site, kind, used_id)
    assert code == 1
    assert f"'{used_id}' is already used" in err
    assert tree(site) == before


def test_new_refuses_an_invalid_id_and_suggests_one(site, capsys):
    before = tree(site)
    code, _, err = new(capsys, site, "milestone", "Share Referrals!")
    assert code == 1
    assert "not a valid id" in err and "share-referrals" in err
    assert tree(site) == before


def test_new_refuses_an_id_with_a_final_newline(site, capsys):
    """`okrsite new milestone $'m9\\n'` would write content/milestones/m9<newline>.md."""
    before = tree(site)
    code, _, err = new(capsys, site, "milestone", "m9\n")
    assert code == 1
    assert err == ("okrsite: 'm9\\n' is not a valid id: an id is lowercase letters and digits in words joined "
                   "by '-', like share-referrals; try: okrsite new milestone m9\n")
    assert tree(site) == before


def test_new_refuses_an_id_longer_than_a_folder_name_may_be(site, capsys):
    before = tree(site)
    code, _, err = new(capsys, site, "milestone", "c" * 101)
    assert code == 1
    assert "(101 characters) is longer than 100 characters" in err
    assert err.rstrip().endswith("try: okrsite new milestone " + "c" * 100)
    assert tree(site) == before


def test_new_refuses_a_task_id_its_milestone_has(site, capsys):
    code, _, _ = new(capsys, site, "task", "probe")
    assert code == 0
    model = check(site).site
    chosen = next(t.milestone_id for t in model.tasks.values() if t.local_id == "probe")
    local = next(t.local_id for t in model.milestones[chosen].tasks if t.local_id != "probe")
    code, _, err = new(capsys, site, "task", local)
    assert code == 1 and "already has a task" in err


def test_new_milestone_without_a_key_result_writes_a_placeholder(tmp_path, capsys, today):
    (tmp_path / "okrsite.yaml").write_text("title: Empty\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    code, out, _ = new(capsys, tmp_path, "milestone", "first-step")
    assert code == 1  # written, but the check fails until the key result is set
    text = (tmp_path / "content/milestones/first-step.md").read_text(encoding="utf-8")
    assert "TODO" in text
    assert "placeholder" in out and "fails" in out
    assert [p["code"] for p in findings(capsys, tmp_path)] == ["unknown-ref"]


def test_new_task_without_milestones_writes_a_placeholder(tmp_path, capsys, today):
    (tmp_path / "okrsite.yaml").write_text("title: Empty\n")
    code, out, _ = new(capsys, tmp_path, "task", "first-task")
    assert code == 1
    assert "okrsite new milestone" in out
    assert (tmp_path / "content/tasks/first-task.md").is_file()


def test_new_milestone_without_sprints_uses_dates(tmp_path, capsys, today):
    (tmp_path / "okrsite.yaml").write_text("title: No sprints\n")
    assert new(capsys, tmp_path, "objective", "goal")[0] == 0
    code, out, _ = new(capsys, tmp_path, "milestone", "step")
    assert code == 0, out
    assert findings(capsys, tmp_path) == []
    milestone = check(tmp_path).site.milestones["step"]
    assert milestone.start == today and milestone.scheduled


def test_new_outside_a_site_cannot_run(tmp_path, capsys):
    code, _, err = new(capsys, tmp_path, "team", "ops")
    assert code == 2
    assert "okrsite.yaml" in err


# --- the authoring guide agrees with the schemas ---------------------------------------------

def test_authoring_guide_covers_every_field_and_check_code():
    from okrsite.diagnostics import CODES

    guide = (DOCS / "authoring.md").read_text(encoding="utf-8")
    missing = []

    def fields(node, path=""):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if f"`{key}`" not in guide:
                    missing.append(f"{path}{key}")
                fields(value, f"{path}{key}.")
            for key in ("$defs", "items", "then", "else"):
                value = node.get(key)
                if isinstance(value, dict):
                    for sub in (value.values() if key == "$defs" else [value]):
                        fields(sub, path)

    for name in SCHEMA_NAMES:
        fields(schema(name), f"{name}: ")
    assert not missing, f"docs/authoring.md does not mention: {missing}"
    for code in CODES:
        assert f"`{code}`" in guide, code
    for value in schema("milestone")["properties"]["type"]["enum"] + schema("milestone")["properties"]["status"]["enum"]:
        assert f"`{value}`" in guide, value


def test_ci_guide_describes_both_workflows():
    guide = (DOCS / "ci.md").read_text(encoding="utf-8")
    for needle in ("check.yml", "pages.yml", "--format github", "GitHub Actions", "id-token: write",
                   "github-pages", "::error"):
        assert needle in guide, needle
