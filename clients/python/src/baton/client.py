"""The producer side of Baton's REST API, and the worker protocol's calls one by one."""

from __future__ import annotations

import datetime
import os
import time
import urllib.parse
import uuid
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Union

from ._durations import Duration, to_instant, to_seconds, to_text
from ._http import Transport
from .errors import AwaitTimeout, Conflict, LeaseLost

FINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "CANCELED"})
"""Statuses a task does not leave by itself."""

_MISSING: Any = object()


class Enqueued(NamedTuple):
    """The answer to an enqueue: the task's id, and whether this call created it.

    ``created`` is False when a task with the given id already existed (nothing was changed).
    """

    id: str
    created: bool


def _q(segment: str) -> str:
    return urllib.parse.quote(segment, safe="")


def task_body(type: str, payload: Any = None, *, id: Optional[str] = None, queue: Optional[str] = None,
              priority: Optional[int] = None, delay: Optional[Duration] = None,
              run_at: Union[str, datetime.datetime, None] = None, max_attempts: Optional[int] = None,
              retry_policy: Optional[str] = None, timeout: Optional[Duration] = None,
              correlation_id: Optional[str] = None) -> Dict[str, Any]:
    """The JSON body of one enqueue, as :meth:`Client.enqueue` sends it (useful for batches).

    A ``None`` payload is sent as ``{}`` (the server refuses a null payload). Durations take seconds,
    timedeltas or the API's text; ``run_at`` takes a datetime (naive means UTC) or ISO-8601 text.
    """
    body: Dict[str, Any] = {"type": type, "payload": {} if payload is None else payload}
    options = {"id": id, "queue": queue, "priority": priority, "delay": to_text(delay),
               "runAt": to_instant(run_at), "maxAttempts": max_attempts, "retryPolicy": retry_policy,
               "timeout": to_text(timeout), "correlationId": correlation_id}
    body.update({k: v for k, v in options.items() if v is not None})
    return body


_SNAKE = {"run_at": "run_at", "max_attempts": "max_attempts", "retry_policy": "retry_policy",
          "correlation_id": "correlation_id", "runAt": "run_at", "maxAttempts": "max_attempts",
          "retryPolicy": "retry_policy", "correlationId": "correlation_id"}


