"""Event classes: a trigger word and its sentence to an ACLED event type and sub-type, the
map layer, a PLOVER event type and a CAMEO code.

The trigger's stem picks a family ("kill" is violence, "march" a protest, "sail" a
deployment); words near the trigger refine it ("shelled" with "mortar" is a shelling, "killed"
with "drone" an air strike, "captured" with "town" a seizure of territory, with "suspects" an
arrest). A trigger whose stem is generic ("occurred", "began") takes its family from the
nouns near it ("an explosion occurred"); one that names no family is no event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from geo.events.features import SentenceTokens, stem
from geo.model import EventKind
from geo.model import Layer as Layer  # its home is the records; still importable here
from geo.settings import CONTEXT_WINDOW, OBJECT_WINDOW


class AcledType(StrEnum):
    """ACLED event types, and the two this project adds for its layers."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"
    DIPLOMACY = "Diplomacy"
    DISPLACEMENT = "Displacement"


class Plover(StrEnum):
    """PLOVER event types used here."""

    ASSAULT = "ASSAULT"
    COERCE = "COERCE"
    PROTEST = "PROTEST"
    MOBILIZE = "MOBILIZE"
    CONSULT = "CONSULT"
    AGREE = "AGREE"
    RETREAT = "RETREAT"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True)
class EventClass:
    """What kind of event a trigger reports.

    Parameters
    ----------
    kind
        Finer type inside the layer ("air_strike", "arrest", "protest"...).
    layer
        Map layer.
    event_type, sub_event_type
        ACLED labels.
    plover
        PLOVER event type.
    cameo
        CAMEO code.
    """

    kind: EventKind
    layer: Layer
    event_type: AcledType
    sub_event_type: str
    plover: Plover
    cameo: str


_A = AcledType
_K = EventKind
_L = Layer
_P = Plover
#: Every class, by kind.
CLASSES: dict[EventKind, EventClass] = {c.kind: c for c in (
    EventClass(_K.ARMED_CLASH, _L.STRIKE, _A.BATTLES, "Armed clash", _P.ASSAULT, "190"),
    EventClass(_K.TERRITORY_TAKEN, _L.STRIKE, _A.BATTLES, "Non-state actor overtakes territory",
               _P.ASSAULT, "190"),
    EventClass(_K.TERRITORY_REGAINED, _L.STRIKE, _A.BATTLES, "Government regains territory",
               _P.ASSAULT, "190"),
    EventClass(_K.AIR_STRIKE, _L.STRIKE, _A.EXPLOSIONS, "Air/drone strike", _P.ASSAULT, "195"),
    EventClass(_K.SHELLING, _L.STRIKE, _A.EXPLOSIONS, "Shelling/artillery/missile attack",
               _P.ASSAULT, "194"),
    EventClass(_K.EXPLOSIVE, _L.STRIKE, _A.EXPLOSIONS, "Remote explosive/landmine/IED",
               _P.ASSAULT, "183"),
    EventClass(_K.SUICIDE_BOMB, _L.STRIKE, _A.EXPLOSIONS, "Suicide bomb", _P.ASSAULT, "1831"),
    EventClass(_K.CHEMICAL_WEAPON, _L.STRIKE, _A.EXPLOSIONS, "Chemical weapon", _P.ASSAULT,
               "2041"),
    EventClass(_K.GRENADE, _L.STRIKE, _A.EXPLOSIONS, "Grenade", _P.ASSAULT, "190"),
    EventClass(_K.SHIP_ATTACK, _L.STRIKE, _A.EXPLOSIONS, "Shelling/artillery/missile attack",
               _P.ASSAULT, "190"),
    EventClass(_K.ATTACK, _L.STRIKE, _A.VIOLENCE_AGAINST_CIVILIANS, "Attack", _P.ASSAULT, "180"),
    EventClass(_K.ABDUCTION, _L.STRIKE, _A.VIOLENCE_AGAINST_CIVILIANS,
               "Abduction/forced disappearance", _P.ASSAULT, "181"),
    EventClass(_K.SEXUAL_VIOLENCE, _L.STRIKE, _A.VIOLENCE_AGAINST_CIVILIANS, "Sexual violence",
               _P.ASSAULT, "1821"),
    EventClass(_K.PROTEST, _L.PROTEST, _A.PROTESTS, "Peaceful protest", _P.PROTEST, "141"),
    EventClass(_K.PROTEST_INTERVENTION, _L.PROTEST, _A.PROTESTS, "Protest with intervention",
               _P.PROTEST, "141"),
    EventClass(_K.EXCESSIVE_FORCE, _L.PROTEST, _A.PROTESTS,
               "Excessive force against protesters", _P.ASSAULT, "180"),
    EventClass(_K.RIOT, _L.PROTEST, _A.RIOTS, "Violent demonstration", _P.PROTEST, "145"),
    EventClass(_K.MOB_VIOLENCE, _L.PROTEST, _A.RIOTS, "Mob violence", _P.ASSAULT, "145"),
    EventClass(_K.ARREST, _L.STRIKE, _A.STRATEGIC_DEVELOPMENTS, "Arrests", _P.COERCE, "173"),
    EventClass(_K.PROPERTY_DESTRUCTION, _L.STRIKE, _A.STRATEGIC_DEVELOPMENTS,
               "Looting/property destruction", _P.COERCE, "175"),
    EventClass(_K.DISRUPTED_WEAPONS, _L.STRIKE, _A.STRATEGIC_DEVELOPMENTS,
               "Disrupted weapons use", _P.COERCE, "190"),
    EventClass(_K.AGREEMENT, _L.DIPLOMACY, _A.STRATEGIC_DEVELOPMENTS, "Agreement", _P.AGREE,
               "057"),
    EventClass(_K.MEETING, _L.DIPLOMACY, _A.DIPLOMACY, "Meeting", _P.CONSULT, "043"),
    EventClass(_K.BASE, _L.TROOP_MOVEMENT, _A.STRATEGIC_DEVELOPMENTS,
               "Headquarters or base established", _P.MOBILIZE, "154"),
    EventClass(_K.DEPLOYMENT, _L.TROOP_MOVEMENT, _A.STRATEGIC_DEVELOPMENTS, "Troop movement",
               _P.MOBILIZE, "154"),
    EventClass(_K.NAVAL_DEPLOYMENT, _L.NAVAL_DEPLOYMENT, _A.STRATEGIC_DEVELOPMENTS,
               "Naval deployment", _P.MOBILIZE, "154"),
    EventClass(_K.WITHDRAWAL, _L.TROOP_MOVEMENT, _A.STRATEGIC_DEVELOPMENTS, "Troop movement",
               _P.RETREAT, "154"),
    EventClass(_K.GROUP_CHANGE, _L.STRIKE, _A.STRATEGIC_DEVELOPMENTS,
               "Change to group/activity", _P.OTHER, ""),
    EventClass(_K.TERRITORY_TRANSFER, _L.TROOP_MOVEMENT, _A.STRATEGIC_DEVELOPMENTS,
               "Non-violent transfer of territory", _P.RETREAT, "087"),
    EventClass(_K.OTHER, _L.STRIKE, _A.STRATEGIC_DEVELOPMENTS, "Other", _P.OTHER, ""),
    EventClass(_K.DISPLACEMENT, _L.DISPLACEMENT, _A.DISPLACEMENT, "Refugee movement", _P.OTHER,
               "201"),
)}


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


