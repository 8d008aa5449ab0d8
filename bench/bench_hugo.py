#!/usr/bin/env python3
"""okrsite against Hugo on the same number of pages, alternated in one run, as ratios.

    python bench/bench_hugo.py [--sizes 1000 10000 50000 real] [--repeat 3] [--okrsite-args ...]

For each size, the synthetic okrsite site (bench/gen_site.py, cached in bench/out/) is built
once to count its HTML pages, P. A Hugo site with the same content is generated next to it
(bench/out/hugo-<size>/): every objective, milestone, team and free page of the okrsite site
becomes a Hugo page with the same title, front matter and Markdown body, under a layout with a
header, navigation, a facts table and the body, plus filler pages (bodies taken from the same
files) until Hugo writes exactly P HTML pages too. Hugo also writes its sitemap and RSS feeds.

Then, `--repeat` times, in turns: a cold `okrsite build` (`--no-cache`), a first build with the
cache empty (a new clone; it fills the cache), a warm one (when okrsite
has a build cache: the same inputs again, answered from SITE/.okrsite-cache, into the same output
folder, which then needs no writing), a warm one into a new output folder (CI: the cache restored,
the checkout fresh), one after a change
of one milestone file, one after a second change of the same file (an edit-and-build loop: this
build finds the spare copy of the site the one before kept; the file is put back afterwards),
`okrsite check` cold (`--no-cache`) and warm, and `hugo` into a fresh folder. Each
run is timed for wall time and CPU time (user + system of the process and every process it
waited for: render workers, the search indexer). Printed: each measure's min-max, and the
ratio of okrsite to Hugo (min/min, with the range of the per-turn ratios), because these
2-core machines are noisy and only numbers taken side by side compare.

Hugo comes from Debian's package (`apt-get install hugo`, 0.111 on bookworm); without it the
script says so and prints okrsite's figures alone. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from bench_check import site_for  # noqa: E402

HUGO_LAYOUT_BASE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ now.Year }} · Built with Hugo</p></footer></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}
<p class="eyebrow">{{ .Section }}{{ with .Params.team }} · <a href="{{ (printf "/team/%s/" (urlize .)) | relURL }}">{{ . }}</a>{{ end }}</p>
<h1>{{ .Title }}</h1>
<table class="facts"><tbody>
{{ range $k, $v := .Params }}{{ if not (in (slice "title" "date" "draft" "iscjklanguage") $k) }}<tr><th>{{ $k }}</th><td>{{ $v }}</td></tr>{{ end }}{{ end }}
</tbody></table>
<div class="prose">{{ .Content }}</div>
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<table><thead><tr><th>Title</th><th>Team</th><th>Words</th></tr></thead><tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.team }}</td><td>{{ .WordCount }}</td></tr>{{ end }}
</tbody></table>
{{ end }}
"""
FRONT = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)
TITLE = re.compile(r"^(?:title|name):\s*(.+)$", re.M)
TEAM = re.compile(r"^team:\s*(\S+)$", re.M)


def count_html(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def okrsite_pages(site: Path) -> int:
    out = Path(tempfile.mkdtemp(prefix="okrsite-bench-")) / "public"
    subprocess.run([sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out), "--quiet",
                    "--no-search"], check=True)
    pages = count_html(out)
    shutil.rmtree(out.parent)
    return pages


def _yaml_text(value: str) -> str:
    value = value.strip().strip("'\"")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def source_pages(site: Path) -> list[tuple[str, str, str, str]]:
    """(section, title, team, body) for every okrsite file that becomes a page."""
    pages = []
    for kind in ("objectives", "milestones", "teams", "pages"):
        for path in sorted((site / "content" / kind).rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            text = path.read_text(encoding="utf-8")
            match = FRONT.match(text)
            head, body = (match[1], match[2]) if match else (text, "")
            title = TITLE.search(head)
            team = TEAM.search(head)
            pages.append((kind, title[1] if title else path.stem, team[1] if team else "", body))
    return pages


def write_hugo_site(folder: Path, sources: list, singles: int) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "static").mkdir()
    (folder / "static" / "site.css").write_text("body{font-family:system-ui}\n")
    (folder / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench Roadmap"\n'
                                        'languageCode = "en"\n[taxonomies]\n  team = "team"\n')
    layouts = folder / "layouts" / "_default"
    (layouts / "baseof.html").write_text(HUGO_LAYOUT_BASE)
    (layouts / "single.html").write_text(HUGO_SINGLE)
    (layouts / "list.html").write_text(HUGO_LIST)
    content = folder / "content"
    for number in range(singles):
        section, title, team, body = sources[number % len(sources)]
        if number >= len(sources):
            section = "more"
        page = content / section / f"p{number:06d}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        team_line = f"team: {team}\n" if team else ""
        page.write_text(f"---\ntitle: {_yaml_text(title)}\ndate: 2026-05-12\n{team_line}---\n{body}", encoding="utf-8")


