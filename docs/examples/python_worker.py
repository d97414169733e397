#!/usr/bin/env python3
"""A worker process that sends the mails docs/examples/python_producer.py enqueues.

    PYTHONPATH=clients/python/src BATON_URL=http://127.0.0.1:8080 python3 -m baton.worker python_worker:worker
    # or: python3 docs/examples/python_worker.py

SIGTERM or Ctrl-C stops it: running mails get 30 seconds to finish, the rest go back to the queue
without spending an attempt.
"""

import logging
import smtplib

from baton import Client, Fail, Worker

worker = Worker(Client(), queues=["mail"], concurrency=8)


@worker.task("send_email")
def send_email(payload, ctx):
    if "@" not in payload["to"]:
        raise Fail(f"not an address: {payload['to']}")        # no retry: it would fail the same way
    try:
        deliver(payload["to"], payload.get("template", "plain"))
    except smtplib.SMTPResponseException as e:
        if e.smtp_code == 451:                               # "try again later"
            ctx.retry_after(60, f"SMTP {e.smtp_code}")
        raise                                                # any other error: the retry policy decides
    return {"sent": True, "attempt": ctx.attempt}


def deliver(to: str, template: str) -> None:
    """Stands in for the real mail call."""
    logging.getLogger("mail").info("mail %s to %s", template, to)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    raise SystemExit(worker.run())
