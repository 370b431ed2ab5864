"""`sitreps eval --format clusters`: the clustering metrics, the gold-file loader, and the run on examples/.

The metric figures are worked out by hand in the comments. The end-to-end test clusters the example corpus
and checks the gold set's figures against floors (raise them when clustering or extraction improves).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from sitreps.cli.eval import eval_command
from sitreps.eval.cluster_metrics import (
    bcubed_scores,
    merge_groups,
    pairwise_scores,
    split_groups,
)
from sitreps.eval.clusters import (
    ClusterEvaluation,
    GoldEvent,
    Outcome,
    PredictedCluster,
    evaluate_clusters,
    load_gold,
    match_event,
    score_outcomes,
)
from sitreps.eval.corpus import GoldFormatError
from sitreps.model import Article, Event, Span

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_GOLD = ROOT / "tests" / "gold" / "clusters.jsonl"
FIGHTING = "2022-09-12/14 armenia-azerbaijan border fighting"
CEASEFIRE = "2022-09-14 armenia-azerbaijan ceasefire"
# Floors for the example gold set: measured when the test was written, minus a margin; only ever raised.
COVERAGE_FLOOR = 0.82  # 0.849 measured with the gunfire, war, operation and visit triggers
FIGHTING_IN_ONE_CLUSTER = 0.75  # share of the matched fighting mentions in the largest predicted cluster
FIGHTING_PURITY = 0.9  # share of that predicted cluster's gold mentions that are the fighting

# ---------------------------------------------------------------- metrics, on hand-made clusterings

# Gold {a b c} {d e}; predicted {a b} {c d} {e}.
GOLD = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
PREDICTED = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}


def test_pairwise_by_hand() -> None:
    # gold pairs ab ac bc de = 4; predicted pairs ab cd = 2; correct: ab = 1.
    s = pairwise_scores(GOLD, PREDICTED)
    assert (s.n, s.gold_pairs, s.predicted_pairs, s.correct_pairs) == (5, 4, 2, 1)
    assert s.precision == pytest.approx(1 / 2)
    assert s.recall == pytest.approx(1 / 4)
    assert s.f1 == pytest.approx(1 / 3)


def test_bcubed_by_hand() -> None:
    # precision per item: a 2/2, b 2/2, c 1/2, d 1/2, e 1/1 -> 4/5
    # recall per item: a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 -> 8/15; F1 = 2*(4/5)*(8/15)/(4/5+8/15) = 0.64
    s = bcubed_scores(GOLD, PREDICTED)
    assert s.n == 5
    assert s.precision == pytest.approx(4 / 5)
    assert s.recall == pytest.approx(8 / 15)
    assert s.f1 == pytest.approx(0.64)


def test_all_singletons_predicted() -> None:
    gold = {"a": "X", "b": "X", "c": "Y"}
    predicted = {"a": "1", "b": "2", "c": "3"}
    pair = pairwise_scores(gold, predicted)
    assert (pair.precision, pair.recall, pair.f1) == (1.0, 0.0, 0.0)  # nothing merged, nothing found
    cubed = bcubed_scores(gold, predicted)
    # precision 1 for each item; recall a 1/2, b 1/2, c 1 -> 2/3; F1 = 2*(2/3)/(5/3) = 0.8
    assert cubed.precision == 1.0
    assert cubed.recall == pytest.approx(2 / 3)
    assert cubed.f1 == pytest.approx(0.8)


def test_one_big_cluster_predicted() -> None:
    gold = {"a": "X", "b": "X", "c": "Y"}
    predicted = {"a": "1", "b": "1", "c": "1"}
    pair = pairwise_scores(gold, predicted)
    # 3 predicted pairs, 1 of them gold; the one gold pair is found.
    assert pair.precision == pytest.approx(1 / 3)
    assert pair.recall == 1.0
    assert pair.f1 == pytest.approx(0.5)
    cubed = bcubed_scores(gold, predicted)
    # precision a 2/3, b 2/3, c 1/3 -> 5/9; recall 1; F1 = 2*(5/9)/(14/9) = 5/7
    assert cubed.precision == pytest.approx(5 / 9)
    assert cubed.recall == 1.0
    assert cubed.f1 == pytest.approx(5 / 7)


def test_singletons_everywhere_are_perfect() -> None:
    gold = {"a": "X", "b": "Y"}
    predicted = {"a": "1", "b": "2"}
    pair = pairwise_scores(gold, predicted)
    assert (pair.precision, pair.recall, pair.f1) == (1.0, 1.0, 1.0)
    assert bcubed_scores(gold, predicted).f1 == 1.0


def test_labels_do_not_matter_only_the_partition() -> None:
    renamed = {item: {"1": "p", "2": "q", "3": "r"}[label] for item, label in PREDICTED.items()}
    assert pairwise_scores(GOLD, renamed) == pairwise_scores(GOLD, PREDICTED)
    assert bcubed_scores(GOLD, renamed) == bcubed_scores(GOLD, PREDICTED)
    assert pairwise_scores(GOLD, GOLD).f1 == bcubed_scores(GOLD, GOLD).f1 == 1.0


def test_empty_measures_nothing() -> None:
    pair = pairwise_scores({}, {})
    cubed = bcubed_scores({}, {})
    assert (pair.n, pair.precision, pair.recall, pair.f1) == (0, 0.0, 0.0, 0.0)
    assert (cubed.n, cubed.precision, cubed.recall, cubed.f1) == (0, 0.0, 0.0, 0.0)


def test_labellings_must_cover_the_same_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        pairwise_scores({"a": "X"}, {"b": "1"})


def test_error_groups_by_hand() -> None:
    splits = split_groups(GOLD, PREDICTED)
    # X {a b c} went to 1 (a b) and 2 (c): 3 pairs, 1 kept -> 2 lost; Y {d e} to 2 and 3: 1 lost.
    assert [(g.label, g.size, g.parts, g.pairs) for g in splits] == [
        ("X", 3, (("1", 2), ("2", 1)), 2),
        ("Y", 2, (("2", 1), ("3", 1)), 1),
    ]
    merges = merge_groups(GOLD, PREDICTED)
    # 2 {c d} joins X and Y: its one pair is wrong; 1 and 3 hold one gold cluster each.
    assert [(g.label, g.size, g.parts, g.pairs) for g in merges] == [("2", 2, (("X", 1), ("Y", 1)), 1)]


# ---------------------------------------------------------------- the gold file

TEXT = "Rebels attacked the town on Monday. Troops repelled the attack, and a ceasefire followed."


def _write(path: Path, *lines: object) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _inline(*events: dict[str, str], text: str = TEXT) -> dict[str, object]:
    return {"text": text, "title": "Town attacked", "published": "2023-05-02", "events": list(events)}


def _event(quote: str, trigger: str, cluster: str) -> dict[str, str]:
    return {"quote": quote, "trigger": trigger, "cluster": cluster}


def test_inline_article_and_offsets(tmp_path: Path) -> None:
    gold = load_gold(
        _write(
            tmp_path / "gold.jsonl",
            _inline(
                _event("Rebels attacked the town", "attacked", "raid"),
                _event("repelled the attack", "attack", "raid"),
                _event("a ceasefire followed", "ceasefire", "truce"),
            ),
        )
    )
    (article,) = gold.articles
    assert article.article.published is not None and article.article.published.isoformat() == "2023-05-02"
    assert article.article.title == "Town attacked"
    assert [(e.trigger, e.cluster) for e in gold.events] == [
        ("attacked", "raid"),
        ("attack", "raid"),
        ("ceasefire", "truce"),
    ]
    for event in gold.events:
        assert article.article.text[event.start : event.end] == event.trigger
        assert event.line == 1


def test_paths_are_relative_to_the_gold_file_and_entries_pick_records(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    records = [
        {"text": "Police arrested ten protesters in the capital."},
        {"text": TEXT, "date": "2023-05-02"},
    ]
    _write(tmp_path / "articles" / "wire.jsonl", *records)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = load_gold(
        _write(
            gold_dir / "g.jsonl",
            {
                "path": "../articles/wire.jsonl",
                "entry": 1,
                "events": [_event("a ceasefire", "ceasefire", "t")],
            },
            {
                "path": "../articles/wire.jsonl",
                "entry": 0,
                "events": [_event("arrested ten", "arrested", "a")],
            },
        )
    )
    first, second = gold.articles
    assert first.article.text == TEXT
    assert second.article.text.startswith("Police arrested")
    assert first.events[0].source.endswith("wire.jsonl:2")


def test_example_gold_quotes_are_found_in_the_stored_text() -> None:
    gold = load_gold(EXAMPLES_GOLD)
    assert len(gold.articles) == 40
    assert 150 <= len(gold.events) <= 400
    for article in gold.articles:
        for event in article.events:
            assert article.article.text[event.start : event.end] == event.trigger
    clusters = Counter(e.cluster for e in gold.events)
    assert clusters[FIGHTING] >= 50
    fighting_articles = {e.article_id for e in gold.events if e.cluster == FIGHTING}
    assert len(fighting_articles) >= 15


def test_quotes_are_matched_against_the_stored_text_not_the_file(tmp_path: Path) -> None:
    txt = ROOT / "examples" / "2022-09-14-armenian-mod-shelling-continues.txt"
    # The byline is in the file but not in the stored text: ingest strips the dateline and byline.
    assert "By Staff reporter" in txt.read_text(encoding="utf-8")
    path = _write(
        tmp_path / "g.jsonl", {"path": str(txt), "events": [_event("By Staff reporter", "Staff", "x")]}
    )
    with pytest.raises(GoldFormatError, match="is not in the article's stored text"):
        load_gold(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{oops", "g.jsonl:1: not valid JSON"),
        ("[1, 2]", "expected a JSON object, got array"),
        (json.dumps({"text": TEXT}), "'events' must be a list"),
        (json.dumps({"text": TEXT, "path": "x.md", "events": []}), "either 'path'"),
        (json.dumps({"events": []}), "either 'path'"),
        (json.dumps({**_inline(), "colour": "red"}), "unknown key 'colour'"),
        (json.dumps({"text": "   ", "events": []}), "cannot read the inline article"),
        (json.dumps({"path": "missing.md", "events": []}), "no article file"),
        (json.dumps(_inline(_event("Rebels invaded", "invaded", "x"))), "quote 'Rebels invaded' is not in"),
        (json.dumps(_inline(_event("the", "the", "x"))), "occurs more than once"),
        (json.dumps(_inline(_event("Rebels attacked", "fled", "x"))), "trigger 'fled' is not in its quote"),
        (
            json.dumps(_inline(_event("the attack", "t", "x"))),
            "trigger 't' occurs more than once in its quote",
        ),
        (json.dumps(_inline({"quote": "Rebels attacked", "trigger": "attacked"})), "'cluster' must be"),
        (json.dumps(_inline({**_event("Rebels", "Rebels", "x"), "why": "?"})), "event 0: unknown key 'why'"),
        (
            json.dumps(
                _inline(_event("Rebels attacked", "attacked", "x"), _event("attacked the", "attacked", "y"))
            ),
            "two gold events share the trigger",
        ),
    ],
)
def test_bad_lines_give_one_clear_error(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(message)) as raised:
        load_gold(path)
    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)


def test_entries_are_required_and_checked_for_many_article_files(tmp_path: Path) -> None:
    _write(tmp_path / "wire.jsonl", {"text": "Police arrested ten protesters."}, {"text": TEXT})
    for entry, message in ((None, "holds 2 articles; say which"), (2, "'entry' 2 is past the 2 articles")):
        line: dict[str, object] = {"path": "wire.jsonl", "events": []}
        if entry is not None:
            line["entry"] = entry
        with pytest.raises(GoldFormatError, match=message):
            load_gold(_write(tmp_path / "g.jsonl", line))


def test_the_same_article_twice_and_empty_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="the same article as line 1"):
        load_gold(_write(tmp_path / "g.jsonl", _inline(), _inline()))
    with pytest.raises(GoldFormatError, match="no articles"):
        load_gold(_write(tmp_path / "g.jsonl"))
    with pytest.raises(GoldFormatError, match="no gold events"):
        load_gold(_write(tmp_path / "g.jsonl", _inline()))


# ---------------------------------------------------------------- matching and scoring outcomes


def _events(article: Article, *triggers: tuple[int, int]) -> list[Event]:
    sentence = Span.of(article, 0, len(article.text))
    return [
        Event(id=f"evt-{start}", plover="ASSAULT", trigger=Span.of(article, start, end), sentence=sentence)
        for start, end in triggers
    ]


def test_match_takes_the_overlapping_trigger_nearest_to_the_gold_one() -> None:
    article = Article.from_text(TEXT)
    gold = GoldEvent(1, "t", article.id, 7, 15, "attacked", "raid")  # "attacked"
    events = _events(article, (0, 6), (7, 11), (9, 15), (20, 24))
    found = match_event(gold, events)
    assert found is not None and found.id == "evt-7"
    assert match_event(gold, _events(article, (0, 6), (16, 19))) is None  # adjacent spans do not overlap


def test_unmatched_and_unclustered_mentions_are_predicted_singletons(tmp_path: Path) -> None:
    gold = load_gold(
        _write(
            tmp_path / "g.jsonl",
            _inline(
                _event("Rebels attacked", "attacked", "raid"),
                _event("repelled the attack", "attack", "raid"),
                _event("repelled", "repelled", "raid"),
                _event("a ceasefire followed", "ceasefire", "truce"),
            ),
        )
    )
    attacked, attack, repelled, ceasefire = gold.events
    result = score_outcomes(
        gold,
        [
            Outcome(attacked, "e1", "c1"),
            Outcome(attack, "e2", "c1"),
            Outcome(repelled, "e3", None),  # matched, but left unclustered
            Outcome(ceasefire, None, None),  # no event matched
        ],
    )
    assert (result.matched, result.unclustered, result.coverage) == (3, 1, 0.75)
    # gold {attacked attack repelled} {ceasefire}; predicted {attacked attack} {repelled} {ceasefire}
    assert result.scores.pairwise.precision == 1.0
    assert result.scores.pairwise.recall == pytest.approx(1 / 3)
    assert result.matched_scores.pairwise.n == 3
    (split,) = result.splits
    assert split.label == "raid" and split.pairs == 2
    assert result.merges == ()
    data = result.to_json_dict()
    assert data["gold_events"] == 4 and data["gold_clusters"] == 2
    assert data["split_gold_clusters"][0]["parts"][0] == {
        "predicted": "c1",
        "events": [attacked.name, attack.name],
    }
    json.dumps(data)


def test_predicted_clusters_are_described_in_one_line() -> None:
    ranged = PredictedCluster("cluster-1", "ASSAULT", "2022-09-12", "2022-09-14", "Jermuk", 5, 3)
    assert ranged.describe() == "cluster-1 ASSAULT 2022-09-12..2022-09-14 Jermuk (5 events, 3 articles)"
    undated = PredictedCluster("cluster-2", None, None, None, None, 1, 1)
    assert undated.describe() == "cluster-2 ? undated (1 events, 1 articles)"


# ---------------------------------------------------------------- the command


def test_command_reports_bad_gold_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text("{oops\n", encoding="utf-8")
    assert eval_command("clusters", path, None, False, None) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert eval_command("clusters", path, path, False, None) == 2  # EXPECTED is for seed only


# ---------------------------------------------------------------- end to end on examples/


def _clustering_available() -> bool:
    try:
        from sitreps.cluster.update import update_clusters  # noqa: F401
    except ImportError:
        return False
    return True


needs_clustering = pytest.mark.skipif(not _clustering_available(), reason="sitreps.cluster.update is absent")


@pytest.fixture(scope="module")
def examples_result() -> ClusterEvaluation:
    return evaluate_clusters(EXAMPLES_GOLD)


@needs_clustering
def test_examples_figures_are_sane(examples_result: ClusterEvaluation) -> None:
    result = examples_result
    assert result.run.failures == ()
    assert len(result.outcomes) == len(load_gold(EXAMPLES_GOLD).events)
    for scores in (result.scores, result.matched_scores):
        for figure in (scores.pairwise, scores.bcubed):
            assert 0.0 <= figure.precision <= 1.0
            assert 0.0 <= figure.recall <= 1.0
            assert 0.0 <= figure.f1 <= 1.0
    assert result.coverage >= COVERAGE_FLOOR
    # Matched-only recall can only be at least the all-mentions recall: unmatched mentions lose pairs.
    assert result.matched_scores.pairwise.recall >= result.scores.pairwise.recall


@needs_clustering
def test_september_fighting_lands_mostly_in_one_cluster(examples_result: ClusterEvaluation) -> None:
    fighting = [o for o in examples_result.outcomes if o.gold.cluster == FIGHTING and o.cluster_id]
    assert len(fighting) >= 30
    (largest, n), *_ = Counter(o.cluster_id for o in fighting).most_common(1)
    assert n / len(fighting) >= FIGHTING_IN_ONE_CLUSTER
    members = [o.gold.cluster for o in examples_result.outcomes if o.cluster_id == largest]
    assert members.count(FIGHTING) / len(members) >= FIGHTING_PURITY
    # The fighting and the ceasefire that ended it are different events.
    ceasefire_clusters = {o.cluster_id for o in examples_result.outcomes if o.gold.cluster == CEASEFIRE}
    assert largest not in ceasefire_clusters


@needs_clustering
def test_command_tables_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path / "g.jsonl",
        _inline(
            _event("Rebels attacked the town", "attacked", "raid"),
            _event("repelled the attack", "attack", "raid"),
        ),
    )
    predictions = tmp_path / "pred.tsv"
    assert eval_command("clusters", path, None, True, predictions) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "clusters" and data["gold_events"] == 2
    assert {"all", "matched_only", "split_gold_clusters", "merging_predicted_clusters", "events"} <= set(data)
    assert len(predictions.read_text(encoding="utf-8").splitlines()) == 2
    assert eval_command("clusters", path, None, False, None) == 0
    out = capsys.readouterr().out
    assert "pairwise" in out and "B-cubed" in out and "predicted singletons" in out
