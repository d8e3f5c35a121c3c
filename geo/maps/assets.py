"""Local copies of the map's scripts and stylesheets, so that its pages open offline.

The event map's page loads Leaflet and Leaflet.markercluster only (:data:`geo.maps.folium_map.MAP_JS`).
:func:`inline_assets` swaps each CDN ``<script src>`` / ``<link rel="stylesheet">`` for the
file's contents when that file is present locally, at the pinned version. The files come from
npm packages installed under ``<cache>/npm/node_modules`` (override with the environment
variable ``CONFLICTMAP_NODE_MODULES``), installed by::

    npm install --prefix .cache/npm leaflet@1.9.3 leaflet.markercluster@1.1.0 \\
        jquery@3.7.1 bootstrap@5.2.2 @fortawesome/fontawesome-free@6.2.0 leaflet-textpath@1.2.3

(the event map needs only the first two; the others are folium's defaults and the arrow plugin
:class:`folium.plugins.PolyLineTextPath`, for other maps). The versions are the ones folium
0.20 references (:data:`ASSETS` maps each URL to its package file; any other
``cdn.jsdelivr.net/npm/<package>@<version>/<file>`` URL is looked up the same way). Images and
fonts that a stylesheet points to are inlined as ``data:`` URIs. folium's defaults that are not
on npm at its versions (Leaflet.awesome-markers 2.0.2, the Bootstrap 3 glyphicons stylesheet,
``leaflet.awesome.rotate.min.css``) are dropped from a page that does not use them
(:data:`UNUSED_UNLESS`); any remote tag left is logged as a warning.

:func:`local_links` gives the same copies as ``data:`` URIs, for a map whose scripts are
loaded from its elements' links (the app's map: :func:`geo.maps.folium_map.build_map` with
``local_assets=True``).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from geo.settings import MAX_INLINE_CSS, node_modules_dir

__all__ = ["ASSETS", "UNUSED_UNLESS", "inline_assets", "local_asset", "local_links", "remote_urls"]

log = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]

#: CDN URL used by folium → (npm package, pinned version, file inside the package).
ASSETS: dict[str, tuple[str, str, str]] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": (
        "leaflet", "1.9.3", "dist/leaflet.js"),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": (
        "leaflet", "1.9.3", "dist/leaflet.css"),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": (
        "jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap", "5.2.2", "dist/js/bootstrap.bundle.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap", "5.2.2", "dist/css/bootstrap.min.css"),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "@fortawesome/fontawesome-free", "6.2.0", "css/all.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": (
        "leaflet.markercluster", "1.1.0", "dist/leaflet.markercluster.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": (
        "leaflet.markercluster", "1.1.0", "dist/MarkerCluster.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": (
        "leaflet.markercluster", "1.1.0", "dist/MarkerCluster.Default.css"),
    "https://cdn.jsdelivr.net/npm/leaflet-textpath@1.2.3/leaflet.textpath.min.js": (
        "leaflet-textpath", "1.2.3", "leaflet.textpath.js"),
}  # fmt: skip
#: folium defaults with no npm copy → what a page that uses them contains. A page without it
#: does not need the file, and the tag is dropped.
UNUSED_UNLESS: dict[str, str] = {
    "Leaflet.awesome-markers": "L.AwesomeMarkers",
    "leaflet.awesome.rotate": "L.AwesomeMarkers",
    "bootstrap-glyphicons": "glyphicon-",
}

_JSDELIVR_NPM = re.compile(r"^https://cdn\.jsdelivr\.net/npm/(@?[^@/]+(?:/[^@/]+)?)@([^/]+)/(.+)$")
_SCRIPT_TAG = re.compile(r'<script\s+src="(?P<url>https?://[^"]+)"\s*>\s*</script>', re.I)
_LINK_TAG = re.compile(
    r'<link\s+rel="stylesheet"\s+href="(?P<url>https?://[^"]+)"\s*/?>', re.I
)
#: Anything a page would load from the network: script/img/iframe/source ``src``, stylesheet
#: ``href`` and CSS ``url(...)`` / ``@import`` pointing at http(s).
_REMOTE_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc\s*=\s*["']?(https?://[^"'\s>]+)"""
    r"""|<link\b[^>]*?\bhref\s*=\s*["']?(https?://[^"'\s>]+)"""
    r"""|url\(\s*["']?(https?://[^"')\s]+)"""
    r"""|@import\s+["'](https?://[^"']+)""",
    re.I,
)
_CSS_URL = re.compile(r"url\((?P<q>['\"]?)(?P<ref>[^'\")]+)(?P=q)\)")
_SOURCE_MAP = re.compile(r"^[ \t]*/[/*][#@] sourceMappingURL=.*$", re.M)
_DATA_TYPES = {
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}



def _asset_spec(url: str) -> tuple[str, str, str] | None:
    spec = ASSETS.get(url)
    if spec is None and (m := _JSDELIVR_NPM.match(url)):
        spec = (m.group(1), m.group(2), m.group(3))
    return spec


def _asset_file(url: str, node_modules: Path) -> Path | None:
    """Local copy of ``url`` at the pinned version, or ``None``."""
    spec = _asset_spec(url)
    if spec is None:
        return None
    package, version, rel = spec
    root = node_modules / package
    try:
        meta = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    file = root / rel
    if meta.get("version") != version or not file.is_file():
        return None
    return file


