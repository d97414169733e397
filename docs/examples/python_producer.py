#!/usr/bin/env python3
"""A web handler that enqueues work instead of doing it, and answers at once.

In FastAPI it would read ``@app.post("/signup")``; here the standard library's http.server plays
the web framework, so that the example runs with nothing installed:

    PYTHONPATH=clients/python/src BATON_URL=http://127.0.0.1:8080 python3 docs/examples/python_producer.py
    curl -s -XPOST localhost:8000/signup -d '{"email": "ada@example.com"}'

The welcome mail is sent by docs/examples/python_worker.py, in a process of its own.
"""

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from baton import BadRequest, Client

baton = Client()  # BATON_URL and BATON_TOKEN from the environment; one keep-alive connection per thread


def signup(body: dict) -> tuple:
    """The route: enqueue the welcome mail, answer 202 with the task's id (the work happens later)."""
    email = body.get("email")
    if not email:
        return 400, {"error": "email is required"}
    try:
        task = baton.enqueue("send_email", {"to": email, "template": "welcome"}, queue="mail",
                             id=f"welcome-{email}",            # a double submit sends one mail
                             max_attempts=5, correlation_id=body.get("requestId"))
    except BadRequest as e:
        return 400, {"error": e.detail, "field": e.field}
    return 202, {"task": task.id, "status": f"/signup/status/{task.id}"}


def status(task_id: str) -> tuple:
    """The status route: what the task is doing, and its result once it has one."""
    record = baton.get_task(task_id)
    return 200, {"status": record["status"], "result": record.get("result")}


class Routes(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.answer(*signup(json.loads(self.rfile.read(length) or b"{}")))

    def do_GET(self):
        self.answer(*status(self.path.rsplit("/", 1)[-1]))

    def answer(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", 8000), Routes).serve_forever()
