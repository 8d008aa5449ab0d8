"""The build cache (okrsite/cache.py): a build or check of unchanged inputs is answered from
SITE/.okrsite-cache/, byte for byte what a build without cache makes, and any change of an input
(content, config, theme, git HEAD, okrsite's code) or any damage to the cache means a full build."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from git_helpers import GitSite
from helpers import MILESTONE, OBJECTIVE
from render_helpers import build, make_site, tree_hash

from okrsite import cache as cache_module
from okrsite import cli
from okrsite import render as render_module
from okrsite.cache import CACHE_DIR, Cache, Entry, decode, encode

WARNING_MILESTONE = """\
---
title: A milestone nobody plans
type: spike
key_results: [obj/kr1]
---
Links to [[no-such-thing]].
"""


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path / "site", {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/feedback-form.md": MILESTONE,
        "content/pages/notes.md": "---\ntitle: Notes\n---\nSee [[build-trust]].\n",
    })


def entries(site: Path, kind: str = "build") -> list[Path]:
    """The cache's entries of one kind ("build", "check", "search")."""
    return sorted((site / CACHE_DIR).glob(f"{kind}-*.entry"))


def answered_key(site: Path) -> str | None:
    """The build key the cache's build entry is the answer for (None: it answers none)."""
    entry, = entries(site)
    return Cache(site).get("build", entry.name[len("build-"):-len(".entry")]).build


def fresh(site: Path, out: Path) -> dict[str, str]:
    assert build(site, out, "--no-cache") == 0
    return tree_hash(out)


class NoRender:
    """Fails the test when a page is rendered: the answer must come from the cache."""

    def __enter__(self):
        self.saved = render_module.Renderer.render
        render_module.Renderer.render = lambda *a, **k: pytest.fail("rendered although the cache had the answer")

    def __exit__(self, *exc):
        render_module.Renderer.render = self.saved


def test_a_warm_build_is_answered_from_the_cache_with_identical_bytes(site, tmp_path):
    expected = fresh(site, tmp_path / "nocache")
    assert not (site / CACHE_DIR).exists()  # --no-cache writes nothing either
    assert build(site, tmp_path / "cold") == 0
    assert tree_hash(tmp_path / "cold") == expected and len(entries(site)) == 1
    with NoRender():
        assert build(site, tmp_path / "warm") == 0
    assert tree_hash(tmp_path / "warm") == expected
    assert (site / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_output_is_identical_across_processes_with_and_without_cache(site, tmp_path):
    """Deterministic: separate processes (a new hash seed each), cold, warm and without cache."""
    outs = []
    for number, extra in enumerate(([], [], ["--no-cache"], [])):
        out = tmp_path / f"out{number}"
        env = {**os.environ, "PYTHONHASHSEED": str(number + 1)}
        subprocess.run([sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out),
                        "--quiet", "--no-history", *extra], check=True, env=env)
        outs.append(tree_hash(out))
    assert outs[0] and all(o == outs[0] for o in outs)
    assert len(entries(site)) == 1


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty", "folder", "other-key", "link"])
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(site, tmp_path, damage):
    expected = fresh(site, tmp_path / "nocache")
    assert build(site, tmp_path / "first") == 0
    entry, = entries(site)
    data = entry.read_bytes()
    if damage == "flip":
        entry.write_bytes(data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 1]) + data[len(data) // 2 + 1:])
    elif damage == "truncate":
        entry.write_bytes(data[: len(data) - 40])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(5000))
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "folder":
        entry.unlink()
        entry.mkdir()
    elif damage == "other-key":  # a valid entry, made for other inputs, put under this name
        other = encode("0" * 40, Entry([], 1, [], {"index.html": b"<p>not this site</p>"}))
        entry.write_bytes(other)
    elif damage == "link":
        entry.unlink()
        entry.symlink_to(tmp_path / "nocache" / "index.html")
    assert Cache(site).get("build", entry.name[len("build-"):-len(".entry")]) is None
    assert build(site, tmp_path / "second") == 0
    assert tree_hash(tmp_path / "second") == expected
    if damage not in ("folder", "link"):  # written again, and good this time
        with NoRender():
            assert build(site, tmp_path / "third") == 0
        assert tree_hash(tmp_path / "third") == expected


