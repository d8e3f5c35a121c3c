"""Sentence-level event extraction: what happened, who, where (in which role), when.

For each sentence the learned stage (:mod:`geo.events.stage`) detects the events of every
ACLED type and links their places, and hand rules find the wording the seed reports use
(movements with routes, calls between seats, meetings). Where both find an event of one layer
in a sentence they are one event: the rules' routes and the linker's places together, the
learned ACLED labels for violence and protests. The extractor adds the actors (from the
curated actor table, demonyms and countries acting as subjects), the day (the date expression
nearest the trigger, else the article date), numbers (fatalities, units) and a confidence.
Events of one article, or of several, that report the same happening are merged, their
evidence kept.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from gazetteer import FeatureClass, Gazetteer
from geo.events.actors import (
    PERSON_KINDS,
    REPORTING_KINDS,
    Actor,
    ActorKind,
    ActorMention,
    ActorTable,
)
from geo.events.candidates import (
    KIND_UNKNOWN,
    SETTLEMENT_NOUNS,
    candidates,
    water_as_modifier,
)
from geo.events.caseless import Caseless
from geo.events.dates import ResolvedDate, find_dates, has_clock_time, resolve_date
from geo.events.features import SentenceTokens, frequency_bucket
from geo.events.linear import EventModels, load_models
from geo.events.linking import (
    HOMES_LEFT,
    MOVEMENT_CUES,
    REFUGE,
    cue_before,
    locates,
    role_of,
)
from geo.events.merge import merge_events
from geo.events.parties import parties, reporting
from geo.events.places import linked_places, place_in_text, unknown_event_place
from geo.events.stage import LearnedEvent, document_events
from geo.events.taxonomy import CLASSES, Plover
from geo.model import (
    Document,
    Event,
    EventKind,
    EventPlace,
    Feature,
    Layer,
    Role,
    TimePrecision,
)
from geo.parse.resolve import Resolved
from geo.parse.text import Sentence, split_sentences, tokenize
from geo.parse.toponyms import KIND_DEMONYM, KIND_ORGANISATION
from geo.settings import CONTINUATION_SENTENCES, FIRST_COMMON_BUCKET
from geo.settings import FRAME_CHARS as _FRAME_CHARS

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = {
    **{w: k + 1 for k, w in enumerate(_UNITS)}, **{w: k + 10 for k, w in enumerate(_TEENS)},
    **{w: 10 * (k + 2) for k, w in enumerate(_TENS)},
    "a dozen": 12, "dozens": 24, "a": 1, "an": 1,
}
#: A count in digits or words; a tens word takes its unit ("forty-six": 46, never "six" alone).
_NUM = (r"(?<![\w\-])(\d[\d,]*|(?:" + "|".join(_TENS) + r")(?:[\-\s](?:" + "|".join(_UNITS)
        + r"))?|" + "|".join(sorted(_TEENS, key=len, reverse=True)) + "|"
        + "|".join(_UNITS) + r"|a dozen)(?![\w\-])")
#: One victim named in the singular ("killed a police officer", "a soldier was killed").
_ONE_VICTIM = (r"(?:soldier|serviceman|civilian|police officer|policeman|officer|gendarme|"
               r"child|woman|man|student|teacher|worker|journalist|farmer|villager|guard|"
               r"member|fighter|militant|official|commander)")
_VICTIMS = (r"(?:soldiers|troops|servicemen|service members|people|civilians|fighters|militants|"
            r"forces|personnel|members|police(?:men)?|officers|children|women|men|persons|"
            r"rebels|combatants|workers|gendarmes|auxiliaries|villagers|residents|passengers|"
            r"worshippers|pilgrims|guards|militiamen|jihadists|terrorists|insurgents|"
            r"protesters|demonstrators|students|miners|herders|farmers|fishermen|traders|"
            r"attackers|assailants|peacekeepers|volunteers|recruits|policemen|guerrillas|"
            r"guerillas|gunmen|bandits|extremists|dissidents|paramilitaries|"
            # a people ("80 Palestinians", "three Iraqis", "two Sudanese")
            r"[a-z]+(?:ians|ans|is|ese))")
#: Words that qualify a toll ("at least 12", "approximately 40", "as many as 30").
_ABOUT = (r"(?:at least|more than|over|some|about|around|nearly|almost|up to|approximately|"
          r"roughly|an estimated|as many as)?\s*")
#: Killings named by how the victims died ("five men were beaten to death").
_TO_DEATH = r"(?:beaten|bludgeoned|hacked|stoned|clubbed|stabbed|tortured) to death"
_FATALITY_PATTERNS = (
    # "at least eight soldiers, including a senior commander, were killed": a toll whose
    # victims are named between commas
    Caseless(_ABOUT + _NUM
             + r"\s+(?:[\w\-’']+\s+){0,2}?" + _VICTIMS
             + r"\s*,\s*(?:including|among them|mostly|most of them)\b[^,;]{1,80},\s*"
             r"(?:were|have been|had been|was|are)?\s*(?:killed|dead|died|slain)"),
    # "31 soldiers and three army auxiliaries were killed": both counts
    Caseless(_ABOUT + _NUM
             + r"\s+(?:[\w\-’']+\s+){0,3}?" + _VICTIMS + r"\s+and\s+" + _NUM
             + r"\s+(?:[\w\-’']+\s+){0,2}?" + _VICTIMS
             + r"\s+(?:were|have been|had been|was|are)?\s*(?:killed|dead|died|slain)"),
    Caseless(_ABOUT + _NUM
             + r"\s+(?:[\w\-’']+\s+){0,3}?" + _VICTIMS
             + r"\s+(?:[\w\-’']+\s+){0,3}?(?:were|have been|had been|was|are|being)?\s*"
             r"(?:killed|dead|died|neutrali[sz]ed|slain|" + _TO_DEATH + r")"),
    Caseless(r"(?:killed|killing|kills|neutrali[sz]ed|death of|deaths of|killed at least|"
             r"shot dead|shooting dead|gunned down)\s+"
             + _ABOUT + _NUM
             + r"\s+(?:[\w\-’']+\s+){0,3}?" + _VICTIMS),
    Caseless(r"(?:killed|killing|kills|shot dead)\s+(an?|one)\s+(?:[\w\-’']+\s+){0,2}?"
             + _ONE_VICTIM + r"\b"),
    Caseless(r"\b(an?|one)\s+(?:[\w\-’']+\s+){0,2}?" + _ONE_VICTIM
             + r"\s+(?:was|has been|had been)\s+(?:killed|shot dead|lynched|" + _TO_DEATH
             + r")"),
    # a toll with no noun, the victims named before ("Last month, 53 were killed when ...",
    # "opened fire on the crowd, killing five.")
    Caseless(r"(?:killed|killing|kills)\s+" + _ABOUT + _NUM + r"(?=\s*(?:[.,;]|and\b|$))"),
    Caseless(r"\b" + _ABOUT + _NUM
             + r"\s+(?:were|have been|had been)\s+(?:killed|shot dead|slain)"),
    # a toll of the dead and the wounded ("left nine dead and 15 wounded", "two dead, four
    # wounded")
    Caseless(r"\b" + _ABOUT + _NUM + r"\s+dead\s*(?:,|and)\s*(?:\d[\d,]*|[a-z]+)\s+(?:wounded|injured)"),
)
#: Words that every fatality pattern holds.
_DEATH_WORDS = Caseless(r"kill|dead|died|death|neutrali|slain|lynch")
_NAVAL_UNITS = (r"warships?|frigates?|destroyers?|cruisers?|corvettes?|submarines?|"
                r"landing ships?|vessels?|ships?|aircraft carriers?|carrier strike group|"
                r"navy|naval|fleet|flotilla|minesweepers?|patrol boats?|gunboats?")
_MOVE = (r"sail(?:s|ed|ing)?|sent|send(?:s|ing)?|deploy(?:s|ed|ing)?|head(?:s|ed|ing)|"
         r"transit(?:s|ed|ing)?|pass(?:es|ed|ing)?|cross(?:es|ed|ing)?|enter(?:s|ed|ing)?|"
         r"dispatch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|on (?:its|their) way|bound for|"
         r"(?:mak(?:e|es|ing)|made) (?:its|their) way|ordered to|"
         r"arriv(?:e|es|ed|ing)|redeploy(?:s|ed|ing)?|withdr(?:aw|ew|awn|awing|awals?)|"
         r"pull-?outs?|drawdown|"
         r"reinforc(?:e|es|ed|ing)|pull(?:s|ed|ing)? out|rolled|convoy|steam(?:s|ed|ing)?|"
         r"dock(?:s|ed|ing)?|return(?:s|ed|ing)?|walk(?:s|ed|ing)?|carry(?:ing)?|carried|"
         r"stream(?:s|ed|ing)|push(?:es|ed|ing)|advanc(?:e|es|ed|ing)|"
         r"take them|mass(?:es|ed|ing)|gather(?:s|ed|ing)?|reach(?:es|ed|ing)?|passage|"
         r"plow(?:s|ed|ing)?|plough(?:s|ed|ing)?|cruis(?:e|es|ed|ing)|flood(?:ed|ing)|"
         r"pour(?:s|ed|ing)|landed|(?:were|was|been|being)\s+flown|fl(?:ew|ying)\s+(?:in|into|to)")
_TROOPS = (r"troops?|soldiers|forces|reinforcements|convoys?|units?|battalions?|brigades?|"
           r"armou?red vehicles|tanks|military police|paratroopers|commandos|artillery units|"
           r"military equipment|armou?r|vehicles|armou?red personnel carriers|howitzers|"
           r"military trucks|supply trucks")
#: A fight reported by one side ("engaged RSF fighters", "repelled an assault on X"), a ship
#: or a place hit by a weapon ("had been hit by a missile") and weapons fired ("fired two
#: missiles at a tanker"): strikes in any sentence.
_FOUGHT = (
    r"engag(?:ed|es|ing)\s+(?:the\s+|an?\s+)?(?:[\w\-]+\s+){0,3}?(?:fighters|militants|"
    r"rebels|forces|troops|insurgents|gunmen|jihadists|terrorists|militia(?:s|men)?|"
    r"attackers|enemy|paramilitar(?:y|ies))|"
    r"(?:repel(?:led|s|ling)?|repuls(?:ed|es|ing)|fought\s+off|beat\s+back|thwart(?:ed|s)?)\s+"
    r"(?:an?\s+|the\s+|two\s+|three\s+|several\s+|multiple\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:attacks?|assaults?|offensives?|incursions?|advances?|raids?|attempts?)|"
    r"(?:hit\s+by|fir(?:ed|es|ing))\s+(?:an?\s+|two\s+|three\s+|several\s+)?"
    r"(?:[\w\-]+\s+){0,2}?(?:missiles?|"
    r"rockets?|drones?|projectiles?|shells?|mortars?|bombs?|torpedo(?:es)?|mines?|"
    r"explosives?|air ?strikes?|airstrikes?|gunfire|artillery)")
#: A target that "came under fire" or attack (not a minister "under fire over" a policy), and
#: shots fired: a strike told from the side hit.
_UNDER_FIRE = (r"(?:c[ao]me|was|were|been|being)\s+under\s+(?:heavy\s+|sustained\s+|intense\s+)?"
               r"(?:(?:rocket|mortar|artillery|sniper|drone|gun)\s*)?(?:fire|attack|shelling|"
               r"bombardment)(?!\s+(?:over|for|from\s+(?:critics|lawmakers|rights\s+groups|"
               r"the\s+opposition))\b)|shots\s+(?:were|was|had\s+been|have\s+been)\s+fired")
#: An attack the report only records ("an attack was reported in Mbengwi", "clashes were
#: recorded near X").
_REPORTED_ATTACK = (r"(?:attacks?|clash(?:es)?|ambush(?:es)?)\s+(?:was|were|"
                    r"has\s+been|have\s+been)\s+(?:reported|recorded|registered)")
#: An attack named by its weapon: "an overnight drone attack", "a rocket barrage".
_ARMED_ATTACK = (r"(?:drone|missile|rocket|artillery|mortar|suicide|grenade|air) "
                 r"(?:attacks?|raids?|barrages?)")
_STRIKE = Caseless(
    r"\b(" + _FOUGHT + r"|" + _ARMED_ATTACK + r"|air ?strikes?|airstrikes?|drone strikes?|"
    r"missile strikes?|strikes?|"
    r"struck|shelling|"
    r"shelled|artillery fire|drone fire|fire on|bombard\w*|bomb(?:ed|ing|ings)|attacks?|attacked|clash(?:es|ed)|"
    r"dropped (?:\w+ ){0,2}?(?:barrel )?bombs|"
    r"killed|killing|dead|died|deaths?|neutrali[sz]ed|wounded|injured|shot down|blown up|"
    r"blew up|"
    r"targeted|fire from|opened fire|ambush(?:ed)?|raid(?:s|ed)?|offensive|" + _UNDER_FIRE + r"|"
    + _REPORTED_ATTACK + r")\b")
_NAVAL = Caseless(r"\b(" + _NAVAL_UNITS + r")\b")
#: Words that make ships a navy's: only navies, warships, fleets and coast guards deploy.
_WARSHIPS = Caseless(
    r"\b(warships?|frigates?|destroyers?|cruisers?|corvettes?|submarines?|landing ships?|"
    r"aircraft carriers?|carrier strike group|navy|navies|naval|fleets?|flotillas?|"
    r"minesweepers?|patrol boats?|gunboats?|coast ?guards?|marines)\b")
#: Words that make ships merchant ones ("two commercial vessels passing through the Red Sea").
_MERCHANT = Caseless(
    r"\b(commercial|merchant|cargo|container|tankers?|bulk carriers?|freighters?|fishing|"
    r"civilian|passenger|shipping|mv)\b")
_MOVE_RE = Caseless(r"\b(" + _MOVE + r")\b")
#: A movement word that reports no movement: "carried out" an attack, a convoy that is an
#: attack's target ("a bomb detonated near a military convoy", "ambushed a convoy").
_NO_MOTION_AFTER = re.compile(r"\s+out\b")
_ATTACKED_BEFORE = re.compile(
    r"\b(on|near|at|against|targeting|targeted|hit|hitting|struck|striking|ambush(?:ed|ing)?|"
    r"attack(?:ed|ing)?|bomb(?:ed|ing)?)\s+(?:an?\s+|the\s+|their\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
#: What lands that is no unit: "a rocket landed near the troops", "shells landed in X".
_PROJECTILE_BEFORE = re.compile(r"\b(?:rockets?|missiles?|shells?|mortars?(?:\s+rounds?)?|"
                                r"rounds|projectiles?|bombs?|drones?|debris|grenades?)\s+"
                                r"(?:(?:had|have|has)\s+)?$", re.I)
_TROOPS_RE = Caseless(r"\b(" + _TROOPS + r")\b")
_CALL = Caseless(
    r"\b(phone call|by phone|by telephone|on the phone|telephone (?:call|conversation)|"
    r"phone conversation|in a call|phoned|(?:via|over) the (?:tele)?phone|via (?:tele)?phone|"
    r"called (?!on\b|for\b|it\b|the\b|a\b|an\b))")
_MEETING = Caseless(
    r"\b(meeting|met|meet|summit|talks|news conference|press conference|conferences?|consultations|"
    r"convened|session|negotiations|visit(?:ed|s)?|hosted|gathering)\b")
_DISPLACEMENT = Caseless(
    r"\b(refugees?|migrants?|asylum[- ]seekers?|displaced|displacement|exodus|immigrants?)\b")
#: Words after "refugee" that make it a body's name ("the UN refugee agency").
_BODY_AFTER = re.compile(r"\s+(?:agency|council|commission|commissioner|organi[sz]ation|"
                         r"affairs|office|ministry|law|status|policy)\b", re.I)
#: Words that report a strike outright (a bare "attack" or "deaths" does not; an attack named
#: by its weapon does: "after an overnight drone attack", "a rocket barrage").
_STRONG_STRIKE = Caseless(
    r"\b(" + _FOUGHT + r"|" + _ARMED_ATTACK + r"|air ?strikes?|airstrikes?|drone strikes?|"
    r"missile strikes?|struck|(?:strikes?|raids?)[\"”’']?\s+(?:hit|targeted|destroyed)|"
    r"shell(?:ing|ed)|bomb(?:ed|ing|ings|arded|ardment)|killed|attack(?:s|ed)? (?:on|against)|clashes|"
    r"attacked|stormed|overran|dropped (?:\w+ ){0,2}?(?:barrel )?bombs|"
    r"shot down|blown up|blew up|ambush(?:ed)?|raided|targeted|hit by|artillery fire|"
    r"drone fire|fire on|" + _UNDER_FIRE + r"|" + _REPORTED_ATTACK + r")\b")
#: People protesting: clashes with them are a riot, no battle.
_CROWD = Caseless(r"\b(protesters?|protestors?|demonstrators?|marchers?|rioters?)\b")
#: A government's protest ("lodged its strongest protest yet against Beijing", "a diplomatic
#: protest", "a protest note"): a note, not a crowd in the street.
_NOTE_OF_PROTEST = Caseless(r"\b(?:(?:lodg|fil|register|deliver|hand)(?:e|ed|es|ing)\s+(?:(?:a|an|its|"
                            r"their|his|her|the)\s+)?(?:[\w\-\"“”']+\s+){0,3}?protests?|"
                            r"diplomatic\s+protests?|protest\s+notes?)\b")
#: A strike word followed by a modal verb reports no strike ("drone attacks could resume").
_MODAL_AFTER = re.compile(r"\s+(?:could|would|may|might|will|can)\b", re.I)
#: Words that make a strike word part of an appeal, not a report ("stop the attacks").
_APPEAL = Caseless(r"\b(stop|halt|end|cease|urg\w*|call(?:s|ed)? on|call for|prevent|"
                   r"condemn\w*|avoid|threaten\w*|vow\w*|could|would|may|might)\b")
_SUBJECT_VERBS = re.compile(
    r"^(?:['’]s\b|\s+(?:says|said|sent|sends|has|had|is|was|blamed|denied|warned|vowed|"
    r"accused|called|calls|urged|told|claimed|announced|insisted|rejected|backs|backed|"
    r"wants|will|would|plans|demanded|threatened|[a-z]+ed|[a-z]{3,}s)\b)")
#: A name that starts a clause and says or denies: a capital that speaks for its
#: government ("fired water cannon at the boats, Manila said", "Moscow denied"), not a place
#: of what it reports. (In "officials in Kyiv said" no clause starts at Kyiv: where they
#: spoke, often where it happened.)
_SPEAKING_VERBS = ("said", "says", "told", "announced", "accused", "accuses", "warned",
                   "condemned", "condemns", "protested", "claimed", "claims", "denied", "denies",
                   "insisted", "responded")
_CITY_SPEAKS = re.compile(
    r"(?:^|,\s+|\b(?:and|but|while)\s+)([A-Z][a-z][\w\-]*(?:\s+[A-Z][a-z][\w\-]*)?)"
    r"(?=\s+(?:" + "|".join(_SPEAKING_VERBS) + r")\b)")
#: The name of an armed body or a party made of capitalised words that end in what it is
#: ("the Turkistan Islamic Party", "the Free Kurdistan Army", "the Ohio National Guard", "the
#: Black Sea navy"): a
#: place inside it is the body's name, not where its events happened.
_BODY_NAME = re.compile(
    r"\b(?:[A-Z][\w’'-]*\s+){1,4}(?:Party|Army|Front|Movement|Forces|Brigades?|Battalions?|"
    r"Regiments?|Corps|Militias?|Alliance|Coalition|Guards?|"
    # a fleet named by its sea, in capitals or not ("Russia's Black Sea navy")
    r"[Nn]avy|[Ff]leet|[Ff]lotilla)\b")
#: An earlier event the sentence dates its own by ("launched strikes ... two weeks after a
#: deadly attack in Pahalgam, Kashmir", "following last month's bombing in Kidal"): the
#: names after it (group ``names``) are that event's places, not this one's.
_EARLIER_EVENT = re.compile(
    r"\b(?:(?:days?|weeks?|months?|years?|hours?)\s+(?:after|since)\s+(?:an?|the)|"
    r"(?:after|following|since)\s+(?:last\s+(?:week|month|year)['’]s|(?:an?|the)\s+"
    r"(?:earlier|previous|similar)))\s+(?:[\w\-]+\s+){0,3}?(?:attacks?|bombings?|"
    r"massacres?|ambush(?:es)?|assaults?|raids?|blasts?|explosions?|killings?|strikes?|"
    r"shootings?)\s+(?:in|on|at|near)\s+(?:the\s+)?"
    r"(?P<names>[A-Z][\w’'\-]*(?:(?:\s+|,\s+|\s+and\s+)(?:the\s+)?[A-Z][\w’'\-]*)*)")
#: The ends of a cable or pipeline that the sentence describes ("a cable running from Helsinki
#: to Tallinn", "the pipeline linking Russia and Germany"): where the line runs, not where
#: its event happened (group ``names``). (An attack "on the road between X and Y" is placed
#: at its towns.)
_LINE_ENDS = re.compile(
    r"\b(?:cables?|pipelines?|power\s+lines?|interconnectors?)\s+(?:that\s+(?:runs?|links?|"
    r"connects?)\s+|running\s+|linking\s+|connecting\s+|between\s+)(?:from\s+)?"
    r"(?P<names>[A-Z][\w’'\-]*(?:(?:\s+|,\s+|\s+(?:and|to|with)\s+|\s+(?:capital|city|"
    r"port)\s+)(?:the\s+)?[A-Z][\w’'\-]*)*)")
#: A country that blames, accuses or denies: it speaks of what others did, unless it names
#: itself ("denied it", "accused its neighbour"). ("Turkey says 309 soldiers were killed in
#: retaliation" is Turkey's own strike, so plain reporting verbs do not count.)
_SPEAKS_OF_OTHERS = re.compile(
    r"\s+(?:blamed|blames|denied|denies|accused|accuses|condemned|condemns)\b"
    r"(?!\s+(?:that\s+)?(?:it|its|they|their|we|our)\b)", re.I)
#: A demonym in this frame names the target ("struck Syrian army positions").
_TARGET_BEFORE = re.compile(
    r"\b(against|on|at|targeting|targeted|down|hit|struck|bombed|shelled|attacked|killed)"
    r"\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+|\d+\s+)?$", re.I)
#: "port of X", "the island of X": the preposition before the frame gives X's role.
_OF_FRAME = re.compile(
    r"\b(from|to|into|towards?|through|via|in|at|near|off|around|across|over|on)\s+"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+|a\s+|an\s+)?(?:[\w’'\-]+\s+){0,3}?"
    r"(?:port|city|town|village|province|region|island|area|coast|outskirts|countryside|"
    r"governorate|district|suburbs?|capital|border|crossing|gate|base|enclave|exclave|"
    r"territory|state|county|camp|municipality|commune)\s+of\s+(?:the\s+)?$",
    re.I)
#: "from the capital X", "to the port city X": the preposition before the noun gives X's role.
_APPOSED = re.compile(
    r"\b(?i:(from|to|into|towards?|through|via|in|at|near|off))\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w’'\-]+\s+){0,2}?(?:capital|port|city|town|village|province|region|island)\s+$")
_AREA_OF = re.compile(
    r"\b(?:area|outskirts|countryside|suburbs?|town|city|village|north|south|east|west|"
    r"northeast|northwest|southeast|southwest|centre|center|heart|edge|parts?)\s+of\s+"
    r"(?:the\s+)?(?:northern\s+|southern\s+|eastern\s+|western\s+|central\s+)?$", re.I)
_OUT_OF = re.compile(r"\bout\s+of\s+(?:the\s+)?$", re.I)
_POSSESSOR = re.compile(r"\b(\w+)\s+(?:the\s+)?[\w\-]+['’]s\s+(?:(?:north|south)(?:-?(?:east|west))?"
                        r"(?:ern)?\s+|(?:east|west)(?:ern)?\s+|central\s+)?"
                        r"(?:(?:al|el|ad|an|ar|as|ash|at|az)\s+)?$", re.I)
#: Words after a place that make it a meeting's venue ("Sochi summit", "Doha hosted talks").
_VENUE_AFTER = re.compile(r"\s*(?:(?:news|press)\s+conference|summit|meeting|talks|hosted|hosts|"
                          r"is\s+hosting|will\s+host)", re.I)
#: A bearing from a place that locates the place named just before it ("Ryazan, southeast of
#: Moscow"; with a distance it is a point of its own, see :mod:`geo.events.places`).
_COMPASS_POINTS = (r"(?:north|south|east|west|north-?east|north-?west|south-?east|"
                   r"south-?west)")
_BEARING_OF = re.compile(r",\s+(?:just\s+|due\s+)?" + _COMPASS_POINTS + r"\s+of\s+(?:the\s+)?$",
                         re.I)
#: What a protest is against, up to a place that is not where it is ("against the bombing
#: on Yugoslavia", "over China's attempts"; "against the war, in London" is where it is).
#: What talks are about, right before a place: "to discuss the situation in X", "talks on
#: the war in X", "about the crisis in X", "the future of X".
_TALKS_TOPIC = re.compile(
    r"\b(?:discuss\w*|talks?\s+(?:on|about|over)|about|on|over|regarding|concerning)\s+"
    r"(?:the\s+)?(?:[\w\-]+\s+){0,2}?(?:situation|war|conflict|crisis|fighting|violence|"
    r"ceasefire|truce|future|reconstruction|humanitarian\s+situation)\s+(?:in|of|over|on)\s+"
    r"(?:the\s+)?$|\bdiscuss\w*\s+(?:the\s+)?$", re.I)
_AGAINST = r"(?:against|over|condemning|denouncing|opposing)"
_PROTESTED_OBJECT = re.compile(
    r"\b" + _AGAINST + r"\b[^,;.]*?\b(?:on|of|to|into|by|from|with)\s+(?:the\s+)?"
    r"(?:[\w\-]+\s+){0,2}?$|\b" + _AGAINST + r"\s+(?:the\s+)?$", re.I)
#: A strike a protest is against ("protested against the bombing of Yugoslavia"): the protest
#: is the sentence's event.
_PROTESTED_STRIKE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|march\w*)\b[^.;]*?\b" + _AGAINST
    + r"\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?$", re.I)
#: A clause that only times what the sentence reports ("when security forces arrived",
#: "as troops moved in"): the words before its verb.
_TIME_CLAUSE_BEFORE = re.compile(r"\b(?:when|as|after|before|until|while|once)\s+"
                                 r"(?:[\w\-]+\s+){0,4}$", re.I)
#: Words of an arrival (at or just after a movement's trigger: "security forces arrived").
_ARRIVAL = re.compile(r"\b(?:arriv\w*|reach\w*|rushed|came)\b", re.I)
#: A bearing right before a place, with no article ("an area north of Beirut"; "in the north
#: of Syria" is a part of Syria): the place locates another one.
_BEARING_BEFORE = re.compile(r"\b" + _COMPASS_POINTS + r"\s+of\s+$", re.I)
#: A dateline ("ANKARA, Feb 28 —") dates the report, not the event.
_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .'\-]+,(?:\s+[A-Z][\w.]+,)?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
                       r"(?:,\s+\d{4})?(?:\s*\([^()]{1,30}\))?\s*(?:[—–]|-{1,2})"
                       # a city in capitals and a colon or a dash: "BANGKOK:", "KABUL —"; with
                       # its country and agency: "DA NANG, Vietnam --", "GOMA, Congo (AP) -"
                       r"|^[A-ZÀ-Þ][A-ZÀ-Þ'\-]+(?:\s[A-ZÀ-Þ][A-ZÀ-Þ'\-]+)?"
                       # (a country of several words, "BENI, Democratic Republic of Congo
                       # (Reuters) -More", the agency's dash sometimes glued to the story)
                       r"(?:,\s+[A-Z][\w.]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w.]+){0,3})?"
                       r"(?:\s*\([^()]{1,30}\))?"
                       r"\s*(?::\s|[—–]\s|\s-{1,2}(?:\s|(?=[A-Z])))")
#: A dateline standing as a line of its own ("KIGALI, Rwanda"): where the report was written.
_DATELINE_ALONE = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ'\-]{2,}(?:\s[A-ZÀ-Þ][A-ZÀ-Þ'\-]+)?"
                             r"(?:,\s+[A-Z][\w.]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w.]+){0,3})?")

#: Weekdays and months, capitalised but no places ("on Sunday", "in March").
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December)")
_DAY_OR_MONTH = f"(?:{_WEEKDAY}|{_MONTH})"
#: Names of a source's home or of where it spoke, not of where the event happened: "a Djibo
#: resident", "a resident of Djibo", "a Djibo native", "a Mopti-based official", "told
#: Reuters in Bamako" (not "told Putin in Moscow": a meeting's venue).
_NAME = r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}?)"
_ATTRIBUTED = (
    re.compile(_NAME + r"(?:-based\b|\s+(?:resident|native)\b(?!s))"),
    re.compile(r"\b(?:resident|native)\s+of\s+(?:the\s+)?" + _NAME + r"(?![\w’'\-])"),
    re.compile(r"\b(?:told|telling)\s+(?:Reuters|AFP|AP|the\s+Associated\s+Press|Xinhua|Interfax|"
               r"TASS|Tass|Anadolu|Bloomberg|the\s+BBC|BBC|CNN|Al\s+Jazeera|reporters|journalists)"
               r"\s+(?:in|from)\s+" + _NAME + r"(?![\w’'\-])"),
    # where a source spoke: "told a press briefing in Geneva", "told reporters in Kabul",
    # "said at a press briefing at the Palais des Nations in Geneva"
    re.compile(r"\b(?:(?:told|telling|briefed)\s+|(?:said|says|speaking|spoke)\s+(?:at|during)\s+)"
               r"(?:a\s+|the\s+)?(?:press\s+briefing|briefing|news\s+conference|"
               r"press\s+conference|reporters|journalists)(?:\s+at\s+(?:the\s+)?[A-Z][^,.;]{0,40}?)?"
               r"\s+(?:in|at)\s+(?:the\s+)?" + _NAME + r"(?![\w’'\-])"),
    # who reacted: "drawing protest from China", "condemnation from Ankara"
    re.compile(r"\b(?:protests?|criticism|condemnation|rebuke|reactions?|responses?|warnings?|"
               r"objections?|anger|backlash|praise)\s+from\s+(?:the\s+)?" + _NAME
               + r"(?![\w’'\-])"),
)
#: Where a source spoke, fronted, when what it said names a place of its own: "In Moscow, the
#: defence ministry said drones were downed over the Belgorod region" ("In Idlib, activists
#: said 20 people were killed" keeps Idlib: nothing else says where).
_FRONTED_SPEECH = re.compile(
    r"^\s*(?:(?:Meanwhile|Earlier|Later|Separately|Elsewhere),\s+)?[Ii]n\s+" + _NAME
    + r",\s+(?:the\s+|a\s+|an\s+|its\s+)?[\w’'\- ]{1,50}?\s+(?:said|says|announced|"
    r"reported|claimed|stated|confirmed)\b(?=[^.;]*\b(?:in|over|near|at|on|off|to|into|"
    r"from)\s+(?:the\s+)?(?!" + _DAY_OR_MONTH + r"\b)[A-Z])")
#: A national capital named by its country's people or name, no name after it: "in the
#: Sudanese capital", "toward Ukraine's capital" (not "the Sudanese capital Khartoum", nor "the
#: capital, Khartoum").
_CAPITAL_NAMED = re.compile(
    r"(?:\b(?P<cue>[A-Za-z]+)\s+)?(?P<phrase>(?:the\s+)?(?:(?P<country>[A-Z][\w\-]+"
    r"(?:\s+[A-Z][\w\-]+)?)(?:['’]s)?|(?<=the\s)(?:country['’]s\s+)?)\s*capital)\b"
    r"(?!\s*,?\s*(?:city\s+of\s+)?[A-Z])")
#: A toll summed over a span of time: "since the war began", "since April 2023", "over the
#: past year", "so far this year", "to date", "in total".
_CUMULATIVE = re.compile(
    r"\b(?:(?i:since)\s+(?:the\s+(?:war|conflict|fighting|start|beginning|outbreak|uprising|"
    r"invasion|offensive|insurgency|rebellion|crisis)\b|(?:early|late|mid-?)?\s*(?:"
    + _MONTH + r"|\d{4})\b)|over\s+the\s+(?:past|last)\s+"
    r"(?:\w+\s+)?(?:days|weeks|months|years?|decades?)\b|so\s+far\s+this\s+(?:year|month)|"
    r"to\s+date\b|in\s+total\b)")
#: A day told in the sentence ("on Monday", "on March 3", "overnight", "yesterday").
_A_DAY = re.compile(
    r"\b" + _WEEKDAY + r"\b|\b(?:yesterday|today|overnight|tonight|this\s+morning|"
    r"last\s+night)\b|\b" + _MONTH + r"\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTH + r"\b")
#: Words before a meeting's venue however far from its trigger: "which was held earlier in
#: the day in Swiss Lausanne", "a meeting set for Kazakhstan's capital, Astana".
_HELD_IN = re.compile(
    r"\b(?:(?:held|hosted|took\s+place|convened|met|talks|meeting|summit)\b[^.;:]{0,40}?"
    r"\b(?:in|at)|(?:set|scheduled|planned)\s+for|due\s+in)\s+(?:the\s+)?"
    r"(?:[A-Z][\w\-]+(?:['’]s)?\s+)?(?:capital,?\s+)?$")
#: An official arrested or detained ("arrested a former minister", "the governor was
#: detained"): reported with the country alone more often than with a place.
_OFFICIAL_HELD = re.compile(
    r"\b(?:arrest\w*|detain\w*|(?:taken|held)\s+(?:in)?to\s+custody)\b[^.;]*?\b(?:ministers?|"
    r"governors?|mayors?|officials?|lawmakers?|legislators?|senators?|MPs?|judges?|generals?|"
    r"commanders?|president|chiefs?|ambassadors?|diplomats?|leaders?|opposition\s+figures?)\b"
    r"|\b(?:ministers?|governors?|mayors?|officials?|lawmakers?|legislators?|senators?|MPs?|"
    r"judges?|generals?|commanders?|president|chiefs?|ambassadors?|diplomats?|leaders?)\b"
    r"[^.;]*?\b(?:was|were|has\s+been|have\s+been|had\s+been|being)\s+(?:\w+\s+)?"
    r"(?:arrested|detained)\b")
#: A sentence that opens on the day of the one before: "Hours earlier, ...", "Later that
#: day, ...", "The same day, ...", "Minutes later, ...".
_SAME_DAY_OPENER = re.compile(
    r"^\W*(?:(?:hours|minutes|moments)\s+(?:earlier|later|before|after)|"
    r"(?:earlier|later)\s+(?:that|the\s+same|in\s+the)\s+(?:day|morning|afternoon|evening|night)|"
    r"(?:on\s+)?the\s+same\s+day|that\s+(?:same\s+)?(?:day|night|evening))\b", re.I)
#: Travel to a place right before it: where a delegation or envoy went is where its talks are
#: held ("a delegation arrived in Cairo for ceasefire talks", "the envoy flew to Muscat to
#: meet", "Kyiv sent negotiators to Istanbul for talks"); the meeting word comes after the
#: place, so :data:`_VENUE_CUES` alone misses it.
_TRAVELLED_TO = re.compile(
    r"\b(?:arriv(?:e|es|ed|ing)|landed|fl(?:ew|ies|y|ying)|travel(?:l?ed|l?ing|s)?|"
    r"head(?:ed|ing|s)|went|came|sen[dt](?:s|ing)?|dispatch(?:ed|es|ing))\b[^.;:]{0,40}?"
    r"\b(?:in|at|to)\s+(?:the\s+)?(?:(?:[A-Z][\w\-]+(?:['’]s)?\s+)?capital,?\s+)?$")
#: Words one of which each of :data:`_ATTRIBUTED` needs (a cheap look first).
_ATTRIBUTION_WORDS = ("resident", "native", "-based", "told", "telling", "briefed", "briefing",
                      "conference", "protest",
                      "criticism", "condemnation", "rebuke", "reaction", "response", "warning",
                      "objection", "anger", "backlash", "praise")
#: Words before a date that make it the day of a report ("said on Monday", "told AFP Monday").
_REPORTED = re.compile(r"\b(?:said|says|told(?:\s+[A-Z]\w*|\s+reporters|\s+journalists)?|"
                       r"announced|reported|confirmed|added)\s+(?:on\s+)?$")
#: What ends a clause between a trigger and a year after it.
_CLAUSE_BREAK = re.compile(r"[,;:()—]|\b(?:that|which|who|whom|whose|where|when|while)\b", re.I)
#: Actor kinds that move troops and ships, and that fight.
_AK = ActorKind
_MOVER_KINDS = frozenset({_AK.FLEET, _AK.ARMED_FORCES, _AK.MINISTRY, _AK.LEADER, _AK.GOVERNMENT})
_COMBATANT_KINDS = frozenset({_AK.ARMED_FORCES, _AK.ARMED_GROUP, _AK.GOVERNMENT, _AK.MINISTRY,
                              _AK.FLEET})
#: Actor kinds of a state's forces: ground they take is a government's (ACLED: "Government
#: regains territory", for any state's forces), not a non-state actor's.
_STATE_KINDS = frozenset({_AK.ARMED_FORCES, _AK.GOVERNMENT, _AK.MINISTRY, _AK.FLEET})
_TAKEN = CLASSES[EventKind.TERRITORY_TAKEN]
_REGAINED = CLASSES[EventKind.TERRITORY_REGAINED]
#: Actor kinds that make a meeting diplomatic.
_DIPLOMATIC_KINDS = frozenset({_AK.LEADER, _AK.MINISTER, _AK.OFFICIAL, _AK.MINISTRY,
                               _AK.GOVERNMENT, _AK.ALLIANCE, _AK.ORGANISATION})
#: Actor kinds of people who travel to talks.
_PERSON_KINDS = frozenset({_AK.LEADER, _AK.MINISTER, _AK.OFFICIAL})
#: Actor kinds that hold a call besides people.
_CALLING_KINDS = frozenset({_AK.ALLIANCE, _AK.ORGANISATION, _AK.MINISTRY, _AK.GOVERNMENT})
#: Word before a mention -> role, by layer family.
MOVEMENT_ROLES = {
    "from": Role.ORIGIN, "via": Role.VIA, "through": Role.VIA, "across": Role.VIA,
    "past": Role.VIA, "to": Role.DESTINATION, "towards": Role.DESTINATION,
    "toward": Role.DESTINATION, "into": Role.DESTINATION, "for": Role.DESTINATION,
    "off": Role.DESTINATION, "reach": Role.DESTINATION, "reached": Role.DESTINATION,
    "entered": Role.DESTINATION, "in": Role.LOCATION, "at": Role.LOCATION,
    "near": Role.LOCATION, "inside": Role.LOCATION, "outside": Role.LOCATION,
    "around": Role.LOCATION, "within": Role.LOCATION, "leaving": Role.ORIGIN,
    "left": Role.ORIGIN,
}
#: Words before "in" or "at" and a place that make it where a movement ended ("arrived in
#: the port of Souda Bay", "docked at Tartus").
_ARRIVED = re.compile(r"\b(?:arriv(?:e|es|ed|ing)|dock(?:s|ed|ing)?|landed|berthed|anchored|"
                      r"put\s+in)\b[^.;:]{0,20}?\b(?:in|at)\s+(?:the\s+)?(?:(?:[\w\-]+\s+){0,2}?"
                      r"(?:naval\s+)?(?:port|harbou?r|town|city|village|base)\s+(?:city\s+)?of\s+"
                      # "landed in the Lithuanian capital Vilnius", "the Baltic state's capital"
                      r"|(?:[\w’'\-]+\s+){0,3}?capital,?\s+)?$",
                      re.I)
#: Where units left: "pulled out of their base in Kidal", "withdrew from positions near X",
#: "vacated the camp at X" (the place the geoparser cues with "in" is the origin).
_LEFT_FROM = re.compile(
    r"\b(?:pull(?:ed|ing|s)?\s+out\s+of|withdr[ae]w(?:n|ing|s)?\s+from|left|leaving|vacated|"
    r"abandoned|evacuated)\s+(?:the\s+|their\s+|its\s+)?(?:[\w\-]+\s+){0,2}?(?:bases?|camps?|"
    r"positions?|barracks|posts?|outposts?)\s+(?:in|at|near)\s+(?:the\s+)?$", re.I)
#: A word for a country after a sea or region that describes it: "the Baltic state",
#: "the Gulf nation's capital", "the Horn of Africa country".
_COUNTRY_WORD_AFTER = re.compile(r"\s+(?:states?|nations?|countr(?:y|ies)|kingdoms?|"
                                 r"emirates?|monarch(?:y|ies))(?:['’]s?)?(?!\w)")
#: A sea or country named before "port of" only says where the port lies ("docked at the Baltic
#: Sea port of Klaipeda", "the Black Sea port city of Novorossiysk"): the port is the place.
_PORT_OF_AFTER = re.compile(r"\s+(?:naval\s+)?(?:port|harbou?r)(?:\s+(?:city|town))?\s+of\s+[A-Z]")
#: A verb right before a place that passes through it (the geoparser gives no cue).
_PASSING = re.compile(r"\b(?:transit(?:s|ed|ing)?|pass(?:es|ed|ing)|cross(?:es|ed|ing))\s+"
                      r"(?:the\s+)?$", re.I)
#: A passage named by its noun: "a transit of the Taiwan Strait", "the passage of the
#: Bosphorus", "its crossing of the Kerch Strait" (the place is passed through).
_TRANSIT_OF = re.compile(r"\b(?:transits?|passages?|crossings?)\s+of\s+(?:the\s+)?$", re.I)
#: "after completing drills off X", "after a port call in X": where the movement comes from.
_AFTER_STAY = re.compile(
    r"\bafter\s+(?:[\w\-]+\s+){0,4}?(?:drills|exercises|manoeuvres|maneuvers|war\s+games|"
    r"patrols?|deployments?|missions?|port\s+calls?|visits?|stops?|stay|operations|training)"
    r"\s+(?:[\w\-]+\s+){0,4}?$", re.I)
#: Water bodies that, entered on the way to a further destination, are passed through.
_WATERS = frozenset({Feature.SEA, Feature.GULF, Feature.STRAIT, Feature.CANAL})
_ENTERED = re.compile(r"\b(?:enter(?:s|ed|ing)?|into)\s+(?:the\s+)?$", re.I)
#: A demonym in this frame names the victims ("an attack on Turkish troops").
_VICTIM_CONTEXT = re.compile(
    r"\b(on|against|killed|of|at least \d+)\s+\w+\s+(troops|soldiers|servicemen|forces|"
    r"positions|posts|convoy|observation)", re.I)
#: Words after a demonym that make it an armed actor ("Syrian forces", "Russian jets").
_ARMED_AFTER = re.compile(
    r"(?:\s*(?:,|and)\s+[A-Z][\w\-]+)*"
    r"\s+(?:government\s+|military\s+|army\s+|air\s+)?(forces|troops|army|military|jets|"
    r"warplanes|aircraft|artillery|drones|government|regime|soldiers|navy|air force|"
    r"coast\s*guard)\b", re.I)
#: Words after a demonym that make it the owner of moving units ("Turkish convoy").
_UNIT_AFTER = re.compile(
    r"\s+(?:[\w\-]+\s+){0,2}?(convoys?|columns?|warships?|ships?|frigates?|vessels?|fleet|"
    r"reinforcements|vehicles|armou?r|tanks|units?|police)\b", re.I)
#: A sentence that goes on about units named before ("The column passed ...").
_ANAPHOR = re.compile(r"^\W*(?:The|It|They|These|Its|Their|She|He)\b")
#: "Thursday's attack": the day a document gives its attack.
_ATTACK_DAY = Caseless(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)['’]s\s+"
    r"(attack|strike|air ?strike|clashes|assault|shelling|bombing)")
#: Words before a place that put a strike there.
_STRIKE_CUES = frozenset({"in", "on", "near", "at", "inside", "outside", "around", "across",
                          "over", "within", "into", "of", "off", "against", "toward", "towards",
                          "bombed", "shelled",
                          "struck", "hit", "pounded", "attacked", "targeted", "raided", "along",
                          "stormed", "overran", "bombarded", "besieged", "recaptured", "retook",
                          "liberated"})
#: A word before a place that the geoparser gives no cue for, that makes it a target.
_ON_TARGET = re.compile(r"\b(on|against)\s+(?:the\s+)?$", re.I)
_VENUE_CUES = frozenset({"in", "at", "visited", "toured", "visit"})
#: Words before a place where an event happened, whatever its kind.
_AT_CUES = frozenset({"in", "at", "near", "outside", "inside"})
_SEAT_FEATURES = frozenset({FeatureClass.CITY, FeatureClass.PORT, FeatureClass.BASE,
                            FeatureClass.SEAT})
#: Place features that a ship may sail to or through.
SEA_FEATURES = frozenset({
    FeatureClass.SEA, FeatureClass.GULF, FeatureClass.STRAIT, FeatureClass.CANAL,
    FeatureClass.COAST, FeatureClass.PORT, FeatureClass.CITY, FeatureClass.BASE,
    FeatureClass.COUNTRY, FeatureClass.ISLAND, FeatureClass.ADMIN1, FeatureClass.REGION})


@dataclass(frozen=True, slots=True)
class _Trigger:
    layer: Layer
    kind: EventKind
    event_type: str
    sub_event_type: str
    cameo: str
    position: int
    plover: str = ""
    word: str = ""


#: PLOVER event type of the rules' events, by layer and kind.
_RULE_PLOVER: dict[str, str] = {
    Layer.STRIKE: Plover.ASSAULT.value, Layer.TROOP_MOVEMENT: Plover.MOBILIZE.value,
    Layer.NAVAL_DEPLOYMENT: Plover.MOBILIZE.value, Layer.DIPLOMACY: Plover.CONSULT.value,
    Layer.DISPLACEMENT: Plover.OTHER.value,
}
#: Words between a place and the region named after it ("X area of Y", "X, in Y").
_FRAME = re.compile(r"^(?:\s+area|\s+district|\s+region)?\s*(?:,\s*)?(?:of|in)\s+"
                    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural)\s+)?$",
                    re.I)
#: ``Event.kind`` of learned events by layer: reports of one happening merge only when their
#: kinds agree, so the finer class stays in ``sub_event_type`` (diplomacy keeps "meeting" and
#: "agreement" apart).
_LAYER_KINDS: dict[Layer, EventKind] = {
    Layer.STRIKE: EventKind.STRIKE, Layer.PROTEST: EventKind.PROTEST,
    Layer.TROOP_MOVEMENT: EventKind.DEPLOYMENT, Layer.NAVAL_DEPLOYMENT: EventKind.DEPLOYMENT,
    Layer.DISPLACEMENT: EventKind.DISPLACEMENT,
}
#: Layers whose ACLED labels the learned stage gives even when a rule found the event too.
_LEARNED_LABELS = frozenset({Layer.STRIKE, Layer.PROTEST})


def _learned_trigger(found: LearnedEvent, rule: _Trigger | None) -> _Trigger:
    """The trigger of an event the learned stage found (with the rule's, when a rule found
    the event too)."""
    c = found.event_class
    position = found.trigger.start - found.sentence.start
    if rule is None:
        return _Trigger(c.layer, _LAYER_KINDS.get(c.layer, c.kind), c.event_type.value,
                        c.sub_event_type, c.cameo, position, c.plover.value, found.trigger.text)
    if c.kind == EventKind.ARMED_CLASH and rule.event_type == _REMOTE_VIOLENCE:
        # "an Israeli strike ... had killed 21 people": the rule read the weapon, the learned
        # stage only the deaths
        return replace(rule, plover=rule.plover or c.plover.value, word=found.trigger.text)
    if c.layer in _LEARNED_LABELS:
        return replace(rule, event_type=c.event_type.value,
                       sub_event_type=c.sub_event_type, cameo=c.cameo or rule.cameo,
                       plover=c.plover.value, word=found.trigger.text)
    if c.kind in _SPECIFIC_MOVES:
        # the rules say only that troops moved; the learned stage what for ("handed over
        # their base ... as part of an eventual withdrawal": a transfer of territory)
        return replace(rule, event_type=c.event_type.value, sub_event_type=c.sub_event_type,
                       cameo=c.cameo or rule.cameo, plover=c.plover.value,
                       word=found.trigger.text)
    return replace(rule, plover=rule.plover or c.plover.value, word=found.trigger.text)


#: Learned classes of protests that kill or fight: the deaths a strike rule reads in their
#: sentence are theirs.
_VIOLENT_PROTESTS = frozenset({EventKind.RIOT, EventKind.EXCESSIVE_FORCE})
#: ACLED's event type of strikes from afar, which the rules tell by the weapon.
_REMOTE_VIOLENCE = "Explosions/Remote violence"
#: Learned classes of the movement layers more specific than the rules' "Troop movement".
_SPECIFIC_MOVES = frozenset({EventKind.TERRITORY_TRANSFER, EventKind.BASE})


def _on_civilians(trig: _Trigger, text: str) -> _Trigger:
    """An armed clash whose sentence names only civilians as victims ("militants attacked
    the village, killing nine civilians"), or an armed group's raid on a village that kills,
    executes or kidnaps its people ("armed men stormed the village and executed five
    people"), is an attack on civilians (an abduction when people were kidnapped): no fight
    took place."""
    if trig.layer != Layer.STRIKE or trig.sub_event_type != "Armed clash" \
            or _COMBATANTS_HIT.search(text):
        return trig
    if _VILLAGE_RAIDED.search(text) and _PEOPLE_HIT.search(text):
        kind = EventKind.ABDUCTION if _KIDNAPPED.search(text) else EventKind.ATTACK
    elif _CIVILIANS_HIT.search(text):
        kind = EventKind.ATTACK
    else:
        return trig
    attack = CLASSES[kind]
    return replace(trig, event_type=attack.event_type.value, sub_event_type=attack.sub_event_type,
                   cameo=attack.cameo)


def _raids(learned: list[LearnedEvent], text: str) -> list[LearnedEvent]:
    """The learned events of a sentence in which an armed group entered a village and
    killed or kidnapped its people ("an armed group entered a village in X and kidnapped
    four people"): the entry is the attack, not a troop movement (its places are where the
    attack happened), unless the sentence holds a strike already."""
    if any(f.layer == Layer.STRIKE for f in learned):
        return [f for f in learned if f.layer != Layer.TROOP_MOVEMENT]
    attack = CLASSES[EventKind.ABDUCTION if _KIDNAPPED.search(text) else EventKind.ATTACK]
    return [replace(f, event_class=attack, links=tuple(
        replace(link, role=Role.LOCATION) for link in f.links))
        if f.layer == Layer.TROOP_MOVEMENT else f for f in learned]


def _number(word: str) -> int | None:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    tens, _, unit = w.replace("-", " ").partition(" ")
    if unit and tens in _TENS and unit in _UNITS:
        return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]  # "forty-six"
    return _NUMBER_WORDS.get(w)


@lru_cache(maxsize=16)
def fatalities_in(text: str) -> tuple[int | None, tuple[int, int] | None]:
    """Deaths reported in a sentence ("at least 33 Turkish soldiers were killed") and the span
    (cached: a sentence's triggers, places and actors all ask)."""
    if not _DEATH_WORDS.search(text):
        return None, None  # a cheap look first: the patterns are slow on long sentences
    for pattern in _FATALITY_PATTERNS:
        m = pattern.search(text)
        if m:
            counts = [_number(g) for g in m.groups() if g]
            total = sum(c for c in counts if c is not None) if any(
                c is not None for c in counts) else None
            return total, (m.start(), m.end())
    return None, None


def count_in(text: str, unit_pattern: str) -> int | None:
    """Units counted before a noun ("two warships" -> 2)."""
    m = re.search(r"\b" + _NUM + r"\s+(?:[\w\-]+\s+){0,2}?(?:" + unit_pattern + r")\b", text, re.I)
    return _number(m.group(1)) if m else None


#: Words that make a sentence about armed violence (a "strike" needs one: "killed in a
#: traffic accident" and "tragedy struck" are not strikes).
#: A strike named by its side ("an Israeli strike", "a Russian air strike"): an armed one.
_SIDES_STRIKE = re.compile(r"\b[A-Z][a-z]+(?:i|n|ian|ese|ish)\s+(?:(?:enemy|air|drone|missile)\s+)?"
                           r"strikes?\b")
#: Words of a strike by workers ("a Nigerian strike by oil workers"), not an attack.
_LABOUR = re.compile(r"\b(?:workers|unions?|labou?r|dockers|employees|staff|teachers|doctors|"
                     r"nurses|drivers|wages?|pay|general strike|hunger strike|walkout)\b", re.I)
_ARMED = Caseless(
    r"\b(military|troops|soldiers|forces|army|armed|rebels?|militants?|insurgents?|jihadists?|"
    r"fighters|junta|militias?|militiamen|paramilitar\w*|bandits|shootouts?|gunfights?|"
    r"firefights?|gun ?battles?|air ?strikes?|airstrikes?|"
    r"air raids?|drones?|missiles?|rockets?|projectiles?|bomb(?:s|ing|ings|ed|ers?)?|"
    r"land\s*mines?|ieds?|"
    + _TO_DEATH + r"|"
    r"shell(?:s|ed|ing)|artillery|gunmen|gunfire|shot down|ambush\w*|explosi\w+|warplanes?|"
    r"jets?|helicopters?|regime|offensive|frontline|tanks?|mortars?|clash(?:es|ed)|"
    r"terrorists?|servicemen|navy|naval|battle\w*|combat|war|enemy|" + _UNDER_FIRE + r"|"
    + _REPORTED_ATTACK + r"|(?:strikes?|raids?)"
    r"[\"”’']?\s+(?:hit|struck|targeted|destroyed))\b")
#: Words that make a meeting diplomatic, when no leader or ministry of the actor table is named.
_DIPLOMATIC = Caseless(
    r"\b(summit|talks|negotiat\w+|ministers?|ministry|diplomat\w*|envoys?|ambassadors?|"
    r"delegations?|president|prime minister|foreign|secretary[- ]general|ceasefire|truce|"
    r"peace|alliance|nato|un|united nations|security council|european union|eu|consultations|"
    r"leaders?|heads? of state|government)\b")
#: People on the move in a displacement report.
_DISPLACED = Caseless(
    r"\b(refugees?|migrants?|asylum[- ]seekers?|displaced|evacuees|immigrants?|"
    r"civilians|families|residents|thousands|hundreds|people)\b")
#: People in a sentence that goes on a displacement report ("Many walked to the border").
_PEOPLE_MOVING = re.compile(
    r"\b(many|thousands|hundreds|families|groups|people|crowds?|refugees|migrants|they|"
    r"men|women|children|others|[A-Z][a-z]+(?:ns|is|ans|ese|ians))\b")
#: Evacuations of a building or a scene are not displacement.
_BUILDING = Caseless(r"\b(building|house|home|scene|school|plant|office|apartment|"
                     r"hospital|store|mall)\b")
_FLIGHT = Caseless(r"\b(fled|fleeing|flee|exodus|evacuat\w+|displacement|displaced|"
                   r"(?:sought|seeking|took|taking)\s+(?:refuge|shelter|safety)|"
                   r"(?:leave|left|leaving|abandon\w*)\s+(?:their|his|her)\s+(?:homes?|villages?)|"
                   r"flight\s+of\s+(?:(?:almost|nearly|about|some|over|more\s+than)\s+)?[\d,]+)\b")
#: A way to somewhere ("fled to the border", "towards Chad"), not "according to" or "caused
#: them to flee".
_TOWARDS_A_PLACE = re.compile(
    r"(?<!according )(?<!due )(?<!thanks )(?<!owing )"
    r"\b(?:[Tt]o|[Tt]owards?|[Ii]nto)\s+(?:(?:the|our|their|its|his|her)\s+)?(?:[A-Z]|"
    r"(?:borders?|frontiers?|camps?|district|capital|towns?|cit(?:y|ies)|neighbou?ring|"
    r"safety|shelters?)\b)")
#: Attackers getting away, no displacement: "executed five people before fleeing", "the
#: gunmen fled the scene", "fled on motorcycles".
_BEFORE_FLEEING = re.compile(r"\bbefore\s+$", re.I)
_GETAWAY = re.compile(r"\s+(?:the\s+scene|on\s+(?:foot|motorcycles?|motorbikes?|bikes?))\b",
                      re.I)


def _attackers_fled(text: str, flight: re.Match[str]) -> bool:
    """Whether a word of flight tells attackers getting away, not people displaced."""
    before = text[max(0, flight.start() - 8) : flight.start()]
    return (flight.group(0).lower() == "fleeing" and _BEFORE_FLEEING.search(before) is not None) \
        or (flight.group(0).lower() == "fled" and _GETAWAY.match(text, flight.end()) is not None)
#: Troops that move: generic words ("vehicles", "units") count only with a military word.
_MILITARY = Caseless(
    r"\b(military|army|troops?|soldiers|peacekeep\w*|reinforcements|armou?red|tanks|"
    r"paratroopers|marines|"
    r"battalions?|brigades?|commandos|howitzers|forces|convoy)\b")


#: Who lives where, not a movement: "displaced people", "a camp for the displaced", "IDP
#: camps", "the displacement camp".
_DESCRIBED = Caseless(
    r"\b((?:internally\s+)?displaced\s+(?:people|persons|civilians|families|residents|"
    r"population|communities|women|children|men|sudanese|[a-z]+ans)|(?:camps?|shelters?|"
    r"sites?|settlements?|centres?|centers?)\s+(?:for|of|housing|hosting|sheltering)\s+"
    r"(?:the\s+)?(?:\d[\d,.]*\s+)?(?:internally\s+)?displaced|displacement\s+(?:camps?|"
    r"sites?|centres?|centers?)|idps?)\b")
#: Words that report people moving, which a description of a camp's population lacks.
_MOVED = Caseless(
    r"\b(fled|flee(?:s|ing)?|(?:was|were|been|being|are|is)\s+(?:\w+\s+)?displaced|"
    r"displaced\s+(?:from|by|to|into|out)|displacing|arriv\w+|exodus|evacuat\w+|"
    r"forced\s+(?:to\s+leave|out|from)|stream\w*|cross\w*|uprooted|driven\s+(?:out|from)|"
    r"pour\w*|reach\w*|return\w*|made\s+their\s+way|escap\w+)\b")


def population_only(text: str) -> bool:
    """Whether a sentence only says who lives where ("the camp shelters 450,000 displaced
    people"): no displacement unless people are reported moving (fled, were displaced from,
    arrived)."""
    return _DESCRIBED.search(text) is not None and _MOVED.search(text) is None \
        and _motion(text) is None


@lru_cache(maxsize=16)
def _motion(text: str) -> re.Match[str] | None:
    """The first word of ``text`` that reports something moving (see :data:`_MOVE`), but
    for "carried out" and an attacked convoy (cached: a sentence's triggers and its
    continuation both ask)."""
    for move in _MOVE_RE.finditer(text):
        word = move.group(0).lower()
        if word.startswith("carr") and _NO_MOTION_AFTER.match(text, move.end()):
            continue
        if word == "convoy" and _ATTACKED_BEFORE.search(text[max(0, move.start() - 60):
                                                              move.start()]):
            continue
        if word == "landed" and _PROJECTILE_BEFORE.search(text[max(0, move.start() - 40):
                                                               move.start()]):
            continue
        return move
    return None


def _near(text: str, a: re.Match[str], pattern: Caseless, words: int) -> bool:
    """Whether ``pattern`` matches within ``words`` words of the match ``a``."""
    left = text[: a.start()].split()[-words:]
    right = text[a.end() :].split()[:words]
    return bool(pattern.search(" ".join(left)) or pattern.search(" ".join(right)))


_SAIL = Caseless(r"\bsail(?:s|ed|ing)?\b")
_CORE_TROOPS = Caseless(r"\b(army|military|troops|reinforcements)\b")
_PRESS = Caseless(r"(news|press) conference|summit")
_AIR = Caseless(r"air|drone")
#: Civilians killed, wounded or taken, and combatants so ("killing nine civilians", "two
#: soldiers were killed"): an attack on the first alone is violence against civilians.
_VICTIM_VERBS = (r"(?:kill\w*|wound\w*|injur\w*|abduct\w*|kidnap\w*|massacr\w*|shot|dead|died|"
                 + _TO_DEATH + r")")
_CIVILIANS_HIT = Caseless(
    _VICTIM_VERBS + r"\s+(?:at\s+least\s+|more\s+than\s+|some\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:civilians|villagers|residents|worshippers|farmers|children|women|pupils|students|"
    r"passengers|shoppers|herders|displaced|schoolchildren|parents?|patients)\b"
    r"|\b(?:civilians|villagers|residents|worshippers|farmers|children|women)\s+(?:were|was|"
    r"(?:have|has|had)\s+been)\s+(?:reported\s+|confirmed\s+|found\s+)?" + _VICTIM_VERBS
    + r"|\b" + _TO_DEATH)  # (beaten or stabbed to death: no fight)
_COMBATANTS_HIT = Caseless(
    r"\b(?:soldiers|troops|servicemen|policemen|police\s+officers|officers|fighters|militants|"
    r"rebels|insurgents|jihadists|gunmen|militiamen|guards)\b[^.;]{0,40}?\b(?:(?:were|was|been|"
    r"are|is|being|got)\s+(?:\w+\s+)?" + _VICTIM_VERBS + r"|died|dead)"
    + r"|" + _VICTIM_VERBS + r"\s+(?:at\s+least\s+)?(?:[\w\-]+\s+){0,2}?(?:soldiers|troops|"
    r"servicemen|policemen|officers|fighters|militants|rebels|insurgents|jihadists|gunmen|"
    r"militiamen|guards)\b")
#: An armed group's entry into a village, a community or homes ("stormed Melija village",
#: "entered a village in Muidumbe district").
_VILLAGE_RAIDED = Caseless(
    r"\b(?:storm\w*|raid\w*|invad\w*|enter\w*|overr[au]n\w*|attack\w*)\s+(?:a\s+|the\s+)?"
    r"(?:[\w\-]+\s+){0,2}?(?:village|villages|community|communities|homes|houses|hamlet|"
    r"settlement|camps?)\b|\b(?:the|a)\s+(?:raid|massacre)\s+(?:\w+\s+)?(?:killed|left)\b")
#: People killed, executed or taken there ("executed five people", "kidnapped four people").
_PEOPLE_HIT = Caseless(
    r"\b(?:kill\w*|execut\w*|behead\w*|massacr\w*|abduct\w*|kidnap\w*|shot)\s+(?:at\s+least\s+)?"
    r"(?:[\w\-]+\s+){0,2}?(?:people|persons|residents|villagers|civilians|men|women|children)\b")
_KIDNAPPED = Caseless(r"\b(?:kidnap\w*|abduct\w*)\b")
#: Strike words of an explosion set off on the ground ("a wave of bombings", "the bus was
#: blown up"), and of fighting, which makes the explosion part of a battle.
_EXPLODED = re.compile(r"\b(?:bomb(?:ing|ings)|blown up|blew up)\b", re.I)
_FIGHTING_WORDS = re.compile(r"\b(?:clash\w*|fight\w*|battle\w*|ambush\w*|attack\w*|"
                             r"offensive|raid\w*|fire)\b", re.I)
#: Aircraft that drop bombs: their bombs are an air strike.
_AIRCRAFT = re.compile(r"\b(?:jets?|warplanes?|planes?|aircraft|helicopters?|bombers?)\b", re.I)
#: Words of a missile or artillery attack in a strike's words ("hit by a missile").
_SHELLS = Caseless(r"missile|rocket|projectile|shell|mortar|artillery|torpedo")
_CROSSING = Caseless(r"\b(border|cross\w*|open\w*|allow\w*|head\w*)\b")
_TOWARDS_BORDER = Caseless(_MOVE_RE.pattern + r"|\bborders?\b|\bcross\w*|\bhead\w*|\ballow\w*|"
                           r"\bopen\w*")


#: A strike named as such ("an Israeli strike", "strikes on Houthi targets"), not the verb.
_STRIKE_NOUN = re.compile(r"\bstrikes?\b", re.I)
#: Ships attacked, with no weapon named ("attacks on four tankers off a port", "attacked a
#: cargo ship"): an attack on shipping is a strike all the same.
_SHIP_ATTACKED = Caseless(
    r"\b(?:attacks?\s+(?:on|against)|attacked|struck|targeted|hit|sank|sunk|sinking)\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:tankers?|ships?|vessels?|freighters?|bulk\s+carriers?|boats?|"
    r"warships?|frigates?|corvettes?)\b")


#: Drones or aircraft in a sentence about a ship hit ("naval drones hit and sank a patrol
#: ship"): a drone or air strike, not a missile one.
_DRONES_OR_PLANES = re.compile(r"\b(?:drones?|air ?strikes?|airstrikes?|warplanes?|jets?|"
                               r"aircraft|helicopters?)\b", re.I)
#: An explosion reported at or near a ship ("an explosion was reported off a vessel's
#: starboard side", "a vessel ... reported two explosions nearby"): a strike on shipping.
_BLAST = Caseless(r"\b(explosions?|blasts?|missiles? hitting)\b")
_SHIP_WORD = Caseless(r"\b(vessels?|ships?|tankers?|freighters?|bulk carriers?)\b")
#: A coast guard's confrontation with boats, short of an attack ("blasted a supply boat with
#: water cannon", "water-cannoned two boats", "rammed a patrol vessel"): ACLED's strategic
#: development "Other", as the learned stage gives "fired water cannon at boats".
_SEA_CONFRONTATION = Caseless(r"\b(water[- ]cannon(?:ed|s|ing)?|rammed|ramming)\b")


def _ship_incident(text: str) -> re.Match[str] | None:
    """The explosion word of a sentence that reports one at or near a ship, else ``None``."""
    blast = _BLAST.search(text)
    return blast if blast is not None and _SHIP_WORD.search(text) is not None else None


def _rule_strike_type(word: str) -> str:
    """The ACLED sub-type of a strike the rules found, from its words: "missile strike",
    "shelled" and "hit by a missile" are missile or artillery attacks, "drone strike" and
    "hit by a drone" air/drone strikes, as is a strike of no weapon named ("an Israeli
    strike"), the rest armed clashes."""
    if _SHELLS.search(word):
        return "Shelling/artillery/missile attack"
    return "Air/drone strike" if _AIR.search(word) or _STRIKE_NOUN.search(word) \
        else "Armed clash"


def _attributions(text: str, offset: int) -> list[tuple[int, int]]:
    """Spans (document offsets) of the names of a sentence that say where its source lives or
    spoke (:data:`_ATTRIBUTED`, :data:`_FRONTED_SPEECH`)."""
    low = text.lower()
    spans = [(offset + m.start(1), offset + m.end(1)) for pattern in _ATTRIBUTED
             for m in pattern.finditer(text)] if any(w in low for w in _ATTRIBUTION_WORDS) else []
    fronted = _FRONTED_SPEECH.match(text)
    if fronted is not None:
        spans.append((offset + fronted.start(1), offset + fronted.end(1)))
    return spans


def _before_compounds(sent: SentenceTokens, first: int) -> int:
    """The token before which the cue of a name is read, past the words that describe the
    place right before it: compound adjectives ("to the cocaine-producing Catatumbo region":
    read from "cocaine") and :data:`_PLACE_ADJECTIVES` ("in the small town of Puerto
    Jordan")."""
    tokens, lower = sent.tokens, sent.lower
    k = first  # the cue is read before token k
    while k >= 1:
        if k >= 3 and lower[k - 2] == "-" and tokens[k - 3].end == tokens[k - 2].start \
                and tokens[k - 2].end == tokens[k - 1].start \
                and tokens[k - 1].text.isalpha() and tokens[k - 1].text.islower():
            k -= 3
            first = k
        elif lower[k - 1] in _PLACE_ADJECTIVES:
            k -= 1
            first = k
        elif lower[k - 1] in _FRAME_WORDS:
            k -= 1  # "town", "of": the cue skips them itself
        else:
            break
    return first


#: Words describing a place between its cue and its name ("in the small town of X").
_PLACE_ADJECTIVES = frozenset({
    "small", "little", "tiny", "remote", "large", "big", "rural", "main", "major", "mountain",
    "mountainous", "farming", "fishing", "market", "frontier", "restive", "volatile",
    "impoverished", "flashpoint", "embattled", "contested", "disputed", "important",
    "historic", "ancient", "nearby", "neighbouring", "neighboring", "desert", "riverside",
    "hilltop", "industrial"})
#: Words of a frame between a place's cue and its name ("in the town of X").
_FRAME_WORDS = SETTLEMENT_NOUNS | {"of", "the", "a", "an", "region", "province"}


def _unknown_role(layer: Layer, cue: str) -> Role | None:
    """The role of a name the gazetteer lacks after the word ``cue`` in an event of ``layer``
    the rules found, or ``None`` when the word makes it no place of the event."""
    if layer == Layer.STRIKE:
        return Role.LOCATION if cue in _STRIKE_CUES else None
    if layer == Layer.DIPLOMACY:
        return Role.VENUE if cue in _VENUE_CUES else None
    if layer in _MOVING and cue in MOVEMENT_CUES:
        return MOVEMENT_CUES[cue]
    return Role.LOCATION if cue in _AT_CUES else None


#: People sent to talk, not to fight: a delegation that arrives or is sent somewhere travels
#: to talks ("a Sudanese army delegation arrived in Jeddah", "will be sending a representative
#: to the talks"), no troop movement.
_ENVOYS = Caseless(r"\b(delegations?|delegates|representatives?|envoys?|negotiators|mediators|"
                   r"emissar(?:y|ies)|diplomats|officials|ministers|lawmakers|senators|"
                   r"leaders|presidents|prime\s+ministers)\b")


def _owns_units(r: Resolved, text: str) -> bool:
    """Whether a country is named, with no cue, as the owner of the units after it ("the
    United States military will continue to sail", "United States warships"), as a demonym
    would be: no place of their events."""
    return r.place is not None and r.place.feature == FeatureClass.COUNTRY \
        and not r.mention.cue and r.mention.kind not in {KIND_DEMONYM, KIND_ORGANISATION} and (
            _ARMED_AFTER.match(text, r.mention.end, r.mention.end + 40) is not None
            or _UNIT_AFTER.match(text, r.mention.end, r.mention.end + 40) is not None)


def _travelling_leader(actor_mentions: Sequence[ActorMention]) -> bool:
    """Whether a sentence names a leader, minister or official: one that travels goes to
    talks or a visit ("Erdogan arrived in Sochi on Tuesday for talks"), no troop movement
    (the caller checks that no troops are named)."""
    return any(a.actor.kind in _PERSON_KINDS for a in actor_mentions)


def _not_port_frames(locations: list[EventPlace], text: str) -> list[EventPlace]:
    """``locations`` without a sea or country that only says where the port after it lies
    (see :data:`_PORT_OF_AFTER`), whether or not the port is one of them, and without a sea
    or region that only describes a country ("the Baltic state's capital Vilnius", "the Gulf
    nation")."""
    return [p for p in locations if p.end is None or not (
        _PORT_OF_AFTER.match(text, p.end) or (
            p.feature not in {Feature.COUNTRY, Feature.CITY}
            and _COUNTRY_WORD_AFTER.match(text, p.end))
        or _in_policy_region(p, text))]


def _in_policy_region(p: EventPlace, text: str) -> bool:
    """Whether an ocean or continent is glued by a hyphen into a region's name ("a free and
    open Indo-Pacific", "the Asia-Pacific region", "Euro-Atlantic security"): no place of
    its own. ("Israel-Gaza", two countries or towns, keeps both.)"""
    if p.start is None or p.end is None or p.feature not in {Feature.SEA, Feature.CONTINENT}:
        return False
    return (p.start >= 2 and text[p.start - 1] == "-" and text[p.start - 2].isalpha()) or (
        text[p.end : p.end + 1] == "-" and text[p.end + 1 : p.end + 2].isupper())


def _envoys_only(text: str) -> bool:
    """Whether the travellers of a sentence are envoys and none troops (a capitalised
    "Forces" names a party the envoys talk with: "talks with the Rapid Support Forces")."""
    return bool(_ENVOYS.search(text)) and not any(
        m.start() == 0 or not text[m.start()].isupper() for m in _TROOPS_RE.finditer(text))


def _merchant_only(text: str) -> bool:
    """Whether the ships of a sentence are merchant ones ("cargo ships", "the M/V Tavvishi")
    and none a navy's."""
    merchant = _MERCHANT.search(text) or "M/V" in text or "M/T" in text
    return bool(merchant) and not _WARSHIPS.search(text)


def _triggers(text: str, diplomats: bool = False) -> list[_Trigger]:
    """Event triggers of a sentence.

    Each pattern is searched only when the ones before leave its answer open (a sentence
    with no movement word is never searched for troops or ships).

    Parameters
    ----------
    text
        The sentence.
    diplomats
        Whether the sentence names a leader, minister, ministry or international body.
    """
    out: list[_Trigger] = []
    move = _motion(text)
    if move:
        naval = _NAVAL.search(text) or _SAIL.search(text)
        if naval and _merchant_only(text):
            pass  # merchant ships passing by are no deployment (an attack on them may be)
        elif naval and (_MILITARY.search(text) or _NAVAL.search(text)):
            out.append(_Trigger(Layer.NAVAL_DEPLOYMENT, EventKind.DEPLOYMENT, "Strategic developments",
                                "Naval deployment", "154", naval.start()))
        else:
            troops = _TROOPS_RE.search(text)
            if troops and _MILITARY.search(text) and _near(text, move, _TROOPS_RE, 15) and (
                    not _DISPLACEMENT.search(text) or _CORE_TROOPS.search(text)):
                out.append(_Trigger(Layer.TROOP_MOVEMENT, EventKind.DEPLOYMENT, "Strategic developments",
                                    "Troop movement", "154", troops.start()))
    call = _CALL.search(text)
    if call:
        out.append(_Trigger(Layer.DIPLOMACY, EventKind.CALL, "Diplomacy", "Phone call", "040",
                            call.start()))
    meeting = _MEETING.search(text)
    if meeting and call and not _PRESS.search(text):
        meeting = None
    if meeting and (diplomats or _DIPLOMATIC.search(text)):
        out.append(_Trigger(Layer.DIPLOMACY, EventKind.MEETING, "Diplomacy", "Meeting", "043",
                            meeting.start()))
    incident = _ship_incident(text)
    ship = _SHIP_ATTACKED.search(text) or incident
    strike = _STRIKE.search(text) or ship  # "missiles sank the bulk carrier Rubymar"
    if strike and _CROWD.search(text) and all(
            m.group().lower().startswith("clash") for m in _STRIKE.finditer(text)):
        strike = None  # protesters' clashes are a riot, the learned stage's (see taxonomy)
    sides = _SIDES_STRIKE.search(text) if not _LABOUR.search(text) else None
    if strike and (_ARMED.search(text) or ship or sides):
        before = text[max(0, strike.start() - 40) : strike.start()]
        if _PROTESTED_STRIKE.search(text, 0, strike.start()):
            strike = None  # "demonstrators protested against the bombing of Yugoslavia"
        elif (not _APPEAL.search(before) and not _MODAL_AFTER.match(text, strike.end())
                and (_STRONG_STRIKE.search(text) or ship or sides)) or fatalities_in(text)[0]:
            # the weapon may be named by a later strike word: "the deaths on an air strike"
            words = " ".join(m.group() for m in _STRIKE.finditer(text))
            sub = (("Air/drone strike" if _DRONES_OR_PLANES.search(text)
                    else "Shelling/artillery/missile attack") if ship and (
                       not _ARMED.search(text) or not words)
                   else _rule_strike_type(words))
            if sub == "Armed clash" and "bomb" in words.lower() and _AIRCRAFT.search(text):
                sub = "Air/drone strike"  # "a military jet dropped three bombs on ..."
            elif sub == "Armed clash" and _EXPLODED.search(words) \
                    and not _FIGHTING_WORDS.search(words):
                sub = "Remote explosive/landmine/IED"  # "a wave of bombings", "blown up"
            out.append(_Trigger(Layer.STRIKE, EventKind.STRIKE, "Battles" if sub == "Armed clash"
                                else "Explosions/Remote violence", sub, "190", strike.start()))
    cannon = _SEA_CONFRONTATION.search(text)
    if cannon and not any(t.layer == Layer.STRIKE for t in out) and (
            _SHIP_WORD.search(text) or _NAVAL.search(text)):
        other = CLASSES[EventKind.OTHER]
        out.append(_Trigger(Layer.STRIKE, EventKind.STRIKE, other.event_type.value,
                            other.sub_event_type, other.cameo, cannon.start(),
                            other.plover.value, text[cannon.start() : cannon.end()]))
    disp = next((m for m in _DISPLACEMENT.finditer(text)
                 if not _BODY_AFTER.match(text, m.end())), None)
    flight = next((m for m in _FLIGHT.finditer(text) if not _attackers_fled(text, m)), None)
    if (disp is None and flight is None) or population_only(text):
        return out
    if (disp and (move or _CROSSING.search(text)) and _near(text, disp, _TOWARDS_BORDER, 12)) \
            or (flight and _near(text, flight, _DISPLACED, 8) and not _BUILDING.search(text)):
        anchor = disp or flight
        assert anchor is not None
        out.append(_Trigger(Layer.DISPLACEMENT, EventKind.DISPLACEMENT, "Displacement", "Refugee movement",
                            "201", anchor.start()))
    return out


@dataclass(frozen=True, slots=True)
class _Who:
    """The parties and numbers of one event, and how they move its confidence."""

    actor1: str = ""
    country1: str = ""
    actor2: str = ""
    country2: str = ""
    fatalities: int | None = None
    count: int | None = None
    confidence: float = 0.0
    #: Whether the first actor is a state's forces (a government takes ground back).
    state: bool = False


@dataclass(frozen=True, slots=True)
class _Setting:
    """What a sentence's events are told among (see :meth:`EventExtractor._setting`)."""

    actors: list[ActorMention]
    elsewhere: list[tuple[int, int]]
    dateline: re.Match[str] | None

    @property
    def exclude(self) -> list[tuple[int, int]]:
        """Character spans that hold no place of the sentence's events: the actors' names
        ("the Black Sea Fleet") and :attr:`elsewhere`."""
        return [(a.start, a.end) for a in self.actors] + self.elsewhere


def _story_of(sentence: Sentence, dateline: re.Match[str] | None) -> Sentence:
    """The sentence past its dateline, for the learned stage: the story as its training
    sentences tell one, not where it was written ("BENI, Congo (Reuters) - More than 45
    civilians were killed in Ituri")."""
    if dateline is None or dateline.end() >= len(sentence.text):
        return sentence
    return Sentence(sentence.index, sentence.start + dateline.end(), sentence.end,
                    sentence.text[dateline.end():])


def _first_country(demonyms: list[Resolved]) -> str:
    return next((d.place.country for d in demonyms if d.place is not None), "")


class EventExtractor:
    """Extract events from one geoparsed document.

    Parameters
    ----------
    actors
        The actor table.
    gazetteer
        Geocodes actors' seats and fleets' home ports.
    models
        The learned trigger detector and place linker; the bundled ones when omitted.
    """

    def __init__(self, actors: ActorTable, gazetteer: Gazetteer,
                 models: EventModels | None = None) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self.models = models or load_models()
        self._sentence_start = 0
        self._positions: list[int] = []
        self._text = ""
        self._by_sentence: dict[int, list[Resolved]] = {}
        self._rejected: tuple[tuple[int, int], ...] = ()
        # where the sentence's countries that own units start (see _owns_units)
        self._owners: set[int] = set()
        # whether the sentence's rule triggers carry on a movement of the sentences before
        self._carried_on = False

    # ------------------------------------------------------------------------- places
    def _event_place(self, r: Resolved, role: Role) -> EventPlace:
        return place_in_text(r, role, self._text, self._by_sentence)

    def _capital_named(self, trig: _Trigger, sentence: Sentence,
                       mentions: Sequence[Resolved]) -> list[EventPlace]:
        """The national capital a sentence names by its country's people or name and the
        word "capital", with no name after it ("in the Sudanese capital", "on Ukraine's
        capital"; "the Sudanese capital Khartoum" names it), in the role its cue gives."""
        for m in _CAPITAL_NAMED.finditer(sentence.text):
            if m.group("country") is None:
                country = self._story_country()  # "in the capital", "the country's capital"
            else:
                start = sentence.start + m.start("country")
                country = next((r.place.country for r in mentions
                                if r.mention.start == start and r.place is not None
                                and r.place.feature == FeatureClass.COUNTRY), None)
            capital = self.gazetteer.capital(country) if country else None
            if capital is None:
                continue
            cue = (m.group("cue") or "").lower()
            role = _unknown_role(trig.layer, cue) or Role.LOCATION
            return [EventPlace.from_place(capital, role, start=sentence.start + m.start("phrase"),
                                          end=sentence.start + m.end("phrase"),
                                          mention=m.group("phrase"))]
        return []

    def _story_country(self) -> str | None:
        """The country most of the document's places lie in (two thirds of them at least, and
        two or more), or ``None`` when no one country holds the story."""
        countries = [r.place.country for found in self._by_sentence.values() for r in found
                     if r.place is not None and r.place.country
                     and r.mention.kind != KIND_ORGANISATION]
        if len(countries) < 2:
            return None
        country, count = Counter(countries).most_common(1)[0]
        return country if 3 * count >= 2 * len(countries) else None

    def _named_place(self, name: str, role: Role) -> EventPlace | None:
        """A place the text implies through an actor (a seat, a home port)."""
        if not name:
            return None
        cands = self.gazetteer.candidates(name, features=_SEAT_FEATURES, limit=1) or \
            self.gazetteer.candidates(name, limit=1)
        if not cands:
            return None
        return EventPlace.from_place(cands[0].place, role)

    # ------------------------------------------------------------------------- sentence
    def extract(self, doc: Document, resolved: Sequence[Resolved]) -> list[Event]:
        """Events of ``doc`` given its resolved mentions."""
        sentences = split_sentences(doc.text)
        by_sentence: dict[int, list[Resolved]] = {}
        for r in resolved:
            by_sentence.setdefault(r.mention.sentence, []).append(r)
        events: list[Event] = []
        last: dict[str, tuple[int, Event]] = {}
        settings = [self._setting(doc, sentence) for sentence in sentences]
        # the learned stage of all the sentences at once (its scene trees score the
        # document's candidates in one pass)
        stories = [_story_of(sentence, setting.dateline)
                   for sentence, setting in zip(sentences, settings, strict=True)]
        learned = document_events(
            [(story, [r for r in by_sentence.get(story.index, [])
                      if r.mention.start >= story.start], setting.exclude)
             for story, setting in zip(stories, settings, strict=True)],
            doc.text, self.models)
        for sentence, setting, learned_here in zip(sentences, settings, learned, strict=True):
            found = self._sentence_events(doc, sentence, by_sentence, sentences, last, setting,
                                          learned_here)
            for event in found:
                prior = last.get(event.layer)
                if not event.actor1_country and prior and sentence.index - prior[0] <= 4 \
                        and event.layer in {Layer.NAVAL_DEPLOYMENT, Layer.TROOP_MOVEMENT}:
                    # "The Admiral Makarov ... sailed": the actor of the report so far.
                    event = replace(event, actor1=prior[1].actor1,
                                    actor1_country=prior[1].actor1_country)
                last[event.layer] = (sentence.index, event)
                events.append(event)
        attack_day = next((resolve_date(m.group(1), doc.published) for m in
                           _ATTACK_DAY.finditer(doc.text)), None)
        if attack_day is not None and attack_day.day:
            events = [
                replace(e, event_date=attack_day.day, time_precision=TimePrecision.DAY)
                if e.layer == Layer.STRIKE and e.time_precision == TimePrecision.PUBLISHED else e
                for e in events
            ]
        return merge_events(events)

    def _split_mentions(
        self, doc: Document, mentions: list[Resolved]
    ) -> tuple[list[Resolved], list[str], list[Resolved]]:
        """Places, countries acting as subjects or owners, and demonyms of a sentence."""
        places: list[Resolved] = []
        subject_countries: list[str] = []
        demonyms: list[Resolved] = []
        starts = {r.mention.start for r in mentions}
        for r in mentions:
            if r.place is None:
                continue
            if r.mention.kind == KIND_DEMONYM:
                demonyms.append(r)
                continue
            if r.mention.kind == KIND_ORGANISATION:
                continue
            after = doc.text[r.mention.end : r.mention.end + 20]
            if _owns_units(r, doc.text):
                subject_countries.append(r.place.country)
                continue
            if r.place.feature == FeatureClass.COUNTRY and _SUBJECT_VERBS.search(after) \
                    and not r.mention.cue:
                if after[:3] in {"'s ", "’s "} and r.mention.end + 3 in starts:
                    continue  # "in northwest Nigeria's Zamfara state": it owns a place
                # "Ankara blamed the deaths on an air strike ...": a country that blames
                # others is no party of what it speaks of.
                if not _SPEAKS_OF_OTHERS.match(after):
                    subject_countries.append(r.place.country)
                continue
            places.append(r)
        return places, subject_countries, demonyms

    def _setting(self, doc: Document, sentence: Sentence) -> _Setting:
        """The actors of a sentence, and the spans of its names that are not where its
        events happened: a source's home town or where it spoke ("a Djibo resident", "told
        Reuters in Bamako"), an armed body's or a party's name ("the Turkistan Islamic
        Party"), and the dateline's city ("ATHENS, March 2 —", "BANGKOK:"),
        where it was written."""
        text = sentence.text
        # The sentence's day picks between actors who share a name; rarely needed, so
        # resolved only then.
        actor_mentions = self.actors.find(text, sentence.start,
                                          lambda: resolve_date(text, doc.published).day)
        # (most sentences hold none of the verbs a speaking name needs: no search then)
        elsewhere = _attributions(text, sentence.start) + [
            (sentence.start + m.start(1), sentence.start + m.end(1))
            for m in (_CITY_SPEAKS.finditer(text)
                      if any(verb in text for verb in _SPEAKING_VERBS) else ())] + [
            (sentence.start + m.start(), sentence.start + m.end())
            for m in _BODY_NAME.finditer(text)] + [
            (sentence.start + m.start("names"), sentence.start + m.end("names"))
            for m in (_EARLIER_EVENT.finditer(text) if " after " in text or "following" in text
                      or " since " in text else ())] + [
            (sentence.start + m.start("names"), sentence.start + m.end("names"))
            for m in _LINE_ENDS.finditer(text)]
        dateline = _DATELINE.match(text)
        if dateline:
            elsewhere.append((sentence.start, sentence.start + dateline.end()))
        return _Setting(actor_mentions, elsewhere, dateline)

    def _sentence_events(
        self,
        doc: Document,
        sentence: Sentence,
        by_sentence: dict[int, list[Resolved]],
        sentences: list[Sentence],
        last: dict[str, tuple[int, Event]],
        setting: _Setting,
        learned: list[LearnedEvent],
    ) -> list[Event]:
        text = sentence.text
        actor_mentions, elsewhere, dateline = setting.actors, setting.elsewhere, setting.dateline
        diplomats = any(a.actor.kind in _DIPLOMATIC_KINDS for a in actor_mentions)
        triggers = _triggers(text, diplomats)
        move = None if triggers else _motion(text)
        if move:
            # The story goes on: "Many walked the last stretch to the border crossing",
            # "dozens more vehicles moved to new positions", "the frigate sailed on".
            triggers = self._continuation(text, move, sentence.index, last)
        self._carried_on = bool(move)
        mentions = by_sentence.get(sentence.index, [])
        written_at = sentence.start + dateline.end() if dateline else sentence.start
        if learned and population_only(text):
            learned = [f for f in learned if f.layer != Layer.DISPLACEMENT]
        if _CUMULATIVE.search(text) and not _A_DAY.search(text):
            # a toll summed over a war ("has killed 40,000 people in Gaza since the war
            # began", "over the past year"): background, no event of a day
            learned = [f for f in learned if f.layer != Layer.STRIKE]
            triggers = [t for t in triggers if t.layer != Layer.STRIKE]
        if learned and _merchant_only(text):
            # merchant ships sailing by: no deployment, whichever word reports them
            troops = _TROOPS_RE.search(text) is not None
            learned = [f for f in learned if f.trigger.text.lower().startswith("patrol") or (
                f.layer != Layer.NAVAL_DEPLOYMENT and (troops or f.layer != Layer.TROOP_MOVEMENT))]
        if learned and _VILLAGE_RAIDED.search(text) and _PEOPLE_HIT.search(text) \
                and not _COMBATANTS_HIT.search(text):
            learned = _raids(learned, text)
        if _NOTE_OF_PROTEST.search(text) and not _CROWD.search(text):
            # a government's protest is no demonstration
            triggers = [t for t in triggers if t.layer != Layer.PROTEST]
            learned = [f for f in learned if f.layer != Layer.PROTEST]
        if learned and _CROWD.search(text) and not _MILITARY.search(text):
            # protesters who enter a building or march on it are no troop movement
            learned = [f for f in learned if f.layer != Layer.TROOP_MOVEMENT]
        if _envoys_only(text) or (_travelling_leader(actor_mentions)
                                  and not _TROOPS_RE.search(text)):
            triggers = [t for t in triggers if t.layer != Layer.TROOP_MOVEMENT]
            learned = [f for f in learned if f.layer != Layer.TROOP_MOVEMENT]
        if any(f.layer == Layer.STRIKE for f in learned) \
                and not any(f.layer == Layer.TROOP_MOVEMENT for f in learned):
            # "detonated a car bomb when security forces arrived": the arrival times the
            # attack, it is no troop movement of its own
            # (a withdrawal or a seizure so timed is an event still: "before the rebel forces
            # withdrew from X")
            triggers = [t for t in triggers if t.layer != Layer.TROOP_MOVEMENT
                        or not _ARRIVAL.search(text[t.position:t.position + 30])
                        or not _TIME_CLAUSE_BEFORE.search(text[max(0, t.position - 50):t.position])]
        plan = self._plan(triggers, learned, ships_only=not _TROOPS_RE.search(text))
        if not plan:
            return []
        self._positions = [t.position for t, _, _ in plan]
        self._sentence_start = sentence.start
        self._text = doc.text
        self._by_sentence = by_sentence
        places, subjects, demonyms = self._split_mentions(doc, mentions)
        # A place inside an actor's name ("the Black Sea Fleet") is not where it happened,
        # nor is the dateline's city, nor a sea that names the land after it when another
        # place is named ("the Indian Ocean island").
        places = [r for r in places if r.mention.start >= written_at and not any(
            a.start <= r.mention.start and r.mention.end <= a.end for a in actor_mentions)
            and not any(s <= r.mention.start and r.mention.end <= e for s, e in elsewhere)]
        if len(places) > 1:
            places = [r for r in places if not water_as_modifier(r, doc.text)]
        # The scene model's no: a place that frames the story is no event's, the rules' too
        # (also when it found no place in the sentence: a sentence whose every place it
        # rejects reports an event that happened elsewhere or nowhere it names)
        self._rejected = learned[0].rejected if learned else ()
        self._owners = {r.mention.start for r in mentions if _owns_units(r, doc.text)}
        # a date inside an actor's name ("the March 23 Movement") dates nothing
        dates = [d for d in find_dates(text, doc.published)
                 if (dateline is None or d[0] >= dateline.end()) and not any(
                     a.start <= sentence.start + d[0] and sentence.start + d[1] <= a.end
                     for a in actor_mentions)]
        if not dates and sentence.index > 0 and _SAME_DAY_OPENER.match(text):
            # "Hours earlier, a ship docked at Klaipeda": the day of the sentence before
            before = sentences[sentence.index - 1].text
            dates = [(0, 0, d[2]) for d in find_dates(before, doc.published)
                     if d[2].precision in {TimePrecision.DAY, TimePrecision.HOUR}][:1]
        out: list[Event] = []
        for trig, found, by_rule in plan:
            trig = _on_civilians(trig, text)
            event = self._build(doc, sentence, trig, places, subjects, demonyms,
                                actor_mentions, dates, by_sentence, sentences, found, by_rule)
            if event is not None:
                out.append(event)
        return out

    @staticmethod
    def _plan(triggers: list[_Trigger], learned: list[LearnedEvent], ships_only: bool = False
              ) -> list[tuple[_Trigger, LearnedEvent | None, bool]]:
        """The events of a sentence: each rule trigger, with the learned event of its layer
        when there is one (a call stays the rules' own), and each learned event no rule
        found; the flag says whether a rule found it. In a sentence about ships and no
        troops (``ships_only``), a learned troop movement is the rules' naval deployment."""
        plan: list[tuple[_Trigger, LearnedEvent | None, bool]] = []
        used: set[int] = set()
        for trig in triggers:
            match = next((k for k, f in enumerate(learned) if k not in used
                          and f.layer.value == trig.layer and trig.kind != EventKind.CALL), None)
            if match is None and ships_only and trig.layer == Layer.NAVAL_DEPLOYMENT:
                match = next((k for k, f in enumerate(learned) if k not in used
                              and f.layer == Layer.TROOP_MOVEMENT), None)
            if match is None and trig.layer == Layer.STRIKE:
                # "17 people died as protesters trying to storm an airport clashed with
                # police": the deaths the rule read are the violent protest's
                match = next((k for k, f in enumerate(learned) if k not in used
                              and f.event_class.kind in _VIOLENT_PROTESTS), None)
                if match is not None:
                    used.add(match)
                    plan.append((_learned_trigger(learned[match], None), learned[match], True))
                    continue
            if match is None:
                plan.append((replace(trig, plover=_RULE_PLOVER.get(trig.layer, "")), None, True))
                continue
            used.add(match)
            plan.append((_learned_trigger(learned[match], trig), learned[match], True))
        plan.extend((_learned_trigger(f, None), f, False) for k, f in enumerate(learned)
                    if k not in used)
        return plan

    @staticmethod
    def _continuation(
        text: str, move: re.Match[str], index: int, last: dict[str, tuple[int, Event]]
    ) -> list[_Trigger]:
        """A movement sentence that carries on the report of the sentence or two before."""
        for layer, fits in (
            (Layer.NAVAL_DEPLOYMENT, re.search(r"\b(sail\w*|ships?|vessels?|frigates?|warships?)\b",
                                           text, re.I) and not _merchant_only(text)),
            (Layer.TROOP_MOVEMENT, re.search(r"\b(vehicles|convoys?|columns?|trucks)\b",
                                         text, re.I)),
            (Layer.DISPLACEMENT, not _NAVAL.search(text) and not _TROOPS_RE.search(text)
             and _PEOPLE_MOVING.search(text)),
        ):
            recent = last.get(layer)
            window = 2 if layer == Layer.DISPLACEMENT else CONTINUATION_SENTENCES
            if fits and recent and index - recent[0] <= window:
                kind = recent[1]
                return [_Trigger(layer, kind.kind, kind.event_type, kind.sub_event_type,
                                 kind.cameo_code, move.start())]
        return []

    def _date_for(
        self, trig: _Trigger, text: str, dates: list[tuple[int, int, ResolvedDate]],
        doc: Document, positions: list[int],
    ) -> tuple[date | None, TimePrecision]:
        others = len(positions)
        # A past year after the trigger dates it only within its clause: "the column passed
        # the crossing ... posts that Turkey set up in 2017" is not an event of 2017.
        dates = [d for d in dates if d[2].precision != TimePrecision.YEAR or d[0] < trig.position
                 or not _CLAUSE_BREAK.search(text, trig.position, d[0])]
        # "killed 12 civilians over the weekend, the government said on Monday": the day of
        # the saying is not the event's when the sentence gives another
        told = [d for d in dates if _REPORTED.search(text, max(0, d[0] - 30), d[0])]
        if told and len(told) < len(dates):
            dates = [d for d in dates if d not in told]
        if dates:
            best = min(dates, key=lambda d: abs(d[0] - trig.position))
            start, _, found = best
            if others <= 1 or min(positions, key=lambda q: abs(q - start)) == trig.position:
                return found.day, found.precision
        return ((doc.published, TimePrecision.PUBLISHED) if doc.published
                else (None, TimePrecision.UNKNOWN))

    def _context_places(
        self, sentence: Sentence, by_sentence: dict[int, list[Resolved]], doc: Document,
        exclude: set[str], sentences: Sequence[Sentence],
    ) -> list[Resolved]:
        """Places of the two sentences before, for events whose sentence names none."""
        for back in (1, 2, 3):
            k = sentence.index - back
            if k < 0:
                break
            prior = by_sentence.get(k, [])
            places, _, _ = self._split_mentions(doc, prior)
            # where that sentence's source spoke is no place of this one's event either
            # ("... said at a briefing in Geneva. The refugees fled their homes ...")
            before = sentences[k]
            elsewhere = _attributions(before.text, before.start)
            if k == 0 and _DATELINE_ALONE.fullmatch(before.text):
                continue  # "KIGALI, Rwanda" on its own line: where the report was written
            keep = [r for r in places if ((r.place is not None and r.place.country not in exclude)
                    or (r.place is not None and r.place.feature != FeatureClass.COUNTRY))
                    and not any(s <= r.mention.start and r.mention.end <= e
                                for s, e in elsewhere)]
            if keep:
                return keep[-1:]
        return []

    def _build(
        self,
        doc: Document,
        sentence: Sentence,
        trig: _Trigger,
        places: list[Resolved],
        subjects: list[str],
        demonyms: list[Resolved],
        actor_mentions: list[ActorMention],
        dates: list[tuple[int, int, ResolvedDate]],
        by_sentence: dict[int, list[Resolved]],
        sentences: list[Sentence],
        learned: LearnedEvent | None = None,
        by_rule: bool = True,
    ) -> Event | None:
        """One event of a sentence for one trigger, or ``None`` when it has no place."""
        text = sentence.text
        day, precision = self._date_for(trig, text, dates, doc, self._positions)
        if precision == TimePrecision.DAY and has_clock_time(text):
            precision = TimePrecision.HOUR
        named = [a.actor for a in actor_mentions]
        unplaced: list[EventPlace] = []
        if trig.layer == Layer.DIPLOMACY and trig.kind == EventKind.CALL:
            call = self._call(named)
            if call is None:
                return None
            who, locations = call
        else:
            ruled = self._roles(trig, places, doc) if by_rule else []
            # the rules' places the scene model rejected are left out, but for the region
            # that frames a linked place ("the Balyun area of southern Idlib"), a
            # movement's route ("entered Tal Abyad from Turkey"; of troops and ships only
            # when the learned stage found the movement too, or the movement carries on the
            # story's ("The column passed the crossing"): a new one only the rules see beside
            # the learned stage's other events is passing talk, "on their way to X from Y
            # when the bomb went off") and a meeting's venue ("the meeting, held in
            # Lausanne": the model learned from violent events, as it did from few refugees)
            # a port stands as the sea named to locate it does ("the Baltic Sea port of
            # Klaipeda": the scene model may reject the port and keep the sea)
            ported = {m.end() - 1 for p in ruled if not _within(p, self._rejected)
                      and p.end is not None
                      and (m := _PORT_OF_AFTER.match(doc.text, p.end)) is not None}
            locations = [p for p in ruled if not _within(p, self._rejected) or p.start in ported
                         or (trig.layer in _MOVING and p.role in _ROUTE and (
                             learned is not None or trig.layer == Layer.DISPLACEMENT
                             or self._carried_on))
                         or (trig.layer == Layer.DIPLOMACY and p.role == Role.VENUE)]
            if learned is not None:
                linked, unplaced = linked_places(learned, by_sentence, doc.text)
                frames = _frames(ruled, linked, text, sentence.start)
                # Violence and protests: the linker's places (the rules' when it links none);
                # movements and meetings: the rules' routes and venues, with the places the
                # linker adds.
                if trig.layer in _LEARNED_LABELS:
                    linked = _towns_first(ruled, linked, text, sentence.start)
                locations = _union(linked, frames) \
                    if linked and trig.layer in _LEARNED_LABELS \
                    else locations if trig.layer in _LEARNED_LABELS \
                    else _union(_union(locations, frames), linked)
            elif by_rule:
                # a place the gazetteer lacks, cued as the rules cue the known ones ("an
                # Israeli strike hit the village of Kfarjouz"): at its container, else
                # unplaced; a known place named to locate it is no place of its own ("Kfarjouz
                # near Nabatieh", "the camp at Farchana, in eastern Chad")
                lacked, unplaced, framing = self._unknown_places(
                    trig, sentence, doc, by_sentence, actor_mentions)
                locations = [p for p in locations if p.start not in framing] + lacked
            locations = [p for p in _not_port_frames(locations, doc.text)
                         if p.start not in self._owners]
            if trig.layer == Layer.PROTEST and len(locations) > 1:
                # "demonstrators in Nepal protested against the bombing of Yugoslavia": what a
                # protest is against is not where it is
                kept = [p for p in locations if p.start is None
                        or not _PROTESTED_OBJECT.search(doc.text, max(0, p.start - 60), p.start)]
                locations = kept or locations
            if trig.layer == Layer.DIPLOMACY and len(locations) > 1:
                # "met in Cairo to discuss the situation in Gaza": what talks are about is not
                # where they are held
                kept = [p for p in locations if p.start is None
                        or not _TALKS_TOPIC.search(doc.text, max(0, p.start - 60), p.start)]
                locations = kept or locations
            if len(locations) > 1:
                # "a village in a mountain area north of Beirut": Beirut locates the village
                located = [p for p in locations if p.start is None
                           or not _BEARING_BEFORE.search(doc.text, max(0, p.start - 30), p.start)]
                locations = located or locations
            penalty = 0.0
            needs_context = trig.layer == Layer.DISPLACEMENT or (
                trig.layer == Layer.STRIKE and fatalities_in(text)[0] is not None)
            arrest = trig.sub_event_type == CLASSES[EventKind.ARREST].sub_event_type
            if not unplaced and all(p.feature == Feature.COUNTRY for p in locations):
                # "clashes in the Sudanese capital", "shelling of Ukraine's capital": the
                # capital the sentence names without its name
                locations = self._capital_named(trig, sentence, places + demonyms) \
                    or locations
            if not locations and not unplaced and (needs_context or arrest):
                # (a name the gazetteer lacks is the place, with no container the text gives
                # it: "the Ekpan district" after a sentence on the Gulf of Guinea is not at sea)
                locations = self._carried_places(trig, sentence, by_sentence, doc, subjects,
                                                   sentences)
                penalty = 0.2
            if not locations and arrest and _OFFICIAL_HELD.search(text):
                # An official's arrest is often reported with no place but the country whose
                # state made it ("Kenya's police arrested a former minister", "a former
                # Peruvian minister was detained"): the country, at its precision. (Soldiers
                # or rebels "captured" are a battle's or an abduction's, told elsewhere.)
                locations = self._country_of(by_sentence.get(sentence.index, []))
                penalty = 0.2
            if not locations and not unplaced:
                return None
            acting = [a for a in actor_mentions if a.actor.kind not in REPORTING_KINDS]
            if trig.layer in {Layer.NAVAL_DEPLOYMENT, Layer.TROOP_MOVEMENT}:
                who = self._movers(trig, sentence, doc, acting, subjects, demonyms, locations)
            elif trig.layer == Layer.STRIKE:
                who = self._combatants(trig, sentence, doc, acting, subjects, demonyms)
                if who.state and trig.sub_event_type == _TAKEN.sub_event_type:
                    # "Russian troops captured the village of X": a state's forces
                    trig = replace(trig, sub_event_type=_REGAINED.sub_event_type,
                                   cameo=_REGAINED.cameo)
            elif trig.layer == Layer.DIPLOMACY:
                speaker = next((a.actor for a in acting), None)
                who = _Who(speaker.name, speaker.country) if speaker else _Who()
            elif trig.layer == Layer.PROTEST:
                # the dead of a protest met with lethal force or of a riot ("police opened
                # fire on the marchers, killing four"); a mob that lynches is no protester
                who = _Who("Rioters" if trig.event_type == "Riots" else "Protesters",
                           _first_country(demonyms),
                           fatalities=fatalities_in(text)[0])
            else:
                who = _Who("refugees", _first_country(demonyms),
                           count=count_in(text, r"refugees|migrants|people|asylum seekers"))
            who = replace(who, confidence=who.confidence - penalty)
        confidence = 0.6 + who.confidence + (
            0.1 if precision in {TimePrecision.DAY, TimePrecision.HOUR} else 0.0)
        return Event(
            event_id=event_id(doc.id, sentence.start, trig.layer, trig.kind),
            event_date=day,
            time_precision=precision,
            layer=trig.layer,
            event_type=trig.event_type,
            sub_event_type=trig.sub_event_type,
            cameo_code=trig.cameo,
            kind=trig.kind,
            actor1=who.actor1,
            actor1_country=who.country1,
            actor2=who.actor2,
            actor2_country=who.country2,
            fatalities=who.fatalities,
            count=who.count,
            evidence=text,
            doc_id=doc.id,
            start=sentence.start,
            end=sentence.end,
            source=doc.source,
            source_url=doc.url,
            confidence=round(max(0.05, min(confidence, 0.95)), 2),
            # places the gazetteer lacks are places of the event too (no coordinates: drawn
            # nowhere, listed for a correction); they are also kept apart in ``unplaced``
            locations=(*locations, *unplaced),
            plover_event_type=trig.plover,
            trigger=trig.word or _word_at(text, trig.position),
            unplaced=tuple(unplaced),
        )

    def _unknown_places(
        self,
        trig: _Trigger,
        sentence: Sentence,
        doc: Document,
        by_sentence: dict[int, list[Resolved]],
        actor_mentions: Sequence[ActorMention],
    ) -> tuple[list[EventPlace], list[EventPlace], set[int]]:
        """The names of a sentence the gazetteer lacks that the word before them makes a
        place of the rules' event (its role as :meth:`_roles` would give a known place's):
        those with a container, those without, and where the known places named right after
        them to locate them start."""
        sent = SentenceTokens.of(tokenize(sentence.text, sentence.start))
        found = candidates(sent, by_sentence.get(sentence.index, []), doc.text)
        taken = [(a.start, a.end) for a in actor_mentions] + _attributions(
            sentence.text, sentence.start)
        placed: list[EventPlace] = []
        unplaced: list[EventPlace] = []
        framing: set[int] = set()
        for k, c in enumerate(found):
            if c.resolved is not None or c.span.kind != KIND_UNKNOWN or any(
                    s <= c.start and c.end <= e for s, e in taken) \
                    or c.text.endswith(("'s", "’s")) \
                    or (c.span.last - c.span.first == 1
                        and frequency_bucket(sent.lower[c.span.first]) >= FIRST_COMMON_BUCKET):
                continue  # a person's ("at Chalabi's house"), a common word ("Greater")
            cue = cue_before(sent, _before_compounds(sent, c.span.first))
            role = _unknown_role(trig.layer, cue)
            if role is None or any(trig.position < p < c.start - sentence.start
                                   for p in self._positions):
                continue  # a later trigger's ("As residents fled, the army sent troops to X")
            if role == Role.LOCATION and trig.layer == Layer.DISPLACEMENT:
                role = role_of(sent, c, trig.layer)  # "fled their homes in X": the origin
            spot = unknown_event_place(c, role, found, sentence.index, by_sentence, doc.text)
            (placed if spot.placed else unplaced).append(spot)
            if k + 1 < len(found) and found[k + 1].resolved is not None \
                    and locates(sent, c, found[k + 1]):
                framing.add(found[k + 1].start)
        return placed, unplaced, framing

    def _call(self, named: list[Actor]) -> tuple[_Who, list[EventPlace]] | None:
        """A call between two parties with seats: its endpoints are the seats."""
        people = [a for a in named if a.kind in PERSON_KINDS or a.kind in _CALLING_KINDS]
        distinct: list[Actor] = []
        for a in people:
            if a.seat and all(a.actor_id != b.actor_id and a.seat != b.seat for b in distinct):
                distinct.append(a)
        if len(distinct) < 2:
            return None
        a, b = distinct[0], distinct[1]
        seats = [self._named_place(actor.seat, Role.ENDPOINT) for actor in (a, b)]
        if any(seat is None for seat in seats):
            return None
        return _Who(a.name, a.country, b.name, b.country, confidence=0.2), [
            s for s in seats if s is not None]

    def _country_of(self, mentions: Sequence[Resolved]) -> list[EventPlace]:
        """The country a sentence names, by name, owner or demonym ("Kenya's police",
        "a former Peruvian minister"), as the event's location; none when it names none or
        several ("an Iranian diplomat arrested by British police" says no one country)."""
        named = sorted((r for r in mentions if r.place is not None
                        and r.mention.kind != KIND_ORGANISATION
                        and r.place.feature == FeatureClass.COUNTRY),
                       key=lambda r: r.mention.start)
        if len({r.place.country for r in named if r.place is not None}) != 1:
            return []
        return [self._event_place(named[0], Role.LOCATION)]

    def _carried_places(
        self,
        trig: _Trigger,
        sentence: Sentence,
        by_sentence: dict[int, list[Resolved]],
        doc: Document,
        subjects: list[str],
        sentences: Sequence[Sentence],
    ) -> list[EventPlace]:
        """Places of the sentences just before, for a report whose sentence names none."""
        carried = self._context_places(sentence, by_sentence, doc, set(subjects), sentences)
        role = Role.LOCATION
        towards = _TOWARDS_A_PLACE.search(sentence.text) \
            if trig.layer == Layer.DISPLACEMENT else None
        if towards is not None:
            # "Thousands fled towards the Rwandan border": the people's country names where
            # they went, and the place told before is where they fled from
            start = sentence.start + towards.end() - 1
            people = next((r for r in by_sentence.get(sentence.index, [])
                           if r.mention.kind == KIND_DEMONYM and r.mention.start == start
                           and r.place is not None), None)
            if people is not None:
                return [*(self._event_place(r, Role.ORIGIN) for r in carried),
                        self._event_place(people, Role.DESTINATION)]
            role = Role.DESTINATION
        return [self._event_place(r, role) for r in carried]

    def _movers(
        self,
        trig: _Trigger,
        sentence: Sentence,
        doc: Document,
        acting: list[ActorMention],
        subjects: list[str],
        demonyms: list[Resolved],
        locations: list[EventPlace],
    ) -> _Who:
        """Who moves (the subject of the trigger, else the first actor that moves troops
        and reports nothing), how many units, and a fleet's home port as origin when none
        is given (``locations`` gains it)."""
        text = sentence.text
        owners = [a.actor for a in acting]
        movers = [a for a in acting if a.actor.kind in _MOVER_KINDS]
        mover, _ = parties(text, sentence.start, trig.position, movers)
        if mover is None:
            mover = next((a for a in movers if not reporting(text, sentence.start, a)), None)
        if mover is not None:
            actor1, c1 = mover.actor.name, mover.actor.country
        else:
            # "Turkish troops", "Russian warships": a demonym before a unit names the actor;
            # "the Syrian side" does not.
            moving = [d.place.country for d in demonyms if d.place is not None and (
                _ARMED_AFTER.match(doc.text[d.mention.end : d.mention.end + 40])
                or _UNIT_AFTER.match(doc.text[d.mention.end : d.mention.end + 40]))]
            c1 = ([*subjects, *moving, ""])[0]
            if not c1 and not _ANAPHOR.match(text):
                # No unit owner and no "The column ..." going on from before: the sentence's
                # own demonym is the best guess ("from the Turkish border").
                c1 = _first_country(demonyms)
            actor1 = f"{c1} forces" if c1 else ""
        unit = _NAVAL_UNITS if trig.layer == Layer.NAVAL_DEPLOYMENT else _TROOPS
        if trig.layer == Layer.NAVAL_DEPLOYMENT and not any(
                p.role == Role.ORIGIN for p in locations):
            fleet = next((a for a in owners if a.kind == ActorKind.FLEET and a.home_port), None)
            home = self._named_place(fleet.home_port, Role.ORIGIN) if fleet else None
            if home is not None:
                locations.insert(0, home)
        routed = any(p.role in {Role.DESTINATION, Role.VIA} for p in locations)
        return _Who(actor1, c1, count=count_in(text, unit), confidence=0.0 if routed else -0.2)

    def _combatants(
        self,
        trig: _Trigger,
        sentence: Sentence,
        doc: Document,
        acting: list[ActorMention],
        subjects: list[str],
        demonyms: list[Resolved],
    ) -> _Who:
        """Attacker (the trigger's subject, not the one who reports it), target (the actor it
        acts on, else the victims' country) and the dead of a strike."""
        text = sentence.text
        fatalities, span = fatalities_in(text)
        victim = None
        if span is not None:
            victim = next((d for d in demonyms if d.place is not None
                           and sentence.start + span[0] <= d.mention.start
                           < sentence.start + span[1]), None)
        if victim is None:
            victim = next((d for d in demonyms if d.place is not None and (
                _VICTIM_CONTEXT.search(doc.text[max(0, d.mention.start - 12) : d.mention.end + 16])
                or _TARGET_BEFORE.search(doc.text[max(0, d.mention.start - 30) : d.mention.start])
            )), None)
        victims = victim.place.country if victim is not None and victim.place is not None else ""
        armed = [d.place.country for d in demonyms if d.place is not None and
                 _ARMED_AFTER.match(doc.text[d.mention.end : d.mention.end + 30])]
        attackers = [c for c in subjects + armed if c and c != victims]
        agent, target = parties(text, sentence.start, trig.position,
                                [a for a in acting if a.actor.kind in _COMBATANT_KINDS])
        dead = (sentence.start + span[0], sentence.start + span[1]) if span else (0, 0)
        if agent is not None and (dead[0] <= agent.start < dead[1] or (
                victim is not None and agent.start <= victim.mention.start < agent.end)):
            agent, target = None, target or agent  # "five Turkish soldiers died"
        if target is not None:
            attackers = [c for c in attackers if c != target.actor.country]
        actor1, c1 = "", ""
        if agent is not None:
            actor1, c1 = agent.actor.name, agent.actor.country
        elif attackers:
            c1 = attackers[0]
            actor1 = f"{c1} forces"
        actor2, c2 = (target.actor.name, target.actor.country) if target is not None else (
            f"{victims} forces" if victims else "", victims)
        state = agent.actor.kind in _STATE_KINDS if agent is not None else bool(c1)
        return _Who(actor1, c1, actor2, c2, fatalities=fatalities,
                    confidence=0.1 if fatalities else 0.0, state=state)

    def _cue(self, r: Resolved, doc: Document) -> str:
        """The word that gives a mention its role, looking through frames: "port of X" and
        "the island of X" take the preposition before the frame, "out of X" is "from",
        "Syria's Idlib province" takes the preposition before the possessor."""
        cue = r.mention.cue
        before = doc.text[max(0, r.mention.start - 80) : r.mention.start]
        if cue == "of":
            if _OUT_OF.search(before):
                return "from"
            if _TRANSIT_OF.search(before):
                return "via"  # "conducted a routine transit of the Taiwan Strait"
            frame = _OF_FRAME.search(before)
            if frame:
                return frame.group(1).lower()
            if _AREA_OF.search(before):
                return "in"
            return "of"
        if before.endswith(("of ", "of the ")):
            # "towards their home port city of X": the geoparser may read the frame's "in"
            frame = _OF_FRAME.search(before)
            if frame:
                return frame.group(1).lower()
        if not cue:
            owner = _POSSESSOR.search(before)
            if owner and (owner.group(1).lower() in MOVEMENT_ROLES
                          or owner.group(1).lower() in _STRIKE_CUES):
                return owner.group(1).lower()  # "east of Eritrea's Assab"
            target = _ON_TARGET.search(before)
            if target:
                return target.group(1).lower()  # "an assault on Kadugli"
            if _PASSING.search(before):
                return "via"  # "transiting the Strait of Gibraltar", "passed the Bosphorus"
            apposed = _APPOSED.search(before)
            if apposed:
                return apposed.group(1).lower()  # "from the capital Mogadishu"
        return cue

    def _roles(self, trig: _Trigger, places: list[Resolved], doc: Document) -> list[EventPlace]:
        out: list[EventPlace] = []
        ends = {r.mention.end for r in places}
        for r in places:
            bearing = _BEARING_OF.search(doc.text, max(0, r.mention.start - 40), r.mention.start)
            if bearing is not None and bearing.start() in ends:
                continue  # "a refinery in Ryazan, southeast of Moscow": Moscow locates Ryazan
            cue = self._cue(r, doc)
            after = doc.text[r.mention.end : r.mention.end + 24]
            if after[:2] in {"'s", "’s"} and (trig.layer in {Layer.DIPLOMACY, Layer.STRIKE}
                                              or after[2:].lstrip()[:1].isupper()):
                continue  # "at Turkey's request", "Syria's Idlib province": not the place
            at_start = r.mention.start - self._sentence_start <= 3
            if trig.layer == Layer.DIPLOMACY:
                offset = r.mention.start - (self._sentence_start + trig.position)
                if (cue in _VENUE_CUES and (0 < offset <= 60 or at_start)) \
                        or _VENUE_AFTER.match(after) \
                        or _HELD_IN.search(doc.text[max(0, r.mention.start - 60) : r.mention.start]) \
                        or _TRAVELLED_TO.search(
                            doc.text[max(0, r.mention.start - 60) : r.mention.start]):
                    out.append(self._event_place(r, Role.VENUE))
                continue
            if trig.layer == Layer.STRIKE:
                if cue in _STRIKE_CUES:
                    out.append(self._event_place(r, Role.LOCATION))
                continue
            role = MOVEMENT_ROLES.get(cue, Role.LOCATION)
            if trig.layer in {Layer.NAVAL_DEPLOYMENT, Layer.TROOP_MOVEMENT} \
                    and role in {Role.LOCATION, Role.DESTINATION} and _AFTER_STAY.search(
                        doc.text[max(0, r.mention.start - 80) : r.mention.start]):
                role = Role.ORIGIN
            before = doc.text[max(0, r.mention.start - 60) : r.mention.start]
            if role == Role.LOCATION and cue in {"in", "at"} and (
                    _ARRIVED.search(before[-40:]) or REFUGE.search(before)):
                role = Role.DESTINATION  # "arrived in Saraqib", "docked at Tartus"
            if trig.layer == Layer.DISPLACEMENT and role == Role.LOCATION \
                    and HOMES_LEFT.search(before):
                role = Role.ORIGIN  # "forced thousands to flee their villages in X"
            if role == Role.LOCATION and _LEFT_FROM.search(before):
                role = Role.ORIGIN  # "pulled out of their base in Kidal"
            if cue == "with" or (trig.layer == Layer.DISPLACEMENT and
                                 re.search(r"border with\s*$", doc.text[max(0, r.mention.start - 20)
                                                                       : r.mention.start])):
                role = Role.ORIGIN
            if trig.layer == Layer.NAVAL_DEPLOYMENT and r.place is not None \
                    and r.place.feature not in SEA_FEATURES and role != Role.DESTINATION:
                continue  # a port is a warship's place only as where it went
            out.append(self._event_place(r, role))
        if trig.layer in {Layer.NAVAL_DEPLOYMENT, Layer.TROOP_MOVEMENT, Layer.DISPLACEMENT}:
            out = self._movement_roles(out, doc)
        # Drop a country that only frames a more precise place in it ("Idlib, Syria").
        precise = {p.country for p in out if p.feature != Feature.COUNTRY}
        out = [p for p in out if not (p.feature == Feature.COUNTRY and p.country in precise
                                      and p.role in {Role.LOCATION, Role.VENUE})]
        seen: set[tuple[str, str]] = set()
        unique = []
        for p in out:
            if (p.role, p.place_id) not in seen:
                seen.add((p.role, p.place_id))
                unique.append(p)
        return unique

    def _movement_roles(self, out: list[EventPlace], doc: Document) -> list[EventPlace]:
        """Keep the route of a movement: a sea entered on the way to a further destination
        is passed through; a place merely "near" or "in" becomes the origin when it comes
        before the destination (unless it only says where a place passed through lies:
        "through the Bosphorus in Istanbul"), or the destination when the sentence moves "to"
        it; places seen around a transit ("in Istanbul") are dropped otherwise."""
        last_dest = max((p.start or 0 for p in out if p.role == Role.DESTINATION), default=-1)
        # "entered the Black Sea and made their way towards Sevastopol": the sea is passed
        out = [replace(p, role=Role.VIA) if p.role == Role.DESTINATION and p.feature in _WATERS
               and (p.start or 0) < last_dest and _ENTERED.search(
                   doc.text[max(0, (p.start or 0) - 16) : p.start or 0]) else p for p in out]
        has_dest = any(p.role == Role.DESTINATION for p in out)
        has_origin = any(p.role == Role.ORIGIN for p in out)
        if not has_dest:
            for k in range(len(out) - 1, -1, -1):
                p = out[k]
                if p.role == Role.LOCATION and p.start is not None and re.search(
                        r"\bto\b", doc.text[max(0, p.start - 60) : p.start]):
                    out[k] = replace(p, role=Role.DESTINATION)
                    has_dest = True
                    break
        if has_dest and not has_origin:
            first_dest = min(p.start or 0 for p in out if p.role == Role.DESTINATION)
            earlier = [k for k, p in enumerate(out)
                       if p.role == Role.LOCATION and (p.start or 0) < first_dest
                       and not _frames_via(p, out, doc.text)]
            cued = [k for k in earlier if re.search(
                r"\b(near|in|at|around|outside)\s+(?:the\s+)?$",
                doc.text[max(0, (out[k].start or 0) - 12) : out[k].start or 0])]
            if earlier:
                k = (cued or earlier)[0]
                out[k] = replace(out[k], role=Role.ORIGIN)
        moving = [p for p in out if p.role in {Role.ORIGIN, Role.VIA, Role.DESTINATION}]
        return moving or out


def _frames_via(p: EventPlace, out: list[EventPlace], text: str) -> bool:
    """Whether ``p`` names where a place passed through lies ("through the Bosphorus in
    Istanbul"): not where the movement came from."""
    return p.start is not None and any(
        q.role == Role.VIA and q.end is not None and q.end <= p.start
        and re.fullmatch(r",?\s*(?:in|at|near|off|by)\s+(?:the\s+)?", text[q.end : p.start])
        for q in out)


#: Layers of movements, and the roles of a movement's route.
_MOVING = frozenset({Layer.TROOP_MOVEMENT, Layer.NAVAL_DEPLOYMENT, Layer.DISPLACEMENT})
_ROUTE = frozenset({Role.ORIGIN, Role.VIA, Role.DESTINATION})


def _within(place: EventPlace, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a place's mention overlaps one of ``spans``."""
    return place.start is not None and place.end is not None and any(
        s < place.end and place.start < e for s, e in spans)


def _union(rules: list[EventPlace], linked: list[EventPlace]) -> list[EventPlace]:
    """The rules' places, then the linked ones whose mention none of them covers."""
    out = list(rules)
    for p in linked:
        if not any(q.start is not None and p.start is not None and q.end is not None
                   and p.end is not None and q.start < p.end and p.start < q.end for q in out):
            out.append(p)
    return out


def _frames(rules: list[EventPlace], linked: list[EventPlace], text: str, offset: int
            ) -> list[EventPlace]:
    """The rules' places that name the region of a linked place just before them ("the
    Balyun area of southern Idlib", "Zindiri, in Borno"): the province stays on the record."""
    out = []
    for p in rules:
        if p.start is None:
            continue
        for q in linked:
            if q.end is None or q.end > p.start or p.start - q.end > _FRAME_CHARS:
                continue
            if _FRAME.search(text[q.end - offset : p.start - offset]):
                out.append(p)
                break
    return out


def _towns_first(rules: list[EventPlace], linked: list[EventPlace], text: str, offset: int
                 ) -> list[EventPlace]:
    """The linked places, with a town of the rules named right before a linked country that
    frames it ("in the town of Gao in eastern Mali": the linker took the country) in the
    country's stead."""
    towns = [p for p in rules if p.start is not None and p.feature != Feature.COUNTRY
             and not any(q.start == p.start for q in linked) and any(
        q.feature == Feature.COUNTRY and q.country == p.country and q.start is not None
        and p.end is not None and 0 <= q.start - p.end <= _FRAME_CHARS
        and _FRAME.search(text[p.end - offset : q.start - offset]) for q in linked)]
    if not towns:
        return linked
    held = {p.country for p in towns}
    return [*towns, *(q for q in linked
                      if not (q.feature == Feature.COUNTRY and q.country in held))]


def _word_at(text: str, position: int) -> str:
    """The word at ``position`` of ``text``."""
    match = re.match(r"[\w’'-]+", text[position:])
    return match.group() if match else ""


def event_id(doc_id: str, start: int, layer: str, kind: str) -> str:
    """Stable id of an extracted event: its document, the offset of its sentence, its layer
    and kind (the same text gives the same ids on every run)."""
    digest = hashlib.sha1(f"{doc_id}|{start}|{layer}|{kind}".encode()).hexdigest()[:12]
    return f"{doc_id}:{digest}"


def extract_events(
    doc: Document, resolved: Sequence[Resolved], actors: ActorTable, gazetteer: Gazetteer
) -> list[Event]:
    """Events of one geoparsed document (see :class:`EventExtractor`)."""
    return EventExtractor(actors, gazetteer).extract(doc, resolved)


__all__ = [
    "EventExtractor",
    "count_in",
    "event_id",
    "extract_events",
    "fatalities_in",
]
