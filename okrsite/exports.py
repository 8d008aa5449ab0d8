"""Exports: roadmap.json (a documented API), roadmap.ics (RFC 5545), CSV and sitemap.xml.

Each is a pure function of the Site, so `build` and `okrsite export` produce the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from urllib.parse import quote, urlsplit

from okrsite import __version__, planning_view, urls
from okrsite.model import Site
from okrsite.xmltext import escape as xml_escape

EXPORT_SCHEMA = "roadmap-export.json"


def _pretty(path: str) -> str:
    return path[: -len("index.html")] if path.endswith("index.html") else path


def _url(site: Site, entity_or_path) -> dict:
    path = entity_or_path if isinstance(entity_or_path, str) else urls.of(entity_or_path)
    page, _, fragment = path.partition("#")
    pretty = _pretty(page) + (f"#{fragment}" if fragment else "")
    result = {"url": pretty}
    if site.config.base_url:
        result["absolute_url"] = urls.absolute(site.config.base_url, page) + (f"#{fragment}" if fragment else "")
    return result


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def roadmap_model(site: Site) -> dict:
    """The whole resolved model: ids, links, computed progress, URLs. See roadmap-export.json."""
    config = site.config
    objectives = []
    for o in sorted(site.objectives.values(), key=lambda o: o.id):
        objectives.append({
            "id": o.id, "title": o.title, "quarter": o.quarter, "team": o.team_id, "owner": o.owner or None,
            "status": o.status, "progress": round(o.progress, 4), **_url(site, o), "source": o.path,
            "key_results": [{
                "id": kr.id, "title": kr.title, "metric": kr.metric or None, "start": kr.start,
                "target": kr.target, "current": kr.current, "unit": kr.unit or None,
                "confidence": kr.confidence, "progress": round(kr.progress, 4),
                "progress_basis": "numeric" if kr.is_numeric else "milestones",
                "checkins": [{"date": c.date.isoformat(), "value": c.value, "confidence": c.confidence,
                              "note": c.note or None} for c in kr.checkins],
                "milestones": list(kr.milestone_ids), "hypotheses": list(kr.hypothesis_ids), **_url(site, kr),
                **_planning_kr(site, kr),
            } for kr in o.key_results],
            "hypotheses": [{
                "id": h.id, "statement": h.statement, "status": h.status,
                "key_results": list(h.key_result_ids), "milestones": list(h.milestone_ids), **_url(site, h),
            } for h in o.hypotheses],
            "milestones": list(o.milestone_ids),
            "mentioned_in": list(o.mentioned_in),
            **_planning_objective(site, o),
        })
    milestones = []
    for m in sorted(site.milestones.values(), key=lambda m: m.id):
        milestones.append({
            "id": m.id, "title": m.title, "type": m.type, "status": m.status, "team": m.team_id,
            "owner": m.owner or None, "key_results": list(m.key_result_ids), "objectives": list(m.objective_ids),
            "hypothesis": m.hypothesis_id, "sprints": list(m.sprint_ids) if m.sprint_ids else None,
            "start": _date(m.start), "end": _date(m.end), "depends_on": list(m.depends_on),
            "depended_on_by": list(m.depended_on_by), "votes": m.votes, "cluster": m.cluster or None,
            "completion": round(m.completion, 4), **_url(site, m), "source": m.path,
            "tasks": [{
                "id": t.id, "title": t.title, "status": t.status, "assignee": t.assignee or None,
                "sprint": t.sprint, "estimate": t.estimate, **_url(site, t), "source": t.path,
            } for t in m.tasks],
            "mentioned_in": list(m.mentioned_in),
        })
    planning = {"default_commitment": config.default_commitment,
                "grade_bands": list(config.grade_bands)} if site.planning else {}
    return {
        "format": "okrsite-roadmap",
        "version": 1,
        "generator": f"okrsite {__version__}",
        "site": {
            "title": config.title, "description": config.description or None,
            "base_url": config.base_url or None, "language": config.language, "today": config.today.isoformat(),
            "current_quarter": site.current_quarter.id,
            "fiscal_year_start": config.calendar.fiscal_year_start,
            **planning,
        },
        "quarters": [{"id": q.id, "start": q.start.isoformat(), "end": q.end.isoformat(),
                      **_url(site, urls.quarter(q.id)), "diagram": urls.quarter_svg(q.id)}
                     for q in site.quarters],
        "objectives": objectives,
        "milestones": milestones,
        "teams": [{"id": t.id, "name": t.name, "lead": t.lead or None, "members": list(t.members),
                   "objectives": list(t.objective_ids), "milestones": list(t.milestone_ids), **_url(site, t),
                   "source": t.path} for t in sorted(site.teams.values(), key=lambda t: t.id)],
        "pages": [{"id": p.id, "title": p.title, **_url(site, p), "source": p.path}
                  for p in sorted(site.pages.values(), key=lambda p: p.id)],
        "markers": [{"date": m.date.isoformat(), "label": m.label} for m in config.markers],
    }


def _planning_objective(site: Site, o) -> dict:
    """The planning model's fields of an objective (section 12), only for a site that uses it,
    so the export of a site written for part 1 stays byte for byte as it was."""
    if not site.planning:
        return {}
    period = o.period
    return {
        "period": {"id": period.id, "kind": period.kind, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "quarters": list(period.quarters)},
        "commitment": o.commitment,
        "parent": o.parent_id,
        "children": list(o.children),
        "grade": round(o.grade, 4) if o.grade is not None else None,
        "grade_band": planning_view.band(site, o.grade) if o.grade is not None else None,
    }


def _planning_kr(site: Site, kr) -> dict:
    if not site.planning:
        return {}
    return {"weight": kr.weight, "status": kr.status, "grade": kr.grade,
            "grade_band": planning_view.band(site, kr.grade) if kr.grade is not None else None}


def roadmap_json(site: Site) -> str:
    """Compact JSON: the C encoder only runs without indentation (10x faster on large sites);
    `python -m json.tool roadmap.json` pretty-prints it for reading."""
    return json.dumps(roadmap_model(site), ensure_ascii=False, separators=(",", ":")) + "\n"


# --- iCalendar -------------------------------------------------------------------------------

def _ics_text(text: str) -> str:
    text = "".join(ch for ch in text if ch == "\n" or ord(ch) >= 32 and ord(ch) != 127)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_uri(url: str) -> str:
    """A URI property value: no escaping in RFC 5545, so nothing that could end the line."""
    return quote("".join(ch for ch in url if ord(ch) > 32 and ord(ch) != 127), safe=":/?#[]@!$&'()*+,;=%~")


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with CRLF + space, never inside a character."""
    octets = len(line.encode("utf-8"))
    if octets <= 75:
        return line  # most lines
    if octets == len(line):  # ASCII: a character is an octet, so 75 of them, then 74 per continuation
        return "\r\n ".join([line[:75], *(line[start:start + 74] for start in range(75, len(line), 74))])
    return _fold_by_characters(line)


