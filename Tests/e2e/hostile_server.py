"""A hostile Live Actions server, written with Python's websockets package: after the auth message it
sends a binary frame, a 16 MiB action message, a 40 MiB one in a single frame, an 80 MiB one in 1 MiB
fragments and a 70 MiB one in a single frame (both past the client's 64 MiB message limit), then the rest of
a small soccer match. `startPosition` skips that many messages (every text frame but heartbeats counts, the
way Courtside counts them). Prints `listening PORT`, then one line per connection."""
import asyncio
import json
import sys
from urllib.parse import parse_qs, urlparse

import websockets

FIXTURE = sys.argv[1] if len(sys.argv) > 1 else "hostile"


def action(seq, home, kind="Goal", extra=None, finished=False):
    a = {"actionId": f"a{seq}", "fixtureId": FIXTURE, "fixtureSeqNum": seq, "sendTypeId": 5,
         "fixtureActionType": kind, "team": {"homeTeam": home, "name": "Home" if home else "Away"}}
    if extra:
        a["metadata"] = extra
    return json.dumps({"fixtureAction": a, "finished": finished})


# (payload, counts as an event)
STREAM = [
    (action(1, True, "Start Fixture"), True),
    (action(2, True), True),
    (b"\x00\xffbinary", False),
    (action(3, False, "Shot", {"blob": "x" * (16 << 20)}), True),
    (action(4, False), True),
    (action(5, True, "Shot", {"blob": "y" * (40 << 20)}), True),
    ("FRAGMENTED", True),
    ("SINGLE", True),
    (action(9, False, "Corner"), True),
    (action(10, True), True),
    (action(11, True, "End Fixture", finished=True), True),
]


async def handler(ws):
    path = ws.request.path if hasattr(ws, "request") else ws.path
    start = int(parse_qs(urlparse(path).query).get("startPosition", ["0"])[0])
    await ws.recv()  # the auth message; any token will do here
    print(f"connection startPosition={start}", flush=True)
    events = 0
    for payload, is_event in STREAM:
        if is_event:
            events += 1
        if events <= start and (is_event or events < start):
            continue  # already delivered before the reconnect
        if payload == "SINGLE":
            await ws.send(action(8, True, "Shot", {"blob": "w" * (70 << 20)}))
        elif payload == "FRAGMENTED":
            text = action(7, False, "Shot", {"blob": "z" * (80 << 20)})
            await ws.send(text[i:i + (1 << 20)] for i in range(0, len(text), 1 << 20))
        else:
            await ws.send(payload)
        await ws.send(json.dumps({"type": "heartbeat"}))
    await ws.close(1000, "fixture finished")


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, max_size=None) as server:
        print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


asyncio.run(main())