def test_a_cache_folder_that_is_not_a_folder_is_left_alone(site, tmp_path):
    (site / CACHE_DIR).write_text("mine")
    assert build(site, tmp_path / "out") == 0
    assert (site / CACHE_DIR).read_text() == "mine"


def test_every_input_is_part_of_the_key(site, tmp_path):
    """A change to content, config, theme, --base-url or okrsite's code is a full build whose
    output equals a build without cache."""
    assert build(site, tmp_path / "start") == 0
    changes = [
        lambda: (site / "content/pages/notes.md").write_text("---\ntitle: Notes, edited\n---\nNew.\n"),
        lambda: (site / "content/pages/more.md").write_text("---\ntitle: More\n---\n"),
        lambda: (site / "okrsite.yaml").write_text((site / "okrsite.yaml").read_text() + "base_url: https://a.example/\n"),
        lambda: (site / "themes/default/templates").mkdir(parents=True) or
        (site / "themes/default/templates/page.html").write_text("{{ page.title }} (our theme)\n"),
        lambda: (site / "content/pages/more.md").unlink(),
    ]
    for number, change in enumerate(changes):
        change()
        out = tmp_path / f"cached{number}"
        assert build(site, out) == 0
        assert tree_hash(out) == fresh(site, tmp_path / f"fresh{number}"), number
    assert "(our theme)" in (out / "notes" / "index.html").read_text()
    assert build(site, tmp_path / "preview", "--base-url", "https://b.example/pr-1/") == 0
    assert b"https://b.example/pr-1/" in (tmp_path / "preview" / "sitemap.xml").read_bytes()
    cache_module.code_version.cache_clear()
    saved = cache_module.code_version
    try:
        cache_module.code_version = lambda: "another okrsite"
        assert Cache(site).get("build", entries(site)[0].name[6:-6]) is None
    finally:
        cache_module.code_version = saved


def test_history_is_keyed_by_the_commit(tmp_path):
    """With history, a new commit is a new build; the cache folder is never committed."""
    repo = GitSite(tmp_path)
    repo.write({"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/feedback-form.md": MILESTONE})
    repo.commit("plan", "2026-05-01")
    assert build(repo.site, tmp_path / "one", history=True) == 0
    repo.edit("content/milestones/feedback-form.md", "sprints: [s7, s8]", "sprints: [s8]")
    repo.commit("later", "2026-05-02")
    assert "okrsite-cache" not in repo.git("ls-files")
    assert build(repo.site, tmp_path / "two", history=True) == 0
    assert build(repo.site, tmp_path / "fresh", "--no-cache", history=True) == 0
    assert tree_hash(tmp_path / "two") == tree_hash(tmp_path / "fresh") != tree_hash(tmp_path / "one")
    repo.commit("nothing changed in the content", "2026-05-03")  # HEAD moves: history is read again
    with pytest.raises(BaseException, match="rendered although"):
        with NoRender():
            build(repo.site, tmp_path / "three", history=True)


