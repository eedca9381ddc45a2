"""Extraction quality, measured: word-level precision/recall/F1 and snippet checks.

Scores an extractor against pages with ground truth, in the format public extraction
benchmarks use (WCXB: ``ground_truth.main_content`` plus ``with`` snippets that must
appear and ``without`` snippets that must not; AEB: ``articleBody``):

- our job-posting corpus, ``tests/extraction/pages/<id>.html`` + ``<id>.json``;
- the shared corpus of ordinary pages, ``../shared/extraction-corpus`` (40 AEB articles,
  ScrapingHub article extraction benchmark, MIT; 40 WCXB development pages, Murrough
  Foley 2026, CC-BY-4.0), located relative to the repository or by the environment
  variable ``JOBARCHIVE_EXTRACTION_CORPUS``; skipped with a message when absent.

Print the table (ours against trafilatura's defaults and ``favor_precision``)::

    .venv/bin/python -m crawler.evaluate            # every corpus
    .venv/bin/python -m crawler.evaluate jobs --per-page

Word scores are over bags of lower-cased word tokens (markdown marks do not count),
averaged over pages (macro), as WCXB reports them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from crawler.extract import main_text

REPO = Path(__file__).resolve().parents[1]
JOB_CORPUS = REPO / "tests" / "extraction" / "pages"
SHARED_ENV = "JOBARCHIVE_EXTRACTION_CORPUS"

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Page:
    """One page with its ground truth."""

    corpus: str
    id: str
    html: bytes
    url: str | None
    main_content: str
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    fields: dict[str, object] = field(default_factory=dict)
    source: str | None = None


@dataclass
class Score:
    """An extractor's result on one page."""

    precision: float
    recall: float
    f1: float
    leaked: list[str]
    missing: list[str]
    ms: float


def words(text: str) -> list[str]:
    """Lower-cased word tokens; punctuation and markdown marks are not words."""
    return [w for w in _WORD.findall(text.lower()) if w != "_"]


def word_prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """Word-level precision, recall and F1 over bags of words."""
    got, want = Counter(words(predicted)), Counter(words(truth))
    overlap = sum((got & want).values())
    if not got or not want:
        same = not got and not want
        return float(same), float(same), float(same)
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    f1 = 0.0 if overlap == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def _norm(text: str) -> str:
    text = re.sub(r"\*\*|__|`", "", text)
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.|#+)\s+", "", text)
    text = text.replace("|", " ")
    return " ".join(text.split()).casefold()


def contains(text: str, snippet: str) -> bool:
    """Whether ``snippet`` appears in ``text``, ignoring case, spacing and markdown marks."""
    return _norm(snippet) in _norm(text)


def score(page: Page, extractor: Callable[[bytes, str | None], str]) -> Score:
    """Run ``extractor`` on one page and score it."""
    start = time.perf_counter()
    text = extractor(page.html, page.url) or ""
    ms = (time.perf_counter() - start) * 1000
    precision, recall, f1 = word_prf(text, page.main_content)
    leaked = [s for s in page.without if contains(text, s)]
    missing = [s for s in page.with_ if not contains(text, s)]
    return Score(precision, recall, f1, leaked, missing, ms)


# --- extractors ---------------------------------------------------------------------------


def ours(html: bytes, url: str | None) -> str:
    return main_text(html, url)


def trafilatura_defaults(html: bytes, url: str | None) -> str:
    return trafilatura.extract(html, url=url) or ""


def trafilatura_precision(html: bytes, url: str | None) -> str:
    return trafilatura.extract(html, url=url, favor_precision=True) or ""


EXTRACTORS: dict[str, Callable[[bytes, str | None], str]] = {
    "ours": ours,
    "trafilatura": trafilatura_defaults,
    "trafilatura precision": trafilatura_precision,
}


# --- corpora ------------------------------------------------------------------------------


