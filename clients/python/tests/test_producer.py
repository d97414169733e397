"""The producer client against a live server: enqueue, await, batch, schedules, KV, errors."""

import datetime
import socket
import unittest

from baton import (AwaitTimeout, BadRequest, Client, Conflict, NotFound, task_body)
from baton.errors import BatonConnectionError

from .support import client, eventually, unique


class ProducerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = client()

    def tearDown(self) -> None:
        self.client.close()

    def test_enqueue_then_await_returns_the_echo_result(self) -> None:
        task = self.client.enqueue("echo", {"greeting": "hello"}, correlation_id="req-1")
        self.assertTrue(task.created)
        record = self.client.await_task(task.id, timeout=30)
        self.assertEqual("SUCCEEDED", record["status"])
        self.assertEqual({"greeting": "hello"}, record["result"])
        self.assertEqual("req-1", record["correlationId"])

    def test_get_task_reads_the_options_back(self) -> None:
        task = self.client.enqueue("echo", {"n": 1}, queue=unique("q"), priority=7, max_attempts=4,
                                   retry_policy="fixed delay=PT1M retries=3", timeout=90)
        record = self.client.get_task(task.id)
        self.assertEqual(7, record["priority"])
        self.assertEqual(4, record["maxAttempts"])
        self.assertEqual("QUEUED", record["status"])  # nobody serves that queue
        self.assertIn("fixed", record["retryPolicy"])

    def test_a_repeated_id_creates_nothing(self) -> None:
        id = unique("job")
        first = self.client.enqueue("echo", {"n": 1}, id=id)
        second = self.client.enqueue("echo", {"n": 2}, id=id)
        self.assertEqual((id, True), first)
        self.assertEqual((id, False), second)
        self.assertEqual({"n": 1}, self.client.await_task(id)["result"])

    def test_a_batch_enqueues_all_and_answers_in_order(self) -> None:
        id = unique("batch")
        answers = self.client.enqueue_batch([
            {"type": "echo", "payload": {"i": 0}, "id": id},
            task_body("echo", {"i": 1}, priority=3),
            {"type": "noop", "payload": {}, "max_attempts": 2},
        ])
        self.assertEqual(3, len(answers))
        self.assertEqual(id, answers[0].id)
        self.assertTrue(all(a.created for a in answers))
        self.assertEqual({"i": 1}, self.client.await_task(answers[1].id)["result"])

    def test_a_refused_batch_names_the_item_and_stores_nothing(self) -> None:
        id = unique("batch")
        with self.assertRaises(BadRequest) as refused:
            self.client.enqueue_batch([{"type": "echo", "payload": {}, "id": id},
                                       {"type": "echo", "payload": {}, "priority": 99}])
        self.assertTrue(refused.exception.field.startswith("tasks[1]"), refused.exception.field)
        with self.assertRaises(NotFound):
            self.client.get_task(id)

    def test_a_delay_keeps_the_task_queued_until_due(self) -> None:
        task = self.client.enqueue("echo", {}, delay=3600)
        record = self.client.get_task(task.id)
        self.assertEqual("QUEUED", record["status"])
        run_at = datetime.datetime.fromisoformat(record["runAt"].replace("Z", "+00:00"))
        self.assertGreater(run_at, datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=50))
        with self.assertRaises(AwaitTimeout) as waited:
            self.client.await_task(task.id, timeout=0.2)
        self.assertEqual("QUEUED", waited.exception.task["status"])
        self.assertTrue(self.client.cancel(task.id))
        self.assertEqual("CANCELED", self.client.get_task(task.id)["status"])
        self.assertTrue(self.client.retry(task.id))  # a retry makes it due at once
        self.assertEqual("SUCCEEDED", self.client.await_task(task.id)["status"])
        self.assertFalse(self.client.cancel(task.id))

    def test_run_at_takes_a_datetime(self) -> None:
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        task = self.client.enqueue("echo", {}, run_at=when)
        run_at = datetime.datetime.fromisoformat(self.client.get_task(task.id)["runAt"].replace("Z", "+00:00"))
        self.assertLess(abs((run_at - when).total_seconds()), 1)
        self.client.cancel(task.id)

    def test_list_tasks_filters_by_queue(self) -> None:
        queue = unique("list")
        ids = {self.client.enqueue("echo", {"i": i}, queue=queue).id for i in range(3)}
        page = self.client.list_tasks(queue=queue)
        self.assertEqual(3, page["total"])
        self.assertEqual(ids, {t["id"] for t in page["items"]})

    def test_a_bad_field_is_a_bad_request_naming_it(self) -> None:
        with self.assertRaises(BadRequest) as refused:
            self.client.enqueue("echo", {}, priority=11)
        self.assertEqual(400, refused.exception.status)
        self.assertEqual("priority", refused.exception.field)
        with self.assertRaises(BadRequest) as unknown:
            self.client.enqueue("no_such_type", {})
        self.assertEqual("type", unknown.exception.field)
        self.assertIn("no_such_type", unknown.exception.detail)
        with self.assertRaises(BadRequest) as both:
            self.client.enqueue("echo", {}, delay="5s", run_at="2030-01-01T00:00:00Z")
        self.assertEqual("runAt", both.exception.field)

    def test_an_unknown_task_is_not_found(self) -> None:
        with self.assertRaises(NotFound) as missing:
            self.client.get_task(unique("none"))
        self.assertEqual(404, missing.exception.status)
        with self.assertRaises(NotFound):
            self.client.cancel(unique("none"))

    def test_schedules_put_get_list_pause_resume_trigger_delete(self) -> None:
        name = unique("every-hour")
        created = self.client.put_schedule(name, "interval", 3600, "echo", {"tick": True}, queue=unique("sched"),
                                           description="hourly")
        self.assertEqual("INTERVAL", created["kind"])
        self.assertEqual("PT1H", created["expression"])
        self.assertEqual("ACTIVE", created["state"])
        self.assertEqual(name, self.client.get_schedule(name)["name"])
        self.assertIn(name, [s["name"] for s in self.client.list_schedules()])
        self.assertEqual("PAUSED", self.client.pause_schedule(name)["state"])
        self.assertNotIn(name, [s["name"] for s in self.client.list_schedules(enabled=True)])
        self.assertEqual("ACTIVE", self.client.resume_schedule(name)["state"])
        self.assertEqual(3, len(self.client.next_fire_times(name, count=3)))
        self.client.trigger_schedule(name)
        eventually(lambda: self.client.list_tasks(queue=created["queue"])["total"] >= 1, what="a triggered task")
        self.client.delete_schedule(name)
        with self.assertRaises(NotFound):
            self.client.get_schedule(name)

    def test_a_finished_one_off_cannot_resume(self) -> None:
        name = unique("once")
        self.client.put_schedule(name, "ONCE", "2020-01-01T00:00:00Z", "echo", {}, misfire="FIRE_ONCE")
        eventually(lambda: self.client.get_schedule(name)["state"] == "FINISHED", what="the one-off to fire")
        with self.assertRaises(Conflict):
            self.client.resume_schedule(name)
        self.client.delete_schedule(name)

    def test_a_bad_cron_names_the_expression(self) -> None:
        with self.assertRaises(BadRequest) as refused:
            self.client.put_schedule(unique("bad"), "cron", "61 * * * *", "echo")
        self.assertEqual("expression", refused.exception.field)

    def test_kv_put_get_list_delete(self) -> None:
        prefix = unique("kv")
        self.client.kv_put(prefix + "/cookie", {"SESSDATA": "x"})
        self.client.kv_put(prefix + "/other", 42)
        self.assertEqual({"SESSDATA": "x"}, self.client.kv_get(prefix + "/cookie"))
        self.assertEqual(sorted([prefix + "/cookie", prefix + "/other"]), sorted(self.client.kv_list(prefix)))
        self.client.kv_delete(prefix + "/cookie")
        with self.assertRaises(NotFound):
            self.client.kv_get(prefix + "/cookie")
        self.assertIsNone(self.client.kv_get(prefix + "/cookie", None))

    def test_a_kv_ttl_expires_the_key(self) -> None:
        key = unique("ttl")
        self.client.kv_put(key, "short-lived", ttl=0.3)
        self.client.kv_put(key + "-long", "stays", ttl="1h")
        eventually(lambda: self.client.kv_get(key, "gone") == "gone", what="the key to expire")
        self.assertEqual("stays", self.client.kv_get(key + "-long"))

    def test_calls_reuse_one_connection_per_thread(self) -> None:
        self.client.get_task(self.client.enqueue("noop", {}).id)
        first = self.client._http.current()
        for _ in range(20):
            self.client.enqueue("noop", {})
        self.assertIs(first, self.client._http.current())
        self.assertIsNotNone(first.sock)

    def test_a_connection_idle_for_a_while_is_opened_anew(self) -> None:
        self.client.enqueue("noop", {})
        first = self.client._http.current()
        self.client._http._local.used -= 60  # as if it had been idle for a minute

        self.client.enqueue("noop", {})

        self.assertIsNot(first, self.client._http.current())

    def _break_connection(self) -> None:
        """Breaks the thread's open connection under it, as a server closing it while idle would."""
        self.client._http.current().sock.shutdown(socket.SHUT_RDWR)

    def test_a_broken_connection_resends_an_enqueue_once_without_making_two_tasks(self) -> None:
        queue = unique("resend")
        self.client.enqueue("noop", {}, queue=queue)
        self._break_connection()

        self.client.enqueue("noop", {}, queue=queue)

        self.assertEqual(2, self.client.list_tasks(queue=queue)["total"])

    def test_a_broken_connection_fails_a_post_that_is_not_safe_twice(self) -> None:
        task = self.client.enqueue("noop", {}, delay="1h")
        self._break_connection()

        with self.assertRaises(BatonConnectionError):
            self.client.cancel(task.id)
        self.assertTrue(self.client.cancel(task.id))

    def test_an_unreachable_server_is_a_connection_error(self) -> None:
        with Client("http://127.0.0.1:1", timeout=2) as nowhere:
            with self.assertRaises(BatonConnectionError):
                nowhere.enqueue("echo", {})


if __name__ == "__main__":
    unittest.main()
