"""Issue 14's third target beside a reference measured in the same run: `courtside-bench`'s decode + reduce
rate against Python's orjson only parsing the same frames (the same 40 simulated matches, heartbeats and all,
counted in action messages).

    python3 bench/decode.py COURTSIDE-BENCH MATCHES-DIR

MATCHES-DIR holds `courtside-bench run --write-matches` output; its first 40 recordings are the matches the
bench decodes. Each side's best of ROUNDS (5) alternating rounds is compared: on a shared machine one core can run
a third slower than the other for a minute at a time, for either program (seen with `taskset`), and three rounds
could all land there.
"""
import glob
import os
import re
import subprocess
import sys
import time

import orjson

bench, directory = sys.argv[1], sys.argv[2]
ROUNDS = int(os.environ.get("ROUNDS", "5"))
paths = sorted(glob.glob(os.path.join(directory, "*.jsonl")))[:40]
frames = []
for path in paths:
    with open(path, "rb") as f:
        frames += [orjson.loads(row)["frame"].encode() for row in f.read().splitlines()[1:]]
actions = sum(b"fixtureAction" in f for f in frames)


def orjson_rate():
    start = time.perf_counter()
    for f in frames:
        orjson.loads(f)
    return actions / (time.perf_counter() - start)


def courtside_rate():
    out = subprocess.run([bench, "run", "--only", "decode", "--actions", "500000"], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"decode\+reduce\s+([\d,]+) actions/s", out).group(1).replace(",", ""))


ours, theirs = [], []
for _ in range(ROUNDS):
    theirs.append(orjson_rate())
    ours.append(courtside_rate())
ours, theirs = max(ours), max(theirs)
print(f"decode + reduce, {len(paths)} matches ({len(frames):,} frames, {actions:,} action messages)")
print(f"  orjson parse-only of the same frames      {theirs:12,.0f} actions/s")
print(f"  courtside-bench decode + reduce            {ours:12,.0f} actions/s  ×{ours / theirs:.2f} of orjson")
print(f"  target 1,000,000 actions/s: ×{ours / 1e6:.2f} (orjson itself ×{theirs / 1e6:.2f})")
