"""A worker process for Baton's HTTP worker protocol (docs/workers.md).

    from baton import Client, Worker

    worker = Worker(Client(), queues=["mail"], concurrency=8)

    @worker.task("send_email")
    def send_email(payload, ctx):
        mailer.send(payload["to"], payload["body"])
        return {"sent": True}              # the task's result: it SUCCEEDED

    worker.run()                           # until SIGTERM or SIGINT

or, without the last line, ``python3 -m baton.worker mymodule:worker``.

How a handler ends its task:

- it returns a value: the task SUCCEEDED with that value as its result (any JSON, or None);
- it raises :class:`Fail` (or calls ``ctx.fail(reason)``): the task FAILED, without a retry
  unless ``retry=True``;
- it calls ``ctx.retry_after(seconds)`` (raises :class:`RetryAfter`): this attempt failed, the
  task runs again after that delay while attempts are left;
- it calls ``ctx.suspend(after, state)`` (raises :class:`Suspend`): the task is SUSPENDED until
  resumed or for ``after``, and its next run reads ``state`` in ``ctx.state``; no attempt is spent;
- it raises any other exception: this attempt failed and the task's retry policy decides.

``ctx.lost`` is an Event set when the task is no longer this worker's to settle (its lease was
lost, its time limit passed, or the worker is shutting down past its grace): a long handler should
check it (``ctx.sleep(seconds)`` returns True when it is set) and stop early. Whatever it returns
afterwards is dropped; the server would refuse it anyway.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import sys
import threading
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, NoReturn, Optional

from ._durations import Duration, to_seconds, to_text
from .client import Client
from .errors import BatonConnectionError, BatonError, NotFound

_log = logging.getLogger("baton.worker")

Handler = Callable[[Any, "Context"], Any]
"""A task handler: ``handler(payload, ctx)``; what it returns is the task's result."""


