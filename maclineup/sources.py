"""Source cells: their addresses, and which sites may never stand alone as a row's source.

A source cell holds one or more URLs separated by "; ". Weak sites (content farms, machine-written
pages, copies of Wikipedia that add nothing, forums, user wikis) may corroborate a value but never be
its only source; data/README.md lists the kinds of source allowed.
"""

from __future__ import annotations

from urllib.parse import urlparse

SEPARATOR = "; "

WEAK_SOURCE_DOMAINS: dict[str, str] = {
    # domain -> why it is weak
    "siliconfeatures.com": "machine-written text with errors",
    "wikisum.wiki": "machine-written summaries",
    "alchetron.com": "Wikipedia copy with machine edits",
    "academia-lab.com": "Wikipedia copy",
    "liquisearch.com": "Wikipedia copy",
    "fact-index.com": "Wikipedia copy",
    "absoluteastronomy.com": "Wikipedia copy",
    "de.zxc.wiki": "machine-translated Wikipedia copy",
    "populartimelines.com": "content farm",
    "biztodayz.com": "content farm",
    "websawa.com": "content farm",
    "easyfinder.store": "content farm",
    "ullushop.com": "content farm",
    "knowledge-guru.com": "content farm",
    "noteskey.com": "content farm",
    "everything2.com": "user-written wiki",
    "fandom.com": "user-written wiki",
    "wikia.com": "user-written wiki",
    "mac-forums.com": "forum",
    "forums.macrumors.com": "forum",
    "reddit.com": "forum",
    "quora.com": "forum",
    "daniweb.com": "forum",
}


def source_urls(cell: object) -> list[str]:
    """The addresses in a source cell, in order (none for an empty cell)."""
    if not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


def domain(url: str) -> str:
    """The host of ``url`` without a leading "www."."""
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def weak_reason(url: str) -> str | None:
    """Why ``url`` is on the list of weak sources (matching the domain or a parent domain), or None."""
    host = domain(url)
    for weak, why in WEAK_SOURCE_DOMAINS.items():
        if host == weak or host.endswith("." + weak):
            return why
    return None


def only_weak(cell: object) -> bool:
    """Whether every address of a non-empty source cell is a weak source."""
    urls = source_urls(cell)
    return bool(urls) and all(weak_reason(u) for u in urls)
