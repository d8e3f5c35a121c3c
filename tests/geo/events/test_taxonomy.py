"""Event classes of trigger words in sentences written for these tests: every ACLED type,
its layer and PLOVER type, and ordinary news that is no conflict event."""

from __future__ import annotations

import pytest

from geo.events.features import SentenceTokens
from geo.events.taxonomy import CLASSES, AcledType, Layer, Plover, classify
from geo.model import LAYERS
from geo.parse.text import tokenize


def _class_of(sentence: str, trigger: str) -> tuple[str, str, str, str] | None:
    sent = SentenceTokens.of(tokenize(sentence))
    found = classify(sent, sent.lower.index(trigger))
    if found is None:
        return None
    return found.event_type.value, found.sub_event_type, found.layer.value, found.plover.value


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type", "sub_event_type", "layer"),
    [
        ("Army units clashed with rebels outside the town overnight.", "clashed",
         "Battles", "Armed clash", "strike"),
        ("Insurgents captured the district town after a week of fighting.", "captured",
         "Battles", "Non-state actor overtakes territory", "strike"),
        ("The army recaptured the hilltop village on Monday.", "recaptured",
         "Battles", "Government regains territory", "strike"),
        ("Rebels seized the border town of Kalemba from the national army on Sunday.",
         "seized", "Battles", "Non-state actor overtakes territory", "strike"),
        ("The army seized the border town of Kalemba from the rebels on Sunday.",
         "seized", "Battles", "Government regains territory", "strike"),
        ("Warplanes bombed a fuel depot at dawn.", "bombed",
         "Explosions/Remote violence", "Air/drone strike", "strike"),
        ("A drone strike hit a car on the ring road.", "hit",
         "Explosions/Remote violence", "Air/drone strike", "strike"),
        ("Militiamen returned at dusk and shot in the air for an hour.", "shot",
         "Battles", "Armed clash", "strike"),
        ("Mortar rounds shelled the old quarter for two hours.", "shelled",
         "Explosions/Remote violence", "Shelling/artillery/missile attack", "strike"),
        ("A roadside bomb exploded beside a patrol vehicle.", "exploded",
         "Explosions/Remote violence", "Remote explosive/landmine/IED", "strike"),
        ("A suicide bomber blew himself up at the checkpoint.", "blew",
         "Explosions/Remote violence", "Suicide bomb", "strike"),
        ("Someone threw a grenade that exploded outside the bar.", "exploded",
         "Explosions/Remote violence", "Grenade", "strike"),
        ("Two missiles struck a tanker sailing through the strait.", "struck",
         "Explosions/Remote violence", "Shelling/artillery/missile attack", "strike"),
        ("Gunmen killed six villagers as they slept.", "killed",
         "Violence against civilians", "Attack", "strike"),
        ("A drone strike hit the camp on the edge of the town on Friday morning, killing "
         "six people.", "killing", "Explosions/Remote violence", "Air/drone strike", "strike"),
        ("Riot police fired tear gas at students outside the university gates.", "fired",
         "Protests", "Protest with intervention", "protest"),
        ("Coast guard ships fired water cannon at two supply boats near the reef.", "fired",
         "Strategic developments", "Other", "strike"),
        ("Police dispersed a crowd of traders with batons in the old market.", "dispersed",
         "Protests", "Protest with intervention", "protest"),
        ("Masked men abducted two aid workers near the market.", "abducted",
         "Violence against civilians", "Abduction/forced disappearance", "strike"),
        ("Thousands of nurses protested outside parliament over unpaid wages.", "protested",
         "Protests", "Peaceful protest", "protest"),
        ("Police fired tear gas at students who marched on the ministry.", "marched",
         "Protests", "Protest with intervention", "protest"),
        ("Youths rioted in the port after the verdict.", "rioted",
         "Riots", "Violent demonstration", "protest"),
        ("Police arrested four suspects in a dawn raid.", "arrested",
         "Strategic developments", "Arrests", "strike"),
        ("Looters ransacked the customs warehouse.", "ransacked",
         "Strategic developments", "Looting/property destruction", "strike"),
        ("The two factions signed a truce late on Sunday.", "signed",
         "Strategic developments", "Agreement", "diplomacy"),
        ("The militia established a new base beside the dam.", "established",
         "Strategic developments", "Headquarters or base established", "troop_movement"),
        ("Troops were deployed along the northern frontier.", "deployed",
         "Strategic developments", "Troop movement", "troop_movement"),
        ("Two frigates sailed through the strait at night.", "sailed",
         "Strategic developments", "Naval deployment", "naval_deployment"),
        ("Navy warships have been patrolling off the cape.", "patrolling",
         "Strategic developments", "Naval deployment", "naval_deployment"),
        ("Families fled the shelling with what they could carry.", "fled",
         "Displacement", "Refugee movement", "displacement"),
        ("Sarin rockets struck the suburb before dawn.", "struck",
         "Explosions/Remote violence", "Chemical weapon", "strike"),
        ("A mob lynched a man accused of theft at the bus station.", "lynched",
         "Riots", "Mob violence", "protest"),
        ("Troops captured two militants hiding in the town.", "captured",
         "Strategic developments", "Arrests", "strike"),
        ("A militant commander was captured in the port city on Friday.", "captured",
         "Strategic developments", "Arrests", "strike"),
        ("Two armed factions merged under a single command.", "merged",
         "Strategic developments", "Change to group/activity", "strike"),
        ("The garrison handed the town to the militia after talks.", "handed",
         "Strategic developments", "Non-violent transfer of territory", "troop_movement"),
        ("Rebels seized the district town without a fight.", "seized",
         "Strategic developments", "Non-violent transfer of territory", "troop_movement"),
        ("Villagers uncovered a grave holding dozens of bodies.", "uncovered",
         "Strategic developments", "Other", "strike"),
    ],
)
def test_each_acled_type(sentence: str, trigger: str, event_type: str, sub_event_type: str,
                         layer: str) -> None:
    found = _class_of(sentence, trigger)
    assert found is not None
    assert found[:3] == (event_type, sub_event_type, layer)


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Over 800 people have been taken to the new camp at the border.", "taken"),
    ("The wounded were taken to hospital in the capital.", "taken"),
])
def test_people_taken_somewhere_are_not_seized(sentence: str, trigger: str) -> None:
    assert _class_of(sentence, trigger) is None


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("A cyclist was killed in a traffic accident on the bypass.", "killed"),
        ("Tragedy struck the team last winter.", "struck"),
        ("The suspect fled on foot.", "fled"),
        ("Trading resumed on 3 March after the holiday.", "resumed"),
        ("The club signed a new striker on Friday.", "signed"),
        ("The clerk handed the forms to the visitors.", "handed"),
        ("Astronomers discovered a faint comet.", "discovered"),
        ("The two banks merged last year.", "merged"),
        ("Neighbours were pulling survivors from the rubble all night.", "pulling"),
    ],
)
def test_ordinary_news_has_no_class(sentence: str, trigger: str) -> None:
    assert _class_of(sentence, trigger) is None


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("The brigade pulled back from the ridge overnight.", "pulled"),
    ("Militia units are pulling out of the river port.", "pulling"),
])
def test_a_force_pulling_back_or_out_is_a_movement(sentence: str, trigger: str) -> None:
    found = _class_of(sentence, trigger)
    assert found is not None and found[2] == "troop_movement"


