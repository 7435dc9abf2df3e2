"""``make bench`` (``python -m newsevents.bench``): how fast, how big, where the time goes.

On the bench corpus ($NEWSEVENTS_SHARED/corpus/bench/news.jsonl) it measures:

- whole-pipeline ingest throughput (articles/s, words/s) with 1 and 2 worker processes,
  beside spaCy's own ``nlp.pipe`` on the same texts with the same number of processes, and
  the CPU time per article of both (all processes; unlike rates, it does not depend on what
  else runs on the machine);
- CPU time per article of the parse, each stage, pickling and storing (a timing wrapper
  around the stage modules, here only), and each one's share;
- the gazetteer's cold load time and the seed article's processing time after load;
- peak RSS of the ingest parent and of each worker (Linux ``VmHWM``);
- p50/p95 latency of the events query filters;
- with ``--scale 1,4,16``: ingest and clustering time with the corpus repeated k times
  (distinct ids), and peak RSS, which should not grow with k.

It prints a report and writes ``bench-results/bench.json``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsevents.corpus.benchtools import PeakSampler, scaled_corpus, stage_timings
from newsevents.paths import shared_dir


def _articles(corpus: Path, limit: int | None) -> list[Any]:
    from newsevents.ingest import ReadOptions, read_inputs
    from newsevents.records import Article

    found: list[Any] = []
    for item in read_inputs([str(corpus)], ReadOptions()):
        if isinstance(item, Article):
            found.append(item)
            if limit and len(found) >= limit:
                break
    return found


def spacy_rate(texts: list[str], jobs: int, batch_size: int = 32) -> dict[str, float]:
    """spaCy's own ``nlp.pipe`` over the texts: the ceiling our throughput is compared with.

    The model as spaCy loads it, without the component newsevents adds (its cost is ours).
    Measured like our ingest: the start-up (for ``n_process`` > 1, the worker processes) is
    timed on ``jobs`` texts, one a worker, and taken out with those texts."""
    import spacy

    from newsevents.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    cpu, started = _cpu_seconds(), time.perf_counter()
    for _doc in nlp.pipe(texts[:jobs], batch_size=1, n_process=jobs):
        pass
    startup, startup_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    cpu, started = _cpu_seconds(), time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=jobs):
        pass
    seconds, used = time.perf_counter() - started, _cpu_seconds() - cpu
    steady = max(seconds - startup, 1e-6)
    words = sum(len(t.split()) for t in texts[jobs:])
    return {"seconds": seconds, "startup_seconds": startup,
            "articles_per_s": (len(texts) - jobs) / steady, "words_per_s": words / steady,
            "cpu_ms_per_article": 1000 * (used - startup_cpu) / max(len(texts) - jobs, 1)}


def _cpu_seconds(own: bool = True) -> float:
    """CPU time (user + system) of every child process this one has waited for (ingest
    subprocesses with their workers, spaCy's worker processes), and its own unless not ``own``."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = children.ru_utime + children.ru_stime
    if own:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used += usage.ru_utime + usage.ru_stime
    return used


def ingest_run(corpus: Path, db: str, jobs: int, batch_size: int = 32) -> dict[str, Any]:
    """A real ``newsevents ingest`` subprocess, timed, with its and its workers' peak RSS."""
    command = [sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", db,
               "--jobs", str(jobs), "--batch-size", str(batch_size), "--quiet"]
    cpu, started = _cpu_seconds(own=False), time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakSampler(process.pid) as sampler:
        out, err = process.communicate()
    wall = time.perf_counter() - started
    used = _cpu_seconds(own=False) - cpu  # the ingest process and its workers (it waits for them)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed ({process.returncode}): {err[-2000:]}")
    match = re.search(r"(\d+) stored.*?in ([\d.]+)s", out)
    stored = int(match.group(1)) if match else 0
    seconds = float(match.group(2)) if match else wall
    return {"jobs": jobs, "stored": stored, "seconds": seconds, "wall_seconds": wall, "cpu_seconds": used,
            "parent_peak_rss_mb": sampler.parent_mb(), "worker_peak_rss_mb": sampler.children_mb()}


def throughput(corpus: Path, articles: list[Any], jobs: int, workdir: Path) -> dict[str, Any]:
    """Ingest rate with ``jobs`` workers. The start-up (every worker process loading the model
    and data) is measured by ingesting ``jobs`` articles one batch each, so that every worker
    starts, as in the real run; it is taken out of the rate with those articles, as spaCy's
    own rate below is measured."""
    one = scaled_corpus(corpus, 1, jobs, workdir / f"startup-{jobs}.jsonl")
    first = ingest_run(one, str(workdir / f"startup-{jobs}.db"), jobs, batch_size=1)
    startup = first["seconds"]
    run = ingest_run(corpus, str(workdir / f"bench-{jobs}.db"), jobs)
    words = sum(len(a.text.split()) for a in articles[jobs:])
    steady = max(run["seconds"] - startup, 1e-6)
    run["startup_seconds"] = startup
    run["articles_per_s"] = (len(articles) - jobs) / steady
    run["words_per_s"] = words / steady
    run["articles_per_s_with_startup"] = len(articles) / run["seconds"]
    # CPU time does not depend on what else the machine runs: the steady CPU cost per article
    # of the whole ingest (parent and workers) beside spaCy's (parent and workers)
    count = max(len(articles) - jobs, 1)
    run["cpu_ms_per_article"] = 1000 * (run["cpu_seconds"] - first["cpu_seconds"]) / count
    run["spacy"] = spacy_rate([a.text for a in articles], jobs)
    run["ratio_to_spacy"] = run["articles_per_s"] / run["spacy"]["articles_per_s"]
    run["cpu_ratio_to_spacy"] = run["spacy"]["cpu_ms_per_article"] / run["cpu_ms_per_article"]
    return run


def gazetteer_load() -> dict[str, Any]:
    try:
        from newsevents.gazetteer import load_gazetteer
    except ImportError as exc:
        return {"skipped": f"newsevents.gazetteer has no load_gazetteer ({exc})"}
    started = time.perf_counter()
    load_gazetteer()
    return {"seconds": time.perf_counter() - started}


def seed_time(repeat: int = 3) -> dict[str, Any]:
    """Seconds to process the seed article once the model and data are loaded."""
    from newsevents.articles import make_article
    from newsevents.corpus.workers import warm_up
    from newsevents.pipeline import Options, process

    seeds = sorted((shared_dir() / "corpus" / "seed").glob("*.txt"))
    if not seeds:
        return {"skipped": "no seed article under corpus/seed"}
    warm_up(Options())
    article = make_article(seeds[0].read_text(encoding="utf-8"), published="2015-01-07")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        process(article)
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "target_seconds": 1.0}


