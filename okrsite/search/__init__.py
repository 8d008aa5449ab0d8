"""Full-text search over the site: records from the model (records.py), indexed by Pagefind
(pagefind.py) into a static bundle under `pagefind/` that the theme's script queries.

The package itself stays light (records.py, which reads Markdown and the views' labels, is
imported on first use): the build cache asks it which indexer would run (cache.indexer) on
every build, including the ones answered without rendering anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrsite import urls
from okrsite.search.pagefind import SearchUnavailable

if TYPE_CHECKING:
    from okrsite.model import Site
    from okrsite.search.records import Record

__all__ = ["SearchUnavailable", "bundle", "site_records"]


def site_records(site: Site) -> list[Record]:
    """Every searchable thing of the site (records.records)."""
    from okrsite.search.records import records

    return records(site)


def bundle(site: Site, store=None, records: list[Record] | None = None) -> dict[str, bytes]:
    """Every file of the search bundle, by site path; raises SearchUnavailable. `store`: the
    build cache, which keeps bundles by the records they index; `records`: site_records(site),
    when already made."""
    from okrsite.search.pagefind import bundle as pagefind_bundle

    return pagefind_bundle(records if records is not None else site_records(site), site.config.language or "en",
                           urls.SEARCH, store)
