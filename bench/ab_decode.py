"""Two builds of courtside-bench side by side on its decode+reduce part: each run in turn, round after round (the
order alternating), so that a change to the decoder or the reducer is judged against the build before it in the
same minutes of a noisy machine, not against a figure from another hour.

    python3 bench/ab_decode.py OLD-COURTSIDE-BENCH NEW-COURTSIDE-BENCH [--rounds 8] [--actions 1000000]

Prints each build's best and median actions/s (decode+reduce, and decoding alone) and the median of the
round-by-round ratios NEW/OLD (above 1.00: the new build is faster).
"""
import argparse
import re
import statistics
import subprocess

PATTERN = re.compile(r"decode\+reduce\s+([\d,]+) actions/s.*?decoding alone: ([\d,]+) actions/s", re.S)


def run(binary, actions):
    out = subprocess.run([binary, "run", "--only", "decode", "--actions", str(actions)], capture_output=True, text=True, check=True).stdout
    m = PATTERN.search(out)
    if not m:
        raise SystemExit(f"{binary}: no decode+reduce figure in:\n{out}")
    return tuple(int(g.replace(",", "")) for g in m.groups())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--actions", type=int, default=1_000_000)
    a = p.parse_args()
    figures = {a.old: [], a.new: []}
    ratios, decode_ratios = [], []
    for r in range(a.rounds):
        order = [a.old, a.new] if r % 2 == 0 else [a.new, a.old]
        got = {b: run(b, a.actions) for b in order}
        for b in order:
            figures[b].append(got[b])
        ratios.append(got[a.new][0] / got[a.old][0])
        decode_ratios.append(got[a.new][1] / got[a.old][1])
        print(f"round {r + 1}: old {got[a.old][0]:,} new {got[a.new][0]:,} actions/s → ×{ratios[-1]:.2f}", flush=True)
    for name, b in (("old", a.old), ("new", a.new)):
        both = [f[0] for f in figures[b]]
        dec = [f[1] for f in figures[b]]
        print(f"{name}: decode+reduce best {max(both):,} median {statistics.median(both):,.0f} actions/s; "
              f"decoding alone best {max(dec):,} median {statistics.median(dec):,.0f}")
    print(f"new/old, median of rounds: decode+reduce ×{statistics.median(ratios):.2f}, decoding alone ×{statistics.median(decode_ratios):.2f}")


if __name__ == "__main__":
    main()
