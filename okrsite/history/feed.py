"""/changes.xml: the roadmap's changes as an Atom 1.0 feed (RFC 4287), one entry per commit.

Ids are `urn:uuid:` names derived from the commit, so an entry keeps its id in every build and
feed readers never show it twice. Times are the commits' own, so the feed is the same bytes for
the same commit, whenever it is built.

Links: with `base_url` every link is absolute. Without it they are relative to the feed's own
address (the site's root), which RFC 4287 allows (xml:base defaults to the document's URI): a
feed reader that fetched https://host/roadmap/changes.xml resolves them correctly; the feed has
no `rel="self"` link then, as its address is unknown.
"""

from __future__ import annotations

import re
import uuid

from okrsite import __version__, urls
from okrsite.bidi import isolate
from okrsite.history import report, views
from okrsite.xmltext import escape, quoteattr

ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot hold at all; YAML's "\e" and the like can put them in a title.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value))


def attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", value))


def _href(site, path: str) -> str:
    base = site.config.base_url
    page, _, fragment = path.partition("#")
    if base:
        return urls.absolute(base, page) + (f"#{fragment}" if fragment else "")
    return path


def feed_id(site) -> uuid.UUID:
    """Stable for a site: from its published address, else from its first content commit."""
    base = site.config.base_url
    name = urls.absolute(base, urls.CHANGES_FEED) if base else f"okrsite:{site.history.history.first}:changes"
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def atom(site) -> str:
    history = site.history
    config = site.config
    root = feed_id(site)
    commits = sorted(history.history.commits, key=lambda c: c.newest_first, reverse=True)[:views.FEED_ENTRIES]
    by_commit: dict[str, list] = {}
    for event in history.history.events:
        by_commit.setdefault(event.commit.sha, []).append(event.change)
    updated = commits[0].time if commits else "1970-01-01T00:00:00+00:00"
    title = f"{config.title}: changes"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={attr(config.language)}>',
        f"  <id>urn:uuid:{root}</id>",
        f"  <title>{text(title)}</title>",
        f"  <subtitle>{text('What changed on the roadmap, commit by commit.')}</subtitle>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="alternate" type="text/html" href={attr(_href(site, urls.changes(1)))}/>',
    ]
    if config.base_url:
        lines.append(f'  <link rel="self" type="application/atom+xml" href={attr(_href(site, urls.CHANGES_FEED))}/>')
    lines += [
        f"  <author><name>{text(config.title)}</name></author>",
        f'  <generator version="{__version__}">okrsite</generator>',
    ]
    for commit in commits:
        changes = by_commit.get(commit.sha, [])
        items = []
        for change in changes[:views.ROWS_PER_WEEK]:
            entity = site.entity(change.entity)
            label = views.KIND_LABELS[change.kind]
            name = escape(isolate(change.title))
            if entity is not None and change.change != "removed":
                name = f'<a href={attr(_href(site, urls.of(entity)))}>{name}</a>'
            items.append(f"<li>{label} {name} (<code>{escape(change.entity)}</code>): "
                         f"{escape(report.sentence(change, isolate))}</li>")
        more = len(changes) - len(items)
        body = "<ul>" + "".join(items) + "</ul>" + (f"<p>and {more:,} more changes</p>" if more > 0 else "")
        lines += [
            "  <entry>",
            f"    <id>urn:uuid:{uuid.uuid5(root, commit.sha)}</id>",
            f"    <title>{text(report.summary(changes))}</title>",
            f"    <updated>{commit.time}</updated>",
            f'    <link rel="alternate" type="text/html" href={attr(_href(site, views.commit_href(site, commit.sha)))}/>',
            f'    <content type="html">{text(body)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
