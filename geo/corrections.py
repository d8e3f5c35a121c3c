"""User corrections of place resolutions, saved in a JSON file and applied on every run.

A correction names a mention by document id and offsets and gives the place chosen instead
(a gazetteer id), or ``None`` for "none of these".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from gazetteer import Gazetteer, GazetteerLookupError
from geo.atomic import atomic_write_bytes
from geo.errors import CorrectionError
from geo.resolve import Resolved


@dataclass(frozen=True, slots=True)
class Correction:
    """One user choice.

    Parameters
    ----------
    doc_id
        The document.
    start, end
        Offsets of the mention.
    mention
        The mention as written (checked when applied: a changed text voids the correction).
    place_id
        The chosen gazetteer place, or ``None`` for "none of these".
    """

    doc_id: str
    start: int
    end: int
    mention: str
    place_id: str | None


class Corrections:
    """The corrections of one file.

    Parameters
    ----------
    path
        The JSON file; missing means no corrections yet.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._items: dict[tuple[str, int, int], Correction] = {}
        if path is not None and path.exists():
            try:
                payload = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(payload, dict):
                    raise TypeError("expected a JSON object with 'corrections'")
                for item in payload.get("corrections", []):
                    self.add(Correction(**item))
            except (OSError, ValueError, TypeError) as err:
                raise CorrectionError(f"{str(path)!r}: not a corrections file: {err}") from err

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._items.values())

    def add(self, correction: Correction) -> None:
        """Add or replace the correction of one mention."""
        self._items[(correction.doc_id, correction.start, correction.end)] = correction

    def get(self, doc_id: str, start: int, end: int) -> Correction | None:
        """The correction of a mention, if any."""
        return self._items.get((doc_id, start, end))

    def save(self, path: Path | None = None) -> Path:
        """Write the corrections atomically (the previous file survives a failed save)."""
        target = path or self.path
        if target is None:
            raise CorrectionError("no corrections file given")
        payload = {"corrections": [asdict(c) for c in self._items.values()]}
        data = json.dumps(payload, indent=1, ensure_ascii=False).encode("utf-8")
        return atomic_write_bytes(target, data)

    def apply(self, doc_id: str, resolved: list[Resolved], gazetteer: Gazetteer) -> list[Resolved]:
        """Return ``resolved`` with this document's corrections applied (score 1.0)."""
        out = []
        for r in resolved:
            fix = self.get(doc_id, r.mention.start, r.mention.end)
            if fix is None or fix.mention != r.mention.text:
                out.append(r)
                continue
            if fix.place_id is None:
                out.append(r._replace(place=None, score=1.0))
                continue
            try:
                place = gazetteer.get(fix.place_id)
            except GazetteerLookupError as err:
                raise CorrectionError(
                    f"correction of {fix.mention!r} in {doc_id!r}: {err}"
                ) from err
            out.append(r._replace(place=place, score=1.0))
        return out
