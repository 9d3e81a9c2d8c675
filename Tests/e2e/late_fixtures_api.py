"""A Fixtures API peer for `watch --live`: answers /SPORT/fixtures with the body saved for that sport, but
only once its delay has passed (before that, an empty list), as if the fixture went live then.

  late_fixtures_api.py SPORT=BODYFILE@DELAY ...   → prints `listening PORT`, then one line per request.

With `--busy`, each sport is answered 503 (Retry-After: 1) until its delay has passed, not an empty list."""
import http.server
import sys
import time

START = time.monotonic()
ROUTES = {}
BUSY = "--busy" in sys.argv
for arg in (a for a in sys.argv[1:] if a != "--busy"):
    sport, rest = arg.split("=", 1)
    path, delay = rest.rsplit("@", 1)
    with open(path, "rb") as f:
        ROUTES["/" + sport + "/fixtures"] = (f.read(), float(delay))


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        body, delay = ROUTES.get(path, (b"[]", 0))
        if time.monotonic() - START < delay:
            if BUSY:
                print(f"GET {path} t={time.monotonic() - START:.2f} 503", flush=True)
                busy = b'{"message":"Service Unavailable"}'
                self.send_response(503)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", str(len(busy)))
                self.end_headers()
                self.wfile.write(busy)
                return
            body = b"[]"
        print(f"GET {path} t={time.monotonic() - START:.2f} {len(body)}", flush=True)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
