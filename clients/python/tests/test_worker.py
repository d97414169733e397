"""The worker against a live server's worker protocol (docs/workers.md).

Each test takes its tasks from a queue of its own, which the server's built-in workers do not serve.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from typing import Any, Dict, List

from baton import Client, LeaseLost, NotFound, Worker

from .support import client, eventually, unique

class Running:
    """A worker run in a thread of the test process, stopped on exit."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.code: List[int] = []
        self.thread = threading.Thread(target=lambda: self.code.append(worker.run(install_signals=False)),
                                       daemon=True)

    def __enter__(self) -> Worker:
        self.thread.start()
        eventually(lambda: self.worker.ready.is_set() or not self.thread.is_alive(), what="the worker to register")
        if not self.worker.ready.is_set():
            raise AssertionError("the worker stopped before it registered (see its log)")
        return self.worker

    def __exit__(self, *exc: Any) -> None:
        self.worker.stop()
        self.thread.join(60)
        assert not self.thread.is_alive(), "the worker did not stop"


class WorkerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = client()
        self.addCleanup(self.client.close)
        self.queue = unique("py")

    def worker(self, concurrency: int = 4, **options: Any) -> Worker:
        return Worker(Client(timeout=10), queues=[self.queue], concurrency=concurrency, id=unique("w"),
                      **options)

    def status(self, id: str) -> str:
        return self.client.get_task(id)["status"]

    def test_a_returned_value_is_the_result(self) -> None:
        worker = self.worker()

        @worker.task("py_echo")
        def echo(payload, ctx):
            return {"echo": payload, "attempt": ctx.attempt, "id": ctx.id}

        with Running(worker):
            task = self.client.enqueue("py_echo", {"n": 1}, queue=self.queue)
            record = self.client.await_task(task.id, timeout=30)
        self.assertEqual("SUCCEEDED", record["status"])
        self.assertEqual({"echo": {"n": 1}, "attempt": 1, "id": task.id}, record["result"])

    def test_many_tasks_go_through_batched_fetch_and_settle(self) -> None:
        worker = self.worker(concurrency=8)
        worker.register("py_square", lambda payload, ctx: payload["n"] * payload["n"])
        with Running(worker):
            tasks = self.client.enqueue_batch(
                [{"type": "py_square", "payload": {"n": n}, "queue": self.queue} for n in range(200)])
            records = [self.client.await_task(t.id, timeout=60) for t in tasks]
        self.assertEqual([n * n for n in range(200)], [r["result"] for r in records])

    def test_an_error_retries_then_succeeds(self) -> None:
        worker = self.worker()

        @worker.task("py_flaky")
        def flaky(payload, ctx):
            if ctx.attempt == 1:
                raise RuntimeError("flaky backend")
            if ctx.attempt == 2:
                ctx.retry_after(0.1, "rate limited")
            return {"attempt": ctx.attempt}

        with Running(worker):
            task = self.client.enqueue("py_flaky", {}, queue=self.queue, max_attempts=5,
                                       retry_policy="fixed delay=PT0.1S retries=4")
            record = self.client.await_task(task.id, timeout=60)
        self.assertEqual("SUCCEEDED", record["status"])
        self.assertEqual({"attempt": 3}, record["result"])
        self.assertEqual(3, record["attempts"])
        messages = [e["message"] for e in record["errors"]]
        self.assertEqual(2, len(messages), messages)
        self.assertIn("flaky backend", messages[0])
        self.assertIn("rate limited", messages[1])

    def test_a_failure_without_retry_ends_the_task(self) -> None:
        worker = self.worker()
        runs: List[int] = []

        @worker.task("py_strict")
        def strict(payload, ctx):
            runs.append(ctx.attempt)
            ctx.fail("bad input: no recipient")

        with Running(worker):
            task = self.client.enqueue("py_strict", {}, queue=self.queue, max_attempts=5)
            record = self.client.await_task(task.id, timeout=30)
        self.assertEqual("FAILED", record["status"])
        self.assertEqual([1], runs)
        self.assertEqual(1, record["attempts"])
        self.assertIn("bad input: no recipient", record["errors"][-1]["message"])

    def test_a_suspended_task_resumes_with_its_state(self) -> None:
        worker = self.worker()
        seen: List[Any] = []

        @worker.task("py_steps")
        def steps(payload, ctx):
            seen.append((ctx.attempt, ctx.state))
            if ctx.state is None:
                ctx.suspend(after=0.2, state={"step": 1, "cursor": "abc"})
            return {"resumed_with": ctx.state}

        with Running(worker):
            task = self.client.enqueue("py_steps", {}, queue=self.queue, max_attempts=1)
            record = self.client.await_task(task.id, timeout=30)
        self.assertEqual("SUCCEEDED", record["status"], record)
        self.assertEqual({"resumed_with": {"step": 1, "cursor": "abc"}}, record["result"])
        # A suspension spends no attempt: with max_attempts=1 the second run still happened.
        self.assertEqual([(1, None), (1, {"step": 1, "cursor": "abc"})], seen)

    def test_a_run_past_its_timeout_fails_and_the_handler_is_told(self) -> None:
        worker = self.worker()
        told = threading.Event()

        @worker.task("py_slow")
        def slow(payload, ctx):
            if ctx.sleep(120):
                told.set()
            return {"finished": True}

        with Running(worker):
            task = self.client.enqueue("py_slow", {}, queue=self.queue, max_attempts=1, timeout="1s")
            record = self.client.await_task(task.id, timeout=90)
            self.assertEqual("FAILED", record["status"], record)
            eventually(told.is_set, timeout=60, what="the handler to see its run lost")

    def test_a_task_canceled_while_it_runs_is_reported_lost_to_its_handler(self) -> None:
        worker = self.worker()
        started, told = threading.Event(), threading.Event()

        @worker.task("py_long")
        def long(payload, ctx):
            started.set()
            if ctx.sleep(120):
                told.set()
            return {"finished": True}

        with Running(worker):
            task = self.client.enqueue("py_long", {}, queue=self.queue)
            eventually(started.is_set, what="the handler to start")
            self.assertTrue(self.client.cancel(task.id))
            eventually(told.is_set, timeout=60, what="the heartbeat to report the task lost")
        self.assertEqual("CANCELED", self.status(task.id))
        self.assertIsNone(self.client.get_task(task.id)["result"])

    def test_a_late_ack_after_the_lease_was_lost_is_refused(self) -> None:
        # The protocol by hand, as a pop/ack loop would use it.
        c = self.client
        worker = c.register_worker([self.queue], id=unique("popper"), types=["py_pop"], concurrency=2)["id"]
        try:
            first = c.enqueue("py_pop", {"n": 1}, queue=self.queue).id
            second = c.enqueue("py_pop", {"n": 2}, queue=self.queue).id
            fetched: Dict[str, Dict[str, Any]] = {}
            deadline = time.monotonic() + 30
            while len(fetched) < 2 and time.monotonic() < deadline:
                for t in c.fetch(worker, max=2, wait=5)["tasks"]:
                    fetched[t["id"]] = t
            self.assertEqual({first, second}, set(fetched))
            self.assertEqual("RUNNING", self.status(first))

            # Canceled while held: its lease is no longer the task's.
            self.assertTrue(c.cancel(first))
            with self.assertRaises(LeaseLost) as refused:
                c.ack(worker, first, fetched[first]["lease"], {"late": True})
            self.assertEqual(409, refused.exception.status)
            self.assertEqual("CANCELED", self.status(first))
            lost = c.heartbeat(worker).get("lost") or []
            self.assertNotIn(second, lost)

            # Registering the same id again gives the old registration's tasks back.
            c.register_worker([self.queue], id=worker, types=["py_pop"], concurrency=2)
            results = c.settle(worker, [{"task": second, "lease": fetched[second]["lease"], "outcome": "ack",
                                          "result": {"late": True}}])
            self.assertEqual([{"task": second, "error": "lease-lost"}], results)
            self.assertNotEqual("SUCCEEDED", self.status(second))

            # Taken again, it is acked for real.
            again = []
            deadline = time.monotonic() + 30
            while not again and time.monotonic() < deadline:
                again = c.fetch(worker, max=1, wait=5)["tasks"]
            self.assertEqual(second, again[0]["id"])
            self.assertEqual("SUCCEEDED", c.ack(worker, second, again[0]["lease"], {"n": 2})["status"])
        finally:
            c.unregister_worker(worker)

    def test_an_unregistered_worker_is_not_found(self) -> None:
        with self.assertRaises(NotFound):
            self.client.heartbeat(unique("ghost"))
        with self.assertRaises(NotFound):
            self.client.fetch(unique("ghost"), wait=0)


