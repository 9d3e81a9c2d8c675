"""An independent client of `courtside serve`, written with Python's websockets package.

Prints `key value` lines: how a bad token, a missing Accept header, the auth notice, heartbeats,
startPosition and speed=fast look from outside.
"""
import asyncio
import json
import sys

import websockets

ACCEPT = "application/vnd.imggaming.dde.api+json;version=1"


def connect(url):
    try:
        return websockets.connect(url, additional_headers={"Accept": ACCEPT}, max_size=None)
    except TypeError:  # websockets < 14
        return websockets.connect(url, extra_headers={"Accept": ACCEPT}, max_size=None)


def is_action(text):
    try:
        value = json.loads(text)
    except ValueError:
        return False
    items = value if isinstance(value, list) else [value]
    return any(isinstance(i, dict) and "fixtureAction" in i for i in items)


async def main(url, token):
    async with connect(url) as ws:
        await ws.send(json.dumps({"authToken": "not-" + token}))
        try:
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        except websockets.ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            print("bad_token closed", code, closed.rcvd.reason if closed.rcvd else "")

    try:
        async with websockets.connect(url) as ws:
            print("no_accept connected")
    except Exception as error:  # InvalidStatus / InvalidStatusCode, depending on the version
        status = getattr(getattr(error, "response", None), "status_code", None) or getattr(error, "status_code", None)
        print("no_accept rejected", status)

    async with connect(url) as ws:
        await ws.send(json.dumps({"authToken": token}))
        first = json.loads(await asyncio.wait_for(ws.recv(), 5))
        print("authorised", "yes" if "authoris" in json.dumps(first).lower() else "no:" + json.dumps(first))
        heartbeats = 0
        deadline = asyncio.get_event_loop().time() + 1.5
        while asyncio.get_event_loop().time() < deadline:
            try:
                text = await asyncio.wait_for(ws.recv(), 0.5)
            except asyncio.TimeoutError:
                continue
            if not is_action(text) and "heartbeat" in text:
                heartbeats += 1
        print("heartbeats", heartbeats)

    async with connect(url + "?startPosition=10") as ws:
        await ws.send(json.dumps({"authToken": token}))
        while True:
            text = await asyncio.wait_for(ws.recv(), 5)
            if is_action(text):
                value = json.loads(text)
                value = value[0] if isinstance(value, list) else value
                print("resumed_seq", value["fixtureAction"]["fixtureSeqNum"])
                break

    async with connect(url + "?speed=fast") as ws:
        await ws.send(json.dumps({"authToken": token}))
        count = 0
        try:
            while True:
                text = await asyncio.wait_for(ws.recv(), 10)
                if is_action(text):
                    value = json.loads(text)
                    count += len(value) if isinstance(value, list) else 1
        except websockets.ConnectionClosed:
            pass
        print("fast_count", count)


asyncio.run(main(sys.argv[1], sys.argv[2]))
