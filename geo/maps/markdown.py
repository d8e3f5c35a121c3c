"""Text shown literally in Streamlit's Markdown: article text, names and messages.

Article text is data: escaped here, a bracket, a backtick or a tag in it shows as written
instead of becoming a link, an image, code or HTML.
"""

from __future__ import annotations

import re

#: Characters that Markdown (and Streamlit's extensions: ``:emoji:``, ``$math$``, ``~~``)
#: may read as syntax.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """``text`` escaped so Streamlit's Markdown shows it literally (no links, images, HTML or
    emphasis), its runs of whitespace and line breaks made single spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code_span(text: str) -> str:
    """``text`` as a Markdown code span: shown as written (escapes are not read inside one, so
    none are added), its backticks, which would end it, made apostrophes."""
    return f"`{text.replace('`', chr(39))}`"
