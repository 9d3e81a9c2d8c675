"""Two builds of courtside side by side on the same recordings: `demo --headless` run by each in turn, round
after round (the order alternating), so that a change is judged against the build before it in the same minutes
of a noisy machine, not against a figure from another hour.

    python3 bench/ab.py OLD-COURTSIDE NEW-COURTSIDE RECORDING... [--rounds 12] [--speed max]

Prints each build's best and median wall and CPU time and peak RSS, and the median of the round-by-round ratios
NEW/OLD (below 1.00: the new build is faster). The builds must print the same lines: their outputs' digests are
compared first, and a difference stops the comparison.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time


def run(binary, args, keep_output=False):
    """Wall seconds, CPU seconds, peak RSS in MiB, and the output's digest when asked."""
    digest = hashlib.sha256()
    start = time.perf_counter()
    with subprocess.Popen([binary, *args], stdout=subprocess.PIPE if keep_output else subprocess.DEVNULL) as p:
        if keep_output:
            for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
                digest.update(chunk)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("recordings", nargs="+")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--speed", default="max", help="max (every core), or a number such as 1e9 (one thread)")
    options = parser.parse_args()
    args = ["demo", "--headless", "--speed", options.speed, *options.recordings]

    digests = {b: run(b, args, keep_output=True)[3] for b in (options.old, options.new)}
    if digests[options.old] != digests[options.new]:
        sys.exit(f"the builds print different lines: {digests[options.old][:16]}… vs {digests[options.new][:16]}…")

    results = {options.old: [], options.new: []}
    for r in range(options.rounds):
        for binary in (options.old, options.new) if r % 2 == 0 else (options.new, options.old):
            results[binary].append(run(binary, args)[:3])

    print(f"{len(options.recordings)} recording(s), --speed {options.speed}, {options.rounds} rounds, same output ({digests[options.old][:16]}…)")
    for name, binary in (("old", options.old), ("new", options.new)):
        wall, cpu, rss = zip(*results[binary])
        print(f"  {name}  wall best {min(wall):6.3f} s  median {statistics.median(wall):6.3f} s   "
              f"CPU best {min(cpu):6.3f} s  median {statistics.median(cpu):6.3f} s   peak RSS {max(rss):6.1f} MiB   {binary}")
    pairs = list(zip(results[options.old], results[options.new]))
    wall_ratio = statistics.median(n[0] / o[0] for o, n in pairs)
    cpu_ratio = statistics.median(n[1] / o[1] for o, n in pairs)
    print(f"  new/old, median of the rounds' ratios: wall ×{wall_ratio:.3f}, CPU ×{cpu_ratio:.3f}")


if __name__ == "__main__":
    main()
