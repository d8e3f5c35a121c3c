"""Place candidates of a sentence: the geoparser's mentions, and capitalised spans that the
gazetteer does not know (a village, a camp, a street), so that an event keeps a place the
gazetteer lacks."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import FeatureClass
from geo.dates import MONTHS
from geo.events.dates import WEEKDAYS
from geo.events.features import SentenceTokens, Span, frequency_bucket
from geo.model import MentionKind
from geo.parse.resolve import Resolved
from geo.parse.toponyms import (
    KIND_DEMONYM,
    KIND_ORGANISATION,
    NAME_HEADS,
    TITLES,
    VESSEL_WORDS,
)
from geo.parse.words import CALENDAR_NAMES, first_names
from geo.settings import COMMON_BUCKET, FIRST_COMMON_BUCKET
from geo.settings import MAX_UNKNOWN_TOKENS as MAX_TOKENS

#: Kind of a capitalised span the gazetteer does not know.
KIND_UNKNOWN = MentionKind.UNKNOWN
#: Lower-case pieces that may sit inside a name ("Gulf of Aden", "Dar es Salaam").
INNER_WORDS = frozenset({"of", "de", "del", "la", "es", "el", "al", "ad", "ar", "as", "ash",
                         "at", "bin", "ibn", "bani", "-", "'", "’", "‘"})
#: Name prefixes written in lower case before a hyphen ("al-Bab", "el-Arish").
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "az", "at"})
#: Tokens after which a word counts as a sentence's first.
OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "-", "—", "–", ":"})
#: Quotes that may follow a name's hyphen ("Tal Al-‘Eiss").
QUOTES = frozenset({"‘", "’", "'"})
#: Words that name a time, not a place: cut from the ends of a span ("Baghdad Sunday",
#: "Ramadan"); "Mar" also starts saints' places ("Mar Elias").
TIME_WORDS = frozenset(WEEKDAYS) | (frozenset(MONTHS) - {"mar"}) | CALENDAR_NAMES | {
    "gmt", "a.m.", "p.m."}
#: Last words of organisations' names ("the Syrian Arab Army", "Tiger Forces", "ARA News"):
#: a span the gazetteer lacks that ends in one is a body, not a place.
ORGANISATION_HEADS = frozenset({
    "army", "forces", "force", "brigade", "brigades", "division", "divisions", "battalion",
    "battalions", "regiment", "corps", "militia", "militias", "front", "party", "council",
    "committee", "ministry", "agency", "news", "observatory", "movement", "organization",
    "organisation", "alliance", "coalition", "group", "guard", "guards", "police", "press",
    "network", "commission", "authority", "government", "command"})
#: First words of armed groups' names in Arabic ("Jaysh al-Islam", "Liwaa al-Quds", "Faylaq
#: al-Rahman", "Harakat Nour al-Din", "Hayat Tahrir al-Sham"): army, brigade, corps, movement,
#: front, battalions, companies, body.
ARABIC_BODIES = frozenset({"jaysh", "jaish", "jeish", "liwa", "liwaa", "liwaʼ", "faylaq",
                           "failaq", "harakat", "harakah", "jabhat", "jabha", "kataib",
                           "kata'ib", "kataeb", "saraya", "hayat", "hay'at"})
#: Assemblies and bodies of state named alone ("enter the Senate chamber", "shot down in
#: Parliament"): the institution, not a place to draw.
INSTITUTIONS = frozenset({"parliament", "senate", "congress", "knesset", "duma", "cabinet",
                          "assembly", "majlis", "bundestag", "reichstag", "storting"})
#: Nouns of news media that name the outlet right after them ("its news outlet Amaq", "the
#: news agency Wafa", "the satellite channel Al-Masirah"): no place.
MEDIA_NOUNS = frozenset({"outlet", "agency", "channel", "newspaper", "daily", "website",
                         "broadcaster", "station", "network", "magazine", "tabloid"})
#: Nouns for a settlement or a part of one that frame a name ("the town of X", "the villages
#: of X and Y", "X village", "the X area").
SETTLEMENT_NOUNS = frozenset({
    "town", "towns", "village", "villages", "city", "cities", "hamlet", "hamlets", "locality",
    "localities", "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
    "district", "districts", "suburb", "suburbs", "camp", "camps", "area", "areas",
    "settlement", "settlements", "community", "communities", "quarter", "hilltop", "hill",
    "outskirts", "market", "county", "ward"})
#: Last words that make a name a place's even after a first name ("Jackson Camp"): the
#: settlement nouns and the other words of places and sites.
PLACE_GENERICS = SETTLEMENT_NOUNS | frozenset({
    "street", "road", "square", "mosque", "church", "hospital", "school", "bridge", "airport",
    "base", "farm", "farms", "valley", "river", "mountain", "mountains", "park", "station",
    "port", "island", "lake", "beach", "hills", "dam", "crossing", "junction", "heights",
    "springs", "falls", "bay", "estate", "township", "shoal", "reef", "atoll", "cay", "strait",
    "channel", "canal", "gulf", "peninsula", "cape", "coast", "desert", "plain", "plains",
    "plateau", "ridge", "pass", "forest", "field", "fields", "oasis", "wells", "mine",
    "oilfield", "checkpoint", "compound", "prison", "palace", "airbase", "barracks", "hotel",
    "university", "college", "stadium", "sound", "point", "harbour", "harbor", "fort", "creek",
    "gate", "corridor"})
#: Possessive endings of a name.
POSSESSIVE_ENDS = ("'s", "’s")
#: Nouns after a possessive name that make it a person's ("Morsi's ouster", "Deri's home").
PERSONAL_AFTER = frozenset({
    "ouster", "resignation", "death", "arrest", "release", "home", "house", "family", "wife",
    "husband", "son", "daughter", "brother", "sister", "mother", "father", "visit", "regime",
    "administration", "supporters", "lawyer", "lawyers", "funeral", "killing", "murder",
    "assassination", "trial", "election", "re-election", "presidency", "rule", "body",
    "speech", "remarks", "policies", "policy", "men", "loyalists", "followers", "removal"})
#: First words of a body's name before "of", "against", "for" or "on" ("the Committee
#: Against Torture", "the Ministry of Defence", "the Council for ...").
BODY_FIRST_WORDS = frozenset({
    "committee", "council", "commission", "ministry", "office", "agency", "organisation",
    "organization", "union", "bank", "court", "association", "federation", "foundation",
    "institute", "department", "bureau", "board", "coalition", "alliance", "league",
    "movement", "front", "party", "army", "university", "society", "embassy", "consulate"})
#: Number words that start a count, not a name ("Three members of the YPG").
NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight",
                          "nine", "ten", "eleven", "twelve", "dozens", "hundreds", "thousands",
                          "several", "many", "some", "most", "all"})
#: Faiths and their people ("Catholic west Belfast", "Jews began moving back"): no places.
FAITHS = frozenset({
    "catholic", "catholics", "protestant", "protestants", "muslim", "muslims", "christian",
    "christians", "jew", "jews", "jewish", "hindu", "hindus", "buddhist", "buddhists", "sikh",
    "sikhs", "shiite", "shiites", "shia", "shias", "sunni", "sunnis", "alawite", "alawites",
    "druze", "orthodox", "coptic", "copts", "evangelical", "evangelicals", "maronite",
    "maronites", "yazidi", "yazidis", "ahmadi", "ahmadis", "islamic", "islamist", "islamists"})
#: Words after a group's name for its people ("Occupy Parliament activists"): a name the
#: gazetteer lacks before one is the group's, not a place.
GROUP_MEMBERS = frozenset({"activists", "supporters", "members", "fighters", "militants",
                           "loyalists", "militiamen", "protesters", "followers", "rebels",
                           "tribesmen", "clansmen", "herders", "militia", "militias"})
#: Weapons named after the name before them ("Shahed drones", "Grad rockets", "Kalibr
#: cruise missiles"): the name is the weapon's, not a place.
WEAPON_NOUNS = frozenset({"drone", "drones", "rocket", "rockets", "missile", "missiles",
                          "launcher", "launchers", "kamikaze", "cruise", "ballistic", "shells",
                          "artillery", "howitzers", "howitzer", "tanks", "jets", "helicopters",
                          "interceptors", "warheads", "bombs"})
#: Compass words: on their own ("the South"), a part of a country, not a place to draw.
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest", "north-east", "north-west", "south-east",
                           "south-west", "centre", "center", "midwest"})
#: Words that make the capitalised name after them a person's ("President Aidid", "Gen.
#: Aidid", "Officer Casey Wiggins", "Alhaji Musa Dauda"); "St." starts places' names.
PERSON_TITLES = (TITLES - {"st"}) | {"alhaji", "alhaja", "mallam", "hajiya", "emir"}
#: Last words of an office's name ("the District Head", "the Village Chairman"): a span the
#: gazetteer lacks that ends in one names a person, not a place.
OFFICE_HEADS = frozenset({"head", "chairman", "chairperson", "chairwoman", "commander",
                          "commissioner", "director", "leader", "emir", "chieftain"})
#: Nouns that describe a person in an apposition (", a member of the council", ", a former
#: commander"); a place is described by others (", a town in Mali", ", an Eggon community").
PERSON_NOUNS = frozenset({
    "member", "leader", "commander", "official", "head", "chairman", "chief", "spokesman",
    "spokeswoman", "spokesperson", "resident", "student", "teacher", "farmer", "journalist",
    "reporter", "activist", "politician", "lawmaker", "legislator", "businessman", "trader",
    "doctor", "nurse", "priest", "cleric", "imam", "pastor", "soldier", "officer", "policeman",
    "father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "cousin",
    "nephew", "uncle", "aunt", "man", "woman", "boy", "girl", "fighter", "militant", "rebel",
    "driver", "worker", "employee", "lawyer", "judge", "minister", "governor", "mayor",
    "candidate", "councillor", "councilor", "senator", "colonel", "general", "captain",
    "lieutenant", "sergeant", "major", "veteran", "photographer", "cameraman", "citizen",
    "national", "native", "survivor", "witness", "victim", "suspect", "founder", "director",
    "secretary", "adviser", "advisor", "aide", "deputy", "representative", "envoy",
    "ambassador", "diplomat", "professor", "engineer", "merchant", "shopkeeper", "herder",
    "civilian", "informant", "preacher", "militiaman", "policewoman", "guard"})
#: Words that may stand between the article and the noun of such an apposition (", a former
#: senior commander", ", a local official").
PERSON_NOUN_MODIFIERS = frozenset({"former", "senior", "local", "retired", "prominent", "top",
                                   "young", "veteran", "deputy", "leading", "key", "longtime",
                                   "well-known", "influential", "junior", "regional", "district",
                                   "village", "provincial", "tribal", "military", "police",
                                   "government", "opposition", "rebel", "militia", "community"})
#: Verbs of speech: a person noun followed by one starts a clause ("..., a spokesman said").
SPEECH_VERBS = frozenset({"said", "says", "told", "tells", "added", "adds", "reported",
                          "confirmed", "stated", "claimed", "explained", "noted", "insisted",
                          "warned", "announced", "wrote", "recalled", "recounted"})
#: Adjectives of direction that start the name of the place after them ("Paloch County of
#: Western Lakes State"): never the end of a name of their own.
DIRECTION_ADJECTIVES = frozenset({
    "northern", "southern", "eastern", "western", "central", "upper", "lower", "north", "south",
    "east", "west", "northeastern", "northwestern", "southeastern", "southwestern",
    "north-eastern", "north-western", "south-eastern", "south-western", "north-central",
    "south-central", "east-central", "west-central"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that may name where an event happened.

    Parameters
    ----------
    span
        Token positions, kind and feature class.
    start, end
        Character offsets in the document.
    text
        The span as written.
    resolved
        The geoparser's mention and place, ``None`` for a span the gazetteer does not know.
    inside
        For a name made of a known place and a capitalised noun after it ("Manila Bay",
        "the Caprivi Strip"): the known place, which contains it.
    """

    span: Span
    start: int
    end: int
    text: str
    resolved: Resolved | None
    inside: Resolved | None = None


