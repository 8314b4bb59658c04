"""Corpus benchmark: how well the importer reads plans laid out in ways it has never seen.

    .venv/bin/python -m bench.corpus_bench [--family NAME ...] [--details] [--no-pdf]

Writes every variant of the test corpus (tests/imports/corpus: our own plans and the seeds,
re-laid as Word, Excel, CSV, text and PDF with shuffled columns, unknown header words, torn
cells, look-alike letters, section lines, date cells…) into a temporary folder, converts
each with no mapping file and prints, per family: the variants, the mean item recall,
correct parents and correct due dates, the worst of the three over the family's variants,
and the seconds spent converting. `--details` prints each variant too. The test
(tests/imports/corpus/test_corpus.py) asks every variant for recall ≥ 0.95, parents ≥ 0.9
and dates ≥ 0.9.
"""

import argparse
import sys
import tempfile
import traceback
from pathlib import Path


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.2f}" if values else "  – "


def _ratio(value: float | None) -> str:
    return "  – " if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", help="only these families")
    parser.add_argument("--details", action="store_true", help="print every variant")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF variants")
    args = parser.parse_args(argv)

    from bench.common import django_on_throwaway_data

    with django_on_throwaway_data(prefix="councilplan-corpus-"):
        from tests.imports.corpus.measure import Score, variant_scored
        from tests.imports.corpus.variants import FAMILIES

        families = {
            name: [v for v in variants if not (args.no_pdf and v.slow)]
            for name, variants in FAMILIES.items()
            if not args.family or name in args.family
        }
        print(
            f"{'family':<22} {'variants':>8} {'recall':>7} {'parents':>7} {'dates':>6} "
            f"{'worst':>6} {'convert s':>9}"
        )
        totals: list[Score] = []
        with tempfile.TemporaryDirectory(prefix="councilplan-corpus-") as folder:
            for name, variants in families.items():
                scores = []
                for variant in variants:
                    try:
                        score, _ = variant_scored(variant, Path(folder))
                    except Exception as error:
                        score = Score(1, 0, 0, 0, 0, 0.0, f"crashed: {error!r}")
                        if args.details:
                            traceback.print_exc()
                    scores.append(score)
                    if args.details:
                        print(
                            f"    {variant.name[:64]:<64} {score.recall:.2f} {score.parents:.2f}"
                            f" {_ratio(score.dates)} {score.seconds:.2f}s {score.error[:70]}"
                        )
                totals.extend(scores)
                _row(name, scores)
        _row("all", totals)
    return 0


def _row(name: str, scores: list) -> None:
    dates = [s.dates for s in scores if s.dates is not None]
    print(
        f"{name:<22} {len(scores):>8} {_mean([s.recall for s in scores]):>7} "
        f"{_mean([s.parents for s in scores]):>7} {_mean(dates):>6} "
        f"{min(s.worst for s in scores):>6.2f} {sum(s.seconds for s in scores):>9.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