def job_pages(directory: Path = JOB_CORPUS) -> Iterator[Page]:
    """The job-posting corpus: every <id>.json with its <id>.html."""
    for truth_file in sorted(directory.glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        yield Page(
            corpus="jobs",
            id=truth_file.stem,
            html=truth_file.with_suffix(".html").read_bytes(),
            url=truth.get("url"),
            main_content=truth["ground_truth"]["main_content"],
            with_=truth["ground_truth"].get("with", []),
            without=truth["ground_truth"].get("without", []),
            fields=truth.get("fields", {}),
            source=truth.get("source"),
        )


def shared_corpus_dir() -> Path:
    """Where the shared corpus is: $JOBARCHIVE_EXTRACTION_CORPUS or ../shared/extraction-corpus."""
    return Path(os.environ.get(SHARED_ENV) or REPO.parent / "shared" / "extraction-corpus")


def aeb_pages(root: Path | None = None) -> Iterator[Page]:
    """The AEB articles (ScrapingHub article extraction benchmark, MIT licence)."""
    base = (root or shared_corpus_dir()) / "aeb"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = base / "html" / f"{page_id}.html.gz"
        if path.exists():
            yield Page(
                corpus="aeb",
                id=page_id[:12],
                html=gzip.decompress(path.read_bytes()),
                url=truth[page_id].get("url"),
                main_content=truth[page_id]["articleBody"],
            )


def wcxb_pages(root: Path | None = None) -> Iterator[Page]:
    """The WCXB development pages (Murrough Foley 2026, CC-BY-4.0)."""
    base = (root or shared_corpus_dir()) / "wcxb"
    for truth_file in sorted((base / "ground-truth").glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        path = base / "html" / f"{truth_file.stem}.html.gz"
        if path.exists():
            yield Page(
                corpus="wcxb",
                id=truth_file.stem,
                html=gzip.decompress(path.read_bytes()),
                url=truth.get("url"),
                main_content=truth["ground_truth"]["main_content"],
                with_=truth["ground_truth"].get("with") or [],
                without=truth["ground_truth"].get("without") or [],
            )


CORPORA: dict[str, Callable[[], Iterator[Page]]] = {
    "jobs": job_pages,
    "aeb": aeb_pages,
    "wcxb": wcxb_pages,
}


def load(corpus: str) -> list[Page] | None:
    """The pages of one corpus, or None (with a message on stderr) when it is absent."""
    if corpus != "jobs" and not (shared_corpus_dir() / corpus).is_dir():
        print(
            f"skipping {corpus}: {shared_corpus_dir() / corpus} not found "
            f"(set {SHARED_ENV} to the extraction-corpus directory)",
            file=sys.stderr,
        )
        return None
    return list(CORPORA[corpus]())


# --- the table ----------------------------------------------------------------------------


@dataclass
class Summary:
    corpus: str
    extractor: str
    pages: int
    precision: float
    recall: float
    f1: float
    leaked: int
    missing: int
    ms: float


def summarize(corpus: str, name: str, scores: list[Score]) -> Summary:
    n = len(scores) or 1
    return Summary(
        corpus=corpus,
        extractor=name,
        pages=len(scores),
        precision=sum(s.precision for s in scores) / n,
        recall=sum(s.recall for s in scores) / n,
        f1=sum(s.f1 for s in scores) / n,
        leaked=sum(len(s.leaked) for s in scores),
        missing=sum(len(s.missing) for s in scores),
        ms=sum(s.ms for s in scores) / n,
    )


def evaluate(
    pages: list[Page], extractors: dict[str, Callable[[bytes, str | None], str]] | None = None
) -> dict[str, list[Score]]:
    """Every extractor's score on every page, keyed by extractor name."""
    extractors = extractors or EXTRACTORS
    return {name: [score(page, fn) for page in pages] for name, fn in extractors.items()}


def format_table(rows: list[Summary]) -> str:
    header = (
        f"{'corpus':<7} {'extractor':<22} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'leaked':>6} {'missing':>7} {'ms/page':>8}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.corpus:<7} {r.extractor:<22} {r.pages:>5} {r.precision:>6.3f} {r.recall:>6.3f} "
            f"{r.f1:>6.3f} {r.leaked:>6} {r.missing:>7} {r.ms:>8.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.evaluate",
        description="Score our extraction against trafilatura's defaults and favor_precision.",
    )
    parser.add_argument(
        "corpora",
        nargs="*",
        metavar="CORPUS",
        help=f"corpora to score: {', '.join(CORPORA)} (default: all)",
    )
    parser.add_argument("--per-page", action="store_true", help="also print each page's F1")
    args = parser.parse_args(argv)
    unknown = [c for c in args.corpora if c not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {unknown[0]!r}: choose from {', '.join(CORPORA)}")
    rows: list[Summary] = []
    for corpus in args.corpora or list(CORPORA):
        pages = load(corpus)
        if pages is None:
            continue
        results = evaluate(pages)
        rows += [summarize(corpus, name, scores) for name, scores in results.items()]
        if args.per_page:
            names = list(results)
            print(f"\n{corpus}: F1 per page ({' / '.join(names)}); leaked/missing for ours")
            for index, page in enumerate(pages):
                ours_score = results["ours"][index]
                f1s = " ".join(f"{results[n][index].f1:.3f}" for n in names)
                extra = ""
                if ours_score.leaked or ours_score.missing:
                    extra = f"  leaked={ours_score.leaked} missing={ours_score.missing}"
                print(f"  {page.id:<28} {f1s}{extra}")
    print()
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
