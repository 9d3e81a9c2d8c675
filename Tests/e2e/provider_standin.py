"""A stand-in for the provider's Live Actions server, written with Python's websockets package, that behaves
the ways the real one may: an "authorised" notice after the token, heartbeats as websocket pings only,
`startPosition` ignored, an upgrade never answered, a close 1000 right after auth for a while, a match that
ends with a confirmed End Match but never `finished: true` (and then a cut connection), binary frames, HTTP statuses
on the upgrade (`Retry-After` in seconds or as a date), a ping before anything else, a port that resets every
connection for a while, a stream kept open with heartbeats after the end, another fixture's action, a server that repeats the token. A REST path (no `/actions`) is answered 404, unlogged, as the streams host would.

  provider_standin.py RECORDING [--ping-heartbeats S] [--ignore-start] [--close-after-auth SECONDS]
                      [--no-finished] [--binary] [--status CODE[:TIMES]] [--retry-after S] [--drop-after N]
                      [--quiet-after N:SECONDS] [--silent-upgrade] [--reset-for SECONDS] [--drop-after-end]
                      [--ping-first] [--retry-after-date SECONDS] [--hold-after-end SECONDS] [--foreign-at N] [--echo-token] [--huge-at N]
                      [--correct-after-end] [--correct-on-reconnect]
                      [--refuse-second CODE]

Streams the recording's action messages (not its heartbeats) as fast as the client reads. Prints
`listening PORT`, then one line per connection: `connection N t=SECONDS startPosition=P`, and `sent K` when a
connection ends."""
import argparse
import asyncio
import email.utils
import fcntl
import json
import socket
import struct
import termios
import time

import websockets
from websockets.datastructures import Headers
from websockets.http11 import Response

ap = argparse.ArgumentParser()
ap.add_argument("recording")
ap.add_argument("--ping-heartbeats", type=float, default=0)
ap.add_argument("--ignore-start", action="store_true")
ap.add_argument("--close-after-auth", type=float, default=0)
ap.add_argument("--refuse-with-close", type=int, default=0,
                help="answer the auth message with a close of this code and no reason (4001, 4003: a refusal said only by its code)")
ap.add_argument("--no-finished", action="store_true")
ap.add_argument("--binary", action="store_true")
ap.add_argument("--status", default="")
ap.add_argument("--retry-after", default="")
ap.add_argument("--drop-after", type=int, default=0, help="the first connection drops after N messages")
ap.add_argument("--quiet-after", default="", help="N:SECONDS: after N messages, SECONDS of quiet (pings only)")
ap.add_argument("--silent-upgrade", action="store_true", help="a TCP server that never answers the upgrade")
ap.add_argument("--half-upgrade", action="store_true", help="with --silent-upgrade: the answer's status line, then nothing")
ap.add_argument("--reset-for", type=float, default=0, help="for SECONDS, every TCP connection is reset before the upgrade")
ap.add_argument("--drop-after-end", action="store_true", help="after the last message the TCP connection is cut, no close frame")
ap.add_argument("--ping-first", action="store_true", help="a websocket ping is the first frame, before the auth notice")
ap.add_argument("--foreign-at", type=int, default=-1,
                help="on the first connection, before message N, an extra action of another fixture saying finished")
ap.add_argument("--echo-token", action="store_true",
                help="the notice and an action repeat the token, and the first connection closes (4001) after 50 messages naming it, cut short")
ap.add_argument("--correct-after-end", action="store_true",
                help="after the last message (which says finished), a correction: the match's last goal Cancelled; logs `corrected SIDE`")
ap.add_argument("--correct-on-reconnect", action="store_true",
                help="the correction of --correct-after-end, sent only to a later connection, after what it resumes; logs `corrected SIDE`")
ap.add_argument("--huge-at", type=int, default=-1,
                help="a 5 MiB action message, past the client's 4 MiB frame limit, before message N (one of the stream's events)")
ap.add_argument("--refuse-second", type=int, default=0,
                help="the second upgrade request (the reconnect) is answered with this status once, Retry-After: 1")
ap.add_argument("--hold-after-end", type=float, default=0,
                help="after the last message, keep the connection open with a JSON heartbeat every SECONDS until the client closes")
ap.add_argument("--completed-without-end", action="store_true",
                help="no End Match action: the last message's summary says Completed / CollectionCompleted instead")
ap.add_argument("--refuse-later", type=int, default=0,
                help="every upgrade after the first is answered with this status, Retry-After: 1")
