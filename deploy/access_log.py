"""gunicorn's access log as JSON lines: one object per request, for jq or a log shipper.

    {"time": "2026-12-07T22:59:03+00:00", "client": "203.0.113.7", "remote": "127.0.0.1",
     "method": "GET", "path": "/en/news/", "query": "page=2", "status": 200, "bytes": 19169,
     "duration_ms": 41, "referer": "-", "user_agent": "...", "pid": 1234}

`client` is the visitor's address as the proxy saw it (its X-Real-IP header), `remote` the
address of the connection (the proxy itself); a request that did not come through the proxy has
no `client`.
"""

import datetime
import json
import os

from gunicorn.glogging import Logger


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        entry = {
            "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "client": environ.get("HTTP_X_REAL_IP"),
            "remote": environ.get("REMOTE_ADDR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING"),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000),
            "referer": environ.get("HTTP_REFERER"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:  # a log line must never fail the request
            self.exception("Could not write the access log entry.")
