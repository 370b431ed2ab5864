"""The ontology tables are consistent: every trigger names a PLOVER type and one of its modes."""

from __future__ import annotations

from sitreps.ontology import acled_allows, acled_types_for, plover_types, triggers


def test_sixteen_plover_types() -> None:
    assert len(plover_types()) == 16
    assert all(t.definition for t in plover_types().values())


def test_every_trigger_uses_a_known_type_and_mode() -> None:
    types = plover_types()
    for (lemma, pos), trigger in triggers().items():
        assert trigger.plover in types, lemma
        assert trigger.mode is None or trigger.mode in types[trigger.plover].modes, (lemma, trigger.mode)
        assert pos in {"VERB", "NOUN"}, lemma


def test_every_plover_type_has_triggers() -> None:
    covered = {t.plover for t in triggers().values()}
    assert covered == set(plover_types())


def test_acled_types_are_allowed_for_their_plover_type() -> None:
    allowed = acled_types_for()
    assert set(allowed) <= set(plover_types())
    for (lemma, _), trigger in triggers().items():
        if trigger.acled_event_type is not None:
            assert acled_allows(trigger.plover, trigger.acled_event_type, trigger.acled_sub_event_type), lemma