ap.add_argument("--reject-later", action="store_true",
                help="every connection after the first is refused in band after auth: a 401 message, then a 1000 close")
ap.add_argument("--retry-after-date", type=float, default=0, help="with --status: Retry-After as an HTTP date SECONDS ahead")
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

if args.completed_without_end:
    MESSAGES = [f for f in MESSAGES if json.loads(f)["fixtureAction"].get("fixtureActionType") not in ("End Fixture", "End Match")]
    last = json.loads(MESSAGES[-1])
    last.setdefault("fixtureSummary", {}).update(currentStatus="Completed", collectionStatus="CollectionCompleted", finished=False)
    last["finished"] = False
    MESSAGES[-1] = json.dumps(last)

if args.echo_token:
    # An action that repeats the token in its text: counted by the server like the rest.
    MESSAGES.insert(5, json.dumps({"fixtureAction": {
        "actionId": "echo-1", "fixtureSeqNum": 1000000, "sendTypeId": 5, "fixtureActionType": "Comment __TOKEN__",
        "team": {"homeTeam": True, "name": "__TOKEN__"}}}))

if args.huge_at >= 0:
    MESSAGES.insert(args.huge_at, json.dumps({"fixtureAction": {
        "actionId": "huge-1", "fixtureSeqNum": 2000000, "fixtureActionType": "Comment", "metadata": {"blob": "x" * (5 << 20)}}}))

START = time.monotonic()
connections = 0
status_left = int(args.status.split(":")[1]) if ":" in args.status else (1 << 30)


def log(text):
    print(text, flush=True)


async def delivered(transport, within=5.0):
    """Waits until every byte written is out of this side's buffers and acknowledged by the peer (Linux's
    SIOCOUTQ is 0), then a little longer for the peer to read it."""
    sock = transport.get_extra_info("socket")
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        unsent = struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]
        if transport.get_write_buffer_size() == 0 and unsent == 0:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.3)


def reset(transport):
    """Ends the TCP connection with a reset (RST), not a FIN: the client reads an error, not an orderly end."""
    transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


upgrades = 0


