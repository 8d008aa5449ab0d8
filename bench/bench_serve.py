"""Benchmark `okrsite serve`: from saving one file to the reload event, on generated sites.

    python bench/bench_serve.py [--sizes 1000,10000] [--reps 5] [--seed 0] [--profile] [--explicit-sprints 295]
                                [--edit title|type|status|sprints|...|new|delete]

For each size it generates (or reuses) `bench/out/site-<N>` with gen_site.py, copies it to a
temporary folder (so the edits never touch the cached site), starts a `Preview` in-process
with its real watcher, and then, once per repetition, changes one milestone's title on disk and
measures the time from the write to the moment the new build is published to open tabs. Each
rebuild is split into its stages: read/parse (the changed files), check (validation and the
linked model, rebuilt every time), render (every page's view data, and the templates of the
pages whose view changed), swap. "watch" is the rest: watchfiles noticing the save and
waiting `step` ms for the burst to end.

With `--explicit-sprints N` the copy's okrsite.yaml lists N sprints explicitly (the same
14-day sprints, named as the cadence names them) instead of the regular cadence, the shape of
a real roadmap's calendar (bench/gen_real_site.py has about 295): a save must not cost more.

`--edit` chooses what each save changes in its milestone: `title` (the default), `type` (epic
<-> spike), `status` (planned <-> in-progress, the others to planned), `sprints` (both sprints
one later or one earlier) or `hypothesis` (its `hypothesis:` line removed); `checkin` adds a
check-in to an objective's key result, `quarter` moves an objective to the other quarter of its
half; `new` writes a copy of a milestone into a new file beside it (a new milestone), `delete`
deletes such a copy (written before the measured save). serve makes all of these but the last in the previous model (link.relink: the milestone,
the key results and objectives its completion feeds, what its references list of it, the lists
it is sorted in, the warnings about its dates, references or check-ins; a milestone file
that came or went: link.relink_added and relink_removed); an objective in
another quarter changes the periods every rule about its key results and milestones reads: the
save runs the whole check.

The first build of the preview (everything read, checked and rendered) is reported too, as
"full build": what a save must never cost. `--profile` runs cProfile over one more rebuild
(driven directly, without the watcher) and prints where the time went; the raw profile is
written next to the generated site as `serve-<N>.prof`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import cProfile
import io
import pstats
import re
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path[:0] = [str(HERE.parent), str(HERE)]  # this checkout's okrsite, whatever is installed

import gen_site

from okrsite.serve import Preview


def ensure_site(n: int, seed: int) -> Path:
    site = OUT / f"site-{n}"
    if not (site / "okrsite.yaml").is_file() or not (site / gen_site.STAMP).exists():
        print(f"generating {site} ...", file=sys.stderr, flush=True)
        if gen_site.main([str(site), "--entities", str(n), "--seed", str(seed), "--quiet"]) != 0:
            raise SystemExit(f"gen_site.py failed for {n} entities")
    return site


_CADENCE = re.compile(r"(?m)^  sprints:\n    start: (\S+)\n    length_days: (\d+)\n")


def explicit_sprints(config: str, count: int) -> str:
    """okrsite.yaml with its regular sprint cadence written out as `count` explicit sprints."""
    found = _CADENCE.search(config)
    if found is None:
        raise SystemExit("okrsite.yaml has no regular sprint cadence to write out")
    start, days = dt.date.fromisoformat(found[1]), int(found[2])
    items = "".join(
        f"    - {{id: s{n}, name: Sprint {n}, start: {start + dt.timedelta(days=(n - 1) * days)}, "
        f"end: {start + dt.timedelta(days=n * days - 1)}}}\n" for n in range(1, count + 1))
    return config[:found.start()] + "  sprints:\n" + items + config[found.end():]


def copy_site(site: Path, into: Path, sprints: int = 0) -> Path:
    work = into / site.name
    work.mkdir()
    shutil.copy2(site / "okrsite.yaml", work / "okrsite.yaml")
    if sprints:
        config = (work / "okrsite.yaml").read_text(encoding="utf-8")
        (work / "okrsite.yaml").write_text(explicit_sprints(config, sprints), encoding="utf-8")
    for folder in ("content", "themes"):
        if (site / folder).is_dir():
            shutil.copytree(site / folder, work / folder, symlinks=True)
    return work


_TITLE = re.compile(r"(?m)^title: .*$")


def retitle(path: Path, title: str) -> str:
    text = path.read_text(encoding="utf-8")
    return _TITLE.sub(lambda _: f'title: "{title}"', text, count=1)


_TYPE = re.compile(r"(?m)^type: (\S+)$")


def retype(path: Path) -> str:
    """The milestone with another type (epic <-> spike, the others become epic)."""
    text = path.read_text(encoding="utf-8")
    return _TYPE.sub(lambda m: "type: " + ("spike" if m.group(1) == "epic" else "epic"), text, count=1)


_STATUS = re.compile(r"(?m)^status: (\S+)$")
_SPRINTS = re.compile(r"(?m)^sprints: \[s(\d+), s(\d+)\]$")


def restatus(path: Path) -> str:
    """The milestone with another status (planned <-> in-progress, the others become planned)."""
    text = path.read_text(encoding="utf-8")
    return _STATUS.sub(lambda m: "status: " + ("in-progress" if m.group(1) == "planned" else "planned"), text, count=1)


def resprint(path: Path) -> str:
    """The milestone one sprint later (an odd first sprint) or earlier (an even one)."""
    text = path.read_text(encoding="utf-8")

    def moved(m: re.Match) -> str:
        step = 1 if int(m.group(1)) % 2 else -1
        return f"sprints: [s{int(m.group(1)) + step}, s{int(m.group(2)) + step}]"
    return _SPRINTS.sub(moved, text, count=1)


_HYPOTHESIS = re.compile(r"(?m)^hypothesis: .*\n")


def unlink(path: Path) -> str:
    """The milestone no longer testing its hypothesis (a link gone: hypotheses list their milestones)."""
    return _HYPOTHESIS.sub("", path.read_text(encoding="utf-8"), count=1)


_CHECKINS = re.compile(r"(?m)^    checkins:\n")


def checkin(path: Path) -> str:
    """The objective with a check-in added to its first key result that has any (a line that moves
    every value below it)."""
    return _CHECKINS.sub(lambda m: m.group(0) + '      - {date: 2026-05-11, value: 1, note: "Benchmark."}\n',
                         path.read_text(encoding="utf-8"), count=1)


_QUARTER = re.compile(r"(?m)^quarter: (\d{4})-Q([1-4])$")


def requarter(path: Path) -> str:
    """The objective in the other quarter of its half (Q1 <-> Q2, Q3 <-> Q4)."""
    return _QUARTER.sub(lambda m: f"quarter: {m.group(1)}-Q{int(m.group(2)) + (1 if int(m.group(2)) % 2 else -1)}",
                        path.read_text(encoding="utf-8"), count=1)


_PARENT = re.compile(r"(?m)^parent: .*\n")


def reparent(path: Path) -> str:
    """The objective under obj-0001 (obj-0002 for obj-0001 itself), or under none if it had one."""
    text = path.read_text(encoding="utf-8")
    if _PARENT.search(text):
        return _PARENT.sub("", text, count=1)
    parent = "obj-0002" if path.stem == "obj-0001" else "obj-0001"
    return _QUARTER.sub(lambda m: f"{m.group(0)}\nparent: {parent}", text, count=1)


_ID = re.compile(r"(?m)^id: .*\n")


def copied(path: Path) -> str:
    """The milestone's text for a new file beside it (its id, if written, taken out: the new
    file's name gives it one)."""
    return _ID.sub("", path.read_text(encoding="utf-8"), count=1)