class Client:
    """A client of one Baton server: enqueue, read and manage tasks, schedules and keys.

    Safe to share between threads: each thread keeps its own keep-alive connection.

    Args:
        url: the server's base URL (``http://127.0.0.1:8080``); default ``$BATON_URL``, else that.
        token: the Bearer token; default ``$BATON_TOKEN``, else none.
        timeout: seconds to wait for each answer (long polls add their wait to it).
    """

    def __init__(self, url: Optional[str] = None, token: Optional[str] = None, timeout: float = 30.0) -> None:
        self.url = (url or os.environ.get("BATON_URL") or "http://127.0.0.1:8080").rstrip("/")
        token = token if token is not None else os.environ.get("BATON_TOKEN")
        self.timeout = timeout
        self._http = Transport(self.url + "/api/v1", token or None, timeout)

    def close(self) -> None:
        """Closes the open connections (they reopen on the next call)."""
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _call(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None,
              timeout: Optional[float] = None, idempotent: Optional[bool] = None) -> Any:
        return self._http.request(method, path, body, query, timeout, idempotent)[1]

    # ---- tasks ---------------------------------------------------------------------------------

    def enqueue(self, type: str, payload: Any = None, **options: Any) -> Enqueued:
        """Enqueues one task and returns its id.

        Keyword options: ``id`` (idempotent: a second enqueue with the same id creates nothing and
        answers ``created=False``; when absent the client picks a random one, so that it can send
        the request again after a broken connection without making two tasks), ``queue``, ``priority`` (0-10), ``delay`` or ``run_at``,
        ``max_attempts``, ``retry_policy`` (``"fixed delay=PT1M retries=3"``), ``timeout``,
        ``correlation_id``.

        Raises:
            BadRequest: an unknown type, a payload that does not fit it, a bad option (``field``
                names it).
            PayloadTooLarge: a payload over 1 MiB.
        """
        # An id chosen here makes the request safe to send twice after a broken connection: the
        # second send creates nothing (and may then answer created=False).
        options.setdefault("id", None)
        if options["id"] is None:
            options["id"] = uuid.uuid4().hex
        answer = self._call("POST", "/tasks", task_body(type, payload, **options), idempotent=True)
        return Enqueued(answer["id"], bool(answer["created"]))

    def enqueue_batch(self, tasks: Iterable[Mapping[str, Any]]) -> List[Enqueued]:
        """Enqueues many tasks in one round trip, all or none.

        Each item is a mapping with ``type``, ``payload`` and the options of :meth:`enqueue`
        (snake_case or the API's camelCase), or a body made by :func:`task_body`.

        Raises:
            BadRequest: any item is refused (``field`` reads ``tasks[i]...``); nothing is stored.
        """
        bodies = []
        for item in tasks:
            item = dict(item)
            options = {_SNAKE.get(k, k): v for k, v in item.items() if k not in ("type", "payload")}
            if options.get("id") is None:
                options["id"] = uuid.uuid4().hex
            bodies.append(task_body(item["type"], item.get("payload"), **options))
        answer = self._call("POST", "/tasks/batch", {"tasks": bodies}, idempotent=True)
        return [Enqueued(t["id"], bool(t["created"])) for t in answer["tasks"]]

    def get_task(self, id: str) -> Dict[str, Any]:
        """The task's record: status, attempts, payload, result, state, error history.

        Raises:
            NotFound: no such task.
        """
        return self._call("GET", "/tasks/" + _q(id))

    def list_tasks(self, status: Optional[str] = None, queue: Optional[str] = None, type: Optional[str] = None,
                   offset: int = 0, limit: int = 50) -> Dict[str, Any]:
        """A page of tasks, newest first: ``{items, total, offset, limit}``."""
        return self._call("GET", "/tasks", query={"status": status, "queue": queue, "type": type,
                                                  "offset": offset, "limit": limit})

    def cancel(self, id: str) -> bool:
        """Cancels a queued, suspended or running task; False when it had already ended.

        Raises:
            NotFound: no such task.
        """
        return bool(self._call("POST", f"/tasks/{_q(id)}/cancel")["canceled"])

    def retry(self, id: str) -> bool:
        """Queues a failed or canceled task again; False when it was in another status.

        Raises:
            NotFound: no such task.
        """
        return bool(self._call("POST", f"/tasks/{_q(id)}/retry")["retried"])

    def retry_failed(self) -> int:
        """Queues every FAILED task again; returns how many."""
        return int(self._call("POST", "/tasks/retry-failed")["retried"])

    def await_task(self, id: str, timeout: float = 60.0, poll: float = 0.05, max_poll: float = 1.0) -> Dict[str, Any]:
        """Waits for the task to end (SUCCEEDED, FAILED or CANCELED) and returns its record.

        Reads the task with sleeps that start at ``poll`` seconds and grow to ``max_poll``.

        Raises:
            AwaitTimeout: ``timeout`` seconds passed first (it carries the last record).
            NotFound: no such task.
        """
        deadline = time.monotonic() + timeout
        sleep = poll
        while True:
            record = self.get_task(id)
            if record["status"] in FINAL_STATUSES:
                return record
            left = deadline - time.monotonic()
            if left <= 0:
                raise AwaitTimeout(record, timeout)
            time.sleep(min(sleep, left))
            sleep = min(sleep * 1.5, max_poll)

    # ---- schedules -----------------------------------------------------------------------------

    def put_schedule(self, name: str, kind: str, expression: Union[str, Duration], type: str, payload: Any = None, *,
                     zone: Optional[str] = None, queue: Optional[str] = None, priority: Optional[int] = None,
                     max_runs: Optional[int] = None, description: Optional[str] = None,
                     misfire: Optional[str] = None) -> Dict[str, Any]:
        """Adds or updates a schedule and returns it.

        Args:
            kind: ``"CRON"``, ``"INTERVAL"`` or ``"ONCE"``.
            expression: a cron line, an interval (seconds, timedelta or ``"30s"``) or an instant.

        Raises:
            BadRequest: a bad expression, zone or type (``field`` names it).
        """
        if kind.upper() == "INTERVAL" and not isinstance(expression, str):
            expression = to_text(expression)  # type: ignore[arg-type]
        body: Dict[str, Any] = {"kind": kind.upper(), "expression": expression, "type": type}
        options = {"payload": payload, "zone": zone, "queue": queue, "priority": priority, "maxRuns": max_runs,
                   "description": description, "misfire": misfire}
        body.update({k: v for k, v in options.items() if v is not None})
        return self._call("PUT", "/schedules/" + _q(name), body)

    def get_schedule(self, name: str) -> Dict[str, Any]:
        """One schedule. Raises NotFound."""
        return self._call("GET", "/schedules/" + _q(name))

    def list_schedules(self, enabled: Optional[bool] = None) -> List[Dict[str, Any]]:
        """Every schedule (only enabled or disabled ones when ``enabled`` is given)."""
        return self._call("GET", "/schedules", query={"enabled": enabled})["items"]

    def delete_schedule(self, name: str) -> None:
        """Deletes a schedule; the tasks it made stay. Raises NotFound."""
        self._call("DELETE", "/schedules/" + _q(name))

    def pause_schedule(self, name: str) -> Dict[str, Any]:
        """Pauses a schedule (it keeps its next run) and returns it. Raises NotFound."""
        return self._call("POST", f"/schedules/{_q(name)}/pause")

    def resume_schedule(self, name: str) -> Dict[str, Any]:
        """Resumes a paused schedule and returns it. Raises NotFound, or Conflict when finished."""
        return self._call("POST", f"/schedules/{_q(name)}/resume")

    def trigger_schedule(self, name: str) -> Dict[str, Any]:
        """Enqueues the schedule's task now; returns the server's answer. Raises NotFound."""
        return self._call("POST", f"/schedules/{_q(name)}/trigger")

    def next_fire_times(self, name: str, count: int = 5) -> List[str]:
        """The schedule's next fire times (ISO-8601). Raises NotFound."""
        return self._call("GET", f"/schedules/{_q(name)}/next", query={"count": count})["times"]

    # ---- key-value -----------------------------------------------------------------------------

    def kv_get(self, key: str, default: Any = _MISSING) -> Any:
        """The value under ``key``; ``default`` when given and the key is absent or expired.

        Raises:
            NotFound: the key is absent and no default was given.
        """
        from .errors import NotFound
        try:
            return self._call("GET", "/kv/" + _q(key))["value"]
        except NotFound:
            if default is _MISSING:
                raise
            return default

    def kv_put(self, key: str, value: Any, ttl: Optional[Duration] = None) -> None:
        """Stores any JSON value under ``key``, for ``ttl`` when given."""
        body: Dict[str, Any] = {"value": value}
        if ttl is not None:
            body["ttl"] = to_text(ttl)
        self._call("PUT", "/kv/" + _q(key), body)

    def kv_delete(self, key: str) -> None:
        """Deletes ``key`` (no error when it was absent)."""
        self._call("DELETE", "/kv/" + _q(key))

    def kv_list(self, prefix: str = "") -> List[str]:
        """The keys that start with ``prefix``."""
        return self._call("GET", "/kv", query={"prefix": prefix or None})["keys"]

    # ---- queues, nodes -------------------------------------------------------------------------

    def queues(self) -> List[Dict[str, Any]]:
        """Task counts by queue and status."""
        return self._call("GET", "/queues")["items"]

    def pause_queue(self, queue: str) -> bool:
        """Pauses a queue on every node; True when this call changed it."""
        return bool(self._call("POST", f"/queues/{_q(queue)}/pause")["changed"])

    def resume_queue(self, queue: str) -> bool:
        """Resumes a queue; True when this call changed it."""
        return bool(self._call("POST", f"/queues/{_q(queue)}/resume")["changed"])

    def nodes(self) -> Dict[str, Any]:
        """The nodes and workers the server knows of."""
        return self._call("GET", "/nodes")

    # ---- the worker protocol, call by call (docs/workers.md) -----------------------------------

    def register_worker(self, queues: Iterable[str], id: Optional[str] = None, types: Optional[Iterable[str]] = None,
                        labels: Optional[Mapping[str, str]] = None, concurrency: int = 1) -> Dict[str, Any]:
        """Registers a worker; returns ``{id, heartbeatInterval, missedHeartbeats, lease, maxWait}``.

        Raises:
            BadRequest: a bad field. Forbidden: a token that may not work.
        """
        body: Dict[str, Any] = {"queues": list(queues), "concurrency": concurrency}
        if id is not None:
            body["id"] = id
        if types:
            body["types"] = list(types)
        if labels:
            body["labels"] = dict(labels)
        return self._call("POST", "/workers", body)

    def fetch(self, worker: str, max: int = 1, wait: Duration = 30.0) -> Dict[str, Any]:
        """Long-polls for up to ``max`` tasks: ``{state, tasks: [...]}``, each task with its lease.

        Raises:
            NotFound: the worker is not registered (or was taken for dead: register again).
        """
        seconds = to_seconds(wait)
        return self._call("POST", f"/workers/{_q(worker)}/fetch", {"max": max, "wait": to_text(seconds)},
                          timeout=self.timeout + seconds)

    def heartbeat(self, worker: str) -> Dict[str, Any]:
        """Renews every lease the worker holds: ``{state, leases, lost}``. Raises NotFound."""
        return self._call("POST", f"/workers/{_q(worker)}/heartbeat", {})

    def _settle_one(self, worker: str, task: str, verb: str, body: Dict[str, Any]) -> Dict[str, Any]:
        try:
            return self._call("POST", f"/workers/{_q(worker)}/tasks/{_q(task)}/{verb}", body)
        except LeaseLost:
            raise
        except Conflict as e:
            # Any 409 on a settlement is a lost lease, whatever type the problem names.
            raise LeaseLost(e.status, e.title, e.detail, e.field, e.value, e.type, e.problem) from e

    def ack(self, worker: str, task: str, lease: str, result: Any = None) -> Dict[str, Any]:
        """Marks the task SUCCEEDED with ``result``. Raises LeaseLost, NotFound."""
        body: Dict[str, Any] = {"lease": lease}
        if result is not None:
            body["result"] = result
        return self._settle_one(worker, task, "ack", body)

    def fail(self, worker: str, task: str, lease: str, message: str, kind: Optional[str] = None, retry: bool = True,
             retry_after: Optional[Duration] = None) -> Dict[str, Any]:
        """Fails this run: queued again (after ``retry_after`` or the retry policy) while attempts
        are left and ``retry`` holds, else FAILED. Raises LeaseLost, NotFound."""
        body: Dict[str, Any] = {"lease": lease, "error": _error(message, kind), "retry": retry}
        if retry_after is not None:
            body["retryAfter"] = to_text(retry_after)
        return self._settle_one(worker, task, "fail", body)

    def suspend(self, worker: str, task: str, lease: str, after: Optional[Duration] = None,
                state: Any = None) -> Dict[str, Any]:
        """Suspends the task (until resumed, or for ``after``), keeping ``state`` for its next run.
        Spends no attempt. Raises LeaseLost, NotFound."""
        body: Dict[str, Any] = {"lease": lease}
        if after is not None:
            body["after"] = to_text(after)
        if state is not None:
            body["state"] = state
        return self._settle_one(worker, task, "suspend", body)

    def extend(self, worker: str, task: str, lease: str, by: Optional[Duration] = None) -> Dict[str, Any]:
        """Extends the task's lease: ``{id, leaseDeadline}``. Raises LeaseLost, NotFound."""
        body: Dict[str, Any] = {"lease": lease}
        if by is not None:
            body["by"] = to_text(by)
        return self._settle_one(worker, task, "extend", body)

    def release(self, worker: str, task: str, lease: str) -> Dict[str, Any]:
        """Gives the task back (QUEUED at once, no attempt spent). Raises LeaseLost, NotFound."""
        return self._settle_one(worker, task, "release", {"lease": lease})

    def settle(self, worker: str, settlements: List[Mapping[str, Any]]) -> List[Dict[str, Any]]:
        """Settles many tasks in one call; one result per settlement, in order.

        Each settlement is ``{"task", "lease", "outcome": "ack"|"fail"|"suspend"|"release", ...}``
        with the fields of the single calls. A result reads ``{"task", "status"}``, or
        ``{"task", "error": "lease-lost"|"not-found"}`` for one that was refused.
        """
        return self._call("POST", f"/workers/{_q(worker)}/settle", {"settlements": list(settlements)})["results"]

    def unregister_worker(self, worker: str) -> None:
        """Says goodbye: the worker's tasks go back to their queues without spending an attempt.

        Raises:
            NotFound: the worker is not registered.
        """
        self._call("DELETE", f"/workers/{_q(worker)}")


def _error(message: str, kind: Optional[str]) -> Dict[str, Any]:
    error: Dict[str, Any] = {"message": message}
    if kind:
        error["kind"] = kind
    return error