def test_check_from_the_cache_reports_the_same(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/milestones/lonely.md": WARNING_MILESTONE})
    runs = []
    for extra in (["--no-cache"], [], [], ["--format", "json"], ["--format", "json", "--no-cache"]):
        status = cli.main(["check", "--site", str(site), *extra])
        runs.append((status, capsys.readouterr().out))
    assert runs[0][0] == 1 and "no-such-thing" in runs[0][1]
    assert runs[0] == runs[1] == runs[2] and runs[3] == runs[4]
    assert [p.name.split("-")[0] for p in entries(site, "*")] == ["check", "documents", "links"]  # (_kept_for_check)
    (site / "content/milestones/lonely.md").write_text(WARNING_MILESTONE.replace("[[no-such-thing]]", "text"))
    assert cli.main(["check", "--site", str(site)]) == 0


def test_entries_round_trip_and_refuse_what_they_do_not_hold():
    from okrsite.diagnostics import Diagnostic, Location

    diagnostic = Diagnostic("unknown-ref", "no page <x>\u202e", Location("content/a.md", 3, 4, 5))
    entry = Entry([diagnostic], 7, ["a note"], {"a/index.html": b"\x00<b>", "b.svg": b""})
    back = decode("k" * 40, encode("k" * 40, entry))
    assert (back.diagnostics, back.files_read, back.notes, back.files) == ([diagnostic], 7, ["a note"], entry.files)
    data = encode("k" * 40, entry)
    for bad in (data[:-1], data + b"x", b"", data.replace(b"unknown-ref", b"unknown-ref!")):
        with pytest.raises(ValueError):
            decode("k" * 40, bad)
    with pytest.raises(ValueError):
        decode("j" * 40, data)


def test_only_the_newest_entries_are_kept(site, tmp_path):
    for number in range(cache_module.KEEP + 2):
        (site / "content/pages/notes.md").write_text(f"---\ntitle: Notes {number}\n---\n")
        assert build(site, tmp_path / f"out{number}") == 0
        assert cli.main(["check", "--site", str(site)]) == 0
    assert len(entries(site, "check")) == cache_module.KEEP
    assert len(entries(site)) == 1, "a build's entry holds its pages: one, the last build's, is all a next build uses"


def test_an_entry_of_an_earlier_okrsite_kind_is_deleted(site, tmp_path):
    """Before issue 15's last change a build wrote a second entry of its pages ("pages"): 160 MB
    at 10,000 entities that nothing reads any more, and CI restores the cache on every run."""
    assert build(site, tmp_path / "first") == 0
    old = site / CACHE_DIR / f"pages-{'0' * 40}.entry"
    old.write_bytes(b"an entry of an earlier okrsite")
    (site / "content/pages/notes.md").write_text("---\ntitle: Notes, edited\n---\n")
    assert build(site, tmp_path / "second") == 0
    assert not old.exists() and len(entries(site)) == 1


def counting_indexer(tmp_path: Path) -> tuple[Path, Path]:
    """The real Pagefind indexer behind a script that logs each start (OKRSITE_PAGEFIND)."""
    from okrsite.search.pagefind import executable

    log = tmp_path / "indexer-runs.log"
    script = tmp_path / "pagefind-counting"
    script.write_text(f"#!/bin/sh\necho run >> '{log}'\nexec '{executable()}' \"$@\"\n")
    script.chmod(0o755)
    return script, log


def test_an_edit_that_changes_no_search_record_reuses_the_search_index(site, tmp_path, monkeypatch):
    script, log = counting_indexer(tmp_path)
    monkeypatch.setenv("OKRSITE_PAGEFIND", str(script))

    def runs_of_indexer(out: Path) -> int:
        before = log.read_text().count("run") if log.exists() else 0
        assert build(site, out) == 0
        return log.read_text().count("run") - before

    assert runs_of_indexer(tmp_path / "first") == 1 and len(entries(site, "search")) == 1
    first_answer = answered_key(site)
    page = site / "content" / "pages" / "notes.md"
    page.write_text(page.read_text() + "\n")  # a trailing blank line: the same record text
    assert runs_of_indexer(tmp_path / "second") == 0, "the indexer ran although no record changed"
    assert answered_key(site) not in (None, first_answer), "the content changed, so the rest of the build ran again"
    assert tree_hash(tmp_path / "second") == fresh(site, tmp_path / "nocache")
    page.write_text(page.read_text().replace("See", "Read"))  # a changed word: a changed record
    assert runs_of_indexer(tmp_path / "third") == 1 and len(entries(site, "search")) == 2
    assert tree_hash(tmp_path / "third") == fresh(site, tmp_path / "nocache2")


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*"))}


def test_a_build_into_an_output_that_already_holds_it_writes_nothing(site, tmp_path, capsys):
    out = tmp_path / "public"
    assert cli.main(["build", "--site", str(site), "--out", str(out), "--no-history"]) == 0
    written = inodes(out)
    capsys.readouterr()
    with NoRender():
        assert cli.main(["build", "--site", str(site), "--out", str(out), "--no-history"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(unchanged: nothing to write)")
    assert inodes(out) == written, "the output was written again although it held this build"
    assert tree_hash(out) == fresh(site, tmp_path / "nocache")


@pytest.mark.parametrize("change", ["touched", "edited", "deleted", "added", "replaced", "folder-removed"])
def test_any_change_to_the_output_folder_means_it_is_written_again(site, tmp_path, change):
    out = tmp_path / "public"
    assert build(site, out) == 0
    expected = tree_hash(out)
    page = out / "index.html"
    if change == "touched":
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1))
    elif change == "edited":
        page.write_bytes(page.read_bytes().replace(b"<title>", b"<title>X"))
    elif change == "deleted":
        page.unlink()
    elif change == "added":
        (out / "extra.html").write_text("<p>not from okrsite</p>")
    elif change == "replaced":  # same bytes, another file: a deploy tool may do this
        data = page.read_bytes()
        page.unlink()
        page.write_bytes(data)
    else:
        import shutil

        shutil.rmtree(out)
    assert build(site, out) == 0
    assert tree_hash(out) == expected


def test_an_unchanged_build_still_reports_its_warnings(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/objectives/build-trust.md": OBJECTIVE,  # a 2026-Q2 objective
                                         "content/milestones/early.md": MILESTONE.replace("[s7, s8]", "[s1]")})
    out = tmp_path / "public"
    assert cli.main(["build", "--site", str(site), "--out", str(out), "--no-history"]) == 0
    first = capsys.readouterr().err
    assert "warning" in first
    assert cli.main(["build", "--site", str(site), "--out", str(out), "--no-history"]) == 0
    assert capsys.readouterr().err == first
    assert cli.main(["build", "--site", str(site), "--out", str(out), "--no-history", "--strict"]) == 1