def test_a_month_name_is_no_protest() -> None:
    sent = SentenceTokens.of(tokenize("The minister spoke on 4 March about the budget."))
    assert classify(sent, sent.lower.index("march")) is None


def test_protests_and_riots_are_on_the_protest_layer_with_plover_protest() -> None:
    protest = [c for c in CLASSES.values()
               if c.event_type in {AcledType.PROTESTS, AcledType.RIOTS}]
    assert {c.layer for c in protest} == {Layer.PROTEST}
    assert Plover.PROTEST in {c.plover for c in protest}


def test_the_taxonomy_covers_every_acled_type() -> None:
    types = {c.event_type for c in CLASSES.values()}
    assert {AcledType.BATTLES, AcledType.EXPLOSIONS, AcledType.VIOLENCE_AGAINST_CIVILIANS,
            AcledType.PROTESTS, AcledType.RIOTS, AcledType.STRATEGIC_DEVELOPMENTS} <= types


def test_the_layers_are_the_records_layers() -> None:
    assert [layer.value for layer in Layer] == list(LAYERS)
    assert {c.layer for c in CLASSES.values()} == set(Layer)


@pytest.mark.parametrize(("sentence", "sub_event_type"), [
    ("The militants took control of the base and a nearby town before dawn.",
     "Non-state actor overtakes territory"),
    ("Rebel fighters took the hilltop village after a night of fighting.",
     "Non-state actor overtakes territory"),
    ("Government troops took over the river town on Sunday.",
     "Government regains territory"),
])
def test_took_with_territory_after_it_is_a_seizure(sentence: str, sub_event_type: str) -> None:
    found = _class_of(sentence, "took")
    assert found is not None and found[1] == sub_event_type, found