def hugo_site_for(size: int, site: Path, pages: int) -> Path:
    """A Hugo site that writes exactly `pages` HTML files (cached in bench/out/ by page count)."""
    folder = OUT / f"hugo-{size}"
    stamp = folder / ".pages"
    if stamp.exists() and stamp.read_text() == str(pages):
        return folder
    sources = source_pages(site)
    singles = pages
    for _ in range(4):  # list and taxonomy pages depend on the singles: settle in a few rounds
        write_hugo_site(folder, sources, singles)
        out = Path(tempfile.mkdtemp(prefix="hugo-bench-"))
        subprocess.run(["hugo", "--quiet", "-s", str(folder), "-d", str(out)], check=True)
        made = count_html(out)
        shutil.rmtree(out)
        if made == pages:
            break
        singles += pages - made
    stamp.write_text(str(pages))
    return folder


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def span(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["1000", "10000"],
                        help="entities of each synthetic site (gen_site.py), or 'real' for the real-roadmap "
                             "shape (gen_real_site.py: 1,440 milestones, 299 explicit sprints)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--okrsite-args", nargs=argparse.REMAINDER, default=[],
                        help="extra arguments for okrsite build (e.g. --no-search)")
    args = parser.parse_args(argv)
    hugo = shutil.which("hugo")
    if hugo is None:
        print("hugo is not installed (apt-get install hugo): printing okrsite's figures alone", file=sys.stderr)
    else:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        print(f"okrsite vs Hugo {version}, {os.cpu_count()} cores, {args.repeat} alternated turns")
    caching = _has_cache()
    for size in args.sizes:
        site = real_site() if size == "real" else site_for(int(size), args.seed, False)
        pages = okrsite_pages(site)
        shown = "the real-roadmap shape" if size == "real" else f"{int(size):,} entities"
        print(f"\n{shown}, {pages:,} HTML pages each")
        hugo_site = hugo_site_for(size, site, pages) if hugo else None
        measures: dict[str, list[tuple[float, float]]] = {}
        scratch = Path(tempfile.mkdtemp(prefix="okrsite-vs-hugo-"))
        try:
            for turn in range(args.repeat):
                out = scratch / f"okrsite-{turn}"
                build = [sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out), "--quiet",
                         *args.okrsite_args]
                cache = site / ".okrsite-cache"
                if cache.exists():
                    shutil.rmtree(cache)
                check = [sys.executable, "-m", "okrsite", "check", "--site", str(site)]
                measures.setdefault("okrsite build, cold", []).append(timed(build + ["--no-cache"] if caching else build))
                if caching:
                    # a first build: the cache empty, filled as it goes (a new clone, CI without its cache)
                    measures.setdefault("okrsite build, empty cache", []).append(timed(build))
                    measures.setdefault("okrsite build, warm", []).append(timed(build))
                    # CI's case: the cache restored, the output folder new
                    fresh_out = [*build[:build.index("--out") + 1], str(out) + "-fresh", *build[build.index("--out") + 2:]]
                    measures.setdefault("okrsite build, warm, new out", []).append(timed(fresh_out))
                    shutil.rmtree(str(out) + "-fresh", ignore_errors=True)
                    with one_file_changed(site) as path:
                        measures.setdefault("okrsite build, 1 file", []).append(timed(build))
                        # an edit-and-build loop: the next edit finds the spare the last build kept
                        path.write_bytes(path.read_bytes() + b"And one more, written by bench_hugo.py.\n")
                        measures.setdefault("okrsite build, 1 file again", []).append(timed(build))
                measures.setdefault("okrsite check, cold", []).append(timed(check + ["--no-cache"] if caching else check))
                if caching:
                    timed(check)  # fills the cache
                    measures.setdefault("okrsite check, warm", []).append(timed(check))
                if hugo_site is not None:
                    target = scratch / f"hugo-{turn}"
                    measures.setdefault("hugo", []).append(timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(target)]))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        print(f"  {'':29} {'wall s':>13} {'CPU s':>13} {'wall / Hugo':>18} {'CPU / Hugo':>18}")
        reference = measures.get("hugo")
        for name, runs in measures.items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            line = f"  {name:29} {span(walls):>13} {span(cpus):>13}"
            if reference and name != "hugo":
                wall_ratios = [w / h for (w, _), (h, _) in zip(runs, reference)]
                cpu_ratios = [c / h for (_, c), (_, h) in zip(runs, reference)]
                line += (f" {min(walls) / min(w for w, _ in reference):>6.2f}x ({span(wall_ratios)})"
                         f" {min(cpus) / min(c for _, c in reference):>6.2f}x ({span(cpu_ratios)})")
            print(line)
    return 0


def real_site() -> Path:
    """bench/out/site-real: gen_real_site.py's roadmap (made once)."""
    site = OUT / "site-real"
    if not (site / "okrsite.yaml").exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "gen_real_site.py"), str(site), "--quiet"], check=True)
    return site


@contextmanager
def one_file_changed(site: Path):
    """The first milestone file with one more line in its body, for the time of the block."""
    path = min((site / "content" / "milestones").rglob("*.md"))
    original = path.read_bytes()
    path.write_bytes(original + b"\nOne more line, written by bench_hugo.py.\n")
    try:
        yield path
    finally:
        path.write_bytes(original)


def _has_cache() -> bool:
    """Whether this okrsite has a build cache (`--no-cache`); older ones are always cold."""
    result = subprocess.run([sys.executable, "-m", "okrsite", "build", "--help"], capture_output=True, text=True)
    return "--no-cache" in result.stdout


if __name__ == "__main__":
    raise SystemExit(main())