def _asset_label(url: str) -> str:
    """``package@version/file`` of an asset, for the comment over its inlined copy."""
    spec = _asset_spec(url)
    return f"{spec[0]}@{spec[1]}/{spec[2]}" if spec else "asset"


def _data_uris(css: str, folder: Path) -> str:
    def repl(m: re.Match[str]) -> str:
        ref = m.group("ref").strip()
        if ref.startswith(("data:", "#", "http:", "https:", "/")):
            return m.group(0)
        file = (folder / ref.split("?")[0].split("#")[0]).resolve()
        mime = _DATA_TYPES.get(file.suffix.lower())
        if mime is None or not file.is_file():
            return m.group(0)
        encoded = base64.b64encode(file.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{encoded}")'

    return _CSS_URL.sub(repl, css)


def _leaflet_icons(leaflet_dist: Path) -> str:
    """Script pointing ``L.Icon.Default`` at inlined images (its CSS path probe needs files)."""
    images = leaflet_dist / "images"
    urls: dict[str, str] = {}
    for key, name in (
        ("iconUrl", "marker-icon.png"),
        ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"),
    ):
        file = images / name
        if file.is_file():
            urls[key] = "data:image/png;base64," + base64.b64encode(file.read_bytes()).decode()
    if not urls:
        return ""
    return (
        "<script>L.Icon.Default.imagePath = '';"
        f"L.Icon.Default.mergeOptions({json.dumps(urls)});</script>"
    )


def _unused(url: str, page_without_tags: str) -> bool:
    """Whether ``url`` is a folium default without npm copy that the page does not use."""
    return any(
        fragment in url and marker not in page_without_tags
        for fragment, marker in UNUSED_UNLESS.items()
    )


def remote_urls(html: str) -> list[str]:
    """Every http(s) URL the page would load: scripts, stylesheets, images, frames, fonts.

    Links (``<a href>``) and namespace names are not loads and are not listed.
    """
    return [next(g for g in m.groups() if g) for m in _REMOTE_LOAD.finditer(html)]


def inline_assets(html: str, *, node_modules: PathLike | None = None) -> str:
    """Replace CDN scripts and stylesheets by their local contents, for a page that opens offline.

    Parameters
    ----------
    html
        A rendered folium page.
    node_modules
        Folder of the npm packages (default: ``CONFLICTMAP_NODE_MODULES`` or
        ``<cache>/npm/node_modules``); see the module docstring for the packages.

    Returns
    -------
    str
        The page. A tag of a folium default without npm copy that the page does not use is
        dropped (:data:`UNUSED_UNLESS`); any other tag whose file is not present locally (at
        the pinned version) is kept, and logged as a warning.
    """
    modules = Path(node_modules) if node_modules is not None else node_modules_dir()
    cache: dict[str, Path | None] = {}
    bare = _LINK_TAG.sub("", _SCRIPT_TAG.sub("", html))

    def local(url: str) -> Path | None:
        if url not in cache:
            cache[url] = _asset_file(url, modules)
        return cache[url]

    def script(m: re.Match[str]) -> str:
        url = m.group("url")
        file = local(url)
        if file is None:
            return "" if _unused(url, bare) else m.group(0)
        code = _SOURCE_MAP.sub("", file.read_text(encoding="utf-8"))
        code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.I)
        tag = f"<script>/* {_asset_label(url)} */\n{code}\n</script>"
        if file.name == "leaflet.js":
            tag += _leaflet_icons(file.parent)
        return tag

    def stylesheet(m: re.Match[str]) -> str:
        url = m.group("url")
        file = local(url)
        if file is None:
            return "" if _unused(url, bare) else m.group(0)
        css = _data_uris(_SOURCE_MAP.sub("", file.read_text(encoding="utf-8")), file.parent)
        css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.I)
        return f"<style>/* {_asset_label(url)} */\n{css}\n</style>"

    out = _LINK_TAG.sub(stylesheet, _SCRIPT_TAG.sub(script, html))
    left = remote_urls(out)
    if left:
        log.warning("the map still loads %d file(s) from the network (install the npm "
                    "packages listed in geo.maps.export to inline them): %s",
                    len(left), ", ".join(left))
    return out


# --- a live page's links: local copies as data: URIs --------------------------------------

@lru_cache(maxsize=64)
def local_asset(url: str) -> str | None:
    """A ``data:`` URI of a CDN script or stylesheet that is installed locally, else ``None``.

    The local file is found by :func:`inline_assets` (the same pinned npm copies the
    standalone HTML export inlines).
    """
    css = url.split("?", 1)[0].endswith(".css")
    tag = f'<link rel="stylesheet" href="{url}"/>' if css else f'<script src="{url}"></script>'
    out = inline_assets(tag)
    if out == tag:
        return None
    bodies = re.findall(r"<(script|style)>(.*?)</\1>", out, flags=re.S)
    text = "\n".join(body for _, body in bodies)
    if css and len(text) > MAX_INLINE_CSS:
        return None
    mime = "text/css" if css else "text/javascript"
    return f"data:{mime};base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"


def local_links(links: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(name, url)`` links of a folium element (its ``default_js`` or ``default_css``) with
    each URL that has a local copy replaced by that copy as a ``data:`` URI
    (:func:`local_asset`); the others are kept as they are.

    A map whose elements carry such links draws offline where its scripts are loaded from
    the elements' links rather than from the rendered page (streamlit-folium reads them so).
    """
    return [(name, local_asset(url) or url) for name, url in links]