_HEAVY = ("jsonschema", "jinja2", "markdown_it", "okrsite.model", "okrsite.scaffold", "okrsite.importcsv",
          "pagefind_bin", "logging", "ctypes", "tempfile")


@pytest.mark.parametrize("command", [["check"], ["build", "--no-history", "--quiet"]])
def test_an_answer_from_the_cache_loads_no_validator_renderer_or_markdown(site, tmp_path, command):
    """What makes a warm run cheap on a small site: starting Python and hashing the inputs,
    not importing jsonschema, Jinja2 or markdown-it (half a second between them), nor the
    model, the other commands' code, the search indexer's package or what only writing needs."""
    out = ["--out", str(tmp_path / "public")] if command[0] == "build" else []
    run = [sys.executable, "-c", "import sys; from okrsite import cli; status = cli.main(sys.argv[1:]); "
           f"print(sorted(m for m in {_HEAVY!r} if m in sys.modules)); sys.exit(status)",
           *command, "--site", str(site), *out]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "'okrsite.model'" in first.stdout  # the first run links the site (and a build renders it)
    again = subprocess.run(run, capture_output=True, text=True, check=True)
    assert again.stdout.splitlines()[-1] == "[]"


def test_a_build_renders_only_the_pages_whose_view_changed(tmp_path):
    from okrsite.pipeline import build_files

    site = make_site(tmp_path / "site", {"content/objectives/build-trust.md": OBJECTIVE,
                                         "content/milestones/feedback-form.md": MILESTONE,
                                         "content/pages/notes.md": "---\ntitle: Notes\n---\nA page.\n"})
    checked, first = build_files(site, cache=True, history=False)
    pages = sum(1 for name in first if name.endswith(".html"))
    assert checked.rendered == pages and len(entries(site)) == 1
    note = site / "content/pages/notes.md"
    note.write_text(note.read_text().replace("A page.", "A page, edited."))
    checked, second = build_files(site, cache=True, history=False)
    assert 0 < checked.rendered < pages, "only the edited page (and pages listing it) are rendered again"
    assert second == build_files(site, cache=False, history=False)[1]
    changed = {name for name in first if first[name] != second.get(name) and name.endswith(".html")}
    assert "notes/index.html" in changed and checked.rendered >= len(changed)