def test_took_place_and_took_part_take_nothing() -> None:
    assert _class_of("The ceremony took place in the old town hall.", "took") is None
    found = _class_of("Thousands took part in a protest in the main square.", "took")
    assert found is not None and found[0] == "Protests"


@pytest.mark.parametrize(("sentence", "trigger", "sub_event_type"), [
    ("Insurgents briefly captured a military base outside the port.", "captured",
     "Non-state actor overtakes territory"),
    ("The gunmen seized army positions on the ridge overnight.", "seized",
     "Non-state actor overtakes territory"),
    ("Government forces captured the rebel base outside the port.", "captured",
     "Government regains territory"),
    ("The army seized the rebels' hilltop camp.", "seized", "Government regains territory"),
    ("The militants took control of the army base and a nearby town before dawn.", "took",
     "Non-state actor overtakes territory"),
])
def test_an_army_base_is_what_was_taken_not_who_took_it(sentence: str, trigger: str,
                                                        sub_event_type: str) -> None:
    found = _class_of(sentence, trigger)
    assert found is not None and found[1] == sub_event_type, found


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Twelve villagers were killed by soldiers near the market on Monday.", "killed"),
    ("Soldiers shot dead three farmers at the well.", "shot"),
    ("Residents accused the army of killing nine villagers in the raid.", "killing"),
    ("Six civilians were reported dead, with elders blaming the army for the raid.", "dead"),
])
def test_civilians_killed_by_a_force_are_attacked_not_in_a_battle(sentence: str,
                                                                  trigger: str) -> None:
    found = _class_of(sentence, trigger)
    assert found is not None and found[:2] == ("Violence against civilians", "Attack"), found


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Four soldiers and two villagers were killed in the ambush.", "killed"),
    ("Two soldiers killed in the raid were buried as villagers fled.", "killed"),
    ("Soldiers killed three villagers and a soldier was wounded in the exchange.", "killed"),
])
def test_a_force_that_lost_men_or_fought_back_is_still_a_battle(sentence: str,
                                                                trigger: str) -> None:
    found = _class_of(sentence, trigger)
    assert found is not None and found[1] == "Armed clash", found


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Sea drones sank a patrol ship off the peninsula overnight.", "patrol"),
    ("The air force downed nine attack drones over the port city.", "attack"),
    ("Two landing ships were damaged at the pier.", "landing"),
])
def test_a_craft_named_by_its_role_reports_no_event(sentence: str, trigger: str) -> None:
    assert _class_of(sentence, trigger) is None


def test_ships_that_patrol_still_patrol() -> None:
    found = _class_of("Navy ships patrol the strait every week.", "patrol")
    assert found is not None and found[1] == "Naval deployment", found
