"""An independent Fixtures API server (Python standard library only) that misbehaves on purpose.

    python3 fixtures_peer.py MODE

MODE is one of:
  401, 403, 429, 503   every request is answered with that status (and a JSON message; 429 with Retry-After: 7)
  301                  every request is moved to https://api.example.net/v2/PATH?session=s3cr3t (an HTML body)
  cut-page-2           page 0 is a full page of 2 fixtures; page 1 promises a long body, sends part of it and
                       hangs up
  fail-page-2          page 0 as above; page 1 is answered 500
  ok                   pages 0 and 1 hold 2 fixtures each, page 2 one (size=2)
  one-based            as ok, but counting pages from 1: page 0 is answered as page 1
  empty-middle         Spring pages of size 2, totalPages 3: page 1 is empty, pages 0 and 2 hold 2 and 1
  echo                 as ok, a team's name repeating the bearer token
  echo-pct             as echo, the token's every byte percent-encoded in lower-case hex (%66%61…)
  tls                  as ok, over https with the self-signed certificate of untrusted_tls_server.py (for
                       localhost, trusted by nobody): a client that verifies certificates never sends a request

Prints `listening PORT`, then one line per request: `GET PATH?QUERY auth=yes|no accept=yes|no`
(it never prints the token)."""
import json
import os
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"
ACCEPT = "application/vnd.imggaming.dde.api+json;version=1"


def fixture(n):
    return {
        "id": "00000000-0000-4000-8000-%012d" % n,
        "name": "Home %d v Away %d" % (n, n),
        "startDateUTC": "2026-11-2%dT18:00:00" % (n % 10),
        "status": "Scheduled",
        "teams": [{"id": "h%d" % n, "name": "Home %d" % n, "homeTeam": True},
                  {"id": "a%d" % n, "name": "Away %d" % n, "homeTeam": False}],
        "stage": {"season": {"competition": {"name": "Peer League"}}},
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, value, extra=()):
        body = json.dumps(value).encode()
        self.send_response(status)
        for name, v in extra:
            self.send_header(name, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        auth = self.headers.get("Authorization", "")
        print("GET %s auth=%s accept=%s" % (self.path, "yes" if auth.startswith("Bearer ") and len(auth) > 7 else "no",
                                          "yes" if self.headers.get("Accept") == ACCEPT else "no"), flush=True)
        page = int(parse_qs(url.query).get("page", ["0"])[0])
        if MODE == "301":
            body = b"<html><body>Moved</body></html>"
            self.send_response(301)
            self.send_header("Location", "https://api.example.net/v2" + url.path + "?session=s3cr3t")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        elif MODE in ("401", "403", "429", "503"):
            messages = {"401": "The supplied authentication is invalid", "403": "Not licensed for this sport",
                        "429": "Rate limit exceeded", "503": "Service Unavailable"}
            extra = [("Retry-After", "7")] if MODE == "429" else []
            self.send_json(int(MODE), {"statusCode": int(MODE), "message": messages[MODE]}, extra)
        elif MODE in ("cut-page-2", "fail-page-2") and page >= 1:
            if MODE == "fail-page-2":
                self.send_json(500, {"message": "page 2 broke"})
                return
            body = json.dumps([fixture(3), fixture(4)]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
        elif MODE in ("cut-page-2", "fail-page-2"):
            self.send_json(200, [fixture(1), fixture(2)])
        elif MODE == "empty-middle":
            pages = [[fixture(1), fixture(2)], [], [fixture(3)]]
            self.send_json(200, {"content": pages[page] if page < 3 else [], "number": page, "totalPages": 3, "last": page >= 2})
        else:
            pages = [[fixture(1), fixture(2)], [fixture(3), fixture(4)], [fixture(5)]]
            if MODE == "one-based":
                page = max(0, page - 1)
            if MODE == "echo":
                pages[0][0]["teams"][0]["name"] = "Home " + auth[len("Bearer "):]
            if MODE == "echo-pct":
                pages[0][0]["teams"][0]["name"] = "Home " + "".join("%%%02x" % b for b in auth[len("Bearer "):].encode())
            self.send_json(200, pages[page] if page < len(pages) else [])


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if MODE == "tls":
    here = os.path.dirname(os.path.abspath(__file__))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(here, "untrusted-cert.pem"), os.path.join(here, "untrusted-key.pem"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda request, address: print("handshake refused by the client", flush=True)
print("listening %d" % server.server_address[1], flush=True)
server.serve_forever()
