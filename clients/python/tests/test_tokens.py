"""Tokens against a server that requires them: the errors they map to, and what each token may do.

The server is another one than BATON_URL's: BATON_TEST_SECURED_URL, with its administration, work and
enqueue-only tokens in BATON_TEST_ADMIN_TOKEN, BATON_TEST_WORK_TOKEN and BATON_TEST_ENQUEUE_TOKEN.
"""

import os
import unittest

from baton import Client, Forbidden, Unauthorized

from .support import unique


class TokenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.url = os.environ.get("BATON_TEST_SECURED_URL")
        if not self.url:
            raise unittest.SkipTest("BATON_TEST_SECURED_URL is not set")

    def client(self, token_variable: str = "", token: str = "") -> Client:
        """A client with the token in that variable, else ``token`` ("" for none, whatever BATON_TOKEN says)."""
        c = Client(self.url, token=os.environ[token_variable] if token_variable else token, timeout=10)
        self.addCleanup(c.close)
        return c

    def test_no_token_or_a_wrong_one_is_unauthorized(self) -> None:
        with self.assertRaises(Unauthorized) as refused:
            self.client().enqueue("echo", {})
        self.assertEqual(401, refused.exception.status)
        with self.assertRaises(Unauthorized):
            self.client(token="not-the-token").get_task("x")

    def test_the_enqueue_token_enqueues_and_reads_but_may_not_work(self) -> None:
        producer = self.client("BATON_TEST_ENQUEUE_TOKEN")
        task = producer.enqueue("echo", {"n": 1}, queue=unique("tok"))
        self.assertEqual("QUEUED", producer.get_task(task.id)["status"])
        with self.assertRaises(Forbidden) as refused:
            producer.register_worker([unique("tok")])
        self.assertEqual(403, refused.exception.status)

    def test_the_work_token_may_work(self) -> None:
        worker = self.client("BATON_TEST_WORK_TOKEN")
        queue = unique("tok")
        id = worker.register_worker([queue], id=unique("w"))["id"]
        self.assertEqual([], worker.fetch(id, max=1, wait=0)["tasks"])
        worker.unregister_worker(id)

    def test_the_admin_token_manages_schedules(self) -> None:
        admin = self.client("BATON_TEST_ADMIN_TOKEN")
        name = unique("tok")
        admin.put_schedule(name, "interval", "1h", "echo")
        admin.delete_schedule(name)


if __name__ == "__main__":
    unittest.main()
