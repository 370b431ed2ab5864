"""Measure the event-type classifier (sitreps.classify) on the CASE 2021 task 2 dev split.

    .venv/bin/python tools/eval_classifier.py [--no-char] [--no-cues] [--c 10] [--errors 20]

Prints accuracy, macro and weighted F1, per-label F1 and the most frequent confusions. The dev split is for
measuring and tuning only: nothing here trains on it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from sitreps.classify import ClassifierConfig, train, training_snippets

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "case2021-task2-dev.tsv"


def read_dev(path: Path) -> tuple[list[str], list[str]]:
    texts, gold = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            texts.append(row["EventSnippet"])
            gold.append(row["SubType"].strip())
    return texts, gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--no-char", action="store_true")
    parser.add_argument("--no-cues", action="store_true")
    parser.add_argument("--c", type=float, default=ClassifierConfig.c)
    parser.add_argument("--cue-weight", type=float, default=ClassifierConfig.cue_weight)
    parser.add_argument(
        "--without", action="append", default=[], help="leave out this training file (e.g. boundaries.tsv)"
    )
    parser.add_argument("--labels", action="store_true", help="print per-label scores")
    parser.add_argument("--confusions", type=int, default=15)
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified dev snippets")
    args = parser.parse_args(argv)
    if not args.dev.exists():
        print(f"no dev file at {args.dev}", file=sys.stderr)
        return 2
    config = ClassifierConfig(
        use_char=not args.no_char,
        use_cues=not args.no_cues,
        c=args.c,
        cue_weight=args.cue_weight,
    )
    texts, gold = read_dev(args.dev)
    started = time.perf_counter()
    model = train(config, training_snippets(tuple(args.without)))
    trained = time.perf_counter()
    predictions = model.predict(texts)
    done = time.perf_counter()
    predicted = [p.label for p in predictions]
    print(f"config: {config}; training snippets: {len(training_snippets(tuple(args.without)))}")
    print(
        f"train {trained - started:.2f} s; predict {len(texts)} snippets {done - trained:.3f} s "
        f"({1000 * (done - trained) / len(texts):.2f} ms/snippet)"
    )
    labels = sorted(set(gold))
    print(
        f"n={len(gold)} accuracy={accuracy_score(gold, predicted):.3f} "
        f"macro_f1={f1_score(gold, predicted, labels=labels, average='macro', zero_division=0):.3f} "
        f"weighted_f1={f1_score(gold, predicted, labels=labels, average='weighted', zero_division=0):.3f}"
    )
    if args.labels:
        p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
        for row in sorted(zip(labels, p, r, f, s, strict=True), key=lambda x: x[3]):
            print(f"  {row[0]:32s} P={row[1]:.2f} R={row[2]:.2f} F1={row[3]:.2f} n={row[4]}")
    pairs = Counter((g, q) for g, q in zip(gold, predicted, strict=True) if g != q)
    if args.confusions:
        print("confusions (gold -> predicted):")
        for (g, q), count in pairs.most_common(args.confusions):
            print(f"  {count:3d}  {g} -> {q}")
    if args.errors:
        shown = 0
        for text, g, pred in zip(texts, gold, predictions, strict=True):
            if g != pred.label and shown < args.errors:
                print(f"  [{g} -> {pred.label} {pred.probability:.2f}] {text[:160]}")
                shown += 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
