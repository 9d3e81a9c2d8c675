"""A server on a slow link: the whole match as one array message, its bytes trickled out far slower than the
client's stale timeout, then a normal close.

    python3 slow_link.py RECORDING [--fragments] [--rate BYTES_PER_SECOND] [--trickle N]

After the auth notice it writes one unmasked text frame holding every action message of RECORDING as a JSON array,
in 2 KiB writes at RATE (default 16 KiB/s), as one frame or (--fragments) as 2 KiB continuation fragments. Prints
`listening PORT` once ready and `connection N` for each connection.

--trickle N: a stuck link instead, with no auth notice. The first connection gets the first N action messages a frame each, then the
next one a byte a second, for ever (N = 0: its very first frame). Later connections get every message from
`startPosition` on, a frame each, at once, then a normal close.
"""
import argparse
import asyncio
import json
import struct
from urllib.parse import parse_qs, urlparse

import websockets

ap = argparse.ArgumentParser()
ap.add_argument("recording")
ap.add_argument("--fragments", action="store_true")
ap.add_argument("--rate", type=float, default=16 << 10)
ap.add_argument("--trickle", type=int)
args = ap.parse_args()

with open(args.recording, encoding="utf-8") as f:
    frames = [json.loads(line)["frame"] for line in f.read().splitlines()[1:]]
messages = [fr for fr in frames if "fixtureAction" in fr]
payload = ("[" + ",".join(messages) + "]").encode()
CHUNK = 2048
connections = 0


def header(opcode, fin, length):
    first = (0x80 if fin else 0) | opcode
    if length < 126:
        return bytes([first, length])
    if length < 1 << 16:
        return bytes([first, 126]) + struct.pack("!H", length)
    return bytes([first, 127]) + struct.pack("!Q", length)


async def handler(ws):
    global connections
    connections += 1
    print(f"connection {connections}", flush=True)
    await ws.recv()
    if args.trickle is not None:
        await trickle(ws, connections)
        return
    await ws.send('{"message":"Authorisation accepted","level":"INFO"}')
    pieces = [payload[i:i + CHUNK] for i in range(0, len(payload), CHUNK)]
    if args.fragments:
        writes = [header(0x1 if i == 0 else 0x0, i == len(pieces) - 1, len(p)) + p for i, p in enumerate(pieces)]
    else:
        whole = header(0x1, True, len(payload)) + payload
        writes = [whole[i:i + CHUNK] for i in range(0, len(whole), CHUNK)]
    try:
        for w in writes:
            ws.transport.write(w)
            await asyncio.sleep(len(w) / args.rate)
        await ws.close(1000)
    except Exception:
        pass


async def trickle(ws, connection):
    try:
        if connection > 1:
            start = int(parse_qs(urlparse(ws.request.path).query).get("startPosition", ["0"])[0])
            print(f"startPosition {start}", flush=True)
            for m in messages[start:]:
                await ws.send(m)
            await ws.close(1000)
            return
        for m in messages[:args.trickle]:
            await ws.send(m)
        stuck = messages[args.trickle].encode()
        for b in header(0x1, True, len(stuck)) + stuck:
            ws.transport.write(bytes([b]))
            await asyncio.sleep(1)
    except Exception:
        pass


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, ping_interval=None, max_size=None) as server:
        print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()

asyncio.run(main())