def test_pages_of_another_theme_are_not_used(site, tmp_path):
    from okrsite.pipeline import build_files

    checked, files = build_files(site, cache=True, history=False)
    pages = sum(1 for name in files if name.endswith(".html"))
    (site / "themes/default/templates").mkdir(parents=True)
    (site / "themes/default/templates/page.html").write_text("{{ page.title }} (our theme)\n")
    checked, files = build_files(site, cache=True, history=False)
    assert checked.rendered == pages and len(entries(site)) == 1
    assert files == build_files(site, cache=False, history=False)[1]


def test_a_rebuild_links_the_files_that_did_not_change_and_writes_the_others(site, tmp_path):
    out = tmp_path / "public"
    assert build(site, out) == 0
    before = inodes(out)
    note = site / "content/pages/notes.md"
    note.write_text(note.read_text().replace("See", "Now see"))
    assert build(site, out) == 0
    after = inodes(out)
    assert tree_hash(out) == fresh(site, tmp_path / "nocache")
    kept = {name for name in after if name in before and after[name] == before[name] and (out / name).is_file()}
    assert "notes/index.html" not in kept, "a changed file is written, never linked"
    assert "assets/okrsite.css" in kept, "an unchanged file is the same file, linked into the new output"
    spare = inodes(tmp_path / ".public.spare")  # the site before, kept to be made into the next one
    assert spare["notes/index.html"] == before["notes/index.html"]
    for name in after:
        if (out / name).is_file():  # a file's data is shared with the spare's same file, or not at all
            assert (out / name).stat().st_nlink == (2 if spare.get(name) == after[name] else 1), name


def test_an_output_changed_since_the_last_build_is_written_in_full(site, tmp_path):
    out = tmp_path / "public"
    assert build(site, out) == 0
    before = inodes(out)
    (out / "assets" / "okrsite.css").write_text("body { color: red }")  # edited by hand after the build
    note = site / "content/pages/notes.md"
    note.write_text(note.read_text().replace("See", "Now see"))
    assert build(site, out) == 0
    assert tree_hash(out) == fresh(site, tmp_path / "nocache")
    assert not any(inodes(out).get(name) == number for name, number in before.items() if (out / name).is_file())


def test_settings_read_through_a_link_inside_the_site_are_part_of_the_key(site, tmp_path):
    """okrsite.yaml may be a link to a file inside the site (load_config reads through it): the
    key hashes what is read, not where the link points."""
    (site / "settings").mkdir()
    (site / "okrsite.yaml").rename(site / "settings" / "site.yaml")
    (site / "okrsite.yaml").symlink_to("settings/site.yaml")
    assert build(site, tmp_path / "one") == 0
    settings = site / "settings" / "site.yaml"
    settings.write_text(settings.read_text().replace("title:", "title: Linked", 1))
    assert build(site, tmp_path / "two") == 0
    assert tree_hash(tmp_path / "two") == fresh(site, tmp_path / "nocache")
    assert tree_hash(tmp_path / "two") != tree_hash(tmp_path / "one")


