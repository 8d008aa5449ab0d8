#!/usr/bin/env python3
"""What history costs: `okrsite build` of a 10,000-entity site with 500 commits, with and
without `--no-history`, alternated in one run.

    python bench/bench_history.py [--entities 10000] [--commits 500] [--pairs 5] [--regenerate]

The repository is made once (bench/out/history-<N>-<C>/, reused while its stamp matches):
gen_site.py's site is the first commit, then C-1 commits of the edits a roadmap sees week by
week, 1-5 files each, dated from early January to `today` (2026-05-12): milestones slipped or
pulled in by a sprint, dated milestones moved by a week, statuses and types changed, titles
edited, check-ins added and confidences changed on key results, milestone files moved to other
folders (id kept), new milestones added and some of those deleted again. The commits are
written with one `git fast-import` (a few seconds), the work tree is the last commit.

Then `okrsite build --quiet` runs as a subprocess `--pairs` times in each mode, alternating
(history, no history, history, ...), so both see the same machine load. It prints every time,
min / median / max per mode, the median and min differences (what history adds) and the ratio,
and an in-process split of the history stage itself (git log + cat-file + replay, and joining
it with the site). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

STAMP = ".okrsite-bench-history"
START = 1767312000  # 2026-01-02 00:00 UTC: the first commit
END = 1778587200    # 2026-05-12 12:00 UTC: today in gen_site's okrsite.yaml
STATUSES = ("planned", "in-progress", "done", "at-risk", "blocked")
TYPES = ("epic", "spike", "enabler", "signal-test")
_SPRINTS = re.compile(r"^sprints: \[s(\d+)(?:, s(\d+))?\]$", re.MULTILINE)
_DATES = re.compile(r"^(start|due): (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, input=data, check=True, capture_output=True, env=env).stdout


class Editor:
    """The site on disk, edited the way a roadmap is, one commit's worth at a time."""

    def __init__(self, site: Path, rng: random.Random):
        self.site = site
        self.rng = rng
        self.milestones = sorted(p.relative_to(site).as_posix() for p in (site / "content/milestones").rglob("*.md"))
        self.objectives = sorted(p.relative_to(site).as_posix() for p in (site / "content/objectives").rglob("*.md"))
        self.added: list[str] = []
        self.next_id = 90000

    def read(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")

    def edit(self, day: str) -> tuple[dict[str, str | None], str]:
        """One edit: (changed files -> new text or None for deleted, a commit message)."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.30:
            return self._reschedule()
        if roll < 0.45:
            return self._checkin(day)
        if roll < 0.57:
            return self._replace_field("status", STATUSES, "status")
        if roll < 0.65:
            return self._replace_field("type", TYPES, "type")
        if roll < 0.75:
            return self._retitle()
        if roll < 0.82:
            return self._move()
        if roll < 0.93 or not self.added:
            return self._add()
        return self._delete()

    def _pick(self) -> str:
        return self.rng.choice(self.milestones)

    def _reschedule(self):
        rel = self._pick()
        text = self.read(rel)
        step = self.rng.choice((1, 1, 1, -1, 2))
        match = _SPRINTS.search(text)
        if match:
            first, last = int(match[1]), int(match[2] or match[1])
            if first + step < 1:
                step = 1
            new = f"sprints: [s{first + step}, s{last + step}]" if match[2] else f"sprints: [s{first + step}]"
            text = text[:match.start()] + new + text[match.end():]
        else:
            import datetime as dt

            def shift(m):
                day = dt.date.fromisoformat(m[2]) + dt.timedelta(days=7 * step)
                return f"{m[1]}: {day.isoformat()}"
            text = _DATES.sub(shift, text)
        self.write(rel, text)
        return {rel: text}, f"reschedule {rel}"

    def _checkin(self, day: str):
        rel = self.rng.choice(self.objectives)
        text = self.read(rel)
        at = text.find("    checkins:\n")
        if at < 0:
            match = re.search(r"^    confidence: ([0-9.]+)$", text, re.MULTILINE)
            if not match:
                return self._retitle()
            text = text[:match.start()] + f"    confidence: {self.rng.randint(1, 99) / 100}" + text[match.end():]
        else:
            at += len("    checkins:\n")
            value = round(self.rng.uniform(0, 1000), 1)
            text = text[:at] + f"      - {{date: {day}, value: {value}, confidence: {self.rng.randint(1, 99) / 100}}}\n" + text[at:]
        self.write(rel, text)
        return {rel: text}, f"check-in {rel}"

    def _replace_field(self, name: str, values, message: str):
        rel = self._pick()
        text = self.read(rel)
        match = re.search(rf"^{name}: (\S+)$", text, re.MULTILINE)
        if not match:
            return self._retitle()
        choices = [v for v in values if v != match[1]]
        text = text[:match.start()] + f"{name}: {self.rng.choice(choices)}" + text[match.end():]
        self.write(rel, text)
        return {rel: text}, f"{message} {rel}"

    def _retitle(self):
        rel = self._pick()
        text = self.read(rel)
        text = re.sub(r'^title: "(.*)"$', lambda m: f'title: "{m[1]} (revised)"', text, count=1, flags=re.MULTILINE)
        self.write(rel, text)
        return {rel: text}, f"retitle {rel}"

    def _move(self):
        rel = self._pick()
        text = self.read(rel)
        stem = rel.rsplit("/", 1)[1][:-3]
        if not text.startswith("---\nid:"):
            text = f"---\nid: {stem}\n" + text[4:]
        new = f"content/milestones/moved-{self.rng.randint(1, 20)}/{stem}.md"
        if new == rel or (self.site / new).exists():
            return self._retitle()
        (self.site / rel).unlink()
        self.write(new, text)
        self.milestones[self.milestones.index(rel)] = new
        if rel in self.added:
            self.added[self.added.index(rel)] = new
        return {rel: None, new: text}, f"move {rel} to {new}"

    def _add(self):
        source = self.read(self._pick())
        self.next_id += 1
        rel = f"content/milestones/new/ms-{self.next_id}.md"
        text = re.sub(r"^id: .*\n", "", source, flags=re.MULTILINE)
        text = re.sub(r"^depends_on: .*\n", "", text, flags=re.MULTILINE)
        text = re.sub(r'^title: "(.*)"$', lambda m: f'title: "New: {m[1]}"', text, count=1, flags=re.MULTILINE)
        self.write(rel, text)
        self.milestones.append(rel)
        self.added.append(rel)
        return {rel: text}, f"add {rel}"

    def _delete(self):
        rel = self.added.pop(self.rng.randrange(len(self.added)))
        (self.site / rel).unlink()
        self.milestones.remove(rel)
        return {rel: None}, f"delete {rel}"


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def make_repo(entities: int, commits: int, seed: int, regenerate: bool) -> Path:
    repo = OUT / f"history-{entities}-{commits}"
    stamp = f"{entities} {commits} {seed} 1\n"
    if not regenerate and (repo / STAMP).is_file() and (repo / STAMP).read_text() == stamp:
        return repo
    if repo.exists():
        shutil.rmtree(repo)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "gen_site.py"), str(repo), "--entities", str(entities),
                    "--seed", str(seed), "--quiet"], check=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".gitignore").write_text(f"public/\n{STAMP}\n.okrsite-bench\n", encoding="utf-8")
    files = sorted(p for p in repo.rglob("*") if p.is_file() and ".git" not in p.relative_to(repo).parts
                   and p.name not in (STAMP, ".okrsite-bench"))
    stream = bytearray()

    def commit(mark: int, when: int, message: str, changes: dict[str, bytes | None]) -> None:
        stream.extend(b"commit refs/heads/main\nmark :%d\n" % mark)
        stream.extend(b"committer Bench Author <bench@example.com> %d +0000\n" % when)
        stream.extend(_data(message.encode()))
        if mark > 1:
            stream.extend(b"from :%d\n" % (mark - 1))
        for path, content in changes.items():
            if content is None:
                stream.extend(b"D %s\n" % path.encode())
            else:
                stream.extend(b"M 100644 inline %s\n" % path.encode())
                stream.extend(_data(content))

    commit(1, START, "the roadmap as planned", {p.relative_to(repo).as_posix(): p.read_bytes() for p in files})
    rng = random.Random(seed)
    editor = Editor(repo, rng)
    step = (END - START - 86400) // max(commits - 1, 1)
    for index in range(2, commits + 1):
        when = START + 86400 + (index - 2) * step
        day = time.strftime("%Y-%m-%d", time.gmtime(when))
        changed: dict[str, bytes | None] = {}
        messages = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 5))):
            edit, message = editor.edit(day)
            changed.update({k: (v.encode() if v is not None else None) for k, v in edit.items()})
            messages.append(message)
        commit(index, when, "; ".join(messages), changed)
    _git(repo, "fast-import", "--quiet", data=bytes(stream))
    _git(repo, "reset", "-q")            # the index to HEAD; the files on disk are already its state
    _git(repo, "update-index", "-q", "--refresh")
    dirty = _git(repo, "status", "--porcelain").decode().strip()
    if dirty:
        raise SystemExit(f"the generated work tree differs from its last commit:\n{dirty[:2000]}")
    (repo / STAMP).write_text(stamp)
    print(f"  made {repo.relative_to(HERE.parent)}: {entities:,} entities, {commits} commits "
          f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return repo


def _has_cache() -> bool:
    """Whether this okrsite has a build cache (`--no-cache`, issue 15); older ones always render."""
    result = subprocess.run([sys.executable, "-m", "okrsite", "build", "--help"], capture_output=True, text=True)
    return "--no-cache" in result.stdout


def timed_build(site: Path, history: bool) -> float:
    out = Path(tempfile.mkdtemp(prefix="okrsite-bench-")) / "public"
    command = [sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out), "--quiet"]
    if _has_cache():  # every build renders: the build cache would answer the repeats of each mode at once
        command.append("--no-cache")
    if not history:
        command.append("--no-history")
    started = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    if history and not (out / "changes.xml").is_file():
        raise SystemExit("the build with history wrote no changes.xml: is bench/out a git checkout?")
    shutil.rmtree(out.parent)
    return seconds


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git): unlike wall time, not
    stretched by other work on a shared machine."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def history_stage(site: Path) -> tuple[float, float, float, int, int]:
    """(wall s of reading history, wall s of joining it with the site, CPU s of both, commits, changes)."""
    from okrsite.pipeline import attach_history, check, read_history

    checked = check(site)
    cpu = _cpu()
    started = time.perf_counter()
    found, why = read_history(checked)
    read = time.perf_counter() - started
    if found is None:
        raise SystemExit(f"no history: {why}")
    started = time.perf_counter()
    attach_history(checked.site, found)
    attach = time.perf_counter() - started
    return read, attach, _cpu() - cpu, len(found.commits), len(found.events)


def spread(values: list[float]) -> str:
    return f"{min(values):6.2f} / {statistics.median(values):6.2f} / {max(values):6.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=5, help="builds in each mode, alternated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--stage-only", action="store_true", help="only the in-process time of the history stage")
    args = parser.parse_args(argv)
    site = make_repo(args.entities, args.commits, args.seed, args.regenerate)
    if args.stage_only:
        _print_stage(site)
        return 0
    print(f"okrsite build, {args.entities:,} entities, {args.commits} commits, {os.cpu_count()} cores, "
          f"{args.pairs} builds per mode alternated")
    times: dict[bool, list[float]] = {True: [], False: []}
    for pair in range(args.pairs):
        for history in ((True, False) if pair % 2 == 0 else (False, True)):
            seconds = timed_build(site, history)
            times[history].append(seconds)
            print(f"  build {'with history   ' if history else '--no-history   '} {seconds:6.2f} s", flush=True)
    with_h, without = times[True], times[False]
    print(f"{'':16} min / median / max (s)")
    print(f"{'with history':16} {spread(with_h)}")
    print(f"{'--no-history':16} {spread(without)}")
    pairs = [a - b for a, b in zip(with_h, without)]
    print(f"history adds: median {statistics.median(with_h) - statistics.median(without):+.2f} s, "
          f"min {min(with_h) - min(without):+.2f} s (pairwise {min(pairs):+.2f} .. {max(pairs):+.2f} s); "
          f"ratio of medians {statistics.median(with_h) / statistics.median(without):.3f}, "
          f"of mins {min(with_h) / min(without):.3f}")
    _print_stage(site)
    return 0


def _print_stage(site: Path) -> None:
    read, attach, cpu, commits, events = history_stage(site)
    print(f"history stage in-process: read {read:.2f} s (git log + cat-file + replay of {commits} commits, "
          f"{events:,} changes), join with the site {attach:.2f} s; CPU {cpu:.2f} s (with git's)")


if __name__ == "__main__":
    raise SystemExit(main())