#: Trigger stems -> family. A family is refined by the words around the trigger.
FAMILIES: dict[str, frozenset[str]] = {
    "violence": _stems(
        "kill killing killed slain slay dead died die dies death deaths wounded wounding "
        "injured injuring shot shoot shooting gunned murdered murder murdering executed "
        "execute beheaded massacred massacre stabbed lynched hacked clubbed burned torched "
        "attack attacked attacking attacks assault assaulted ambushed ambush raided raid "
        "stormed storming targeted targeting hit struck strike striking fired fire firing "
        "opened clashed clash clashes fought fighting fight battled battle bombed bombing "
        "bomb shelled shelling shell pounded detonated detonate exploded explode blast "
        "blew explosion launched launch airstrike airstrikes besieged "
        "destroyed destroy demolished damaged looted ransacked burnt encircled besieged "
        "invaded invade shot vandalised vandalized vandalism"),
    "seizure": _stems("captured capture captures capturing seized seize seizing took taken "
                      "recaptured retook overtook overran overrun liberated liberate "
                      "liberating"),
    "abduction": _stems("kidnapped kidnap abducted abduct hijacked hostage snatched"),
    "sexual": _stems("raped rape"),
    # ("rounded" only as "rounded up")
    "arrest": _stems("arrested arrest detained detain apprehended nabbed rounded"),
    "protest": _stems("protested protest protesting protests demonstrated demonstrate "
                      "demonstrating demonstration marched march marching rallied rally "
                      "picketed boycotted chanted dispersed disperse dispersing teargassed"),
    "riot": _stems("rioted riot rioting rampaged"),
    "movement": _stems("patrolled patrol patrolling patrols deployed deploy deploying "
                       "entered enter entering advanced advance advancing moved move moving "
                       "sent send dispatched reinforced crossed cross withdrew "
                       "withdraw withdrawn pulled flown flew airlifted landed arrived "
                       "arrive stationed massed rolled"),
    "naval": _stems("sailed sail sailing docked dock transited transit steamed escorted "
                    "anchored"),
    "base": _stems("established establish set built"),
    "meeting": _stems("met meet meeting talks hosted host visited visit summit convened "
                      "negotiated"),
    "agreement": _stems("signed sign agreed agree brokered ceasefire truce"),
    "displacement": _stems("fled flee fleeing displaced evacuated"),
    "weapons": _stems("defused defuse intercepted intercept dismantled"),
    "group": _stems("merged merge merging disbanded disband dissolved defected defect "
                    "defecting renamed"),
    "transfer": _stems("handed handing handover ceded cede relinquished"),
    "discovery": _stems("discovered discover uncovered unearthed exhumed"),
    # a throw is violence only when what is thrown or dropped is a weapon (see _thrown)
    "throw": _stems("threw throw thrown throwing hurled hurling lobbed tossed dropped"),
    # a fall is violence only when what fell is a weapon ("a drone fell in central Eilat")
    "fall": _stems("fell"),
    "generic": _stems("occurred occur happened took began begun continued erupted broke "
                      "carried conducted resumed left caused came went held staged reached"),
}
_FAMILY_OF: dict[str, str] = {s: family for family, stems in FAMILIES.items() for s in stems}

#: Context words (stems) that refine a family, checked in this order.
_CONTEXT: dict[str, frozenset[str]] = {
    "ship": _stems("ship ships tanker tankers vessel vessels freighter cargo merchant boat "
                   "boats"),
    "naval": _stems("warship warships navy naval frigate frigates destroyer destroyers fleet "
                    "submarine carrier corvette coast guard"),
    "authorities": _stems("police policemen customs authorities prosecutors border guard "
                          "guards"),
    "suicide": _stems("suicide"),
    # what a bomber wears ("an explosives vest", "a belt packed with explosives")
    "worn": _stems("vest vests belt belts"),
    "chemical": _stems("chemical chlorine sarin nerve mustard toxic poison"),
    "mob": _stems("mob mobs vigilante vigilantes lynch lynched lynching"),
    "rioters": _stems("rioters rioter"),
    "groups": _stems("group groups faction factions militia militias coalition alliance "
                     "movement brigade brigades rebels party fighters"),
    "accord": _stems("agreement agreements accord deal treaty ceasefire cease truce peace "
                     "memorandum pact"),
    "graves": _stems("grave graves bodies corpses remains"),
    "peaceful": _stems("peacefully unopposed handover uncontested"),
    "grenade": _stems("grenade grenades"),
    # (not "raid": bandits who raid a village come on foot or on motorcycles; an air raid
    # says "air")
    "air": _stems("air airstrike airstrikes drone drones uav uavs warplane warplanes jet jets "
                  "aircraft helicopter helicopters bomber bombers"),
    "shelling": _stems("shelling shelled shell shells artillery mortar mortars rocket rockets "
                       "missile missiles howitzer howitzers barrage katyusha"),
    "explosive": _stems("ied bomb bombs explosive explosives device landmine mine mines "
                        "explosion blast roadside booby"),
    "protesters": _stems("protesters protestors demonstrators marchers crowd crowds "
                         "rally protest protests demonstration"),
    "riot": _stems("riot rioters mob looted torched stones rocks vandalised vandalized "
                   "smashed"),
    "intervention": _stems("police dispersed disperse tear gas water cannon batons"),
    "crowd_weapons": _stems("tear teargas cannon cannons rubber pepper"),
    "civilians": _stems("civilian civilians villagers woman women girl girls boy boys child "
                        "children man teacher student students worker workers farmer farmers "
                        "journalist journalists family families resident residents widow "
                        "priest pilgrims shoppers passengers traders vendors parent parents "
                        "schoolchildren pupils patients herders"),
    "armed": _stems("soldier soldiers troops army forces rebels rebel insurgents fighters "
                    "militia militiamen police policemen guerrillas clash clashes battle "
                    "fighting"),
    # who raids villages and shoots people (ACLED: violence against civilians when no force
    # fights back); "armed" as in "armed men", "armed raiders"
    "raiders": _stems("gunmen gunman bandits bandit raiders raider assailants attackers "
                      "gang gangs herdsmen kidnappers jihadists armed rebels rebel militants "
                      "militant insurgents militia militiamen"),
    "victims": _stems("people persons villagers residents civilians farmers worshippers "
                      "village villages community communities"),
    # a force that fights back, or a fight: a battle, not an attack on civilians
    "opponents": _stems("soldier soldiers troops army military forces police policemen "
                        "officers officer guards clash clashes clashed "
                        "battle battled fighting fought gunfight"),
    "diplomats": _stems("minister ministers envoy envoys delegation delegations diplomat "
                        "diplomats ambassador ambassadors president premier chancellor "
                        "secretary emir mediator mediators negotiator negotiators"),
    "fleeing": _stems("refugees refugee migrants displaced asylum fled fleeing flee evacuees"),
    "troops": _stems("soldiers troops army forces militia militiamen rebels fighters "
                     "battalion battalions brigade convoy column"),
    "territory": _stems("town city village villages area areas territory control hill "
                        "hilltop base airport positions position district neighbourhood "
                        "neighborhood region stronghold outpost checkpoint"),
    "persons": _stems("suspect suspects leader commander member members militant militants "
                      "man men people person smuggler smugglers pirate pirates crew fishermen "
                      "soldier soldiers hostage hostages journalist journalists"),
    "government": _stems("army government regime military troops soldiers federal"),
    "base_object": _stems("base bases headquarters outpost camp checkpoint"),
    "property": _stems("house houses home homes building buildings shop shops church mosque "
                       "village villages property"),
    "refugees": _stems("refugees refugee migrants displaced civilians residents people "
                       "families thousands"),
    "not_conflict": _stems("accident accidents crash crashed traffic tragedy storm storms "
                           "earthquake flood floods lightning disease illness cancer overdose "
                           "heart hurricane tornado collision drowned wildfire blaze avalanche "
                           "landslide"),
    # other senses of "captured" (a title, votes, a picture) and of "shot" (a film)
    "captured_otherwise": _stems("votes vote ballots election elections primary primaries "
                                 "title titles crown championship trophy medal medals "
                                 "imagination attention camera cameras footage picture"),
    "shot_otherwise": _stems("movie movies episodes episode footage"),
    # what a seizure of arms takes ("seized a weapons shipment", "the arms were captured")
    "arms": _stems("weapons weapon arms ammunition munitions cache caches shipment shipments "
                   "explosives rifles narcotics cocaine heroin contraband launcher launchers"),
    # what a rioter throws
    "projectiles": _stems("stones stone rocks rock bottles petrol molotov"),
    "abductions": _stems("abduction abductions kidnapping kidnappings"),
    "violence_nouns": _stems("attack attacks clash clashes fighting battle explosion blast "
                             "bombing shooting violence"),
}


