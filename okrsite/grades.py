"""`okrsite close`: grade a period's key results by writing `grade:` lines into their files.

Authors own these files, so an edit inserts text and changes nothing else: every other byte
(comments, quoting, key order, flow-style lists, CRLF line ends, a BOM) stays as it was. The
YAML is composed with the pure-Python reader, whose marks are character offsets into the very
text of the file; each `grade:` goes right after its key result's `id` line, indented like
that `id` key (or, in a flow mapping `{id: kr1, ...}`, right after the id value). Every edited
file is parsed again and must hold the same data plus exactly the new grades.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_BREAK = re.compile(r"\r\n|\r|\n")


def grade_for(progress: float) -> float:
    """A KR's progress rounded to 0.1, halves up (0.65 -> 0.7)."""
    return math.floor(progress * 10 + 0.5 + 1e-9) / 10


def grade_text(grade: float) -> str:
    return f"{grade:.1f}"


@dataclass
class Insertion:
    kr_id: str          # "build-trust/kr1"
    grade: float
    progress: float
    line: int = 0       # line of the written `grade:` in the new file (from 1)


@dataclass
class FileEdit:
    path: str                     # site-relative
    before: bytes
    after: bytes = b""
    insertions: list[Insertion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # KRs that could not be placed, and why


class CloseError(Exception):
    """The file cannot be edited safely (its YAML is not what the check read)."""


def _yaml_region(text: str, is_markdown: bool) -> tuple[int, int]:
    """(start, end) of the YAML in `text`: the front matter of a Markdown file, else all of it."""
    if not is_markdown:
        return 0, len(text)
    lines = [m for m in _LINE.finditer(text) if m.group()]
    if not lines or lines[0].group().rstrip() != "---":
        raise CloseError("no front matter")
    for match in lines[1:]:
        if match.group().rstrip() in ("---", "..."):
            return lines[0].end(), match.start()
    raise CloseError("the front matter is not closed")


def _key(mapping: yaml.MappingNode, name: str):
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name and key.tag != "tag:yaml.org,2002:merge":
            return key, value
    return None, None


def insert_grades(raw: bytes, grades: dict[str, str], is_markdown: bool) -> tuple[bytes, dict[str, int], dict[str, str]]:
    """`raw` with `grade: G` inserted for each local KR id in `grades` (id -> "0.6").

    Returns the new bytes, the line of each inserted `grade:` (by local id) and, by local id,
    why a KR could not be placed. Raises CloseError when the file is not as the check read it.
    """
    bom = raw.startswith(BOM)
    text = raw[len(BOM):].decode("utf-8") if bom else raw.decode("utf-8")
    start, end = _yaml_region(text, is_markdown)
    try:
        root = yaml.compose(text[start:end], Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise CloseError(f"its YAML does not parse: {err}") from None
    if not isinstance(root, yaml.MappingNode):
        raise CloseError("it is not a mapping of fields")
    _, krs = _key(root, "key_results")
    if not isinstance(krs, yaml.SequenceNode):
        raise CloseError("it has no list of key_results")
    edits: list[tuple[int, str, str]] = []   # (offset in text, inserted text, local id)
    skipped: dict[str, str] = {}
    seen: set[int] = set()
    for item in krs.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        id_key, id_value = _key(item, "id")
        if id_key is None or not isinstance(id_value, yaml.ScalarNode) or id_value.value not in grades:
            continue
        local = id_value.value
        if id(item) in seen or not krs.start_mark.index <= id_key.start_mark.index <= krs.end_mark.index:
            skipped[local] = "its key result is written through a YAML alias; add grade: by hand"
            continue
        seen.add(id(item))
        value = f"grade: {grades[local]}"
        if item.flow_style:  # {id: kr1, title: ...}: no line to add, so right after the id value
            edits.append((start + id_value.end_mark.index, f", {value}", local))
            continue
        position = start + id_value.end_mark.index
        if id_value.style in ("|", ">") or (position > 0 and text[position - 1] in "\r\n"):
            newline = _BREAK.search(text, max(0, position - 2)).group() if position else "\n"
            edits.append((position, " " * id_key.start_mark.column + value + newline, local))
            continue
        line_end = _BREAK.search(text, position)
        if line_end is None:  # the id line is the file's last line and has no line end
            first = _BREAK.search(text)
            edits.append((len(text), (first.group() if first else "\n") + " " * id_key.start_mark.column + value, local))
        else:
            edits.append((line_end.end(), " " * id_key.start_mark.column + value + line_end.group(), local))
    new_text = text
    for offset, inserted, _ in sorted(edits, reverse=True):
        new_text = new_text[:offset] + inserted + new_text[offset:]
    lines: dict[str, int] = {}
    shift = 0
    for offset, inserted, local in sorted(edits):
        at = offset + shift + (inserted.index("grade") if "grade" in inserted else 0)
        lines[local] = len(_BREAK.findall(new_text[:at])) + 1
        shift += len(inserted)
    _verify(text[start:end], new_text[start:end + sum(len(i) for _, i, _ in edits)],
            {local: float(grades[local]) for _, _, local in edits})
    data = new_text.encode("utf-8")
    return (BOM + data if bom else data), lines, skipped


def _verify(before: str, after: str, added: dict[str, float]) -> None:
    """The edited YAML must read as the old data plus exactly the added grades."""
    try:
        old, new = yaml.safe_load(before), yaml.safe_load(after)
    except yaml.YAMLError as err:
        raise CloseError(f"the edited YAML would not parse ({err}); nothing was written") from None
    for kr in old.get("key_results", []):
        if isinstance(kr, dict) and kr.get("id") in added:
            kr["grade"] = added[kr["id"]]
    if old != new:
        raise CloseError("the edit would change more than the grades; nothing was written")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` at once: a sibling temporary file renamed over it."""
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def plan_close(site, period_id: str) -> tuple[list[FileEdit], list[str]]:
    """The edits that grade every ungraded, not dropped KR of the objectives set for `period_id`,
    and the KRs left out (dropped). Nothing is written."""
    by_file: dict[str, FileEdit] = {}
    left_out: list[str] = []
    for objective in sorted(site.objectives.values(), key=lambda o: (o.path, o.id)):
        if objective.quarter != period_id:
            continue
        for kr in objective.key_results:
            if kr.grade is not None:
                continue
            if kr.dropped or objective.status == "dropped":
                left_out.append(kr.id)
                continue
            edit = by_file.setdefault(objective.path, FileEdit(objective.path, b""))
            edit.insertions.append(Insertion(kr.id, grade_for(kr.progress), kr.progress))
    site_dir = site.config.site_dir
    for edit in by_file.values():
        edit.before = (site_dir / edit.path).read_bytes()
        grades = {i.kr_id.split("/", 1)[1]: grade_text(i.grade) for i in edit.insertions}
        try:
            edit.after, lines, skipped = insert_grades(edit.before, grades, edit.path.endswith(".md"))
        except CloseError as err:
            edit.problems.append(f"{edit.path}: cannot add grades: {err}")
            edit.after = edit.before
            edit.insertions = []
            continue
        for insertion in list(edit.insertions):
            local = insertion.kr_id.split("/", 1)[1]
            if local in skipped:
                edit.problems.append(f"{edit.path}: {insertion.kr_id}: {skipped[local]}")
                edit.insertions.remove(insertion)
            else:
                insertion.line = lines[local]
    return sorted(by_file.values(), key=lambda e: e.path), left_out