class Fail(Exception):
    """Raised by a handler to fail its task: for good unless ``retry`` (then as any other error).

    Args:
        reason: the error message kept in the task's history.
        retry: whether the task may run again while attempts are left.
        kind: the error's kind in the history (default ``"Fail"``).
    """

    def __init__(self, reason: str, retry: bool = False, kind: Optional[str] = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry
        self.kind = kind


class RetryAfter(Exception):
    """Raised by a handler: this attempt failed, run the task again after ``delay`` (if attempts are left)."""

    def __init__(self, delay: Duration, reason: str = "retry requested") -> None:
        super().__init__(reason)
        self.delay = delay
        self.reason = reason


class Suspend(Exception):
    """Raised by a handler: suspend the task (until resumed, or for ``after``) keeping ``state``."""

    def __init__(self, after: Optional[Duration] = None, state: Any = None) -> None:
        super().__init__("suspend")
        self.after = after
        self.state = state


class Context:
    """What a handler knows about the task it runs, and the ways to end it other than returning.

    Attributes:
        id: the task's id.
        type: its type.
        queue: its queue.
        attempt: this run's attempt, 1 for the first.
        max_attempts: how many attempts the task has.
        state: what an earlier run saved with :meth:`suspend`, else None.
        correlation_id: the correlation id it was enqueued with, else None.
        lease: the lease token of this run.
        lost: an Event set once this run may no longer settle the task.
        worker_id: the id of the worker that runs it.
        task: the task as fetched (the protocol's JSON).
    """

    def __init__(self, worker: "Worker", task: Mapping[str, Any]) -> None:
        self._worker = worker
        self.task = dict(task)
        self.id: str = task["id"]
        self.type: str = task.get("type", "")
        self.queue: str = task.get("queue", "")
        self.attempt: int = int(task.get("attempt") or 1)
        self.max_attempts: Optional[int] = task.get("maxAttempts")
        self.state: Any = task.get("state")
        self.correlation_id: Optional[str] = task.get("correlationId")
        self.lease: str = task.get("lease", "")
        self.lost = threading.Event()
        self.worker_id = worker.id

    @property
    def cancelled(self) -> bool:
        """True once this run may no longer settle the task: stop early."""
        return self.lost.is_set()

    def sleep(self, seconds: float) -> bool:
        """Sleeps up to ``seconds``, waking early when the run is lost; True when it was."""
        return self.lost.wait(seconds)

    def suspend(self, after: Optional[Duration] = None, state: Any = None) -> NoReturn:
        """Ends the run by suspending the task; raises :class:`Suspend` (let it propagate)."""
        raise Suspend(after, state)

    def retry_after(self, delay: Duration, reason: str = "retry requested") -> NoReturn:
        """Ends the run as a failed attempt to retry after ``delay``; raises :class:`RetryAfter`."""
        raise RetryAfter(delay, reason)

    def fail(self, reason: str, retry: bool = False) -> NoReturn:
        """Ends the run as failed, for good unless ``retry``; raises :class:`Fail`."""
        raise Fail(reason, retry)

    def extend(self, by: Optional[Duration] = None) -> None:
        """Extends this run's lease now (heartbeats already renew it; for a long step between them).

        Raises:
            LeaseLost: the lease is gone.
        """
        self._worker.client.extend(self._worker.id, self.id, self.lease, by)


class _Job:
    __slots__ = ("task", "ctx", "done", "timer")

    def __init__(self, task: Mapping[str, Any], ctx: Context) -> None:
        self.task = task
        self.ctx = ctx
        self.done = False
        self.timer: Optional[threading.Timer] = None


class Worker:
    """Runs the handlers of task types in a pool of threads, fed by the worker protocol.

    Args:
        client: the server's client.
        queues: the queues to take tasks from.
        concurrency: the most tasks run at once (the pool's threads).
        id: the worker's name; default ``<host>-<pid>``. Registering a name again takes over it.
        types: the types to ask for; default those with a handler.
        labels: string pairs shown by ``GET /nodes``.
        grace: seconds running tasks get to finish once asked to stop; then they are released.
        fetch_wait: seconds a fetch long-polls (capped by the server's ``maxWait``).
        settle_interval: seconds finished tasks may wait to be settled together in one call.
    """

    def __init__(self, client: Client, queues: Iterable[str] = ("default",), concurrency: int = 8, *,
                 id: Optional[str] = None, types: Optional[Iterable[str]] = None,
                 labels: Optional[Mapping[str, str]] = None, grace: float = 30.0, fetch_wait: float = 30.0,
                 settle_interval: float = 0.005) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.client = client
        self.queues = list(queues)
        self.concurrency = concurrency
        self.id = id or f"{socket.gethostname()}-{os.getpid()}"
        self.types = list(types) if types is not None else None
        self.labels = dict(labels or {"lang": "python", "host": socket.gethostname()})
        self.grace = grace
        self.fetch_wait = fetch_wait
        self.settle_interval = settle_interval
        self._handlers: Dict[str, Handler] = {}
        self._cond = threading.Condition()
        self._held: Dict[str, _Job] = {}
        self._jobs: "queue.Queue[Optional[_Job]]" = queue.Queue()
        self._settlements: "queue.Queue[Optional[tuple]]" = queue.Queue()
        self._stopping = threading.Event()
        self._hurry = threading.Event()
        self._heart_stop = threading.Event()
        # Set once run() has registered the worker and started fetching.
        self.ready = threading.Event()
        self._quiet = False
        self._heartbeat_interval = 10.0
        self._fetch_conn: Any = None
        self._stop_grace: Optional[float] = None

    # ---- handlers ------------------------------------------------------------------------------

    def task(self, type: str) -> Callable[[Handler], Handler]:
        """Decorator: ``@worker.task("send_email")`` makes the function the handler of that type."""
        def register(handler: Handler) -> Handler:
            self.register(type, handler)
            return handler
        return register

    def register(self, type: str, handler: Handler) -> None:
        """Makes ``handler(payload, ctx)`` the handler of ``type``."""
        self._handlers[type] = handler

    # ---- running -------------------------------------------------------------------------------

    def stop(self, grace: Optional[float] = None) -> None:
        """Asks :meth:`run` to stop: no more fetches, running tasks get ``grace`` seconds (default
        the worker's) to finish, the rest are released. Safe from a signal handler or any thread;
        a second call hurries the stop (grace 0)."""
        if self._stopping.is_set():
            self._hurry.set()
        if grace is not None:
            self._stop_grace = grace
            if grace <= 0:
                self._hurry.set()
        self._stopping.set()
        conn = self._fetch_conn
        if conn is not None:
            self.client._http.abort_current(conn)
        with self._cond:
            self._cond.notify_all()

    def run(self, install_signals: bool = True) -> int:
        """Registers, runs tasks until :meth:`stop` (or SIGTERM / SIGINT), then shuts down cleanly.

        Signal handlers are installed only when called from the main thread and
        ``install_signals`` holds. Returns 0, the process's exit code.

        Raises:
            BatonError: the registration was refused (a bad field, a token that may not work).
        """
        missing = set(self.types or []) - set(self._handlers)
        if not self._handlers:
            raise ValueError("no handlers: decorate functions with @worker.task(type) first")
        if missing:
            raise ValueError(f"types without a handler: {sorted(missing)}")
        previous = {}
        if install_signals and threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                previous[sig] = signal.signal(sig, lambda signum, frame: self.stop())
        try:
            self._register()
            threads = [threading.Thread(target=self._pool_loop, name=f"baton-run-{i}", daemon=True)
                       for i in range(self.concurrency)]
            settler = threading.Thread(target=self._settle_loop, name="baton-settle", daemon=True)
            heart = threading.Thread(target=self._heartbeat_loop, name="baton-heartbeat", daemon=True)
            fetcher = threading.Thread(target=self._fetch_loop, name="baton-fetch", daemon=True)
            for t in threads + [settler, heart, fetcher]:
                t.start()
            self.ready.set()
            _log.info("worker %s: queues %s, types %s, concurrency %d", self.id, self.queues,
                      self._types(), self.concurrency)
            while not self._stopping.wait(0.2):
                pass
            self._shutdown(settler, heart)
            for _ in threads:
                self._jobs.put(None)
            # The threads' keep-alive connections: they reopen on the client's next call.
            self.client.close()
            return 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _types(self) -> List[str]:
        return self.types if self.types is not None else sorted(self._handlers)

    def _register(self) -> None:
        answer = self.client.register_worker(self.queues, id=self.id, types=self._types(), labels=self.labels,
                                             concurrency=self.concurrency)
        self.id = answer.get("id", self.id)
        self._heartbeat_interval = max(0.05, to_seconds(answer.get("heartbeatInterval"), 10.0))
        max_wait = answer.get("maxWait")
        if max_wait:
            self.fetch_wait = min(self.fetch_wait, to_seconds(max_wait))

    def _shutdown(self, settler: threading.Thread, heart: threading.Thread) -> None:
        grace = self.grace if self._stop_grace is None else self._stop_grace
        _log.info("worker %s stopping: %d running, grace %.1f s", self.id, self._running(), grace)
        deadline = time.monotonic() + grace
        with self._cond:
            while self._running() and not self._hurry.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(min(left, 0.1))
            late = [job for job in self._held.values() if not job.done]
            for job in late:
                job.done = True
                job.ctx.lost.set()
        for job in late:
            self._settlements.put((job, {"task": job.ctx.id, "lease": job.ctx.lease, "outcome": "release"}))
        if late:
            _log.info("worker %s releasing %d task(s) still running", self.id, len(late))
        self._settlements.put(None)
        settler.join(self.client.timeout + 5)
        self._heart_stop.set()
        heart.join(self.client.timeout + 5)
        try:
            self.client.unregister_worker(self.id)
        except NotFound:
            pass
        except BatonError as e:
            _log.warning("worker %s: could not unregister: %s", self.id, e)
        _log.info("worker %s stopped", self.id)

    def _running(self) -> int:
        return sum(1 for job in self._held.values() if not job.done)

    # ---- threads -------------------------------------------------------------------------------

    def _fetch_loop(self) -> None:
        backoff = 0.1
        while not self._stopping.is_set():
            with self._cond:
                while not self._stopping.is_set() and (self._quiet or len(self._held) >= self.concurrency):
                    self._cond.wait(0.5)
                free = self.concurrency - len(self._held)
            if self._stopping.is_set():
                break
            self._fetch_conn = self.client._http._connection()
            asked = time.monotonic()
            try:
                answer = self.client.fetch(self.id, max=free, wait=self.fetch_wait)
                backoff = 0.1
            except NotFound:
                if self._stopping.is_set():
                    break
                _log.warning("worker %s was taken for dead: registering again", self.id)
                self._lose_all()
                self._reregister()
                continue
            except Exception as e:  # a BatonError, or an answer of an unexpected shape
                if self._stopping.is_set():
                    break
                _log.warning("worker %s: fetch failed: %s", self.id, e)
                self._stopping.wait(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            self._orders(answer.get("state", "run"))
            tasks = answer.get("tasks") or []
            for task in tasks:
                self._start(task)
            if not tasks and time.monotonic() - asked < 0.01:
                # An empty answer at once (a server whose maxWait is 0): poll, do not spin.
                self._stopping.wait(0.05)

    def _start(self, task: Mapping[str, Any]) -> None:
        job = _Job(task, Context(self, task))
        with self._cond:
            self._held[job.ctx.id] = job
        if self._stopping.is_set():
            # Fetched as the stop came: give it back at once.
            job.done = True
            self._settlements.put((job, {"task": job.ctx.id, "lease": job.ctx.lease, "outcome": "release"}))
            return
        limit = task.get("timeout")
        if limit:
            try:
                seconds = to_seconds(limit)
            except ValueError:
                seconds = 0
            if seconds > 0:
                job.timer = threading.Timer(seconds, self._time_out, (job, limit))
                job.timer.daemon = True
                job.timer.start()
        self._jobs.put(job)

    def _time_out(self, job: _Job, limit: Any) -> None:
        self._finish(job, {"outcome": "fail", "error": {"message": f"timed out after {limit}", "kind": "timeout"},
                           "retry": True})
        job.ctx.lost.set()

    def _pool_loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if job.done:
                continue
            self._finish(job, self._run(job))

    def _run(self, job: _Job) -> Dict[str, Any]:
        ctx = job.ctx
        handler = self._handlers.get(ctx.type)
        if handler is None:
            return {"outcome": "fail", "error": {"message": f"no handler for type {ctx.type!r} in worker {self.id}",
                                                 "kind": "NoHandler"}, "retry": True}
        try:
            result = handler(ctx.task.get("payload"), ctx)
            settlement: Dict[str, Any] = {"outcome": "ack"}
            if result is not None:
                settlement["result"] = result
            return settlement
        except Suspend as s:
            settlement = {"outcome": "suspend"}
            if s.after is not None:
                settlement["after"] = to_text(s.after)
            if s.state is not None:
                settlement["state"] = s.state
            return settlement
        except RetryAfter as r:
            return {"outcome": "fail", "error": {"message": r.reason, "kind": "RetryAfter"}, "retry": True,
                    "retryAfter": to_text(r.delay)}
        except Fail as f:
            return {"outcome": "fail", "error": {"message": f.reason, "kind": f.kind or "Fail"}, "retry": f.retry}
        except BaseException as e:  # noqa: B902 - a handler's SystemExit must not kill the pool thread
            if not ctx.lost.is_set():
                _log.warning("task %s (%s) attempt %d failed", ctx.id, ctx.type, ctx.attempt, exc_info=True)
            return {"outcome": "fail", "error": {"message": str(e) or type(e).__name__,
                                                 "kind": type(e).__qualname__}, "retry": True}

    def _finish(self, job: _Job, settlement: Dict[str, Any]) -> None:
        with self._cond:
            if job.done:
                return
            job.done = True
            self._cond.notify_all()
        if job.timer is not None:
            job.timer.cancel()
        settlement = {"task": job.ctx.id, "lease": job.ctx.lease, **settlement}
        self._settlements.put((job, settlement))

    def _settle_loop(self) -> None:
        while True:
            item = self._settlements.get()
            if item is None:
                return
            batch = [item]
            closing = False
            deadline = time.monotonic() + self.settle_interval
            while len(batch) < 1000:
                try:
                    more = self._settlements.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if more is None:
                    closing = True
                    break
                batch.append(more)
            self._send(batch)
            if closing:
                return

    def _send(self, batch: List[tuple]) -> None:
        settlements = [s for _, s in batch]
        results: Optional[List[Dict[str, Any]]] = None
        for attempt in range(5):
            try:
                results = self.client.settle(self.id, settlements)
                break
            except NotFound:
                _log.warning("worker %s: settle refused, the worker is not registered (its leases are gone)", self.id)
                break
            except BatonConnectionError as e:
                _log.warning("worker %s: settle failed (%s), trying again", self.id, e)
                time.sleep(0.1 * 2 ** attempt)
            except BatonError as e:
                _log.error("worker %s: settle refused: %s", self.id, e)
                break
        for i, (job, settlement) in enumerate(batch):
            result = results[i] if results is not None and i < len(results) else None
            if result is not None and result.get("error"):
                _log.warning("task %s: %s refused: %s", job.ctx.id, settlement["outcome"], result["error"])
        with self._cond:
            for job, _ in batch:
                if self._held.get(job.ctx.id) is job:
                    del self._held[job.ctx.id]
            self._cond.notify_all()

    def _heartbeat_loop(self) -> None:
        # Runs until the shutdown has sent its last settlements, so held leases stay renewed.
        while not self._heart_stop.wait(self._heartbeat_interval):
            try:
                answer = self.client.heartbeat(self.id)
            except NotFound:
                if self._stopping.is_set():
                    return
                _log.warning("worker %s was taken for dead: registering again", self.id)
                self._lose_all()
                self._reregister()
                continue
            except Exception as e:  # a BatonError, or an answer of an unexpected shape
                _log.warning("worker %s: heartbeat failed: %s", self.id, e)
                continue
            for task_id in answer.get("lost") or []:
                self._lose(task_id)
            self._orders(answer.get("state", "run"))

    def _orders(self, state: str) -> None:
        if state == "terminate":
            _log.info("worker %s: the server says terminate", self.id)
            self.stop(grace=0)
        quiet = state == "quiet"
        if quiet != self._quiet:
            _log.info("worker %s: the server says %s", self.id, state)
            with self._cond:
                self._quiet = quiet
                self._cond.notify_all()

    def _lose(self, task_id: str) -> None:
        with self._cond:
            job = self._held.pop(task_id, None)
            if job is not None:
                job.done = True
                self._cond.notify_all()
        if job is not None:
            if job.timer is not None:
                job.timer.cancel()
            job.ctx.lost.set()
            _log.warning("task %s: lease lost, its result will be dropped", task_id)

    def _lose_all(self) -> None:
        with self._cond:
            ids = list(self._held)
        for task_id in ids:
            self._lose(task_id)

    def _reregister(self) -> None:
        backoff = 0.1
        while not self._stopping.is_set():
            try:
                self._register()
                return
            except BatonError as e:
                _log.warning("worker %s: registering again failed: %s", self.id, e)
                self._stopping.wait(backoff)
                backoff = min(backoff * 2, 5.0)


def load(spec: str) -> Worker:
    """The Worker named by ``module:attribute`` (``attribute`` defaults to ``worker``)."""
    import importlib
    module_name, _, attr = spec.partition(":")
    module = importlib.import_module(module_name)
    worker = getattr(module, attr or "worker")
    if callable(worker) and not hasattr(worker, "run"):
        worker = worker()
    return worker


def main(argv: Optional[List[str]] = None) -> int:
    """``python3 -m baton.worker module:worker [--grace S] [--concurrency N]``: run a worker."""
    import argparse
    parser = argparse.ArgumentParser(prog="python3 -m baton.worker", description="Run a Baton worker.")
    parser.add_argument("spec", help="module:attribute naming a baton.Worker (or a function that returns one)")
    parser.add_argument("--grace", type=float, help="seconds running tasks get to finish on SIGTERM")
    parser.add_argument("--concurrency", type=int, help="tasks run at once")
    parser.add_argument("--log-level", default=os.environ.get("BATON_LOG_LEVEL", "INFO"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    worker = load(args.spec)
    if args.grace is not None:
        worker.grace = args.grace
    if args.concurrency is not None:
        worker.concurrency = args.concurrency
    return worker.run()


if __name__ == "__main__":
    from baton.worker import main as _main  # the package's module, so isinstance and state are shared
    sys.exit(_main())
