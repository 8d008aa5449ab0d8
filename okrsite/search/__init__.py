"""Full-text search over the site: records from the model (records.py), indexed by Pagefind
(pagefind.py) into a static bundle under `pagefind/` that the theme's script queries."""

from __future__ import annotations

from okrsite import urls
from okrsite.model import Site
from okrsite.search.pagefind import SearchUnavailable
from okrsite.search.records import FILTERS, records

__all__ = ["FILTERS", "SearchUnavailable", "bundle", "records"]


def bundle(site: Site, store=None, made: list | None = None) -> dict[str, bytes]:
    """Every file of the search bundle, by site path; raises SearchUnavailable. `store`: the
    build cache, which keeps bundles by the records they index; `made`: records(site)."""
    from okrsite.search.pagefind import bundle as pagefind_bundle

    return pagefind_bundle(made if made is not None else records(site), site.config.language or "en",
                           urls.SEARCH, store)
