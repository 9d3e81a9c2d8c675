"""A server that breaks the websocket protocol once, for the client's words about it.

    python3 protocol_breaker.py PORT CASE

After the auth notice it writes one frame that breaks a rule (CASE: lonecont, a continuation with nothing to
continue; fragping, a fragmented ping; bigping, a 200-byte ping; close1byte, a close whose payload is one byte;
newtext, a message begun before the last ended), or answers the upgrade as an SSH server would (nothttp).
Prints `listening PORT` once ready.
"""
import asyncio, sys, websockets
CASES = {"lonecont": b"\x80\x02{}", "fragping": b"\x09\x02pp", "bigping": b"\x89\x7e\x00\xc8" + b"p" * 200,
         "close1byte": b"\x88\x01\x03", "newtext": b"\x01\x02{\"\x81\x02{}"}
case = sys.argv[2]
async def h(ws):
    await ws.recv(); await ws.send('{"message":"Authorisation accepted","level":"INFO"}')
    ws.transport.write(CASES[case]); await asyncio.sleep(5)
async def ssh(r, w):
    await r.read(4096); w.write(b"SSH-2.0-OpenSSH_9.6\r\n"); await w.drain(); await asyncio.sleep(1); w.close()
async def main():
    if case == "nothttp":
        server = await asyncio.start_server(ssh, "127.0.0.1", int(sys.argv[1]))
        sockets = server.sockets
    else:
        server = websockets.serve(h, "127.0.0.1", int(sys.argv[1]), ping_interval=None)
        await server.__aenter__()
        sockets = server.server.sockets
    print(f"listening {sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Future()
asyncio.run(main())
