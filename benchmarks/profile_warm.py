"""``python -m benchmarks.profile_warm [--size 10000]``: where a warm run's time goes.

Generates the synthetic list, starts the benchmark fakes, runs the CLI cold
(to fill the cache and the output), then, once another process has written to
the cache (so the cold run's memo does not serve it), runs it warm under py-spy (a
sampling profiler that sees every thread: the sources run in threads, which
cProfile does not follow) and prints the functions holding the most samples,
inclusive and on their own. ``--later HOURS`` profiles the run as if that much
time had passed (24 = the next night). Needs ``py-spy`` (``pip install py-spy``).
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.generate import generate, render
from benchmarks.measure import ROOT, Folders, _environment, another_process_writes, command, run_cli
from benchmarks.services import Latency, Services


def summarise(raw: Path, top: int) -> str:
    """py-spy's raw (collapsed-stack) output as two top-N tables: inclusive and own samples."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        total += samples
        frames = [frame.split(" (")[0] + " " + _where(frame) for frame in stack.split(";")[1:]]
        for frame in set(frames):
            inclusive[frame] += samples
        if frames:
            own[frames[-1]] += samples
    lines = [f"{total} samples (all threads)", "", "inclusive:"]
    lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in inclusive.most_common(top)]
    lines += ["", "own:"]
    lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in own.most_common(top)]
    return "\n".join(lines)


def _where(frame: str) -> str:
    inside = frame.partition(" (")[2].rstrip(")")
    path, _, _line = inside.rpartition(":")
    return "(" + "/".join(Path(path).parts[-2:]) + ")"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--later", type=float, default=0.0, help="hours after the cold run")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--rate", type=int, default=200, help="py-spy samples per second")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy is not installed (pip install py-spy)")
    synthetic = generate(args.size, 0)
    with (
        tempfile.TemporaryDirectory(prefix="enrich-profile-") as work,
        Services(synthetic, Latency(0.05, 0.2, 0)) as services,
    ):
        root = Path(work)
        list_file = root / f"synthetic-{args.size}.md"
        list_file.write_text(render(synthetic, services.page_bases, name=list_file.stem), "utf-8")
        folders = Folders(root, list_file)
        cold = run_cli(services, folders, "cold", token=True, arxiv_delay=0.05)
        print(f"cold: {cold.wall_seconds:.1f} s, exit {cold.exit_code}")
        raw = root / "warm.txt"
        if not args.later:
            another_process_writes(folders.cache)  # else the cold run's memo serves it
        profiled = [spy, "record", "--format", "raw", "--rate", str(args.rate), "-o", str(raw)]
        subprocess.run(
            [*profiled, "--", *command(folders, args.later)],
            cwd=ROOT,
            env=_environment(services, True, 0.05),
            check=True,
            capture_output=True,
        )
        print(summarise(raw, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