def query_latency(db: str, repeat: int = 15) -> dict[str, Any]:
    from newsevents.store import Store

    store = Store.open(db)
    filters: dict[str, dict[str, Any]] = {
        "none": {}, "type": {"type": "PROTEST"}, "actor": {"actor": "police"},
        "country": {"country": "USA"}, "dates": {"since": "2009-01", "until": "2012-12"},
        "place": {"place": "York"}, "quad_class": {"quad_class": 4},
        "combined": {"type": "ASSAULT", "country": "USA", "since": "2000"},
    }
    report: dict[str, Any] = {}
    for name, kwargs in filters.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            store.query_events(limit=100, **kwargs)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        report[name] = {"p50_ms": times[len(times) // 2], "p95_ms": times[int(len(times) * 0.95) - 1]}
    return report


def scaling(articles_path: Path, factors: list[int], limit: int | None, workdir: Path,
            jobs: int) -> list[dict[str, Any]]:
    results = []
    for factor in factors:
        corpus = scaled_corpus(articles_path, factor, limit, workdir / f"scale-{factor}.jsonl")
        db = str(workdir / f"scale-{factor}.db")
        run = ingest_run(corpus, db, jobs)
        run["factor"] = factor
        run["cluster_seconds"] = _timed(functools.partial(_cluster, db))
        results.append(run)
    return results


def _cluster(db: str) -> None:
    from newsevents.corpus.service import recompute
    from newsevents.store import Store

    recompute(Store.open(db))


def _timed(func: Callable[[], Any]) -> float | str:
    started = time.perf_counter()
    try:
        func()
    except ImportError as exc:
        return f"skipped: {exc}"
    return time.perf_counter() - started


def run(corpus: Path, limit: int | None, jobs_list: list[int], factors: list[int],
        stage_sample: int) -> dict[str, Any]:
    report: dict[str, Any] = {"corpus": str(corpus), "limit": limit, "cpus": os.cpu_count(),
                              "python": platform.python_version()}
    report["gazetteer_load"] = gazetteer_load()  # first: cold, before anything loads it
    articles = _articles(corpus, limit)
    report["articles"] = len(articles)
    report["words"] = sum(len(a.text.split()) for a in articles)
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        workdir = Path(tmp)
        source = scaled_corpus(corpus, 1, limit, workdir / "corpus.jsonl")
        report["throughput"] = [throughput(source, articles, j, workdir) for j in jobs_list]
        report["stage_share"] = stage_timings(articles[:stage_sample])
        report["seed_article"] = seed_time()
        report["query_latency"] = query_latency(str(workdir / f"bench-{jobs_list[0]}.db"))
        if factors:
            report["scaling"] = scaling(corpus, factors, limit, workdir, max(jobs_list))
    return report


def render(report: dict[str, Any]) -> Iterator[str]:
    yield f"newsevents bench: {report['articles']} articles, {report['words']:,} words, {report['cpus']} CPUs"
    for t in report["throughput"]:
        yield (f"  ingest --jobs {t['jobs']}: {t['articles_per_s']:.2f} articles/s, "
               f"{t['words_per_s']:.0f} words/s (after {t['startup_seconds']:.1f}s start-up; "
               f"{t['articles_per_s_with_startup']:.2f} articles/s with it); spaCy nlp.pipe n_process={t['jobs']}: "
               f"{t['spacy']['articles_per_s']:.2f} articles/s → ratio {t['ratio_to_spacy']:.2f} "
               f"(target ≥ 0.8); CPU {t['cpu_ms_per_article']:.1f} ms/article vs spaCy's "
               f"{t['spacy']['cpu_ms_per_article']:.1f} → ratio {t['cpu_ratio_to_spacy']:.2f}; peak RSS parent {t['parent_peak_rss_mb']:.0f} MB, workers "
               f"{', '.join(f'{m:.0f}' for m in t['worker_peak_rss_mb']) or '-'} MB")
    shares = report["stage_share"]
    yield "  CPU ms/article (share): " + ", ".join(
        f"{name} {share['ms_per_article']:.2f} ({share['share']:.0%})" for name, share in shares.items())
    stock = report["throughput"][0]["spacy"]["cpu_ms_per_article"]
    ours = sum(s["ms_per_article"] for name, s in shares.items() if name != "parse")
    if "parse" in shares:
        yield (f"  parse as newsevents loads the model {shares['parse']['ms_per_article']:.1f} ms/article "
               f"(stock spaCy {stock:.1f}); everything after the parse {ours:.1f} ms/article "
               f"= {ours / stock:.0%} of stock spaCy's CPU")
    gaz = report["gazetteer_load"]
    yield "  gazetteer load: " + (f"{gaz['seconds']:.2f}s" if "seconds" in gaz else gaz["skipped"])
    seed = report["seed_article"]
    yield "  seed article after load: " + (
        f"{seed['seconds']:.3f}s (target < 1 s)" if "seconds" in seed else seed["skipped"])
    yield "  events query latency (ms, p50/p95): " + ", ".join(
        f"{k} {v['p50_ms']:.1f}/{v['p95_ms']:.1f}" for k, v in report["query_latency"].items())
    for s in report.get("scaling", []):
        cluster = s["cluster_seconds"]
        yield (f"  scale {s['factor']}x: {s['stored']} articles ingested in {s['seconds']:.1f}s, "
               f"clustered in " + (f"{cluster:.2f}s" if isinstance(cluster, float) else cluster)
               + f"; peak RSS parent {s['parent_peak_rss_mb']:.0f} MB")


def _ints(value: str) -> list[int]:
    return [int(v) for v in value.split(",") if v.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=shared_dir() / "corpus" / "bench" / "news.jsonl")
    parser.add_argument("--limit", type=int, help="Use only the first N articles (quick run).")
    parser.add_argument("--jobs", type=_ints, default=[1, 2], help="Worker counts (default 1,2).")
    parser.add_argument("--scale", type=_ints, default=[], help="Corpus multiples, e.g. 1,4,16.")
    parser.add_argument("--stage-sample", type=int, default=200, help="Articles timed per phase.")
    parser.add_argument("--json", action="store_true", help="Print the JSON report, not text.")
    parser.add_argument("--out", type=Path, default=Path("bench-results") / "bench.json")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"no bench corpus at {args.corpus}; set NEWSEVENTS_SHARED or pass --corpus")
    report = run(args.corpus, args.limit, args.jobs, args.scale, args.stage_sample)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for line in render(report):
            print(line)
        print(f"  → {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
