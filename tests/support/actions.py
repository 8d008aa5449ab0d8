"""Run GitHub Actions steps here, line by line, as a runner would (for the okrsite action).

Not a GitHub emulator: just enough of one to run okrsite's composite action (action.yml) and the
workflows `okrsite init` writes for real — each `run:` script with bash, `${{ inputs.* }}`,
`${{ github.action_path }}` and `${{ steps.*.outputs.* }}` substituted, `env:` set, the
GITHUB_OUTPUT / GITHUB_PATH / GITHUB_STEP_SUMMARY files written and read back as GitHub does,
a failing step stopping the job. An expression it does not understand is an error, never
silently true, so a workflow that relies on more than this models fails the test.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_COMPARE = re.compile(r"^(?P<left>[\w.-]+)\s*(?P<op>==|!=)\s*'(?P<right>[^']*)'$")


def load_yaml(path: Path) -> dict:
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if True in doc:  # YAML 1.1 reads the key `on` as true
        doc["on"] = doc.pop(True)
    return doc


@dataclass
class Context:
    """What expressions can read: inputs, github.*, steps.<id>.outputs.* and .outcome."""

    inputs: dict[str, str] = field(default_factory=dict)
    github: dict = field(default_factory=dict)
    steps: dict[str, dict[str, str]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)  # step id -> success | failure | skipped
    failed: bool = False                                    # an earlier step failed

    def value(self, name: str) -> str:
        parts = name.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return self.inputs[parts[1]]
        if parts[0] == "github" and len(parts) >= 2:  # github.event.pull_request.base.sha: nested
            value = self.github
            for part in parts[1:]:
                value = value[part]
            return str(value)
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.steps.get(parts[1], {}).get(parts[3], "")
        if parts[0] == "steps" and len(parts) == 3 and parts[2] == "outcome":
            return self.outcomes.get(parts[1], "skipped")
        raise ValueError(f"expression ${{{{ {name} }}}} is not modelled by tests/support/actions.py")

    def expand(self, text) -> str:
        if not isinstance(text, str):
            return "true" if text is True else "false" if text is False else str(text)
        return _EXPR.sub(lambda m: self.value(m[1]), text)

    def condition(self, expression) -> bool:
        """An `if:` as GitHub reads it: terms joined by `&&`, each a comparison or a status
        function; without a status function `success() &&` is implied (a failed step stops
        the rest)."""
        if expression is None:
            return not self.failed
        expression = str(expression).strip()
        whole = _EXPR.fullmatch(expression)
        if whole:
            expression = whole[1]
        status_function = False
        result = True
        for term in (t.strip() for t in expression.split("&&")):
            if term in _STATUS:
                status_function = True
                result = result and _STATUS[term](self.failed)
                continue
            match = _COMPARE.match(term)
            if not match or "||" in term:
                raise ValueError(f"if: {expression} is not modelled by tests/support/actions.py")
            equal = self.value(match["left"]) == match["right"]
            result = result and (equal if match["op"] == "==" else not equal)
        return result and (status_function or not self.failed)


_STATUS = {"always()": lambda failed: True, "!cancelled()": lambda failed: True,
           "success()": lambda failed: not failed, "failure()": lambda failed: failed}


@dataclass
class StepResult:
    name: str
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]


class Runner:
    """One job's worth of runner state in `workdir` (the checkout, GITHUB_WORKSPACE)."""

    def __init__(self, workdir: Path, temp: Path, extra_path: list[str] | None = None, env: dict | None = None):
        self.workdir = Path(workdir)
        self.temp = Path(temp)
        self.temp.mkdir(parents=True, exist_ok=True)
        self.path = list(extra_path or [])
        self.summary = self.temp / "step_summary.md"
        self.summary.touch()
        self.env = dict(env or {})
        self.log: list[StepResult] = []

    def run_script(self, name: str, script: str, env: dict[str, str]) -> StepResult:
        out_file = self.temp / "github_output"
        path_file = self.temp / "github_path"
        out_file.write_text("", encoding="utf-8")
        path_file.write_text("", encoding="utf-8")
        environment = {**os.environ, **self.env, **env,
                       "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workdir),
                       "RUNNER_TEMP": str(self.temp), "GITHUB_OUTPUT": str(out_file),
                       "GITHUB_PATH": str(path_file), "GITHUB_STEP_SUMMARY": str(self.summary),
                       "PATH": os.pathsep.join(self.path + [os.environ.get("PATH", "")])}
        environment.pop("FORCE_COLOR", None)
        # `shell: bash` runs `bash --noprofile --norc -eo pipefail {0}`
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              cwd=self.workdir, env=environment, capture_output=True, text=True, timeout=900)
        outputs = {}
        for line in out_file.read_text(encoding="utf-8").splitlines():
            if "=" in line:
                key, _, value = line.partition("=")
                outputs[key] = value
        self.path = [p for p in path_file.read_text(encoding="utf-8").splitlines() if p][::-1] + self.path
        result = StepResult(name, proc.returncode, proc.stdout, proc.stderr, outputs)
        self.log.append(result)
        return result

    def run_composite(self, action_dir: Path, inputs: dict[str, str], github: dict[str, str] | None = None,
                      skip: tuple[str, ...] = ()) -> tuple[int, dict[str, str], Context]:
        """Run action.yml's steps: (exit status of the failing step or 0, the action's outputs, context).

        `uses:` steps inside the action (actions/setup-python) are not run: the machine's Python
        stands in. Step ids in `skip` are left out (already run, e.g. the install). After a
        failing step only steps whose `if:` has a status function (`!cancelled()`) still run;
        the status is the first failure's."""
        action = load_yaml(Path(action_dir) / "action.yml")
        assert action["runs"]["using"] == "composite"
        declared = action.get("inputs", {})
        unknown = set(inputs) - set(declared)
        assert not unknown, f"inputs {sorted(unknown)} are not declared by {action_dir}/action.yml"
        values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        values.update({k: str(v) for k, v in inputs.items()})
        for name, spec in declared.items():
            assert not (spec.get("required") and name not in inputs), f"input {name} is required"
        ctx = Context(values, {"action_path": str(action_dir), **(github or {})})
        status = 0
        for step in action["runs"]["steps"]:
            if step.get("id") in skip or "uses" in step:
                if step.get("id"):
                    ctx.outcomes[step["id"]] = "success"
                continue
            if not ctx.condition(step.get("if")):
                if step.get("id"):
                    ctx.outcomes[step["id"]] = "skipped"
                continue
            assert step.get("shell") == "bash", "composite run steps name their shell"
            env = {k: ctx.expand(v) for k, v in (step.get("env") or {}).items()}
            result = self.run_script(step.get("name", "?"), ctx.expand(step["run"]), env)
            if step.get("id"):
                ctx.steps[step["id"]] = result.outputs
                ctx.outcomes[step["id"]] = "success" if result.returncode == 0 else "failure"
            if result.returncode != 0 and not ctx.failed:
                ctx.failed, status = True, result.returncode  # later steps run only if their if: says so
        if status:
            return status, {}, ctx
        outputs = {name: ctx.expand(spec["value"]) for name, spec in action.get("outputs", {}).items()}
        return 0, outputs, ctx