@dataclass(frozen=True, slots=True)
class _Context:
    """A trigger's stem, the stems around it (within :data:`CONTEXT_WINDOW` tokens), those
    just after it (:data:`OBJECT_WINDOW`), those before it and, in order, those after it
    (within :data:`CONTEXT_WINDOW`); its sentence and position, for what the sentence named
    before it (:meth:`named_before`)."""

    trigger: str
    around: frozenset[str]
    after: tuple[str, ...] = ()
    before: frozenset[str] = frozenset()
    later: tuple[str, ...] = ()
    sent: SentenceTokens | None = None
    index: int = 0

    @classmethod
    def of(cls, sent: SentenceTokens, index: int) -> _Context:
        lo, hi = max(0, index - CONTEXT_WINDOW), index + CONTEXT_WINDOW + 1
        around = frozenset((*sent.stems[lo:index], *sent.stems[index + 1 : hi]))
        for word, otherwise in _NOT_CONTEXT.items():
            if word in around and all(otherwise(sent, k)
                                      for k in range(lo, min(hi, len(sent.stems)))
                                      if k != index and sent.stems[k] == word):
                around = around - {word}
        return cls(sent.stems[index], around,
                   sent.stems[index + 1 : index + 1 + OBJECT_WINDOW],
                   frozenset(sent.stems[lo:index]), sent.stems[index + 1 : hi], sent, index)

    def named_before(self, stems: frozenset[str]) -> bool:
        """Whether the sentence names one of ``stems`` anywhere before the trigger ("air" not
        in "into the air")."""
        if self.sent is None:
            return False
        return any(s in stems and not (s == _AIR and _into_the_air(self.sent, k))
                   for k, s in enumerate(self.sent.stems[: self.index]))


_AIR = stem("air")
_RIOT = stem("riot")
_CROWD = stem("crowd")
#: Words after "riot" that make it the police's ("riot police", "riot squads", "riot gear").
_RIOT_FORCES = _stems("police policemen officers squad squads gear unit units troops control")


def _riot_police(sent: SentenceTokens, k: int) -> bool:
    """Whether the "riot" at token ``k`` names police or their gear ("riot police",
    "anti-riot units"), not a riot."""
    return (k + 1 < len(sent.stems) and sent.stems[k + 1] in _RIOT_FORCES) or (
        k >= 2 and sent.lower[k - 1] == "-" and sent.lower[k - 2] == "anti")
_PLACE = stem("place")
_LIBERATE = _stems("liberated liberate liberating")
#: Words before "mine" that make it a pit, not a landmine ("the Karma gold mine").
_MINED = _stems("gold coal copper diamond tin uranium cobalt iron salt artisanal")
_MINE = _stems("mine mines")
_FROM = stem("from")
_TO = stem("to")


def _into_the_air(sent: SentenceTokens, k: int) -> bool:
    """Whether token ``k`` is the "air" of "shot in the air", "fired into the air": warning
    shots, not an air strike."""
    return (sent.lower[k] == "air" and k >= 2 and sent.lower[k - 1] == "the"
            and sent.lower[k - 2] in {"in", "into"})


def _crowded(sent: SentenceTokens, k: int) -> bool:
    """Whether token ``k`` is "crowded" ("a crowded market"): a busy place, no crowd that
    gathered."""
    return sent.lower[k] == "crowded"


_STORM = stem("storm")
#: Words before "storm" that make it a deed ("tried to storm"), and after it that make it a
#: verb with an object ("storm the airport").
_STORM_BEFORE = frozenset({"to", "would", "could", "will", "did"})
_STORM_OBJECT = frozenset({"the", "a", "an", "its", "their", "his", "her", "into"})


def _storming(sent: SentenceTokens, k: int) -> bool:
    """Whether the "storm" at token ``k`` is an assault ("gunmen stormed a hotel", "tried to
    storm the airport"), not the weather ("a storm killed 12")."""
    return sent.lower[k] in {"stormed", "storming"} \
        or (k > 0 and sent.lower[k - 1] in _STORM_BEFORE) \
        or (k + 1 < len(sent.lower) and sent.lower[k + 1] in _STORM_OBJECT)


#: Context words with a sense that is no context, and the test of a token having it: "into
#: the air" (no air strike), "riot police" (no riot), "a crowded market" (no crowd), "tried to
#: storm the airport" (no weather).
_NOT_CONTEXT: dict[str, Callable[[SentenceTokens, int], bool]] = {
    _AIR: _into_the_air, _RIOT: _riot_police, _CROWD: _crowded, _STORM: _storming}


#: Triggers of violence against property, and of withdrawals (made once, not per trigger).
_DESTRUCTION = _stems("destroyed destroy demolished damaged looted ransacked burned torched "
                      "vandalised vandalized vandalism")
_WITHDRAWAL = _stems("withdrew withdraw withdrawn pulled")


#: Trigger stems with senses outside conflict, and the :data:`_CONTEXT` key that tells them.
_OTHER_SENSES: dict[str, str] = {
    **dict.fromkeys(_stems("captured capture captures capturing"), "captured_otherwise"),
    **dict.fromkeys(_stems("shot shoot"), "shot_otherwise")}


#: What a crowd or a plan is "met with" that is no one to meet: "protesters were met with tear
#: gas", "the plan was met with criticism".
_MET_WITH = frozenset({
    "tear", "teargas", "force", "gunfire", "bullets", "fire", "live", "rubber", "water",
    "batons", "stones", "rocks", "violence", "resistance", "hostility", "opposition", "anger",
    "criticism", "protests", "protest", "silence", "scepticism", "skepticism", "derision",
    "applause", "cheers", "indifference", "outrage", "condemnation"})


def _other_sense(sent: SentenceTokens, index: int) -> bool:
    """Whether token ``index`` is "captured" or "shot" in a sense outside conflict ("captured
    the title", "the episodes were shot in Rome"), or "met with" what is no one to meet
    ("were met with tear gas")."""
    if sent.lower[index] == "met" and sent.word(index + 1) == "with" \
            and sent.word(index + 2) in _MET_WITH:
        return True
    key = _OTHER_SENSES.get(sent.stems[index])
    if key is None:
        return False
    after = sent.lower[index + 1 : index + 3]
    if key == "shot_otherwise" and (after[:1] == ("back",) or (
            len(after) == 2 and after[0] == "a" and after[1].isdigit())):
        return True  # "the envoy shot back": retorted; "Claar shot a 65": a golf score
    return _near(_Context.of(sent, index), key)


#: "Bombed" as the trigger itself: a bombing, from the air by a state's forces.
_BOMBED = _stems("bombed bombing bombings bombs")
#: A barrage of bullets ("a barrage of gunfire at the check post"): no artillery.
_BARRAGE = _stems("barrage barrages")
_GUNFIRE = _stems("gunfire gunshots bullets shots")


def _gunfire_barrage(ctx: _Context) -> bool:
    """Whether the only shelling word around a trigger is a barrage of gunfire."""
    shelling = (ctx.around | {ctx.trigger}) & _CONTEXT["shelling"]
    return bool(shelling) and shelling <= _BARRAGE and not ctx.around.isdisjoint(_GUNFIRE)


def _near(ctx: _Context, key: str) -> bool:
    return not ctx.around.isdisjoint(_CONTEXT[key])


def family_of(word: str) -> str:
    """The family of a trigger word ("" when it names none)."""
    return _FAMILY_OF.get(stem(word.lower()), "")


