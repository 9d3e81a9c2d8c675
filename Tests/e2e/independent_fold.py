#!/usr/bin/env python3
"""An independent fold of Live Actions recordings, written apart from the Swift code, to cross-check it.

Usage: independent_fold.py RECORDING... -> one JSON line per recording: {"fixture": id, "home": H, "away": A}
Headline: points (basketball), goals (soccer), sets (volleyball), frames (snooker).
"""
import json
import re
import sys

COUNTED = {"confirmed", "updated", "restored"}
SEND_BY_ID = {1: "pending", 2: "updated", 3: "cancelled", 4: "deleted", 5: "confirmed", 6: "restored"}
BALLS = {"red": 1, "yellow": 2, "green": 3, "brown": 4, "blue": 5, "pink": 6, "black": 7}


def norm(name):
    return re.sub(r"[^a-z0-9]", "", (name or "").lower())


def messages(path):
    with open(path, encoding="utf-8") as f:
        header = json.loads(f.readline())
        for line in f:
            try:
                frame = json.loads(json.loads(line)["frame"])
            except (ValueError, KeyError, TypeError):
                continue
            for m in frame if isinstance(frame, list) else [frame]:
                if isinstance(m, dict) and isinstance(m.get("fixtureAction"), dict):
                    yield header, m["fixtureAction"]


def current_actions(path):
    header, by_seq = None, {}
    for header, a in messages(path):
        by_seq.setdefault(a["fixtureSeqNum"], a)
    first, latest = {}, {}
    for seq in sorted(by_seq):
        a = by_seq[seq]
        first.setdefault(a["actionId"], seq)
        latest[a["actionId"]] = a
    ordered = sorted(latest, key=lambda i: first[i])
    result = []
    for i in ordered:
        a = latest[i]
        send = SEND_BY_ID.get(a.get("sendTypeId")) or norm(a.get("sendType"))
        if send in COUNTED:
            result.append(a)
    return header, result


def home(a):
    t = a.get("team")
    return None if not isinstance(t, dict) else t.get("homeTeam")


def basketball(actions):
    s = [0, 0]
    values = {"2pointsmade": 2, "3pointsmade": 3, "freethrowmade": 1}
    for a in actions:
        v = values.get(norm(a["fixtureActionType"]))
        if v and home(a) is not None:
            s[0 if home(a) else 1] += v
    return s


def soccer(actions):
    s = [0, 0]
    for a in actions:
        t, h = norm(a["fixtureActionType"]), home(a)
        if h is None:
            continue
        if t == "goal":
            s[0 if h else 1] += 1
        elif t == "owngoal":
            s[1 if h else 0] += 1
    return s


def volleyball(actions):
    sets = {}  # set number -> [home, away, winner]
    for a in actions:
        t, n = norm(a["fixtureActionType"]), a.get("period")
        if t == "point" and home(a) is not None:
            st = sets.setdefault(n, [0, 0, None])
            if st[2] is not None:
                continue
            st[0 if home(a) else 1] += 1
            target = 15 if n >= 5 else 25
            if max(st[0], st[1]) >= target and abs(st[0] - st[1]) >= 2:
                st[2] = 0 if st[0] > st[1] else 1
        elif t == "endperiod" and n in sets and sets[n][2] is None and sets[n][0] != sets[n][1]:
            sets[n][2] = 0 if sets[n][0] > sets[n][1] else 1
    won = [0, 0]
    for st in sets.values():
        if st[2] is not None:
            won[st[2]] += 1
    return won


def snooker(actions):
    frames = {}
    for a in actions:
        t, n, h = norm(a["fixtureActionType"]), a.get("period"), home(a)
        fr = frames.setdefault(n, [0, 0, None])
        meta = a.get("metadata") or {}
        if t == "pot" and h is not None and fr[2] is None:
            fr[0 if h else 1] += meta.get("points") or BALLS.get(norm(a.get("fixtureActionSubType")), 1)
        elif t == "foul" and h is not None and fr[2] is None:
            fr[1 if h else 0] += meta.get("points") or max(4, BALLS.get(norm(a.get("fixtureActionSubType")), 0))
        elif t == "endperiod" and fr[2] is None and fr[0] != fr[1]:
            fr[2] = 0 if fr[0] > fr[1] else 1
        elif t == "framewon" and h is not None:
            fr[2] = 0 if h else 1
    won = [0, 0]
    for fr in frames.values():
        if fr[2] is not None:
            won[fr[2]] += 1
    return won


SPORTS = {"basketball": basketball, "soccer": soccer, "football": soccer, "volleyball": volleyball, "snooker": snooker}

if __name__ == "__main__":
    for path in sys.argv[1:]:
        header, actions = current_actions(path)
        fold = SPORTS[header["sport"].split("/")[-1]]
        h, a = fold(actions)
        print(json.dumps({"fixture": header["fixtureId"], "home": h, "away": a}))