async def process_request(connection, request):
    global status_left, upgrades
    if not request.path.split("?")[0].endswith("/actions"):
        # A REST path (`watch` looks a named fixture up): the provider serves those from another host.
        return Response(404, "Not Found", Headers([("Content-Type", "text/plain")]), b"not a stream\n")
    upgrades += 1
    if (args.refuse_second and upgrades == 2) or (args.refuse_later and upgrades >= 2):
        code = args.refuse_second or args.refuse_later
        log(f"refused {code} t={time.monotonic() - START:.3f}")
        return Response(code, "Busy", Headers([("Content-Type", "text/plain"), ("Retry-After", "1")]), b"busy\n")
    if args.status and status_left > 0:
        status_left -= 1
        code = int(args.status.split(":")[0])
        headers = Headers([("Content-Type", "text/plain")])
        if args.retry_after:
            headers["Retry-After"] = args.retry_after
        if 300 <= code < 400:
            headers["Location"] = "wss://streams.example/soccer/fixtures/x/actions?session=abc"
        if args.retry_after_date:
            headers["Retry-After"] = email.utils.formatdate(time.time() + args.retry_after_date, usegmt=True)
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
    auth = await ws.recv()  # the auth message
    token = json.loads(auth).get("authToken", "")
    if args.refuse_with_close:
        # With --echo-token, a reason that names the token, cut at the 123 bytes a close frame allows.
        reason = f"session expired; sign in again with a new token, as the one presented is no longer accepted by this service: {token}"
        await ws.close(args.refuse_with_close, reason.encode()[:123].decode(errors="ignore") if args.echo_token else "")
        return
    if args.reject_later and n > 1:
        # A token that expired at full time: refused in a message, as the provider documents its 401.
        await ws.send(json.dumps({"message": "The supplied authentication is invalid", "statusCode": 401}))
        await ws.close(1000)
        return
    if args.ping_first:
        await ws.ping()
        await asyncio.sleep(0.3)
    await ws.send(json.dumps({"message": "Authorisation accepted" + (f" for {token}" if args.echo_token else ""), "level": "INFO"}))
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
            if args.echo_token and n == 1 and sent == 50:
                # As long as a real server's may be: cut at the 123 bytes a close frame allows, in the token.
                reason = f"session expired; sign in again with a new token, as the one presented is no longer accepted by this service: {token}"
                await ws.close(4001, reason.encode()[:123].decode(errors="ignore"))
                log(f"sent {sent}")
                return
            if i == args.foreign_at and n == 1:
                foreign = json.loads(frame)
                foreign["fixtureAction"]["fixtureId"] = "11111111-1111-4111-8111-111111111111"
                foreign["fixtureAction"]["actionId"] = "foreign-1"
                foreign["finished"] = True
                await ws.send(json.dumps(foreign))  # not one of this stream's events: `sent` and the index skip it
            if i == quiet_n and n == 1:
                await asyncio.sleep(quiet_s)
            if args.echo_token:
                # As PHP's and Foundation's encoders write a `/`, and .NET's a `+`: escaped, which JSON allows.
                frame = frame.replace("__TOKEN__", token.replace("/", "\\/").replace("+", "\\u002B"))
            await ws.send(frame.encode() if args.binary else frame)
            sent += 1
        if (args.correct_after_end and sent) or (args.correct_on_reconnect and n > 1):
            goal = next(json.loads(f) for f in reversed(MESSAGES) if json.loads(f)["fixtureAction"].get("fixtureActionType") == "Goal")
            action = goal["fixtureAction"]
            action.update(sendType="Cancelled", sendTypeId=3,
                          fixtureSeqNum=max(json.loads(f)["fixtureAction"]["fixtureSeqNum"] for f in MESSAGES) + 1)
            goal.pop("fixtureSummary", None)
            await asyncio.sleep(0.05)
            await ws.send(json.dumps(goal))
            log(f"corrected {'home' if action['team']['homeTeam'] else 'away'}")
        log(f"sent {sent}")
        await asyncio.sleep(0.2)
        if args.drop_after_end:
            # A reset drops what the client has not taken yet: wait until it has every byte, as a real cut after the
            # last message would find it (on a busy machine the tail was lost, and the resume it caused was counted).
            await delivered(ws.transport)
            reset(ws.transport)
            return
        if args.hold_after_end:
            try:
                while True:
                    await asyncio.sleep(args.hold_after_end)
                    await ws.send(json.dumps({"type": "heartbeat", "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())}))
            except websockets.ConnectionClosed:
                log(f"client closed t={time.monotonic() - START:.3f}")
                return
        await ws.close(1000)
    finally:
        if ping:
            ping.cancel()


def rest_request(head):
    """A request for a REST path (no `/actions`): `watch` looks a named fixture up, on the streams host when the
    endpoint is a loopback one, and the provider serves those from another host."""
    line = head.split(b"\r\n", 1)[0].split(b" ")
    return len(line) >= 2 and not line[1].split(b"?")[0].endswith(b"/actions")


async def silent(reader, writer):
    global connections
    head = await reader.read(4096)
    if rest_request(head):
        writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()
        return
    connections += 1
    log(f"connection {connections} t={time.monotonic() - START:.3f} startPosition=0")
    if args.half_upgrade:
        writer.write(b"HTTP/1.1 101 Switching Protocols\r\n")
        await writer.drain()
    await asyncio.sleep(3600)


async def front(reader, writer, inner_port):
    """`--reset-for`: the listening port. Early on it resets each connection before the upgrade; later it pipes
    bytes to and from the websocket server behind it."""
    if time.monotonic() - START < args.reset_for:
        log(f"reset t={time.monotonic() - START:.3f}")
        reset(writer.transport)
        return
    inner_reader, inner_writer = await asyncio.open_connection("127.0.0.1", inner_port)

    async def pipe(src, dst):
        try:
            while data := await src.read(65536):
                dst.write(data)
                await dst.drain()
        except ConnectionError:
            pass
        finally:
            dst.close()

    await asyncio.gather(pipe(reader, inner_writer), pipe(inner_reader, writer))


async def main():
    if args.reset_for:
        async with websockets.serve(handler, "127.0.0.1", 0, max_size=None, ping_interval=None) as inner:
            inner_port = inner.sockets[0].getsockname()[1]
            server = await asyncio.start_server(lambda r, w: front(r, w, inner_port), "127.0.0.1", 0)
            log(f"listening {server.sockets[0].getsockname()[1]}")
            await asyncio.Future()
    if args.silent_upgrade:
        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        log(f"listening {server.sockets[0].getsockname()[1]}")
        await asyncio.Future()
    async with websockets.serve(handler, "127.0.0.1", 0, process_request=process_request, max_size=None,
                                ping_interval=None) as server:
        log(f"listening {server.sockets[0].getsockname()[1]}")
        await asyncio.Future()


asyncio.run(main())