def test_a_build_draws_again_only_the_diagrams_an_edit_is_in(tmp_path, monkeypatch):
    """Diagram drawings are kept with the pages, by the digest of what they are drawn from:
    an edit to a 2026-Q3 milestone lays out the diagrams that show it, not the 2026-Q2 ones."""
    from okrsite import roadmap_view
    from okrsite.pipeline import build_files

    later = OBJECTIVE.replace("2026-Q2", "2026-Q3")
    site = make_site(tmp_path / "site", {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/objectives/keep-trust.md": later,
        "content/milestones/feedback-form.md": MILESTONE,
        "content/milestones/follow-up.md": MILESTONE.replace("build-trust/", "keep-trust/").replace("[s7, s8]", "[s15]"),
    })
    laid_out = []

    def layout(diagram):
        laid_out.append(diagram.title)
        return real_layout(diagram)

    real_layout = roadmap_view.layout
    monkeypatch.setattr(roadmap_view, "layout", layout)

    def build_afresh():  # as a new process would: nothing drawn in memory
        for cached in (roadmap_view._layout, roadmap_view._parts, roadmap_view._svg):
            cached.cache_clear()
        laid_out.clear()
        return build_files(site, cache=True, history=False)[1]

    build_afresh()
    everything = set(laid_out)
    assert {"Roadmap 2026-Q2", "Roadmap 2026-Q3"} <= everything
    edited = site / "content/milestones/follow-up.md"
    edited.write_text(edited.read_text().replace("Email-based", "Phone-based"))
    files = build_afresh()
    assert laid_out and "Roadmap 2026-Q3" in laid_out and "Roadmap 2026-Q2" not in laid_out
    assert set(laid_out) < everything
    for cached in (roadmap_view._layout, roadmap_view._parts, roadmap_view._svg):
        cached.cache_clear()
    assert files == build_files(site, cache=False, history=False)[1]


def test_a_body_linking_an_edited_entity_shows_its_new_title(tmp_path):
    """A page body kept from the last build (markdown.render_kept) is rendered again when an
    entity it links to changes its title, though the body's own text did not change."""
    from okrsite.pipeline import build_files

    site = make_site(tmp_path / "site", {"content/objectives/build-trust.md": OBJECTIVE,
                                         "content/milestones/feedback-form.md": MILESTONE,
                                         "content/pages/notes.md": "---\ntitle: Notes\n---\nSee [[feedback-form]].\n"})
    build_files(site, cache=True, history=False)
    edited = site / "content/milestones/feedback-form.md"
    edited.write_text(edited.read_text().replace("Email-based", "Phone-based"))
    checked, files = build_files(site, cache=True, history=False)
    assert checked.rendered > 0 and b"Phone-based match feedback form</a>" in files["notes/index.html"]
    assert files == build_files(site, cache=False, history=False)[1]


def test_a_cached_check_after_an_edit_reads_the_links_of_the_edited_body_only(tmp_path, monkeypatch):
    from okrsite import markdown
    from okrsite.pipeline import cached_check, check

    site = make_site(tmp_path / "site", {"content/objectives/build-trust.md": OBJECTIVE,
                                         "content/milestones/feedback-form.md": MILESTONE,
                                         "content/pages/notes.md": "---\ntitle: Notes\n---\nSee [[feedback-form]].\n",
                                         "content/pages/more.md": "---\ntitle: More\n---\nAnd [[build-trust]].\n"})
    read = []
    real = markdown._extract_links_cached.__wrapped__

    def counted(text, from_path):
        read.append(from_path)
        return real(text, from_path)

    monkeypatch.setattr(markdown, "_extract_links_cached", counted)
    first = cached_check(site)
    assert {"content/pages/notes.md", "content/pages/more.md"} <= set(read)
    read.clear()
    note = site / "content/pages/notes.md"
    note.write_text(note.read_text().replace("See [[feedback-form]].", "See [[feedback-form]] and [[nowhere]]."))
    second = cached_check(site)
    assert read == ["content/pages/notes.md"]
    assert second.diagnostics == check(site).diagnostics != first.diagnostics


@pytest.mark.parametrize("kept", [b"", b"{}", b"[[1, 2, 3, 4, 5]]", b'[["wiki", "a", 1, 1]]', b'[["web", "a", 1, 1, 1]]',
                                  b'[["wiki", "a", 0, 1, 1]]', b'[[["wiki"], "a", 1, 1, 1]]', b"\xff"])
def test_kept_links_are_used_only_when_well_formed(kept):
    from okrsite import markdown

    assert markdown._decoded_links(kept) is None
    assert markdown._decoded_links(b'[["wiki", "a", 1, 2, 5]]') == [markdown.LinkRef("wiki", "a", 1, 2, 5)]