def _fold_by_characters(line: str) -> str:
    """_fold for any line: a character at a time, counting its octets."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


_ICS_STATUS = {"done": "CONFIRMED", "in-progress": "CONFIRMED", "planned": "TENTATIVE", "at-risk": "CONFIRMED",
               "blocked": "CONFIRMED", "dropped": "CANCELLED"}


def _uid_domain(site: Site) -> str:
    host = urlsplit(site.config.base_url).hostname if site.config.base_url else None
    return host or "okrsite.invalid"


def roadmap_ics(site: Site) -> str:
    """Scheduled milestones as all-day events (DTEND is exclusive, so the day after the last day)."""
    stamp = f"{site.config.today:%Y%m%d}T000000Z"
    domain = _uid_domain(site)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//okrsite//okrsite {__version__}//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(site.config.title)}",
    ]
    for m in sorted(site.milestones.values(), key=lambda m: (m.start or dt.date.max, m.id)):
        if not m.scheduled:
            continue
        description = [f"{m.type} · {m.status} · {round(m.completion * 100)}% done",
                       "Key results: " + ", ".join(m.key_result_ids)]
        if m.owner:
            description.append(f"Owner: {m.owner}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{m.id}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{m.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{m.end + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(m.title)}",
            f"DESCRIPTION:{_ics_text(chr(10).join(description))}",
            f"CATEGORIES:{_ics_text(m.type)}",
            f"STATUS:{_ICS_STATUS[m.status]}",
            "TRANSP:TRANSPARENT",
        ]
        if site.config.base_url:
            lines.append(f"URL:{_ics_uri(urls.absolute(site.config.base_url, urls.milestone(m.id)))}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# --- CSV and sitemap ---------------------------------------------------------------------------

CSV_COLUMNS = ("id", "title", "type", "status", "team", "owner", "start", "end", "sprints", "key_results",
               "hypothesis", "depends_on", "completion", "tasks", "tasks_done", "votes", "cluster", "url")


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # A leading =, +, - or @ (or a tab or carriage return, which some spreadsheets skip before
    # one) would run as a formula when the file is opened in a spreadsheet (OWASP CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def roadmap_csv(site: Site) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in sorted(site.milestones.values(), key=lambda m: m.id):
        row = {
            "id": m.id, "title": m.title, "type": m.type, "status": m.status, "team": m.team_id,
            "owner": m.owner, "start": _date(m.start), "end": _date(m.end),
            "sprints": "-".join(dict.fromkeys(m.sprint_ids)), "key_results": " ".join(m.key_result_ids),
            "hypothesis": m.hypothesis_id, "depends_on": " ".join(m.depends_on),
            "completion": f"{m.completion:.2f}", "tasks": len(m.tasks),
            "tasks_done": sum(1 for t in m.tasks if t.status == "done"), "votes": m.votes,
            "cluster": m.cluster, "url": _url(site, m).get("absolute_url") or _url(site, m)["url"],
        }
        writer.writerow([_csv_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def sitemap(site: Site, pages: list[str]) -> str:
    base = site.config.base_url
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(pages):
        loc = urls.absolute(base, page) if base else _pretty(page) or "./"
        lines.append(f"  <url><loc>{xml_escape(loc)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


EXPORTERS = {"json": roadmap_json, "ics": roadmap_ics, "csv": roadmap_csv}
