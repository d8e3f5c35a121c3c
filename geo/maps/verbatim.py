"""Map scripts built from data and placed in the page as they are, never run through Jinja.

branca renders each folium element's script macro and then compiles the rendered text *again*
as a Jinja template (``MacroElement.render`` wraps it in ``Element(text)``). Any article text
inside that script, such as ``{{ lipsum.__globals__ ... }}`` in a sentence, would run on the
machine building the map, and an unbalanced ``{%`` would crash it. So no text of ours ever goes
through a folium template: :class:`VerbatimScript` elements build their JavaScript in Python,
with the data JSON-encoded by :func:`script_json`, and hand the finished text to the page as a
plain string. They also answer streamlit-folium, which asks every element for its ``script``
macro.
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.template import Template

from geo.errors import ExportError

__all__ = ["VerbatimScript", "script_json"]

#: Characters that must not appear raw in JSON inside ``<script>``: tags, entities and the
#: two line separators that end a JavaScript string literal in older engines.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: Any) -> str:
    """``value`` as JSON text that is safe to place inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so a string holding
    ``</script>`` cannot close the element; the data itself is unchanged once parsed.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


class _Text(Element):
    """A piece of the page that renders as its text, untouched."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class VerbatimScript(MacroElement):
    """A script whose text is built in Python and placed in the page as it is.

    Subclasses override :meth:`code`; it is called when the page is rendered, so it may use
    the names of its parent and of other elements (``get_name()``).

    Parameters
    ----------
    code
        The script, for an element that needs nothing at render time.
    """

    # Answers streamlit-folium, which renders each element's script macro by itself; the text
    # goes in as a value, never as template source.
    _template = Template("{% macro script(this, kwargs) %}{{ this.code() }}{% endmacro %}")

    def __init__(self, code: str = "") -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "VerbatimScript"
        self._code = code

    def code(self) -> str:
        """The JavaScript of this element."""
        return self._code

    def parent_name(self) -> str:
        """The JavaScript name of the element this one was added to."""
        if self._parent is None:
            raise ExportError(f"{type(self).__name__} was not added to a map element")
        return self._parent.get_name()

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page
        """Add :meth:`code` to the page's scripts as plain text, then render the children."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise ExportError(f"{type(self).__name__} must be inside a folium map to render")
        figure.script.add_child(_Text(self.code()), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