class WorkerProcessTest(unittest.TestCase):
    """The worker as its own process: ``python3 -m baton.worker tests.worker_app:worker``."""

    def setUp(self) -> None:
        self.client = client()
        self.addCleanup(self.client.close)
        self.queue = unique("py")
        self.gates = tempfile.TemporaryDirectory()
        self.processes: List[subprocess.Popen] = []

    def tearDown(self) -> None:
        for p in self.processes:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.log.close()  # type: ignore[attr-defined]
        self.gates.cleanup()

    def gate(self, name: str) -> str:
        return os.path.join(self.gates.name, name)

    def open_gate(self, name: str) -> None:
        open(self.gate(name), "w").close()

    def start_process(self, worker_id: str, grace: float) -> subprocess.Popen:
        env = dict(os.environ, BATON_TEST_QUEUE=self.queue, BATON_TEST_WORKER=worker_id)
        log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log")
        p = subprocess.Popen([sys.executable, "-m", "baton.worker", "tests.worker_app:worker", "--grace", str(grace)],
                             env=env, stdout=log, stderr=subprocess.STDOUT)
        p.log = log  # type: ignore[attr-defined]
        self.processes.append(p)
        # The worker logs this line once registered: only then does the server know the type "gate".
        eventually(lambda: p.poll() is not None or f"worker {worker_id}: queues" in self.output(p), timeout=60,
                   what="the worker process to register")
        self.assertIsNone(p.poll(), self.output(p))
        return p

    def output(self, p: subprocess.Popen) -> str:
        with open(p.log.name, "rb") as log:  # type: ignore[attr-defined]
            return log.read().decode("utf-8", "replace")

    def running(self, ids: List[str]) -> bool:
        return all(self.client.get_task(i)["status"] == "RUNNING" for i in ids)

    def finish_in_this_process(self, ids: List[str]) -> List[Dict[str, Any]]:
        """Runs the tasks again in a worker of this process; returns their final records."""
        worker = Worker(Client(timeout=10), queues=[self.queue], concurrency=4, id=unique("rescuer"))

        @worker.task("gate")
        def gate(payload, ctx):
            return {"attempt": ctx.attempt, "worker": ctx.worker_id}

        with Running(worker):
            return [self.client.await_task(i, timeout=120) for i in ids]

    def test_sigterm_finishes_running_tasks_within_the_grace_and_releases_the_rest(self) -> None:
        worker_id = unique("proc")
        p = self.start_process(worker_id, grace=3)
        quick = self.client.enqueue("gate", {"gate": self.gate("quick")}, queue=self.queue, max_attempts=3).id
        stuck = self.client.enqueue("gate", {"gate": self.gate("stuck")}, queue=self.queue, max_attempts=3).id
        eventually(lambda: p.poll() is not None or self.running([quick, stuck]), timeout=60,
                   what="both tasks to run")
        self.assertIsNone(p.poll(), self.output(p))

        p.send_signal(signal.SIGTERM)
        self.open_gate("quick")  # lets one finish inside the grace; the other outlives it
        try:
            code = p.wait(60)
        except subprocess.TimeoutExpired:
            self.fail("the worker did not exit after SIGTERM:\n" + self.output(p))
        self.assertEqual(0, code, self.output(p))

        done = self.client.get_task(quick)
        self.assertEqual("SUCCEEDED", done["status"], self.output(p))
        self.assertEqual({"attempt": 1, "worker": worker_id}, done["result"])
        released = self.client.get_task(stuck)
        self.assertEqual("QUEUED", released["status"], self.output(p))

        # The released task runs again as its first attempt: giving it back spent none.
        again = self.finish_in_this_process([stuck])[0]
        self.assertEqual("SUCCEEDED", again["status"])
        self.assertEqual(1, again["result"]["attempt"])
        self.assertNotEqual(worker_id, again["result"]["worker"])

    def test_the_tasks_of_a_killed_worker_run_again(self) -> None:
        worker_id = unique("doomed")
        p = self.start_process(worker_id, grace=30)
        ids = [self.client.enqueue("gate", {"gate": self.gate("never")}, queue=self.queue, max_attempts=5).id
               for _ in range(3)]
        eventually(lambda: p.poll() is not None or self.running(ids), timeout=60,
                   what="the tasks to run")
        self.assertIsNone(p.poll(), self.output(p))

        p.kill()  # SIGKILL: no goodbye, no release
        p.wait()
        records = self.finish_in_this_process(ids)
        self.assertEqual(["SUCCEEDED"] * 3, [r["status"] for r in records])
        self.assertTrue(all(r["result"]["worker"] != worker_id for r in records), records)


if __name__ == "__main__":
    unittest.main()
