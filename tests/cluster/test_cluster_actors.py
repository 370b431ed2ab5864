"""Actors across articles (cluster/actors.py): what the corpus most often says about a name, and whose
voice a claimant or party is, on actors written here."""

from __future__ import annotations

import random

from sitreps.cluster.actors import ActorIndex, Identity, outlet_identity, state_label
from sitreps.store.cluster_tables import ActorFacts

Row = tuple[str, str | None, str | None, str | None]  # name, country, role, kind: what the index is given

CORPUS: list[Row] = [
    ("Nikol Pashinyan", "ARM", "prime minister", "person"),
    ("nikol  pashinyan", "ARM", None, "person"),  # folded, the same name
    ("Nikol Pashinyan", "AZE", None, None),  # one article gets it wrong
    ("Tigran Vardanyan", None, "spokesman", "person"),
    ("Tigran Vardanyan", None, "mayor", "person"),  # a tie: the alphabetically first wins
    ("Red Lantern Aid", None, None, "organisation"),
    ("Lusine Avetisyan", "ARM", None, None),  # nothing says what kind: a person
]


def actor(
    name: str, kind: str | None = None, country: str | None = None, role: str | None = None
) -> ActorFacts:
    return ActorFacts(f"a-{name}", name, kind, country, role)


def test_the_index_keeps_what_most_articles_say_about_a_folded_name() -> None:
    index = ActorIndex(CORPUS)
    known = index.known("NIKOL PASHINYAN")
    assert known is not None
    assert (known.country, known.role, known.kind) == ("ARM", "prime minister", "person")
    vardanyan = index.known("Tigran Vardanyan")
    assert vardanyan is not None and (vardanyan.country, vardanyan.role) == (None, "mayor")
    avetisyan = index.known("Lusine Avetisyan")
    assert avetisyan is not None and avetisyan.kind == "person"
    assert index.known("Somebody Else") is None


def test_the_index_does_not_depend_on_the_order_it_is_given() -> None:
    names = ["Nikol Pashinyan", "Tigran Vardanyan", "Red Lantern Aid", "Lusine Avetisyan"]
    expected = [ActorIndex(CORPUS).known(n) for n in names]
    for seed in range(5):
        shuffled = CORPUS[:]
        random.Random(seed).shuffle(shuffled)
        assert [ActorIndex(shuffled).known(n) for n in names] == expected


def test_an_actor_without_a_country_borrows_the_corpus_one() -> None:
    index = ActorIndex(CORPUS)
    assert index.country(actor("Pashinyan's office", "government")) is None
    assert index.country(actor("Nikol Pashinyan", "person")) == "ARM"
    assert index.country(actor("Nikol Pashinyan", "person", country="AZE")) == "AZE"  # its own comes first


def test_organs_of_a_state_and_office_holders_speak_for_it() -> None:
    index = ActorIndex(CORPUS)
    for kind in ("state", "government", "military"):
        assert index.speaks_for_state(actor("Someone", kind))
    assert index.speaks_for_state(actor("Nikol Pashinyan", "person"))  # a role known from other articles
    assert index.speaks_for_state(actor("Ani Grigoryan", "person", role="ambassador"))
    assert not index.speaks_for_state(actor("Ani Grigoryan", "person"))
    assert not index.speaks_for_state(actor("Red Lantern Aid", "organisation", role="donor"))


def test_every_voice_of_a_state_is_one_claimant() -> None:
    index = ActorIndex(CORPUS)
    armenia = Identity("official:ARM", "Armenia (officials)", "ARM")
    assert index.identity(actor("Nikol Pashinyan", "person")) == armenia
    assert index.identity(actor("Armenian Defence Ministry", "government", "ARM")) == armenia
    assert index.identity(actor("Armenian forces", "military", "ARM")) == armenia
    assert index.identity(actor("Armenia", "state", "ARM")) == armenia


def test_other_claimants_keep_their_own_name() -> None:
    index = ActorIndex(CORPUS)
    assert index.identity(actor("The Government", "government")) == Identity(
        "generic:government", "The Government", None
    )  # whose government, nobody says: never set against another claimant
    assert index.identity(actor("Red Lantern Aid", "organisation")).key == "org:red lantern aid"
    assert index.identity(actor("Mountain Brigade", "armed group")).key == "group:mountain brigade"
    assert index.identity(actor("Valley Times", "media")).key == "outlet:valley times"
    assert index.identity(actor("Villagers", "population")).key == "population:villagers"
    assert index.identity(actor("Ani Grigoryan", "person", "ARM")) == Identity(
        "person:ani grigoryan", "Ani Grigoryan", None
    )  # a citizen without a role speaks for herself
    assert index.identity(actor("Someone", None)).key == "actor:someone"


def test_the_outlet_claims_what_nobody_is_quoted_for() -> None:
    assert outlet_identity("Valley Times") == Identity("outlet:valley times", "Valley Times", None)
    assert outlet_identity(None).key == "outlet:unattributed"


def test_state_labels_name_the_country() -> None:
    assert state_label("AZE") == "Azerbaijan (officials)"
    assert state_label("XYZ") == "XYZ (officials)"


def test_actor_keys_are_the_name_and_the_state_it_stands_for() -> None:
    index = ActorIndex(CORPUS)
    assert index.keys(actor("Azerbaijani forces", "military", "AZE")) == {
        "name:azerbaijani forces",
        "state:AZE",
    }
    assert index.keys(actor("Nikol Pashinyan", "person")) == {"name:nikol pashinyan", "state:ARM"}
    assert index.keys(actor("Red Lantern Aid", "organisation", "ARM")) == {"name:red lantern aid"}
    assert index.keys(actor("The Government", "government")) == {"name:government"}