def _only_a_pit(ctx: _Context) -> bool:
    """Whether the only explosive word around the trigger is a mine that is a pit ("an
    attack on the Karma gold mine"), not a landmine."""
    words = ctx.around & _CONTEXT["explosive"]
    if not words <= _MINE or ctx.sent is None:
        return False
    stems = ctx.sent.stems
    return all(k > 0 and stems[k - 1] in _MINED for k, s in enumerate(stems) if s in _MINE)


#: Ground a government word may name as its holder ("a military base", "army positions").
_HELD_GROUND = _CONTEXT["territory"] | _CONTEXT["base_object"]


#: Words that make an army an armed group's ("an ethnic army", "a rebel army", "the
#: Liberation Army"), not the state's.
_ARMED_GROUP_ARMY = _stems("ethnic rebel insurgent insurgents guerrilla guerrillas liberation "
                           "independence resistance revolutionary separatist")
_ARMY = stem("army")


def _state_army(sent: SentenceTokens, k: int) -> bool:
    """Whether the government word at token ``k`` names the state's forces: not an army that
    a word just before it makes an armed group's ("an ethnic army captured an outpost")."""
    return sent.stems[k] != _ARMY or _ARMED_GROUP_ARMY.isdisjoint(sent.stems[max(0, k - 3) : k])


def _government_took(ctx: _Context) -> bool:
    """Whether the government's side took the ground: a government word around the trigger,
    but not only as the side it was taken from ("seized the town from the army"), nor an
    army of an armed group ("the ethnic army seized the camp")."""
    government = _CONTEXT["government"]
    if ctx.around.isdisjoint(government):
        return False
    if ctx.sent is not None:
        lo = max(0, ctx.index - CONTEXT_WINDOW)
        before = [k for k in range(lo, ctx.index) if ctx.sent.stems[k] in government]
        if before and not any(_state_army(ctx.sent, k) for k in before):
            return False
    if not ctx.before.isdisjoint(government):
        return True
    # "captured a military base", "seized regime positions": the ground taken, not who took it
    later = [s for k, s in enumerate(ctx.later)
             if not (k + 1 < len(ctx.later) and ctx.later[k + 1] in _HELD_GROUND)]
    if _FROM not in later:
        return not government.isdisjoint(later)
    return not government.isdisjoint(later[: later.index(_FROM)])


#: Water cannon anywhere near the trigger, past its object ("targeted Philippine vessels with
#: water cannons"): no armed clash.
_WATER_CANNON = _stems("water cannon")


#: The naval words that also name a shore or a guard of other kinds ("off the coast of X").
_COAST_GUARD = _stems("coast guard")


def _navy_near(ctx: _Context) -> bool:
    """Whether a navy is named around a trigger: a naval word, or "coast" and "guard" together
    (not "off the coast of X", where a merchant ship was attacked)."""
    return not ctx.around.isdisjoint(_CONTEXT["naval"] - _COAST_GUARD) \
        or ctx.around >= _COAST_GUARD


#: Words of a crowd that fights the police, not of force used on a crowd.
_CROWD_FIGHTS = _stems("clashed clash clashes clashing fought battled")


def _violence(ctx: _Context) -> EventKind:
    trig = ctx.trigger
    if not _CONTEXT["crowd_weapons"].isdisjoint(ctx.after) or _WATER_CANNON.issubset(ctx.around):
        # "fired tear gas" at a crowd; a coast guard's water cannon at boats is a
        # confrontation at sea, no protest (ACLED: strategic development)
        return _K.OTHER if _near(ctx, "ship") or _near(ctx, "naval") \
            else _K.PROTEST_INTERVENTION
    if _near(ctx, "protesters"):
        if trig in _CROWD_FIGHTS or (trig == _STORM
                                     and ctx.named_before(_CONTEXT["protesters"])):
            # "protesters clashed with police", "protesters tried to storm the parliament":
            # the crowd fought (ACLED: riot), not "police stormed the protest camp"
            return _K.RIOT
        return _K.EXCESSIVE_FORCE if trig in FAMILIES["violence"] and _near(
            ctx, "armed") else _K.RIOT if _near(ctx, "riot") else _K.PROTEST_INTERVENTION
    if _near(ctx, "rioters"):
        return _K.RIOT  # "rioters torched cars": whatever rioters do is a riot
    if trig in _CONTEXT["mob"]:
        return _K.MOB_VIOLENCE  # "a man was lynched": ACLED's mob violence, whoever did it
    if _near(ctx, "mob") and not _near(ctx, "armed") \
            and not ctx.named_before(_CONTEXT["raiders"]) and not _near(ctx, "raiders"):
        return _K.MOB_VIOLENCE  # (not "attackers dressed as vigilantes invaded a village")
    if _near(ctx, "ship") and not _navy_near(ctx):
        return _K.SHIP_ATTACK
    if trig in _DESTRUCTION and _object(ctx) == "arms" \
            and ctx.before.isdisjoint(_CONTEXT["air"] | _CONTEXT["shelling"]):
        return _K.DISRUPTED_WEAPONS  # "police found and destroyed a rocket launcher"
    for key, kind in (("chemical", _K.CHEMICAL_WEAPON), ("suicide", _K.SUICIDE_BOMB),
                      ("grenade", _K.GRENADE), ("air", _K.AIR_STRIKE),
                      ("shelling", _K.SHELLING), ("explosive", _K.EXPLOSIVE)):
        if (_near(ctx, key) or (key == "shelling" and trig in _CONTEXT[key])
                or (key == "suicide" and _near(ctx, "worn") and _near(ctx, "explosive"))) \
                and not (key == "explosive" and _only_a_pit(ctx)) \
                and not (key == "shelling" and _gunfire_barrage(ctx)):
            return kind  # (a trigger that is itself shelling: "militants shelled X"; a bomb
            # worn is a suicide bomb: "detonated an explosives vest")
    if trig in _BOMBED:
        # "the military bombed a gathering" (from the air); "insurgents bombed a police
        # station" (a bomb on the ground)
        return _K.AIR_STRIKE if _near(ctx, "government") or _near(ctx, "air") else _K.EXPLOSIVE
    for key, kind in (("suicide", _K.SUICIDE_BOMB), ("air", _K.AIR_STRIKE),
                      ("shelling", _K.SHELLING), ("explosive", _K.EXPLOSIVE)):
        if ctx.named_before(_CONTEXT[key]):
            return kind  # "An air strike hit the camp near X on Friday, killing six"
    if trig in _EXPLODING and ctx.around.isdisjoint(_FIGHT):
        # "a parked car exploded": a blast with no other weapon named (not "clashes
        # detonated by a dispute")
        return _K.EXPLOSIVE
    if trig in _DESTRUCTION:
        return _K.PROPERTY_DESTRUCTION
    if trig in _ONE_SIDED and not _opponents_near(ctx):
        return _K.ATTACK  # "gunmen executed a village chief": nobody fought back
    if trig in _STRIKE_WORDS or not ctx.around.isdisjoint(_STRIKE_WORDS):
        # "an Israeli strike on a school killed ...", "were killed in a strike": from afar
        return _K.AIR_STRIKE
    if _near(ctx, "civilians") and not _near(ctx, "armed"):
        return _K.ATTACK
    raiders = _near(ctx, "raiders") or ctx.named_before(_CONTEXT["raiders"])
    if (_near(ctx, "civilians") or (raiders and _near(ctx, "victims"))) \
            and not _opponents_near(ctx):
        return _K.ATTACK  # "bandits raided the village, killing 12 people"
    return _K.ARMED_CLASH


#: Triggers of a blast: an explosive unless another weapon is named.
_EXPLODING = _stems("exploded explode explodes detonated detonate blew explosion blast")
#: Killings of the defenceless: an attack unless a force that fought back is named.
_ONE_SIDED = _stems("executed execute beheaded massacred massacre")


