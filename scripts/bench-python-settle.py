#!/usr/bin/env python3
# One Python worker thread against `baton server`: fetch up to 200 tasks, settle them in one call,
# until N pre-enqueued tasks are done; prints tasks/s. Needs clients/python on PYTHONPATH:
#   PYTHONPATH=clients/python/src scripts/bench-python-settle.py http://127.0.0.1:8080 60000 [200]
import sys, time, uuid
from baton import Client

url, n = sys.argv[1], int(sys.argv[2])
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 200
queue = "pyb-" + uuid.uuid4().hex[:8]
c = Client(url)
for i in range(0, n, 1000):
    c.enqueue_batch([{"type": "echo", "payload": {"n": j}, "queue": queue} for j in range(i, min(n, i + 1000))])
w = c.register_worker([queue], types=["echo"], concurrency=batch)["id"]
done = 0
t0 = time.perf_counter()
while done < n:
    tasks = c.fetch(w, max=batch, wait=1.0)["tasks"]
    if not tasks:
        continue
    results = c.settle(w, [{"task": t["id"], "lease": t["lease"], "outcome": "ack"} for t in tasks])
    bad = [r for r in results if "error" in r]
    if bad:
        raise SystemExit(f"refused: {bad[:3]}")
    done += len(tasks)
elapsed = time.perf_counter() - t0
c.unregister_worker(w)
print(f"{n} tasks in {elapsed:.2f} s: {n / elapsed:,.0f} tasks/s (fetch/settle {batch})")