def test_a_digest_is_taken_as_known_only_for_the_very_bytes_read_from_the_cache():
    """Verified spares hashing a file again that the build took from the cache as it was; equal
    bytes made anew, or other bytes, are hashed."""
    from okrsite.cache import Verified, file_digest

    entry = Entry([], 1, [], {"a.html": b"<p>one</p>", "b.html": b"<p>two</p>"})
    verified = Verified()
    files = decode("k" * 40, encode("k" * 40, entry), verified).files
    assert files == entry.files
    assert verified.digest(files["a.html"]) == file_digest(b"<p>one</p>")
    verified.add(files["b.html"], "a digest that is not its own")
    assert verified.digest(files["b.html"]) == "a digest that is not its own"  # by identity ...
    assert verified.digest(bytes(bytearray(b"<p>two</p>"))) == file_digest(b"<p>two</p>")  # ... never by value


@pytest.mark.parametrize("where", ["head", "file"])
def test_an_entry_with_a_changed_byte_anywhere_is_refused(where):
    data = bytearray(encode("k" * 40, Entry([], 1, [], {"a.html": b"<p>one</p>" * 50, "b.html": b"<p>two</p>"})))
    at = data.index(b"<p>one</p>") + 3 if where == "file" else len(cache_module.MAGIC) + 10
    data[at] ^= 1
    with pytest.raises(ValueError):
        decode("k" * 40, bytes(data))


def packs(site: Path, kind: str = "build") -> dict[str, int]:
    """The cache's pack files of one kind, by name, with their sizes."""
    return {path.name: path.stat().st_size for path in (site / CACHE_DIR).glob(f"pack-{kind}-*.pack")}


def test_an_edit_writes_only_the_files_it_changed_into_a_new_pack(site, tmp_path):
    """The build entry's files stay in the pack they were written to: a one-file edit adds a
    pack of what changed (a 10,000-entity site rewrote its 180 MB entry on every edit)."""
    assert build(site, tmp_path / "first") == 0
    first, = packs(site)
    note = site / "content/pages/notes.md"
    note.write_text(note.read_text().replace("See", "Now see"))
    assert build(site, tmp_path / "second") == 0
    after = packs(site)
    assert first in after and len(after) == 2, "the unchanged files are still read from the first pack"
    new, = set(after) - {first}
    assert after[new] < after[first] / 2
    assert tree_hash(tmp_path / "second") == fresh(site, tmp_path / "nocache")
    with NoRender():  # and the two packs answer the same inputs again
        assert build(site, tmp_path / "third") == 0
    assert tree_hash(tmp_path / "third") == tree_hash(tmp_path / "nocache")


def test_packs_no_entry_names_are_deleted_and_their_number_stays_bounded(site, tmp_path):
    note = site / "content/pages/notes.md"
    for number in range(12):
        note.write_text(f"---\ntitle: Notes\n---\nSee [[build-trust]], edit {number}.\n")
        assert build(site, tmp_path / "out") == 0
        assert 1 <= len(packs(site)) <= cache_module.MAX_PACKS
        named = set(cache_module._packs_named(entries(site)[0]))
        assert {name[len("pack-build-"):-len(".pack")] for name in packs(site)} == named
        live = sum(size for name, size in packs(site).items())
        assert live < 3 * sum((tmp_path / "out" / n).stat().st_size for n in tree_hash(tmp_path / "out")) + 10**6
    assert tree_hash(tmp_path / "out") == fresh(site, tmp_path / "nocache")
    for kind in ("documents", "links"):  # a check's kept parses and links are packed the same way
        assert 1 <= len(packs(site, kind)) <= cache_module.MAX_PACKS


