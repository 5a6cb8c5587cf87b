"""A real HTTP server on loopback, in a thread of the test, serving what each test routes to it.

    with LoopbackServer() as server:
        server.route("/feed.xml", body=b"<rss>...</rss>", headers={"Content-Type": "application/rss+xml"})
        server.route("/slow", handler=lambda request: time.sleep(5))
        fetch(server.url("/feed.xml"))

A route answers with a fixed status, headers and body, or calls `handler(request)` with the live
`BaseHTTPRequestHandler` (to answer slowly, check conditional headers, drip bytes...). Every request
is recorded in `server.requests` as (method, path, headers) so tests can see what the client sent.
"""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    handler: object = None  # callable(request) that writes the whole answer itself


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet: the test says what went wrong
        pass

    def do_GET(self):
        server = self.server.owner
        server.requests.append((self.command, self.path, dict(self.headers.items())))
        route = server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self._answer(Route(status=404, body=b"not found"))
        elif route.handler is not None:
            route.handler(self)
        else:
            self._answer(route)

    def do_HEAD(self):
        self.do_GET()

    def _answer(self, route):
        self.send_response(route.status)
        headers = {"Content-Length": str(len(route.body)), **route.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(route.body)


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 (a free port), stopped when the `with` block ends."""

    def __init__(self, host="127.0.0.1"):
        self.routes = {}
        self.requests = []
        self._server = ThreadingHTTPServer((host, 0), _Handler)
        self._server.daemon_threads = True
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self):
        return self._server.server_address[1]

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path, *, status=200, body=b"", headers=None, handler=None):
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Route(status=status, body=body, headers=dict(headers or {}), handler=handler)
        return self.url(path)

    def requests_to(self, path):
        return [request for request in self.requests if request[1].split("?", 1)[0] == path]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