EDITS = {"title": None, "type": retype, "status": restatus, "sprints": resprint, "hypothesis": unlink,
         "checkin": checkin, "quarter": requarter, "parent": reparent, "new": copied, "delete": copied,
         "newpage": copied, "deletepage": copied, "newteam": copied, "deleteteam": copied}
FOLDER = {"checkin": "objectives", "quarter": "objectives", "parent": "objectives",  # milestones but for these
          "newpage": "pages", "deletepage": "pages", "newteam": "teams", "deleteteam": "teams"}
NEW_FILES = ("new", "delete", "newpage", "deletepage", "newteam", "deleteteam")  # a copy in a new file
DELETES = ("delete", "deletepage", "deleteteam")  # (written first, unmeasured)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def bench_size(n: int, reps: int, seed: int, profile: bool, sprints: int = 0, edit: str = "title") -> dict:
    site = ensure_site(n, seed)
    with tempfile.TemporaryDirectory(prefix="okrsite-bench-serve-") as tmp:
        work = copy_site(site, Path(tmp), sprints)
        published: list = []
        done = threading.Event()

        def on_publish(snapshot, stats) -> None:
            published.append(stats)
            done.set()

        preview = Preview(work, port=0)
        preview.on_publish.append(on_publish)
        print(f"[{n}] first (full) build ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        preview.start()
        startup = time.perf_counter() - started
        full = preview.last
        if full.errors:
            preview.stop()
            raise SystemExit(f"the generated site of {n} entities does not check clean")
        pages = sum(1 for key in preview.snapshot.files if key.endswith(".html"))
        folder = work / "content" / FOLDER.get(edit, "milestones")
        edited_files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".yaml", ".yml"))
        step = max(1, len(edited_files) // (reps + 1))
        rows = []
        starts = []  # (the save, its rebuild's stats): the watcher's share is started_at - save
        try:
            for rep in range(reps):
                at = (rep + 1) * step
                for path in edited_files[at:] + edited_files[:at]:  # the next one that has what is edited
                    text = (retitle(path, f"Edited title {rep} for the serve benchmark") if edit == "title"
                            else EDITS[edit](path))
                    if edit in NEW_FILES or text != path.read_text(encoding="utf-8"):
                        break
                else:
                    raise SystemExit(f"[{n}] no file in {folder} has a {edit} this benchmark can change")
                if edit in NEW_FILES:
                    path = path.with_name(f"bench-{edit}-{rep}{path.suffix}")
                if edit in DELETES:
                    time.sleep(0.3)
                    done.clear()
                    path.write_text(text, encoding="utf-8")
                    if not done.wait(900):
                        raise SystemExit(f"[{n}] no rebuild was published within 900 s of a new file")
                time.sleep(0.3)  # let the watcher settle
                done.clear()
                published.clear()
                t0 = time.perf_counter()
                if edit in DELETES:
                    path.unlink()
                else:
                    path.write_text(text, encoding="utf-8")
                if not done.wait(900):
                    raise SystemExit(f"[{n}] no rebuild was published within 900 s of the save")
                stats = published[0]
                latency = stats.published_at - t0
                rows.append((latency, stats))
                starts.append((t0, stats))
                print(f"[{n}] rep {rep + 1}/{reps}: {latency * 1000:.0f} ms "
                      f"(read {stats.read * 1000:.1f}, check {stats.check * 1000:.0f}, "
                      f"render {stats.render * 1000:.0f}, watch {(stats.started_at - t0) * 1000:.0f}, "
                      f"{'relinked' if stats.relinked else 'whole check'})", file=sys.stderr, flush=True)
            time.sleep(0.5)
            extra = preview.rebuilds - 1 - reps  # rebuilds beyond one per save
            if profile:
                path = edited_files[0]
                path.write_text(retitle(path, "Edited for the profile"), encoding="utf-8")
                preview.stop()  # the watcher would rebuild too; drive this one directly
                profiler = cProfile.Profile()
                profiler.enable()
                stats = preview.rebuild([path])
                profiler.disable()
                prof = site.parent / f"serve-{n}.prof"
                profiler.dump_stats(prof)
                out = io.StringIO()
                table = pstats.Stats(profiler, stream=out)
                out.write(f"\n=== profile of one rebuild at {n} entities "
                          f"({stats.total:.2f} s under cProfile; raw: {prof}) ===\n")
                table.sort_stats("cumulative").print_stats(35)
                table.sort_stats("tottime").print_stats(20)
                print(out.getvalue(), file=sys.stderr)
        finally:
            preview.stop()
    latencies = [lat for lat, _ in rows]
    return {
        "entities": n,
        "pages": pages,
        "files": len(preview.snapshot.files),
        "full": full.total,
        "full_split": (full.read, full.check, full.render),
        "startup": startup,
        "edit": median_ms(latencies),
        "edit_min": min(latencies) * 1000,
        "edit_max": max(latencies) * 1000,
        "read": median_ms([s.read for _, s in rows]),
        "check": median_ms([s.check for _, s in rows]),
        "render": median_ms([s.render for _, s in rows]),
        "swap": median_ms([s.swap for _, s in rows]),
        "watch": median_ms([s.started_at - t0 for t0, s in starts]),
        "relinked": sum(1 for _, s in rows if s.relinked),
        "rendered": statistics.median([s.rendered for _, s in rows]),
        "extra_rebuilds": extra,
        "reps": reps,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="entity counts, comma separated")
    parser.add_argument("--reps", type=int, default=5, help="saves measured per size (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile one more rebuild per size")
    parser.add_argument("--explicit-sprints", type=int, default=0, metavar="N",
                        help="write the calendar out as N explicit sprints (a real roadmap has ~295)")
    parser.add_argument("--edit", choices=sorted(EDITS), default="title",
                        help="what each save changes: a milestone's title (default), type, status, sprints or "
                             "hypothesis (removed), a check-in added to an objective's key result (the previous "
                             "check is changed), an objective's quarter or parent (set, or taken out), a new "
                             "milestone file (a copy of one, under a new name) or one deleted (a copy written "
                             "before, unmeasured), and the same for a page or team file (newpage, deletepage, "
                             "newteam, deleteteam)")
    args = parser.parse_args(argv)
    import okrsite

    print(f"okrsite from {Path(okrsite.__file__).parent}", file=sys.stderr)
    results = [bench_size(int(n), args.reps, args.seed, args.profile, args.explicit_sprints, args.edit)
               for n in args.sizes.split(",")]
    print("\n| entities | pages | full build | save -> reload (median, min-max) | read | check | render "
          "| swap | watch | saves relinked |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['entities']:,} | {r['pages']:,} | {r['full']:.2f} s | {r['edit']:.0f} ms "
              f"({r['edit_min']:.0f}-{r['edit_max']:.0f}) | {r['read']:.1f} ms | {r['check']:.0f} ms "
              f"| {r['render']:.0f} ms | {r['swap']:.1f} ms | {r['watch']:.0f} ms | {r['relinked']}/{r['reps']} |")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    calendar = f"{args.explicit_sprints} explicit sprints" if args.explicit_sprints else "a regular sprint cadence"
    edited = {"checkin": "a check-in added to one objective each",
              "quarter": "one objective's quarter each",
              "parent": "one objective's parent each (set, or taken out)",
              "new": "one new milestone file each (a copy of one)",
              "delete": "one milestone file deleted each (a copy written before)",
              "newpage": "one new page file each (a copy of one)",
              "deletepage": "one page file deleted each (a copy written before)",
              "newteam": "one new team file each (a copy of one)",
              "deleteteam": "one team file deleted each (a copy written before)"}.get(args.edit, f"one milestone {args.edit} each")
    print(f"\n{results[0]['reps']} saves per size ({edited}), {calendar}; full build = the preview's "
          f"first build (read, check, render; nothing written); peak RSS {rss:.0f} MiB.")
    for r in results:
        read, check, render = r["full_split"]
        print(f"full build at {r['entities']:,}: read {read:.2f} s, check {check:.2f} s, render {render:.2f} s"
              + (f"; {r['extra_rebuilds']} extra rebuild(s)" if r["extra_rebuilds"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
