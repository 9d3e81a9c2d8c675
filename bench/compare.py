"""Times orjson parse-only against `courtside demo --headless --speed max` on the same recordings, in one run.

    python3 bench/compare.py COURTSIDE RECORDING.jsonl...

orjson parses each recording line and the frame inside it, and keeps nothing; courtside reads the files,
decodes every frame, folds every action into its match and writes a JSON line per state change. Each side's
best of ROUNDS (5) alternating rounds is compared; courtside's peak RSS is its largest over those runs
(getrusage). Courtside playing the same recordings on one thread in time order, as a screen needs them
(`--speed 1e9`, the same lines), is timed beside: what `--speed max` buys (several recordings play in shares, a
thread a core, each reading and folding a track at a time; one recording is read ahead on a second thread).
"""
import os
import platform
import subprocess
import sys
import time

import orjson

binary, files = sys.argv[1], sys.argv[2:]
ROUNDS = int(os.environ.get("ROUNDS", "5"))
size = sum(os.path.getsize(f) for f in files)
lines = 0
actions = 0
for path in files:
    with open(path, "rb") as f:
        for row in f.read().splitlines()[1:]:
            lines += 1
            actions += b'fixtureAction' in row


def best(run, n=3):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def orjson_lines_and_frames():
    # Read and split here too: courtside's figure includes reading its files.
    for path in files:
        with open(path, "rb") as f:
            rows = f.read().splitlines()
        for row in rows[1:]:
            orjson.loads(orjson.loads(row)["frame"])


def orjson_frames_only():
    for path in files:
        with open(path, "rb") as f:
            rows = f.read().splitlines()
        for row in rows[1:]:
            orjson.loads(row)


# Run by a small Python of its own: a child forked from this process, which holds the parsed lines, would
# count this process's memory in its own peak before it becomes courtside.
RUNNER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def courtside(speed="max"):
    """Wall seconds, peak RSS in MiB, CPU seconds. `--speed max` plays several recordings in shares, a thread a
    core, a track at a time (one recording: read ahead on a second thread); any other speed folds on one thread in
    time order, and a speed of 1e9 plays everything at once: the same lines."""
    out = subprocess.run([sys.executable, "-c", RUNNER, binary, "demo", "--headless", "--speed", speed, *files],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, float(out[2])


# Rounds alternate the sides, so that a slow spell of a shared machine falls on both rather than on one.
SPIN = "x = 0\nfor i in range(6_000_000): x += i"


def cores_at_work():
    """How many cores' worth of work two CPU-bound processes get done at once, against one alone (2.00: two whole
    cores). A shared machine's second core comes and goes, and `--speed max` plays in shares, a thread a core:
    without this figure, a ratio measured while a neighbour held that core reads as courtside's own."""
    def timed(n):
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(n)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start
    alone = timed(1)
    together = timed(2)
    return 2 * min(alone, timed(1)) / together


t_orjson, t_lines, runs, single, cores = [], [], [], [], []
for _ in range(ROUNDS):
    t_orjson.append(best(orjson_lines_and_frames, 1))
    t_lines.append(best(orjson_frames_only, 1))
    runs.append(courtside())
    single.append(courtside("1000000000"))
    cores.append(cores_at_work())
t_orjson, t_lines = min(t_orjson), min(t_lines)
t_courtside = min(t for t, _, _ in runs)
cpu_courtside = min(c for _, _, c in runs)
peak = max(p for _, p, _ in runs)
t_single = min(t for t, _, _ in single)
cpu_single = min(c for _, _, c in single)
mb = size / 1e6
what = os.path.basename(files[0]) if len(files) == 1 else f"{len(files)} recordings"
print(f"{what}: {lines:,} frames, {actions:,} action messages, {mb:.1f} MB "
      f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores)")
print(f"  orjson parse-only, lines + frames in them  {t_orjson:7.2f} s  {mb / t_orjson:7.1f} MB/s")
print(f"  orjson parse-only, lines alone             {t_lines:7.2f} s  {mb / t_lines:7.1f} MB/s")
print(f"  courtside demo --headless --speed max      {t_courtside:7.2f} s  {mb / t_courtside:7.1f} MB/s  "
      f"{actions / t_courtside:10,.0f} actions/s  peak RSS {peak:.0f} MiB")
print(f"  courtside, one thread in time order (1e9)  {t_single:7.2f} s  {mb / t_single:7.1f} MB/s  "
      f"(--speed max: ×{t_single / t_courtside:.2f} faster for ×{cpu_courtside / cpu_single:.2f} the CPU)")
print(f"  ratio courtside / orjson (lines + frames): {t_courtside / t_orjson:.2f}  (1.00 or less: no slower; target ≤ 1.0)")
print(f"  cores at work meanwhile: {min(cores):.2f}–{max(cores):.2f} of {os.cpu_count()}  "
      "(two CPU-bound processes at once against one alone, once a round)")