def _thrown(ctx: _Context) -> EventKind | None:
    """What a throw or a drop reports: stones, bottles or petrol bombs thrown are a riot
    ("youths threw stones at police"), or mob violence when a mob threw them; a weapon thrown
    or dropped is that weapon's violence ("hurled grenades at a bus stand", "chlorine was
    dropped on the town"); anything else is no event ("dropped the charges")."""
    if _near(ctx, "projectiles"):
        return _K.MOB_VIOLENCE if _near(ctx, "mob") else _K.RIOT
    if any(_near(ctx, key) for key in ("chemical", "grenade", "explosive", "shelling")):
        return _violence(ctx)
    return None


#: Words of a fight, anywhere in the sentence.
_FIGHT = _stems("clash clashes clashed battle battled fought gunfight")
#: Words after a force that make it the source of the report, not a side ("police said").
_SOURCE_AFTER = frozenset({"said", "says", "say", "told", "reported", "confirmed",
                           "spokesman", "spokeswoman", "spokesperson", "spokesmen", "chief",
                           "commissioner", "commander", "officials", "official", "sources"})


def _opponents_near(ctx: _Context) -> bool:
    """Whether a force that could fight back, or a fight, is named around the trigger: not a
    force that only reports ("gunmen killed 12 villagers, police said") nor one inside a
    group's name ("attacked by Allied Democratic Forces rebels": the rebels attacked)."""
    if ctx.sent is None:
        return _near(ctx, "opponents")
    sent, opponents = ctx.sent, _CONTEXT["opponents"]
    if not _FIGHT.isdisjoint(sent.stems):
        return True  # "gangs attacked X, where gunmen clashed with residents and police"
    lo, hi = max(0, ctx.index - CONTEXT_WINDOW), min(len(sent.stems), ctx.index + CONTEXT_WINDOW + 1)
    for k in range(lo, hi):
        if k == ctx.index or sent.stems[k] not in opponents:
            continue
        if k > 0 and sent.tokens[k].text[:1].isupper():
            continue  # a name's word ("Rapid Support Forces")
        if k + 1 < len(sent.lower) and sent.lower[k + 1] in _SOURCE_AFTER:
            continue
        if _the_attacker(sent, k, ctx.index):
            continue
        return True
    return False


#: Words before a force that make it the one blamed for the violence ("killed by soldiers",
#: "blaming the Malian army"), not a side that fought back.
_BLAME_BEFORE = frozenset({"by", "blaming", "blamed", "blame", "blames", "accusing", "accused",
                           "accuse", "accuses"})
#: Words after "soldiers killed" that make the soldiers the dead ("soldiers killed in the
#: ambush", "soldiers killed by a mine", "two soldiers killed and three wounded").
_PASSIVE_AFTER = frozenset({"by", "in", "and", "on", "at", "during", "while", "when", "after",
                            "near", "as", ",", ".", ";"})
#: Words a force's name may have between it and its blamer ("by the army", "blaming the
#: Malian army and", "by government soldiers").
_AGENT_SKIPS = 3


def _the_attacker(sent: SentenceTokens, k: int, index: int) -> bool:
    """Whether the force at token ``k`` is who did the violence of the trigger at ``index``:
    blamed for it ("killed by soldiers", "accused the army of killing"), or the subject of the
    trigger right after it ("soldiers killed 12 civilians")."""
    if k + 1 == index and k + 2 < len(sent.lower) and sent.lower[k + 2] not in _PASSIVE_AFTER:
        return True  # (not "soldiers killed in the attack": the soldiers died)
    for j in range(k - 1, max(-1, k - 1 - _AGENT_SKIPS), -1):
        word = sent.lower[j]
        if word in _BLAME_BEFORE:
            return True
        if not word.isalpha() or word in {"and", "or", "with"}:
            return False
    return False


def _refine(family: str, ctx: _Context) -> EventKind | None:
    """The kind of a trigger of ``family`` in its context."""
    if family == "violence":
        return _violence(ctx)
    if family == "throw":
        return _thrown(ctx)
    if family == "fall":
        return _violence(ctx) if not ctx.before.isdisjoint(_MUNITIONS) else None
    if family == "seizure":
        if ctx.after[:1] == (_TO,):
            return None  # "taken to a camp", "taken to hospital": carried, not seized
        if ctx.after[:1] == (_PLACE,):
            return None  # "the attack had taken place in X": it happened, nothing was seized
        if _near(ctx, "ship"):
            # a ship seized by the police or a border guard is a detention, not an attack
            # ("police seized a ship suspected of damaging an undersea cable")
            return _K.ARREST if _near(ctx, "authorities") else _K.SHIP_ATTACK
        taken = _object(ctx)
        if taken != "territory" and _near(ctx, "arms"):
            return _K.DISRUPTED_WEAPONS  # "the weapons were captured by Canadian sailors"
        if taken == "civilians":
            # "bandits seized 30 students from their school"; taken by the police or the army,
            # an arrest
            police = _near(ctx, "government") or not ctx.around.isdisjoint(_CROWD_POLICE)
            return _K.ARREST if police else _K.ABDUCTION
        if taken == "persons" or (taken == "" and _near(ctx, "persons")):
            # "liberated the hostages": freed, not taken
            return None if ctx.trigger in _LIBERATE else _K.ARREST
        if _peaceful(ctx):
            return _K.TERRITORY_TRANSFER
        return _K.TERRITORY_REGAINED if _government_took(ctx) else _K.TERRITORY_TAKEN
    if family == "protest":
        if ctx.trigger == "march" and _near(ctx, "troops") \
                and not _near(ctx, "protesters") and not _near(ctx, "intervention"):
            return _K.DEPLOYMENT
        if _near(ctx, "riot"):
            return _K.RIOT
        if not ctx.around.isdisjoint(_PEACEFUL_PROTEST):
            return _K.PROTEST  # "the march passed off peacefully"
        reported = ctx.sent is not None and _police_reporting(ctx.sent)
        return _K.PROTEST_INTERVENTION if _near(ctx, "intervention") and not reported \
            else _K.PROTEST
    if family == "riot":
        return _K.MOB_VIOLENCE if _near(ctx, "civilians") or _near(ctx, "mob") else _K.RIOT
    if family == "group":
        return _K.GROUP_CHANGE if _near(ctx, "groups") else None
    if family == "transfer":
        # "handed over the town", "handed their camp to the army"
        return _K.TERRITORY_TRANSFER if not ctx.around.isdisjoint(_HELD_GROUND) else None
    if family == "discovery":
        return _K.OTHER if _near(ctx, "graves") else None
    if family == "agreement":
        return _K.AGREEMENT if _near(ctx, "accord") or ctx.trigger in _TRUCE else None
    if family in {"movement", "naval"}:
        if family == "naval" or _near(ctx, "naval"):
            return _K.NAVAL_DEPLOYMENT
        if ctx.trigger in _PULL and ctx.after[:1] not in _PULL_PARTICLES:
            return None  # "pulling people from the rubble"; a force pulls out, back or away
        if ctx.trigger in _WITHDRAWAL:
            # a withdrawal under a deal or without a fight hands the ground over
            return _K.TERRITORY_TRANSFER if _peaceful(ctx) or _near(ctx, "accord") \
                else _K.WITHDRAWAL
        if ctx.trigger in _ARRIVAL and not ctx.before.isdisjoint(_MUNITIONS):
            return _violence(ctx)  # "a rocket landed in an open field near X": a strike
        if ctx.trigger in _ARRIVAL and ctx.before & _CONTEXT["diplomats"] \
                and not _near(ctx, "troops"):
            return _K.MEETING  # "the foreign minister arrived in Doha": a visit, no troops
        if _near(ctx, "fleeing") and not _near(ctx, "troops"):
            return _K.DISPLACEMENT  # "158,000 Sudanese have arrived in Chad after fleeing"
        if ctx.trigger in _ARRIVAL and not ctx.before.isdisjoint(_TRAVELLERS) \
                and not _near(ctx, "troops"):
            return _K.DISPLACEMENT  # "18 survivors landed on the island": no troops moved
        return _K.DEPLOYMENT
    if family == "arrest" and ctx.trigger in _ROUND and ctx.after[:1] != (_UP,):
        return None  # "rounded up 40 suspects" is an arrest; "mortar rounds" are not
    if family == "base":
        if ctx.after[:1] and ctx.after[0] in _ABLAZE:
            return _arson(ctx)
        return _K.BASE if _near(ctx, "base_object") else None
    if family == "generic":
        if ctx.trigger in FAMILIES["seizure"] and _object(ctx) == "territory":
            # "took control of the base and a nearby town", "took the town": a seizure ("took
            # place", "took part" take nothing)
            return _refine("seizure", ctx)
        if _near(ctx, "protesters"):
            return _K.PROTEST
        if _near(ctx, "abductions"):
            return _K.ABDUCTION  # "the abduction happened on Saturday in X"
        if ctx.trigger in _ACCORD_VERBS and _near(ctx, "accord"):
            return _K.AGREEMENT  # "reached a peace deal", "a truce took effect"
        if _near(ctx, "violence_nouns") or _near(ctx, "explosive") \
                or _near(ctx, "shelling") or _near(ctx, "air"):
            return _violence(ctx)
        return None
    return {"abduction": _K.ABDUCTION, "sexual": _K.SEXUAL_VIOLENCE, "arrest": _K.ARREST,
            "meeting": _K.MEETING, "displacement": _K.DISPLACEMENT,
            "weapons": _K.DISRUPTED_WEAPONS}.get(family)


