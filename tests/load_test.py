"""Load test for ``newsevents serve`` on loopback: N concurrent clients for T seconds.

Run by hand (or ``make bench``), not by the default test run::

    python tests/load_test.py --db /tmp/bench.db --clients 50 --seconds 30

It starts the real server (``newsevents serve``) on a free 127.0.0.1 port, mixes
article-list, event-filter and article requests, then stops the server and prints the
request count, errors and latency percentiles (also as JSON with ``--json``). It refuses
any address that is not loopback and caps clients and duration, so it always ends.
Exit code 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

MAX_CLIENTS, MAX_SECONDS = 200, 300
TYPES = ["PROTEST", "ASSAULT", "COERCE", "CONSULT", "SUPPORT", "ACCUSE", "AID", "MOBILIZE"]
COUNTRIES = ["USA", "GBR", "MEX", "IND", "NGA", "KEN", "FRA", "CHN"]
WORDS = ["police", "fire", "court", "army", "minister", "school", "election", "storm"]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def loopback_only(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name other than localhost
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing {url}: the load test only runs against loopback")
    return url


@contextlib.contextmanager
def running_server(db: str, workers: int) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "newsevents.cli", "serve", "--db", db,
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/api/v1/stats", timeout=2).status_code == 200:
                    break
            time.sleep(0.3)
        else:
            raise SystemExit("the server did not start within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def next_request(rng: random.Random, ids: list[str]) -> tuple[str, str, dict[str, Any]]:
    """A request drawn from the mix: 30% lists, 45% filtered events, 25% one article."""
    roll = rng.random()
    if roll < 0.15:
        return "articles", "/api/v1/articles", {"offset": rng.randrange(0, 1000), "limit": 50}
    if roll < 0.30:
        return "search", "/api/v1/articles", {"search": rng.choice(WORDS), "limit": 20}
    if roll < 0.75:
        params: dict[str, Any] = {"limit": 50, "offset": rng.choice([0, 0, 50, 100])}
        choice = rng.randrange(4)
        if choice == 0:
            params["type"] = rng.choice(TYPES)
        elif choice == 1:
            params["quad_class"] = rng.randint(1, 4)
        elif choice == 2:
            params["country"] = rng.choice(COUNTRIES)
        else:
            params["actor"] = rng.choice(WORDS)
        return "events", "/api/v1/events", params
    return "article", f"/api/v1/articles/{rng.choice(ids)}", {}


async def client_loop(url: str, ids: list[str], stop: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while time.monotonic() < stop:
            kind, path, params = next_request(rng, ids)
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                if response.status_code != 200:
                    tally.errors[f"{kind} HTTP {response.status_code}"] += 1
            except httpx.HTTPError as exc:
                tally.errors[f"{kind} {type(exc).__name__}"] += 1
            tally.add(kind, time.perf_counter() - started)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def summarise(tally: Tally, seconds: float, clients: int) -> dict[str, Any]:
    everything = [x for xs in tally.latencies.values() for x in xs]
    report: dict[str, Any] = {
        "clients": clients, "seconds": round(seconds, 1), "requests": len(everything),
        "requests_per_second": round(len(everything) / seconds, 1),
        "errors": sum(tally.errors.values()), "error_kinds": dict(tally.errors),
    }
    for kind, values in [("all", everything), *sorted(tally.latencies.items())]:
        if values:
            report[kind] = {"n": len(values), "p50_ms": round(percentile(values, .5), 1),
                            "p95_ms": round(percentile(values, .95), 1),
                            "p99_ms": round(percentile(values, .99), 1),
                            "mean_ms": round(statistics.fmean(values) * 1000, 1)}
    return report


async def run(url: str, clients: int, seconds: float) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        listing = (await client.get("/api/v1/articles", params={"limit": 500})).json()
    ids = [a["id"] for a in listing["items"]] or ["0000"]
    tally = Tally()
    started = time.monotonic()
    stop = started + seconds
    await asyncio.gather(*(client_loop(url, ids, stop, n, tally) for n in range(clients)))
    return summarise(tally, time.monotonic() - started, clients)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", help="database to serve (the server is started and stopped)")
    source.add_argument("--url", help="an already running server on loopback")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1, help="server processes (with --db)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    if args.url:
        report = asyncio.run(run(loopback_only(args.url), clients, seconds))
    else:
        with running_server(args.db, args.workers) as url:
            report = asyncio.run(run(url, clients, seconds))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{report['requests']} requests in {report['seconds']} s from {clients} clients "
              f"({report['requests_per_second']}/s), {report['errors']} errors")
        for kind in ("all", "articles", "search", "events", "article"):
            if kind in report:
                r = report[kind]
                print(f"  {kind:9} n={r['n']:6}  p50 {r['p50_ms']:7.1f} ms  "
                      f"p95 {r['p95_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms")
        for kind, n in report["error_kinds"].items():
            print(f"  error {kind}: {n}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
