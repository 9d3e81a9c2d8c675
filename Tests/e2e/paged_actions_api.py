"""An actions endpoint that pages, Spring-style: `GET /{sport}/fixtures/{id}/actions[?page=N]` answers
`{"content": [...], "number": N, "size": S, "totalPages": T, "last": bool}` with S of the recording's action
messages per page (N from 0). Paging is not documented for the provider's endpoint; this is how its Fixtures
API pages. Needs `Authorization: Bearer TOKEN`. Prints `listening PORT`, then each path asked for.

  paged_actions_api.py RECORDING TOKEN [PAGE_SIZE] [MODE]

MODE:
  endless      every page says it is not the last, past the end too (empty pages, "last": false, a huge
               totalPages), as a server that miscounts would
  empty-mid    page 1 is empty, yet says more follow (the rest of the match on the pages after it)
  ignore-page  every page is page 0's actions, the envelope's `number` echoing the page asked for
  lookup-500   the fixture's own lookup (`GET /{sport}/fixtures/{id}`) is answered 500
  echo         a team's name in every action repeats the token"""
import http.server
import json
import sys
from urllib.parse import parse_qs, urlparse

recording, token = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else 200
mode = sys.argv[4] if len(sys.argv) > 4 else ""
endless = mode == "endless"
with open(recording, encoding="utf-8") as f:
    lines = f.read().splitlines()
MESSAGES = [json.loads(json.loads(row)["frame"]) for row in lines[1:] if "fixtureAction" in json.loads(row)["frame"]]
if mode == "echo":
    for m in MESSAGES:
        if isinstance(m["fixtureAction"].get("team"), dict):
            m["fixtureAction"]["team"]["name"] = "Team " + token
PAGES = [MESSAGES[i:i + size] for i in range(0, len(MESSAGES), size)]
if mode == "empty-mid":
    PAGES.insert(1, [])


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        print(self.path, flush=True)
        if self.headers.get("Authorization") != f"Bearer {token}":
            return self.answer(401, {"message": "Unauthorized"})
        if not url.path.endswith("/actions"):
            return self.answer(500 if mode == "lookup-500" else 404, {"message": "not found"})
        n = int(parse_qs(url.query).get("page", ["0"])[0])
        page = PAGES[n] if n < len(PAGES) else []
        if mode == "ignore-page":
            page = PAGES[0]
        if endless:
            return self.answer(200, {"content": page, "number": n, "size": size, "totalPages": 1 << 20, "last": False})
        self.answer(200, {"content": page, "number": n, "size": size, "totalPages": len(PAGES), "last": n >= len(PAGES) - 1})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("listening", server.server_address[1], flush=True)
server.serve_forever()
