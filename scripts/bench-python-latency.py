#!/usr/bin/env python3
# Two figures of the worker protocol, measured from Python against a running `baton server`:
#  idle     enqueue-to-start through the long poll: 2,000 tasks enqueued one at a time at 200/s (an
#           open loop), one fetching thread; p50, p99 and max of the first 1,800 after 200 left out;
#  recovery how soon a silent worker's tasks reach another worker: worker A fetches 10 tasks and
#           goes silent (as after kill -9); the time from A's last call until worker B holds all 10,
#           5 rounds, against the server's heartbeat interval x missed heartbeats.
# Needs clients/python on PYTHONPATH and a server whose own workers do not serve the queue used:
#   BATON_SERVER_WORKERS_HEARTBEAT_INTERVAL=1s java -jar baton-server/target/baton.jar server \
#     --backend sqlite:/tmp/lat/baton.db --queues idle &
#   PYTHONPATH=clients/python/src scripts/bench-python-latency.py http://127.0.0.1:8080
import statistics
import sys
import threading
import time
import uuid

from baton import Client

url = sys.argv[1]
client = Client(url)


def queue_name(what):
    return f"pylat-{what}-{uuid.uuid4().hex[:8]}"


def idle(count=2000, rate=200, left_out=200):
    queue = queue_name("idle")
    worker = client.register_worker([queue], types=["echo"], concurrency=8)["id"]
    sent, latencies, done = {}, [], threading.Event()

    def fetch_loop():
        fetcher = Client(url)
        seen = 0
        while seen < count:
            tasks = fetcher.fetch(worker, max=8, wait=5.0)["tasks"]
            now = time.perf_counter_ns()
            for task in tasks:
                latencies.append((task["payload"]["n"], now - sent[task["id"]]))
            if tasks:
                fetcher.settle(worker, [{"task": t["id"], "lease": t["lease"], "outcome": "ack"} for t in tasks])
                seen += len(tasks)
        done.set()

    thread = threading.Thread(target=fetch_loop, daemon=True)
    thread.start()
    start = time.perf_counter()
    for n in range(count):
        due = start + n / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        task_id = uuid.uuid4().hex
        sent[task_id] = time.perf_counter_ns()
        client.enqueue("echo", {"n": n}, id=task_id, queue=queue)
    done.wait(60)
    client.unregister_worker(worker)
    kept = sorted(ms / 1e6 for n, ms in latencies if n >= left_out)
    p50 = statistics.median(kept)
    p99 = kept[int(len(kept) * 0.99) - 1]
    print(f"idle: {len(kept)} tasks at {rate}/s through the long poll: enqueue-to-start "
          f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {kept[-1]:.2f} ms")


def recovery(rounds=5, tasks=10):
    for r in range(rounds):
        queue = queue_name("rec")
        client.enqueue_batch([{"type": "echo", "payload": {"n": n}, "queue": queue} for n in range(tasks)])
        silent = client.register_worker([queue], types=["echo"], concurrency=tasks)
        held = client.fetch(silent["id"], max=tasks, wait=5.0)["tasks"]
        last_call = time.perf_counter()
        assert len(held) == tasks, f"worker A fetched {len(held)} of {tasks}"
        rescuer = client.register_worker([queue], types=["echo"], concurrency=tasks)["id"]
        got = []
        while len(got) < tasks:
            fetched = client.fetch(rescuer, max=tasks, wait=30.0)["tasks"]
            got += fetched
            if fetched:
                client.settle(rescuer, [{"task": t["id"], "lease": t["lease"], "outcome": "ack"} for t in fetched])
        elapsed = time.perf_counter() - last_call
        interval = silent["heartbeatInterval"]
        misses = silent["missedHeartbeats"]
        client.unregister_worker(rescuer)
        print(f"recovery round {r + 1}: {tasks} tasks of a silent worker held by another after "
              f"{elapsed:.2f} s (heartbeat {interval} x {misses} missed)")


idle()
recovery()