#: Light verbs that report an accord as made ("reached a deal", "the truce took effect"), not
#: broken or ended.
_ACCORD_VERBS = _stems("reached took")
#: What "set" makes of what it burns ("set fire to", "set ablaze").
_ABLAZE = _stems("fire ablaze alight")


def _arson(ctx: _Context) -> EventKind:
    """Who set a fire: protesters or rioters riot, a mob is mob violence, anyone else
    destroys property ("soldiers set fire to the market")."""
    if _near(ctx, "protesters") or _near(ctx, "rioters"):
        return _K.RIOT
    return _K.MOB_VIOLENCE if _near(ctx, "mob") else _K.PROPERTY_DESTRUCTION


_ROUND = _stems("rounded")
_UP = stem("up")
#: Weapons that fall or land where they strike ("a drone fell in X", "a rocket landed near
#: X"); not aircraft, which land where they carry people.
_MUNITIONS = _stems("rocket rockets missile missiles shell shells mortar mortars drone drones "
                    "projectile projectiles bomb bombs")
#: Words of a traveller's arrival: a diplomat's is a visit.
_ARRIVAL = _stems("arrived arrive arriving landed flew flown")
#: People whose arrival is no force's movement: people carried by boats and smugglers, and
#: families on foot.
_TRAVELLERS = _stems("survivors survivor passengers castaways families people civilians "
                     "women children")
#: "pull" moves a force only as "pull out", "pull back" or "pull away".
_PULL = _stems("pulled")
_PULL_PARTICLES = frozenset((p,) for p in _stems("out back away"))


def _object(ctx: _Context) -> str:
    """What a seizure or a destruction takes, from the words just after the trigger:
    "persons" ("captured two militants"), "civilians" ("seized 30 students"), "territory"
    ("recaptured the town ... from the militants"), "arms" ("destroyed a rocket launcher") or
    "" (none before a preposition: "was captured in the city of" says nothing of what was
    taken)."""
    for s in ctx.after:
        if s in _PREPOSITIONS:
            return ""
        if s in _HELD_GROUND:
            return "territory"  # (a base or a headquarters is ground too)
        for key in ("persons", "civilians", "arms"):
            if s in _CONTEXT[key]:
                return key
    return ""


#: Words that make a protest a peaceful one, whoever was there.
_PEACEFUL_PROTEST = _stems("peaceful peacefully calm calmly")
#: Words after "police" that make the police a source, not a force at the protest.
_REPORTING_AFTER = frozenset({"said", "says", "told", "reported", "added", "spokesman",
                              "spokeswoman", "spokesperson", "statement"})


def _police_reporting(sent: SentenceTokens) -> bool:
    """Whether the only police of a sentence report it ("police said the march was calm")."""
    police = [k for k, w in enumerate(sent.lower) if w == "police"]
    return bool(police) and all(sent.word(k + 1) in _REPORTING_AFTER for k in police)


def _peaceful(ctx: _Context) -> bool:
    """"took over the town peacefully", "without a fight": no battle."""
    return _near(ctx, "peaceful") or ("without" in ctx.around and "fight" in ctx.around)


_TRUCE = _stems("ceasefire truce cease")  # "a cease fire", "a cease-fire"
_PREPOSITIONS = _stems("in at by on near during after from with outside inside into to for "
                       "as when while")
#: Kinds whose words name their event outright ("kidnapped", "rioted", "ransacked"): the
#: learned stage takes one even when the detector, which saw few of them, is unsure.
OUTRIGHT_KINDS = frozenset({
    _K.ABDUCTION, _K.SEXUAL_VIOLENCE, _K.ARREST, _K.RIOT, _K.MOB_VIOLENCE, _K.AGREEMENT,
    _K.PROTEST_INTERVENTION,
    _K.DISRUPTED_WEAPONS, _K.PROPERTY_DESTRUCTION, _K.CHEMICAL_WEAPON, _K.GRENADE,
    _K.GROUP_CHANGE,
    _K.TERRITORY_TRANSFER, _K.OTHER})

#: Words that name a fight outright ("fighting raged in X", "clashes broke out in X"): the
#: annotated data marks verbs, rarely these nouns, so the detector is unsure of them.
FIGHT_WORDS = frozenset({"fighting", "clash", "clashes", "clashed", "battle", "battles",
                         "battled", "fought", "gunfight", "gunfights", "firefight",
                         "firefights", "gunbattle", "gunbattles", "skirmish", "skirmishes",
                         "shootout", "shootouts"})


def named_event(sent: SentenceTokens, index: int) -> EventClass | None:
    """The class of the event that token ``index`` names in words no reader doubts, however
    unsure the detector (the annotated data marks verbs, rarely these): a fight named as such
    ("fighting raged in X", "clashes broke out"), a walkout ("workers went on strike"), a
    crowd that "took to the streets", a "sit-in"; else ``None``."""
    word = sent.lower[index]
    if word in FIGHT_WORDS or (sent.stems[index] in _STRIKE_WORDS
                               and sent.word(index - 1) in _WALKOUT_BEFORE):
        return classify(sent, index)
    if word in _TAKE and sent.lower[index + 1 : index + 4] == ("to", "the", "streets"):
        return CLASSES[_K.PROTEST]
    if word == "sit" and sent.lower[index + 1 : index + 3] == ("-", "in"):
        return CLASSES[_K.PROTEST]
    before = sent.word(index - 1)
    if word in _FIRE and (before in _EXCHANGED or (
            before == "of" and sent.word(index - 2) in _EXCHANGED)):
        return CLASSES[_K.ARMED_CLASH]  # "exchanged fire", "an exchange of fire"
    if word == "custody" and before == "into":
        return CLASSES[_K.ARREST]  # "took three suspects into custody"
    if word == "allegiance" and before in _PLEDGED:
        return CLASSES[_K.GROUP_CHANGE]  # "pledged allegiance to"
    if word in _ACCORDS and {before, sent.word(index - 2)} & _SEALED:
        return CLASSES[_K.AGREEMENT]  # "inked an accord", "sealed a deal"
    if word in _BASES and {before, sent.word(index - 2)} & _OPENED:
        return CLASSES[_K.BASE]  # "opened a new base", "set up a camp"
    if word in _LEAVE and before == "to" and sent.word(index - 2) in _ORDERED \
            and _near(_Context.of(sent, index), "refugees"):
        return CLASSES[_K.DISPLACEMENT]  # "residents were ordered to move to X"
    if word in _IMPACTS:
        found = classify(sent, index)  # "a drone fell in central Eilat"
        return found if found is not None and found.layer == Layer.STRIKE else None
    if word in _ATTACK_NOUNS and sent.word(index + 1) in _PASSIVE \
            and sent.word(index + 2) in _CARRIED_OUT:
        return classify(sent, index)  # "one of the attacks was carried out on a police car"
    return None


