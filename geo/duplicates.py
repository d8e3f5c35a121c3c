"""Copies of one story: the same wire report read twice, or two agencies' versions of it.

Documents are compared by their word 5-grams (shingles): a MinHash signature of each document
goes into a locality-sensitive hash index (``datasketch``), so a new document is checked
against the earlier ones in about constant time instead of against each of them. A document
whose estimated Jaccard similarity to an earlier one reaches :data:`NEAR_DUPLICATE` is a copy
of that one (the first seen is the original); ``datasketch`` (and SciPy under it) is imported
when a batch first holds a story, not with this module. A text shorter than
:data:`MIN_STORY_WORDS` is never taken for a copy, not even of the same words: one short
sentence ("Clashes continued on Monday.") recurs in unrelated reports, and a dataset may hold
the same sentence as two records, each with its own annotation.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from geo.settings import MIN_STORY_WORDS, MINHASH_PERMUTATIONS, NEAR_DUPLICATE, SHINGLE_WORDS

if TYPE_CHECKING:
    from datasketch import MinHashLSH

__all__ = ["StoryIndex"]

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class StoryIndex:
    """The documents seen so far, to tell whether a new one is a copy of one of them."""

    def __init__(self) -> None:
        self._lsh: MinHashLSH | None = None  # made with the first story
        self._exact: dict[str, str] = {}

    def original_of(self, doc_id: str, text: str) -> str | None:
        """The id of the earlier document ``text`` is a copy of, or ``None`` (then ``doc_id``
        is remembered as an original)."""
        words = _words(text)
        if len(words) < MIN_STORY_WORDS:
            return None
        key = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
        if key in self._exact:
            return self._exact[key]
        self._exact[key] = doc_id
        shingles = {" ".join(words[k : k + SHINGLE_WORDS])
                    for k in range(len(words) - SHINGLE_WORDS + 1)}
        from datasketch import MinHash, MinHashLSH  # half a second: only when needed

        if self._lsh is None:
            self._lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=MINHASH_PERMUTATIONS)
        signature = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        found = self._lsh.query(signature)
        if found:
            original: str = min(found, key=lambda k: int(k.split(":", 1)[0]))
            return original.split(":", 1)[1]
        self._lsh.insert(f"{len(self._exact)}:{doc_id}", signature)
        return None
