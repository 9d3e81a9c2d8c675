"""Writes one long match: a simulated recording repeated, with fresh action ids and sequence numbers, until it
holds MESSAGES action messages (every send type the simulator sends, corrections and late deliveries included).
Only the last repetition ends the match.
    python3 bench/stretch.py demo/basketball-zalgiris-efes.jsonl 300000 > long.jsonl
"""
import json
import sys

source, wanted = sys.argv[1], int(sys.argv[2])
with open(source, "rb") as f:
    header, *rows = [json.loads(line) for line in f.read().splitlines() if line.strip()]
body = [(row["t"], json.loads(row["frame"])) for row in rows]
per_rep = sum(1 for _, frame in body if "fixtureAction" in frame)
max_seq = max(frame["fixtureAction"]["fixtureSeqNum"] for _, frame in body if "fixtureAction" in frame)
duration = body[-1][0] + 10


def ends(frame):
    action = frame.get("fixtureAction", {})
    return frame.get("finished") is True or action.get("fixtureActionType") in ("End Fixture", "End Match")


def remap(action_id, k):
    return f"{k:08x}{action_id[8:]}" if k else action_id


out = sys.stdout
out.write(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n")
written, k = 0, 0
while written < wanted:
    last = wanted - written <= per_rep
    # The last repetition plays only its tail, so that the match ends with its own ending.
    skip = per_rep - (wanted - written) if last else 0
    seen = 0
    for t, frame in body:
        action = frame.get("fixtureAction")
        if action is not None:
            seen += 1
            if seen <= skip:
                continue
            if not last and ends(frame):
                continue
            frame = dict(frame)
            action = frame["fixtureAction"] = dict(action)
            action["actionId"] = remap(action["actionId"], k)
            action["relatedFixtureActionIds"] = [remap(r, k) for r in action.get("relatedFixtureActionIds", [])]
            action["fixtureSeqNum"] += k * max_seq
            if "traceId" in frame:
                frame["traceId"] = f"{k:08x}{frame['traceId'][8:]}"
            written += 1
        elif skip and seen < skip:
            continue
        line = {"t": round(t + k * duration, 3), "frame": json.dumps(frame, ensure_ascii=False, separators=(",", ":"))}
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        if written >= wanted:
            break
    k += 1
print(f"{written} action messages in {k} repetitions of {source}", file=sys.stderr)