@pytest.mark.parametrize("damage", ["flip", "truncate", "missing", "link", "grown"])
def test_a_damaged_or_missing_pack_means_the_entry_is_not_used(site, tmp_path, damage):
    expected = fresh(site, tmp_path / "nocache")
    assert build(site, tmp_path / "first") == 0
    pack = site / CACHE_DIR / next(iter(packs(site)))
    data = pack.read_bytes()
    if damage == "flip":
        pack.write_bytes(data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 1]) + data[len(data) // 2 + 1:])
    elif damage == "truncate":
        pack.write_bytes(data[:-1])
    elif damage == "missing":
        pack.unlink()
    elif damage == "link":
        pack.unlink()
        pack.symlink_to(tmp_path / "elsewhere.pack")
        (tmp_path / "elsewhere.pack").write_bytes(data)
    elif damage == "grown":  # bytes after the files an entry names change nothing
        pack.write_bytes(data + b"more")
    entry, = entries(site)
    found = Cache(site).get("build", entry.name[len("build-"):-len(".entry")])
    assert (found is not None) == (damage == "grown")
    assert build(site, tmp_path / "second") == 0
    assert tree_hash(tmp_path / "second") == expected


def test_an_entry_names_only_packs_of_its_own_kind_by_a_plain_name():
    """The head is not trusted either: a pack name that could lead out of the cache folder is
    refused before anything is opened."""
    opened = []

    def read_pack(name):
        opened.append(name)
        return b"<p>one</p>"

    good = Entry([], 1, [], {"a.html": b"<p>one</p>"})
    for name in ("../../etc/passwd", "0" * 31, "0" * 32 + "/x", "A" * 32, "0" * 33):
        out = io.BytesIO()
        cache_module.write_entry(out, "k" * 40, good, packed=([name], {"a.html": (0, 0)}))
        with pytest.raises(ValueError):
            decode("k" * 40, out.getvalue(), read_pack=read_pack)
    assert opened == []
    out = io.BytesIO()
    cache_module.write_entry(out, "k" * 40, good, packed=(["0" * 32], {"a.html": (0, 0)}))
    assert decode("k" * 40, out.getvalue(), read_pack=read_pack).files == good.files
    assert opened == ["0" * 32]
    with pytest.raises(ValueError):  # an entry in packs cannot be read without them
        decode("k" * 40, out.getvalue())


def test_an_output_entry_keeps_folder_states_exactly_and_refuses_malformed_ones():
    """Folder states are stored as columns (a name per row, five numbers per row) and read back
    as the rows write.tree_state makes; anything else in their place makes the entry unusable."""
    tree = [[".", 16877, 5, 10, 11, 0], ["a/index.html", 33188, 6, 12, 13, 40]]
    output = {"build": "b" * 40, "pages": 1, "files": 1, "tree": tree, "digests": {"a/index.html": "d" * 32},
              "spare": [tree[:1], {}]}
    data = encode("k" * 40, Entry([], 1, output=output))
    assert decode("k" * 40, data).output == output
    assert b'"names":[".","a/index.html"]' in data
    stored = cache_module._output_stored(output)
    assert cache_module._output_read(stored) == output
    numbers = stored["tree"]["numbers"]
    for tree_columns in ({"names": [".", 7], "numbers": numbers}, {"names": [".", "a"], "numbers": numbers[:-1]},
                         {"names": [".", "a"], "numbers": numbers[:-1] + ["40"]}, {"names": [".", "a"]},
                         [[".", 1, 2, 3, 4, 0]], None):
        with pytest.raises(ValueError):
            cache_module._output_read({**stored, "tree": tree_columns})
        with pytest.raises(ValueError):
            cache_module._output_read({**stored, "spare": [tree_columns, {}]})
    with pytest.raises(ValueError):
        cache_module._output_read({**stored, "digests": {"a/index.html": 1}})


def test_a_head_that_is_not_an_object_is_refused_even_with_its_checksum():
    import hashlib

    head = b"[1]"
    start = cache_module.MAGIC + b"%d\n" % len(head) + head
    data = start + hashlib.blake2b(start, digest_size=cache_module._DIGEST).digest()
    with pytest.raises(ValueError):
        decode("k" * 40, data)
