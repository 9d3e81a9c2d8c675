"""Times orjson parse-only against `courtside demo --headless --speed max` on the same recordings."""
import glob
import json
import os
import platform
import subprocess
import sys
import time

import orjson

binary, folder = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(folder, "*.jsonl")))
lines, frames = [], []
for path in files:
    with open(path, "rb") as f:
        rows = f.read().splitlines()
    for row in rows[1:]:
        lines.append(row)
        frames.append(json.loads(row)["frame"].encode())
frame_bytes = sum(len(f) for f in frames)
actions = sum(1 for f in frames if b'"fixtureAction"' in f)


def best(run, n=3):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def orjson_frames():
    for f in frames:
        orjson.loads(f)


def orjson_lines_and_frames():
    for line in lines:
        orjson.loads(orjson.loads(line)["frame"])


def courtside():
    subprocess.run([binary, "demo", "--headless", "--speed", "max", *files], check=True, stdout=subprocess.DEVNULL)


t_frames = best(orjson_frames)
t_both = best(orjson_lines_and_frames)
t_courtside = best(courtside)
mb = frame_bytes / 1e6
print(f"{len(files)} recordings, {len(frames):,} frames, {actions:,} action messages, {mb:.1f} MB of frames "
      f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores)")
print(f"orjson parse-only, frames            {t_frames*1000:8.1f} ms  {mb/t_frames:7.1f} MB/s  {actions/t_frames:12,.0f} actions/s")
print(f"orjson parse-only, lines + frames    {t_both*1000:8.1f} ms  {mb/t_both:7.1f} MB/s  {actions/t_both:12,.0f} actions/s")
print(f"courtside demo --headless (whole run){t_courtside*1000:8.1f} ms  {mb/t_courtside:7.1f} MB/s  {actions/t_courtside:12,.0f} actions/s")
print(f"ratio courtside / orjson frames: ×{t_frames/t_courtside:.2f} the speed; "
      f"/ orjson lines + frames: ×{t_both/t_courtside:.2f}  (above 1: courtside is faster, while also reducing and printing)")