#: Words of a weapon that came down where it struck ("a rocket landed near X").
_IMPACTS = frozenset({"fell", "landed"})
#: Attacks told as carried out ("the attack was carried out on a police vehicle").
_ATTACK_NOUNS = frozenset({"attack", "attacks", "assault", "assaults", "ambush", "ambushes",
                           "raid", "raids", "bombing", "bombings"})
_CARRIED_OUT = frozenset({"carried", "launched", "staged", "mounted", "conducted"})
#: "Took to the streets": a crowd's protest.
_TAKE = frozenset({"took", "take", "takes", "taking"})
#: "Exchanged fire", "traded gunfire": a fight.
_FIRE = frozenset({"fire", "gunfire", "shots"})
_EXCHANGED = frozenset({"exchanged", "exchange", "exchanges", "exchanging", "traded",
                        "trading", "trade"})
#: "Pledged allegiance": a change to a group.
_PLEDGED = frozenset({"pledged", "pledge", "pledges", "pledging", "swore", "sworn", "swear"})
#: "Inked an accord", "sealed a deal": an agreement.
_ACCORDS = frozenset({"accord", "accords", "deal", "agreement", "pact", "truce", "ceasefire"})
_SEALED = frozenset({"inked", "sealed", "clinched", "signed"})
#: "Residents were ordered to leave", "forced to flee": people displaced by order or force.
_LEAVE = frozenset({"leave", "move", "flee", "evacuate", "relocate"})
_ORDERED = frozenset({"ordered", "told", "forced", "urged", "instructed"})
#: "Opened a base", "set up a camp": a base established.
_BASES = frozenset({"base", "bases", "headquarters", "outpost", "outposts"})
_OPENED = frozenset({"opened", "established", "built", "up", "new"})


def named_outright(sent: SentenceTokens, index: int, found: EventClass) -> bool:
    """Whether token ``index`` names its event (of class ``found``) outright, so that it
    counts even when the detector is unsure of it: a word of a kind that only such words
    report (:data:`OUTRIGHT_KINDS`), a strike with its weapon named ("artillery pounded the
    city"), a light verb with a protest noun ("held a rally") or a seizure of ground it
    names ("retook the town", "took control of the district"; not "was captured in the city
    of")."""
    if found.kind in OUTRIGHT_KINDS:
        return True
    ctx = _Context.of(sent, index)
    if not (ctx.around | {ctx.trigger}).isdisjoint(_WEAPON_OF.get(found.kind, frozenset())):
        return True  # (the weapon may be the word itself: "twin bomb explosions")
    if found.kind == _K.PROTEST and ctx.trigger in FAMILIES["generic"]:
        return True  # "held a rally", "staged a protest": the noun names it
    return found.kind in _TERRITORY_KINDS and _object(ctx) == "territory"


#: The weapons that name each kind of strike: a bomb, not an explosion ("a gas explosion at
#: a bakery" may be an accident).
_WEAPON_OF = {_K.AIR_STRIKE: _CONTEXT["air"], _K.SHELLING: _CONTEXT["shelling"],
              _K.EXPLOSIVE: _CONTEXT["explosive"] - _stems("explosion explosions blast blasts"),
              _K.SUICIDE_BOMB: _CONTEXT["suicide"]}


#: A strike that is a walkout or a fast, a form of protest: "on strike", "a general strike".
_STRIKE_WORDS = _stems("strike strikes")
_WALKOUT_BEFORE = frozenset({"on", "general", "hunger", "labour", "labor", "nationwide",
                             "national", "teachers'", "workers'"})
#: "Opened" is violent only as "opened fire" or "opened up on": "the summit opened in
#: Geneva", "talks opened in Doha", "the crossing opened" report no clash.
_OPEN_WORDS = _stems("opened open opens opening")
_OPEN_VIOLENTLY_AFTER = frozenset({"fire", "up"})
#: Families whose words also tell of accidents and disasters.
_VIOLENT_FAMILIES = frozenset({"violence", "generic"})


#: Nouns of craft named by their role ("patrol ship", "attack helicopters", "landing ship").
_CRAFT = frozenset("""ship ships boat boats vessel vessels craft aircraft plane planes jet jets
    helicopter helicopters drone drones submarine submarines sub frigate corvette cutter
    vehicle vehicles car cars""".split())
#: Roles a craft is named by: before a craft they are no event.
_CRAFT_ROLES = frozenset("""patrol attack strike assault landing combat escort reconnaissance
    surveillance transport""".split())


#: Nouns after "dock" that make it the docks, not a ship docking ("dock workers").
_DOCK_NOUNS = frozenset({"workers", "worker", "workers'", "labourers", "laborers", "union",
                         "unions", "strike", "strikes", "staff"})


def classify(sent: SentenceTokens, index: int) -> EventClass | None:
    """The class of the event reported by token ``index`` of ``sent``, or ``None`` when the
    word names no kind of event this project maps."""
    family = _FAMILY_OF.get(sent.stems[index], "")
    if not family or (index > 0 and sent.tokens[index].text[:1].isupper()):
        return None  # a name inside a sentence ("March 1", "Rally Point") reports nothing
    ctx = _Context.of(sent, index)
    if family in _VIOLENT_FAMILIES and _near(ctx, "not_conflict"):
        return None  # "killed in a traffic accident", "tragedy struck"
    if sent.stems[index] == _STORM and not _storming(sent, index):
        return None  # "a storm hit the coast": the weather
    if _other_sense(sent, index):
        return None  # "captured the title", "scenes shot in Morocco"
    if sent.lower[index] in _CRAFT_ROLES and index + 1 < len(sent.lower) \
            and sent.lower[index + 1] in _CRAFT:
        return None  # "sank a patrol ship", "attack drones launched": what a craft is for
    if sent.lower[index] == "fire" and "cease" in (sent.word(index - 1), sent.word(index - 2)):
        return None  # "a cease fire", "a cease-fire": a truce, no shooting
    if sent.stems[index] == "dock" and sent.word(index + 1) in _DOCK_NOUNS:
        return None  # "dock workers went on strike": the docks' people, no ship docking
    if family == "displacement" and not _near(ctx, "refugees"):
        return None  # "Jones fled on foot"
    if family == "violence" and sent.stems[index] in _OPEN_WORDS \
            and _OPEN_VIOLENTLY_AFTER.isdisjoint(sent.lower[index + 1 : index + 3]):
        return None
    if family == "violence" and sent.stems[index] in _STRIKE_WORDS and index > 0 \
            and sent.lower[index - 1] in _WALKOUT_BEFORE:
        return CLASSES[_K.PROTEST]  # "workers went on strike", "a general strike", "hunger strike"
    kind = _refine(family, ctx)
    return CLASSES[kind] if kind is not None else None


#: What protesters do that makes a demonstration violent (ACLED: Riots), and what is done to a
#: crowd that makes a protest one with intervention, anywhere in the sentence.
_RIOTING = _stems("threw throwing hurled hurling petrol molotov stones rocks torched burned "
                  "burnt burning looted looting vandalised vandalized smashed rioters rioted "
                  "rioting clashed clash clashes")
_DISPERSED = _stems("tear teargas teargassed cannon cannons rubber pepper dispersed disperse "
                    "dispersing batons baton")


