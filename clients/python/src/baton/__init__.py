"""Baton's Python client: enqueue and manage tasks over REST, and run them in a worker process.

    from baton import Client, Worker

    client = Client("http://127.0.0.1:8080")
    task = client.enqueue("echo", {"hello": "world"})
    print(client.await_task(task.id)["result"])
"""

from .client import FINAL_STATUSES, Client, Enqueued, task_body
from .errors import (AwaitTimeout, BadRequest, BatonConnectionError, BatonError, Conflict, Forbidden, LeaseLost,
                     NotFound, PayloadTooLarge, ServerError, Unauthorized)

__version__ = "0.1.0"


def __getattr__(name: str):
    # The worker module loads on first use, so `python3 -m baton.worker` runs it only once.
    if name in ("Worker", "Context", "Fail", "RetryAfter", "Suspend"):
        from . import worker
        return getattr(worker, name)
    raise AttributeError(f"module 'baton' has no attribute {name!r}")


__all__ = ["Client", "Enqueued", "task_body", "FINAL_STATUSES", "Worker", "Context", "Fail", "RetryAfter",
           "Suspend", "BatonError", "BatonConnectionError", "BadRequest", "Unauthorized", "Forbidden", "NotFound",
           "Conflict", "LeaseLost", "PayloadTooLarge", "ServerError", "AwaitTimeout"]
