"""The worker the process tests run as ``python3 -m baton.worker tests.worker_app:worker``.

Its queue and worker id come from BATON_TEST_QUEUE and BATON_TEST_WORKER. The ``gate`` type waits
until the file its payload names exists, then succeeds with the attempt it ran as.
"""

import os

from baton import Client, Worker

worker = Worker(Client(), queues=[os.environ.get("BATON_TEST_QUEUE", "py-test")], concurrency=4,
                id=os.environ.get("BATON_TEST_WORKER"), grace=30)


@worker.task("gate")
def gate(payload, ctx):
    while not os.path.exists(payload["gate"]):
        if ctx.sleep(0.02):
            return None  # given back: the result is dropped
    return {"attempt": ctx.attempt, "worker": ctx.worker_id}
