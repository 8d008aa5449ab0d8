"""XML text and attribute values, escaped exactly as xml.sax.saxutils's `escape` and `quoteattr`
do, without importing that module: it imports urllib.request, and with it http.client, ssl and
email, 11 ms at the start of every build (the sitemap and the changes feed use these)."""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities."""
    return html.escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: escaped, line breaks and tabs as character
    references, in double quotes unless it holds `"` and no `'`."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
