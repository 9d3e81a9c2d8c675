"""A stand-in for the provider's Live Actions server, written with Python's websockets package, that behaves
the ways the real one may: an "authorised" notice after the token, heartbeats as websocket pings only,
`startPosition` ignored, an upgrade never answered, a close 1000 right after auth for a while, a match that
ends with a confirmed End Match but never `finished: true`, binary frames, HTTP statuses on the upgrade.

  provider_standin.py RECORDING [--ping-heartbeats S] [--ignore-start] [--close-after-auth SECONDS]
                      [--no-finished] [--binary] [--status CODE[:TIMES]] [--retry-after S] [--drop-after N]
                      [--quiet-after N:SECONDS] [--silent-upgrade]

Streams the recording's action messages (not its heartbeats) as fast as the client reads. Prints
`listening PORT`, then one line per connection: `connection N t=SECONDS startPosition=P`, and `sent K` when a
connection ends."""
import argparse
import asyncio
import json
import time

import websockets
from websockets.datastructures import Headers
from websockets.http11 import Response

ap = argparse.ArgumentParser()
ap.add_argument("recording")
ap.add_argument("--ping-heartbeats", type=float, default=0)
ap.add_argument("--ignore-start", action="store_true")
ap.add_argument("--close-after-auth", type=float, default=0)
ap.add_argument("--no-finished", action="store_true")
ap.add_argument("--binary", action="store_true")
ap.add_argument("--status", default="")
ap.add_argument("--retry-after", default="")
ap.add_argument("--drop-after", type=int, default=0, help="the first connection drops after N messages")
ap.add_argument("--quiet-after", default="", help="N:SECONDS: after N messages, SECONDS of quiet (pings only)")
ap.add_argument("--silent-upgrade", action="store_true", help="a TCP server that never answers the upgrade")
args = ap.parse_args()

with open(args.recording, encoding="utf-8") as f:
    lines = f.read().splitlines()
MESSAGES = []
for row in lines[1:]:
    frame = json.loads(row)["frame"]
    if "fixtureAction" not in frame:
        continue
    if args.no_finished:
        m = json.loads(frame)
        m["finished"] = False
        if isinstance(m.get("fixtureSummary"), dict):
            m["fixtureSummary"]["finished"] = False
        frame = json.dumps(m)
    MESSAGES.append(frame)

START = time.monotonic()
connections = 0
status_left = int(args.status.split(":")[1]) if ":" in args.status else (1 << 30)


def log(text):
    print(text, flush=True)


async def process_request(connection, request):
    global status_left
    if args.status and status_left > 0:
        status_left -= 1
        code = int(args.status.split(":")[0])
        headers = Headers([("Content-Type", "text/plain")])
        if args.retry_after:
            headers["Retry-After"] = args.retry_after
        log(f"refused {code} t={time.monotonic() - START:.3f}")
        return Response(code, "Refused", headers, f"stand-in says {code}\n".encode())
    return None


async def pinger(ws):
    while True:
        await asyncio.sleep(args.ping_heartbeats)
        await ws.ping()


async def handler(ws):
    global connections
    connections += 1
    n = connections
    path = ws.request.path
    start = 0
    if "startPosition=" in path:
        start = int(path.split("startPosition=")[1].split("&")[0])
    log(f"connection {n} t={time.monotonic() - START:.3f} startPosition={start}")
    await ws.recv()  # the auth message
    await ws.send(json.dumps({"message": "Authorisation accepted", "level": "INFO"}))
    if args.close_after_auth and time.monotonic() - START < args.close_after_auth:
        await ws.close(1000)
        return
    ping = asyncio.create_task(pinger(ws)) if args.ping_heartbeats else None
    sent = 0
    quiet_n, quiet_s = (int(args.quiet_after.split(":")[0]), float(args.quiet_after.split(":")[1])) if args.quiet_after else (-1, 0)
    try:
        for i, frame in enumerate(MESSAGES):
            if i < start and not args.ignore_start:
                continue
            if n == 1 and args.drop_after and sent == args.drop_after:
                log(f"sent {sent}")
                return  # the connection drops with no close frame... websockets closes 1011/1000 on return
            if i == quiet_n and n == 1:
                await asyncio.sleep(quiet_s)
            await ws.send(frame.encode() if args.binary else frame)
            sent += 1
        log(f"sent {sent}")
        await asyncio.sleep(0.2)
        await ws.close(1000)
    finally:
        if ping:
            ping.cancel()


async def silent(reader, writer):
    global connections
    connections += 1
    log(f"connection {connections} t={time.monotonic() - START:.3f} startPosition=0")
    await reader.read(4096)
    await asyncio.sleep(3600)


async def main():
    if args.silent_upgrade:
        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        log(f"listening {server.sockets[0].getsockname()[1]}")
        await asyncio.Future()
    async with websockets.serve(handler, "127.0.0.1", 0, process_request=process_request, max_size=None,
                                ping_interval=None) as server:
        log(f"listening {server.sockets[0].getsockname()[1]}")
        await asyncio.Future()


asyncio.run(main())
