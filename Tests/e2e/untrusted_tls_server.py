"""A wss:// server whose certificate nobody trusts (self-signed, for localhost, in this folder; its key is
public and good for nothing else). Prints `listening PORT`, and `auth received` if a client ever gets far
enough to send its auth message: a client that verifies certificates never does."""
import asyncio
import os
import ssl

import websockets

HERE = os.path.dirname(os.path.abspath(__file__))


async def handler(ws):
    await ws.recv()
    print("auth received", flush=True)
    await ws.send('{"type": "heartbeat"}')
    await asyncio.sleep(30)


async def main():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(HERE, "untrusted-cert.pem"), os.path.join(HERE, "untrusted-key.pem"))
    async with websockets.serve(handler, "127.0.0.1", 0, ssl=context) as server:
        print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


asyncio.run(main())