def protest_in_sentence(sent: SentenceTokens, found: EventClass) -> EventClass:
    """The class of a protest from its whole sentence, whichever word reported it: a crowd
    that throws petrol bombs or stones, loots or clashes is a violent demonstration ("a march
    ... spiralled into chaos as police fired tear gas and some protesters threw petrol bombs");
    a crowd met with tear gas, water cannon or batons, or arrested, is a protest with
    intervention. Other classes, and a protest met with lethal force, are left as they are."""
    stems = frozenset(s for k, s in enumerate(sent.stems)
                      if not (s == _RIOT and _riot_police(sent, k))  # "riot police"
                      and not (s == _CROWD and _crowded(sent, k)))
    if found.kind in {_K.ARMED_CLASH, _K.ATTACK}:
        return _deaths_at_a_protest(stems, found)
    if found.kind in _TERRITORY_KINDS and not stems.isdisjoint(_CROWDS) \
            and stems.isdisjoint(_ARMED_GROUPS) and stems.isdisjoint(_CROWD_POLICE):
        # "demonstrators tried to overrun the airport": a crowd storms, no force takes ground
        return CLASSES[_K.RIOT]
    if found.kind == _K.ARREST and not stems.isdisjoint(_CROWDS):
        return CLASSES[_K.PROTEST_INTERVENTION]  # "police detained 30 marchers at a rally"
    if found.kind not in {_K.PROTEST, _K.PROTEST_INTERVENTION}:
        return found
    crowd = not stems.isdisjoint(_CONTEXT["protesters"])
    if crowd and not stems.isdisjoint(_RIOTING):
        return CLASSES[_K.RIOT]
    if crowd and not stems.isdisjoint(_KILLING) and not stems.isdisjoint(_CROWD_POLICE) \
            and stems.isdisjoint(_ARMED_GROUPS):
        return CLASSES[_K.EXCESSIVE_FORCE]  # "police opened fire ..., with five protesters killed"
    if (crowd and not stems.isdisjoint(_DISPERSED)) or _crowd_arrested(sent):
        return CLASSES[_K.PROTEST_INTERVENTION]  # "detained 40 students who were marching"
    return found


#: Arrests as deeds ("officers arrested 12 activists"), not as nouns ("protested against the
#: arrest of").
_ARRESTED = frozenset({"arrested", "detained", "apprehended", "nabbed", "arresting",
                       "detaining"})
_PASSIVE = frozenset({"was", "were", "been", "is", "are", "being"})


def _crowd_arrested(sent: SentenceTokens) -> bool:
    """Whether the sentence tells of arrests made at its protest: someone arrested people
    ("police detained 30 marchers"), or the crowd was arrested ("dozens of protesters were
    detained"); not one person arrested ("he was arrested, and demonstrators marched")."""
    for k, word in enumerate(sent.lower):
        if word not in _ARRESTED:
            continue
        if k == 0 or sent.lower[k - 1] not in _PASSIVE:
            return True
        if not _CROWDS.isdisjoint(sent.stems[max(0, k - 4) : k - 1]):
            return True
    return False


#: Words of people killed.
_KILLING = _stems("killed killing dead died shot")
#: Forces that police a crowd, and armed groups that do not (their killings are no protest's).
_CROWD_POLICE = _stems("police policemen officers security troops soldiers")
_ARMED_GROUPS = _stems("rebels rebel militants insurgents jihadists gunmen fighters militia "
                       "militiamen bandits")
_CROWDS = _stems("protesters protestors demonstrators marchers demonstration demonstrations "
                 "protest protests rally")


def _deaths_at_a_protest(stems: frozenset[str], found: EventClass) -> EventClass:
    """A killing in a sentence of a crowd and the police, with no armed group, is what
    happened at a protest: "four people were killed in X after police fired rubber bullets at
    protesters" is lethal force against protesters; "six people died in clashes between police
    and demonstrators" (or stones thrown) a violent demonstration."""
    if stems.isdisjoint(_CROWDS) or stems.isdisjoint(_CROWD_POLICE) \
            or not stems.isdisjoint(_ARMED_GROUPS):
        return found
    return CLASSES[_K.RIOT] if not stems.isdisjoint(_RIOTING) else CLASSES[_K.EXCESSIVE_FORCE]


#: Families of the words that may tell what a fight or an attack came to.
_OUTCOME_FAMILIES = frozenset({"abduction", "seizure", "generic"})
_TERRITORY_KINDS = (_K.TERRITORY_TAKEN, _K.TERRITORY_REGAINED)
#: Words of people killed, as an attack's or an execution's.
_DEATHS = _stems("killed killing dead died shot murdered murder slain executed execute "
                 "beheaded massacred massacre")


def _outcome(sent: SentenceTokens, found: EventClass) -> EventClass:
    """The class of a fight or an attack from what the sentence says it came to, as ACLED
    codes it: people carried off and nobody killed is an abduction ("gunmen raided a village
    and abducted 20"), ground named as taken in a fight a change of territory ("stormed the
    district and captured two villages"; not "seized power", nor an aim: "failed to
    capture")."""
    if found.kind not in {_K.ATTACK, _K.ARMED_CLASH}:
        return found
    kinds = set()
    for k, s in enumerate(sent.stems):
        if _FAMILY_OF.get(s, "") in _OUTCOME_FAMILIES \
                and not (k > 0 and sent.lower[k - 1] == "to"):
            other = classify(sent, k)
            if other is not None and (other.kind not in _TERRITORY_KINDS
                                      or _object(_Context.of(sent, k)) == "territory"):
                kinds.add(other.kind)
    if _K.ABDUCTION in kinds and _DEATHS.isdisjoint(sent.stems):
        return CLASSES[_K.ABDUCTION]
    if found.kind == _K.ARMED_CLASH:
        for kind in _TERRITORY_KINDS:
            if kind in kinds:
                return CLASSES[kind]
    return found


#: Weapons stopped in flight: "air defences shot down 12 drones", "two missiles were
#: intercepted", "drones were destroyed over the region" (ACLED: disrupted weapons use).
_WEAPONS = r"(?:drones?|uavs?|missiles?|rockets?|projectiles?|shaheds?)"
_INTERCEPTED = re.compile(
    r"\b(?:shot|shoot|shoots|shooting)\s+down\s+(?:[\w,\-]+\s+){0,3}?" + _WEAPONS + r"\b"
    r"|\b(?:intercept\w*|downed|neutrali[sz]ed)\s+(?:[\w,\-]+\s+){0,3}?" + _WEAPONS + r"\b"
    r"|\b" + _WEAPONS + r"\s+(?:[\w,\-]+\s+){0,3}?(?:were|was|had\s+been|have\s+been|has\s+been)"
    r"\s+(?:\w+\s+)?(?:shot\s+down|intercepted|downed|destroyed|neutrali[sz]ed)\b")
#: The words of :data:`_WEAPONS`, to tell at once a sentence that names none.
_STOPPED_WEAPONS = frozenset({"drone", "drones", "uav", "uavs", "missile", "missiles", "rocket",
                              "rockets", "projectile", "projectiles", "shahed", "shaheds"})
#: The strikes that air defences may stop.
_STOPPABLE = frozenset({_K.AIR_STRIKE, _K.SHELLING, _K.ARMED_CLASH})


def sentence_class(sent: SentenceTokens, found: EventClass) -> EventClass:
    """The class of an event from its whole sentence, whichever word reported it: weapons
    stopped in flight (disrupted weapons use), what a fight came to (:func:`_outcome`), then
    what happened at a protest (:func:`protest_in_sentence`)."""
    if found.kind in _STOPPABLE and not _STOPPED_WEAPONS.isdisjoint(sent.lower) \
            and _INTERCEPTED.search(" ".join(sent.lower)):
        return CLASSES[_K.DISRUPTED_WEAPONS]
    return protest_in_sentence(sent, _outcome(sent, found))


def classify_in_sentence(sent: SentenceTokens, index: int) -> EventClass | None:
    """The class of token ``index``, else that of the nearest word of the sentence that has
    one ("fighting continued": the continuing is a clash), else ``None``."""
    found = classify(sent, index)
    if found is not None:
        return found
    order = sorted(range(len(sent.stems)), key=lambda k: abs(k - index))
    for k in order:
        if k != index and _FAMILY_OF.get(sent.stems[k], "") not in {"", "generic"}:
            other = classify(sent, k)
            if other is not None:
                return other
    return None
