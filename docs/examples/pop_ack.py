#!/usr/bin/env python3
"""A pop/ack loop: the worker protocol by hand, for code that wants to drive its own loop.

    PYTHONPATH=clients/python/src BATON_URL=http://127.0.0.1:8080 python3 docs/examples/pop_ack.py

It takes one task at a time from the "reports" queue (waiting up to 10 seconds for one), runs it
and acknowledges it; a failure goes back with its error. Without heartbeats a lease lasts the
server's lease time (30 s by default), so a longer job calls extend, or uses baton.Worker, which
sends heartbeats for you.
"""

import os
import socket

from baton import Client, LeaseLost


def run_report(payload: dict) -> dict:
    return {"rows": len(payload.get("ids", []))}


def pop_ack(client: Client, queue: str = "reports", limit: int = 0) -> int:
    """Pops and acks tasks until ``limit`` are done (0: forever); returns how many were done."""
    worker = client.register_worker([queue], id=f"pop-{socket.gethostname()}-{os.getpid()}")["id"]
    done = 0
    try:
        while not limit or done < limit:
            for task in client.fetch(worker, max=1, wait=10)["tasks"]:      # pop, with a timeout
                try:
                    result = run_report(task["payload"])
                except Exception as e:
                    client.fail(worker, task["id"], task["lease"], str(e), kind=type(e).__name__)
                    continue
                try:
                    client.ack(worker, task["id"], task["lease"], result)    # task done
                    done += 1
                except LeaseLost:
                    print("too late: task", task["id"], "was taken back and will run again")
    finally:
        client.unregister_worker(worker)   # anything still held goes back to the queue
    return done


if __name__ == "__main__":
    pop_ack(Client())
