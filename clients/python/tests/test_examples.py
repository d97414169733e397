"""The Python examples under docs/examples, run against the live server as a reader would."""

import importlib.util
import os
import unittest

from .support import client, unique
from .test_worker import Running

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "examples")


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"example_{name}", os.path.join(EXAMPLES, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ExamplesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = client()
        self.addCleanup(self.client.close)

    def test_the_web_handler_enqueues_and_the_worker_process_sends(self) -> None:
        producer = load("python_producer")
        worker = load("python_worker").worker
        self.addCleanup(producer.baton.close)
        with Running(worker):
            email = unique("ada") + "@example.com"
            code, body = producer.signup({"email": email})
            self.assertEqual(202, code, body)
            self.assertEqual((202, body), producer.signup({"email": email}))  # idempotent: one mail
            record = self.client.await_task(body["task"], timeout=30)
        self.assertEqual("SUCCEEDED", record["status"], record)
        self.assertEqual({"sent": True, "attempt": 1}, record["result"])
        self.assertEqual(400, producer.signup({})[0])

    def test_the_pop_ack_loop_acks_what_it_pops(self) -> None:
        queue = unique("reports")
        ids = [self.client.enqueue("echo", {"ids": [1, 2, 3]}, queue=queue).id for _ in range(2)]
        self.assertEqual(2, load("pop_ack").pop_ack(self.client, queue=queue, limit=2))
        records = [self.client.get_task(i) for i in ids]
        self.assertEqual([{"rows": 3}] * 2, [r["result"] for r in records])


if __name__ == "__main__":
    unittest.main()