def _capitalised(sent: SentenceTokens) -> list[bool]:
    """Whether each token starts with a capital letter."""
    return [t.text[:1].isupper() and t.text[:1].isalpha() for t in sent.tokens]


def _article_start(sent: SentenceTokens, caps: Sequence[bool], i: int) -> bool:
    """"al" "-" "Bab": a lower-case article that starts a name (``caps``: each token's
    :func:`_capitalised`)."""
    return (sent.lower[i] in ARTICLES and sent.tokens[i].text.islower()
            and i + 2 < len(sent.tokens) and sent.tokens[i + 1].text in {"-", "‘", "’", "'"}
            and sent.tokens[i + 1].start == sent.tokens[i].end
            and caps[i + 2])


def _unknown_spans(sent: SentenceTokens, taken: Sequence[bool]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (with inner pieces) outside the geoparser's mentions."""
    out: list[tuple[int, int]] = []
    n = len(sent.tokens)
    caps = _capitalised(sent)
    lower = sent.lower
    i = 0
    while i < n:
        if taken[i] or not (caps[i] or (lower[i] in ARTICLES and _article_start(sent, caps, i))):
            i += 1
            continue
        j = i + 1
        while j < n and not taken[j]:
            if caps[j]:
                j += 1
                continue
            if lower[j] in INNER_WORDS and _joins(sent, caps, taken, j, _place_like(sent, i)):
                j += 1
                continue
            break
        first, last = _trim(sent, i, j)
        if j < n and taken[j]:
            last = _without_next_names_start(sent, first, last)
        if last - first > 2 and lower[first] in PERSON_TITLES and lower[first + 1] == "of":
            first += 2  # "the Emir of Fika": the place the title is of
        if last == first + 1 and lower[first] in ARTICLES and j < n and lower[j] in INNER_WORDS:
            i = j
            continue  # "Al" of "Al-Taji" when the geoparser took "Taji": the name's article
        # a lone article ("al" before a name the geoparser took) is no name
        if first < last and last - first <= MAX_TOKENS and any(caps[first:last]) \
                and not _not_a_place(sent, first, last):
            out.append((first, last))
        i = j
    return out


def _surname_described(sent: SentenceTokens, first: int, last: int, r: Resolved) -> bool:
    """Whether a town's name ends a person's name that the words after it describe
    ("Mohammed Abdel-Hamid, a civilian", "Ali Karimi, who was shot"): a capitalised word or
    a hyphenated piece before it, and a description of a person after it."""
    if r.place is None or r.place.feature in _BROAD_FEATURES or first == 0:
        return False
    before = sent.tokens[first - 1]
    named = before.text == "-" or (before.text[:1].isupper() and before.text.isalpha()
                                   and first - 1 > 0)
    return named and _described_as_a_person(sent, last)


#: Features of places that are described like people ("Jordan, a member of the League").
_BROAD_FEATURES = frozenset({FeatureClass.CONTINENT, FeatureClass.COUNTRY, FeatureClass.ADMIN1,
                             FeatureClass.ADMIN2, FeatureClass.REGION, FeatureClass.SEA})


def _names_a_group(sent: SentenceTokens, last: int) -> bool:
    """Whether the words from token ``last`` on, past at most two more capitalised words,
    name a group's people or a weapon ("Fano militants", "Pyu Saw Htee militia", "Grad
    rockets"): the name before them is the group's or the weapon's."""
    k = last
    tokens = sent.tokens
    while k < len(tokens) and k - last < 2 and tokens[k].text[:1].isupper() \
            and tokens[k].text.isalpha() and sent.lower[k] not in NUMBER_WORDS \
            and k > 0 and tokens[k].start == tokens[k - 1].end + 1:
        k += 1  # one name written on ("Saw Htee"), not a new sentence ("Syria   Three")
    return k < len(sent.lower) and (sent.lower[k] in GROUP_MEMBERS
                                    or sent.lower[k] in WEAPON_NOUNS)


def _article_before(sent: SentenceTokens, first: int) -> bool:
    """Whether an article and a hyphen are written against token ``first`` ("Al-" before
    "Taji"): the start of its name that the geoparser left out."""
    tokens = sent.tokens
    return first >= 2 and sent.lower[first - 1] == "-" and sent.lower[first - 2] in ARTICLES \
        and tokens[first - 2].end == tokens[first - 1].start \
        and tokens[first - 1].end == tokens[first].start


def _place_like(sent: SentenceTokens, i: int) -> bool:
    """Whether a run starting at token ``i`` is framed as a place: it starts with a word that
    starts foreign place names ("Khirbet", "Jabal", "Ein") or follows "the villages of" or a
    like frame. Only then does an article join the words after it ("Khirbet al-Joz"); names
    of people are written the same way ("Bassel al-Hamed")."""
    if sent.lower[i] in NAME_HEADS or sent.lower[i] in _PLACE_HEADS:
        return True
    k = i - 1
    while k >= 1 and (sent.lower[k] in {",", "and"} or sent.tokens[k].text[:1].isupper()):
        k -= 1  # over the names of a list ("the villages of Aita al-Shaab, Maroun al-Ras")
    return k >= 1 and sent.lower[k] == "of" and sent.lower[k - 1] in SETTLEMENT_NOUNS


#: First words of Arabic place names besides :data:`~geo.parse.toponyms.NAME_HEADS`.
_PLACE_HEADS = frozenset({"ein", "hai", "hay", "mazraat", "mazra’at", "mazra'at", "souq",
                          "suq", "tal", "tell", "khan", "sheikh", "sahl", "marj", "jisr"})


def _joins(sent: SentenceTokens, caps: Sequence[bool], taken: Sequence[bool], j: int,
           place_like: bool = False) -> bool:
    """Whether the inner piece at token ``j`` joins the capitalised words around it: a
    capital or a name's article after it ("Gulf of Aden", "Bab al-Hadid"), or a quote
    written against it and a capital ("Tal Al-‘Eiss")."""
    n = len(sent.tokens)
    if j + 1 >= n or taken[j + 1]:
        return False
    if caps[j + 1] or _article_start(sent, caps, j + 1) or (
            place_like and _article_start(sent, caps, j) and not taken[j + 2]):
        return True  # "Gulf of Aden", "Bab al-Hadid", "the villages of Maroun al-Ras"
    return (sent.lower[j] == "-" and sent.lower[j + 1] in QUOTES and j + 2 < n
            and not taken[j + 2] and caps[j + 2]
            and sent.tokens[j + 1].start == sent.tokens[j].end)


def _trim(sent: SentenceTokens, first: int, last: int) -> tuple[int, int]:
    """A capitalised run without the words at its ends that are no part of a name: a
    sentence's first word when it is a common English word, a capitalised function word,
    and words of time ("Baghdad Sunday")."""
    lower = sent.lower
    while first < last:
        opens = first == 0 or lower[first - 1] in OPENERS
        bucket = frequency_bucket(lower[first])
        if bucket >= COMMON_BUCKET or (opens and bucket >= FIRST_COMMON_BUCKET) \
                or _is_time(lower[first]):
            first += 1
            continue
        break
    while last > first and _is_time(lower[last - 1]):
        last -= 1
    return first, last


def _without_next_names_start(sent: SentenceTokens, first: int, last: int) -> int:
    """The end of a run that stops at a place the geoparser took, without the words that
    start that place's name ("Paloch County of Western" before "Lakes State": "Western" and
    the "of" that joined it belong to the next name)."""
    lower = sent.lower
    end = last
    while end > first + 1 and lower[end - 1] in DIRECTION_ADJECTIVES:
        end -= 1
    if end == last:
        return last
    while end > first + 1 and lower[end - 1] in INNER_WORDS:
        end -= 1
    return end


def _is_time(word: str) -> bool:
    """Whether a lower-case token names a time, possessive too ("wednesday's talks")."""
    return word in TIME_WORDS or (word[-2:] in {"'s", "’s"} and word[:-2] in TIME_WORDS)


def _slashed_prefix(sent: SentenceTokens, k: int) -> bool:
    """Whether tokens ``k`` to ``k + 2`` are "M" "/" "V" or "M" "/" "T", written together."""
    return k >= 0 and k + 2 < len(sent.tokens) and sent.lower[k] == "m" \
        and sent.lower[k + 1] == "/" and sent.lower[k + 2] in {"v", "t"} \
        and sent.tokens[k + 1].start == sent.tokens[k].end \
        and sent.tokens[k + 2].start == sent.tokens[k + 1].end


def _not_a_place(sent: SentenceTokens, first: int, last: int) -> bool:
    """A bare compass word ("the North"), an acronym ("ISIS", "SAA") or a lone letter ("on
    X"), an organisation's name ("the Syrian Arab Army"), a group's before its people
    ("Occupy Parliament activists"), a name that modifies a noun after "a" ("a Lukoil
    refinery"), a ship's name ("the tanker Fujairah", "HMCS Ottawa", "the M/V Tavvishi",
    "M.V. Tavvishi") or a person's ("General Aidid", "Mr. Hassan"): a capitalised span that
    names no place."""
    if all(sent.lower[k] in COMPASS_WORDS or sent.lower[k] in DIRECTION_ADJECTIVES
           for k in range(first, last)):
        return True  # "the North", "Southern" before the place it qualifies
    words = [sent.tokens[k].text for k in range(first, last)]
    if all(w.isupper() or not w[:1].isalnum() for w in words):
        return True  # an acronym, or a lone letter ("posted on X", "Plan B")
    if _head(sent.lower[last - 1]) in ORGANISATION_HEADS:
        return True
    if _head(sent.lower[last - 1]) in OFFICE_HEADS and last - first > 1:
        return True  # "the District Head": an office, held by a person
    if last < len(sent.lower) and sent.lower[last] in GROUP_MEMBERS:
        return True  # "Occupy Parliament activists", "Wagner fighters": a group's name
    if last < len(sent.lower) and sent.lower[last] in WEAPON_NOUNS:
        return True  # "Shahed kamikaze drones": a weapon's name
    word = sent.lower[first].rstrip(".")
    if word in PERSON_TITLES or word in VESSEL_WORDS or word in ARABIC_BODIES:
        return True  # "General Aidid", "HMS Kent", "Jaysh al-Islam"
    if all(sent.lower[k] in FAITHS for k in range(first, last)):
        return True
    if last - first == 1 and _head(word) in INSTITUTIONS:
        return True  # "the Senate", "Parliament's"
    if last - first == 1 and len(word) > 5 and word.endswith(("ist", "ists")):
        return True  # "the Maoist stronghold", "Islamist rebels": a creed's adjective
    if any(sent.lower[k] in PERSON_TITLES for k in range(first + 1, last - 1)):
        return True  # "Prime Minister Narendra Modi", "Vice President Kamala Harris"
    if last - first > 1 and sent.tokens[first].text in first_names() \
            and sent.lower[first] not in ARTICLES and sent.tokens[first + 1].text[:1].isupper() \
            and sent.tokens[first + 1].text.isalpha() \
            and _head(sent.lower[last - 1]) not in PLACE_GENERICS:
        return True  # "Eric Garner", "Gerald Gallant": a person ("Jackson Camp" is a place)
    if sent.lower[last - 1].endswith(POSSESSIVE_ENDS) and last < len(sent.lower) \
            and sent.lower[last] in PERSONAL_AFTER:
        return True  # "Morsi's ouster", "near Deri's home"
    if last - first > 2 and sent.lower[first] in BODY_FIRST_WORDS \
            and sent.lower[first + 1] in {"of", "against", "for", "on"}:
        return True  # "the Committee Against Torture", "the Ministry of Defence"
    if _described_as_a_person(sent, last):
        return True  # "Ismail Mauludi, a 35-year-old protester", "Ali Karimi, who was shot"
    if _slashed_prefix(sent, first - 2) or _slashed_prefix(sent, last - 1):
        return True  # "M/V", "M/T": a merchant ship's prefix, split by the tokenizer
    if sent.tokens[first].text == "MT" or (first >= 1 and sent.tokens[first - 1].text == "MT"):
        return True  # "MT" (motor tanker) in capitals; "Mt" is a mountain
    if first > 0 and sent.lower[first - 1] in {"a", "an"} and last < len(sent.tokens) \
            and sent.tokens[last].text[:1].islower() and sent.tokens[last].text.isalpha():
        return True  # "a Lukoil refinery", "a Reuters reporter": a name as a modifier
    k = first - 1
    if k > 0 and sent.lower[k] == "." and sent.tokens[k].start == sent.tokens[k - 1].end:
        k -= 1  # "Gen." "Aidid"
    return k >= 0 and (sent.lower[k].rstrip(".") in VESSEL_WORDS
                       or sent.lower[k] in PERSON_TITLES or sent.lower[k] in MEDIA_NOUNS)


def _described_as_a_person(sent: SentenceTokens, last: int) -> bool:
    """Whether the words after a name describe a person: ", who", an age (", a
    35-year-old ...", ", 27,") or a noun for a person (", a member of the council", ", the
    former commander"); a place is described otherwise (", a town in Mali")."""
    after = sent.lower[last : last + 8]
    if len(after) < 2 or after[0] != ",":
        return False
    if after[1] == "who":
        return True
    if after[1] in {"a", "an", "the"}:
        k = 2
        while k < len(after) and after[k] in PERSON_NOUN_MODIFIERS:
            k += 1
        if k < len(after) and after[k] in PERSON_NOUNS and not (
                k + 1 < len(after) and after[k + 1] in SPEECH_VERBS):
            # "Abdul Karim, a member of the council", "X, the former commander" (but
            # "stormed Dunmore, a spokesman said": a new clause)
            return True
    return ("year" in after[2:6] and "old" in after[2:]) or (
        after[1].isdigit() and len(after) > 2 and after[2] == ",")


#: Nouns of land that a sea's name may qualify ("the Indian Ocean island", "a Pacific
#: nation", "the Gulf states"): the land, which the sentence does not name, not the sea.
_LAND_AFTER_WATER = frozenset({"island", "islands", "nation", "nations", "state", "states",
                               "country", "countries", "archipelago", "kingdom", "emirate",
                               "monarchy", "republic"})
_WATER = frozenset({FeatureClass.SEA, FeatureClass.GULF})


#: The word after a name, lower case ("island" of "island's").
_NEXT_WORD = re.compile(r"\s+([a-z]+)")


def water_as_modifier(r: Resolved, text: str) -> bool:
    """Whether a sea's name only qualifies the land after it ("off the Indian Ocean island's
    northern coast", "a Gulf state"; in lower case: "the Gulf State of Qatar" is a name): no
    place of an event when its sentence names another, the best container of the land when
    it names none ("on this Caribbean island")."""
    if r.place is None or r.place.feature not in _WATER:
        return False
    after = _NEXT_WORD.match(text, r.mention.end)
    return after is not None and after.group(1) in _LAND_AFTER_WATER


def _head(word: str) -> str:
    """A name's last word without its possessive ("Army’s" -> "army")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def candidates(sent: SentenceTokens, mentions: Sequence[Resolved], text: str) -> list[Candidate]:
    """Place candidates of one sentence, in text order.

    Parameters
    ----------
    sent
        The sentence's tokens (offsets into ``text``).
    mentions
        The geoparser's mentions in the sentence; organisations are left out.
    text
        The document text.
    """
    starts = [t.start for t in sent.tokens]
    taken = [False] * len(sent.tokens)
    out: list[Candidate] = []
    for r in mentions:
        m = r.mention
        if m.kind == KIND_ORGANISATION:
            continue
        first = bisect_left(starts, m.start)
        last = bisect_left(starts, m.end)
        if first >= last:
            continue
        if _surname_described(sent, first, last, r):
            continue  # "Mohammed Abdel-Hamid, a civilian": a person's name, not Hamid town
        if m.kind != KIND_DEMONYM and _names_a_group(sent, last):
            continue  # "armed Fano militants", "Grad rockets", "the Pyu Saw Htee militia"
        if water_as_modifier(r, text) and any(
                o is not r and o.place is not None and o.mention.kind == MentionKind.TOPONYM
                for o in mentions):
            for k in range(first, last):
                taken[k] = True
            continue  # "the Indian Ocean island's coast": an island, not the ocean
        start = m.start
        if _article_before(sent, first):
            first -= 2  # "Al-" + "Taji": the name as written, with its article
            start = sent.tokens[first].start
        for k in range(first, last):
            taken[k] = True
        feature = r.place.feature if r.place is not None else None
        out.append(Candidate(Span(first, last, m.kind, feature), start, m.end,
                             text[start : m.end], r))
    by_last = {c.span.last: k for k, c in enumerate(out)}
    for first, last in _unknown_spans(sent, taken):
        start, end = sent.tokens[first].start, sent.tokens[last - 1].end
        before = by_last.get(first)
        known = out[before] if before is not None else None
        if before is not None and known is not None and known.resolved is not None \
                and known.span.kind != KIND_DEMONYM and known.end == start - 1:
            # "Manila" + "Bay", "Caprivi" + "Strip": one name the gazetteer lacks, inside the
            # place it knows
            out[before] = Candidate(Span(known.span.first, last, KIND_UNKNOWN, None), known.start,
                                    end, text[known.start : end], None, known.resolved)
            continue
        out.append(Candidate(Span(first, last, KIND_UNKNOWN, None), start, end, text[start:end],
                             None))
    out.sort(key=lambda c: c.start)
    return out


def bearing_framed(sent: SentenceTokens, c: Candidate) -> bool:
    """Whether a bearing places something by the candidate: "attacks that took place
    southwest of Kirkuk", "a blast 40 km north of X" (the event places measure the distance
    from X: :mod:`geo.events.places`)."""
    k = c.span.first - 1
    return k >= 1 and sent.lower[k] == "of" and sent.lower[k - 1] in COMPASS_WORDS


def settlement_framed(sent: SentenceTokens, c: Candidate) -> bool:
    """Whether a settlement noun frames a candidate: "the town of X", "the villages of W
    and X" (X in a list after "of"), "X village", "X, a small village"."""
    lower = sent.lower
    k = c.span.first - 1
    # step back over the names and joiners of a list ("the villages of W, Y and X")
    while k >= 1 and (lower[k] in {",", "and"} or sent.tokens[k].text[:1].isupper()):
        k -= 1
    if k >= 1 and lower[k] == "of" and lower[k - 1] in SETTLEMENT_NOUNS:
        return True
    after = c.span.last
    if after < len(lower) and lower[after] in SETTLEMENT_NOUNS:
        return True
    rest = lower[after : after + 5]
    return len(rest) >= 3 and rest[0] == "," and rest[1] in {"a", "an"} and any(
        w in SETTLEMENT_NOUNS for w in rest[2:])
