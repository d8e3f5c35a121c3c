"""The context-free prior by which a name's places are ranked."""

from __future__ import annotations

from gazetteer import NameKind
from gazetteer.prior import ranked_prior
from gazetteer.settings import PRIMARY_NAME_BONUS


def test_a_place_named_by_its_primary_name_ranks_above_one_named_by_another_name() -> None:
    assert ranked_prior(4.0, NameKind.NAME) == 4.0 + PRIMARY_NAME_BONUS
    others = [NameKind.ALT, NameKind.ABBREVIATION, NameKind.DEMONYM]
    assert [ranked_prior(4.0, kind) for kind in others] == [4.0, 4.0, 4.0]
