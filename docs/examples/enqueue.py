#!/usr/bin/env python3
"""Enqueue a task through Baton's REST API and read it back: standard library only.

    BATON_URL=http://localhost:8080 python3 docs/examples/enqueue.py
"""
import json
import os
import time
import urllib.request

BASE = os.environ.get("BATON_URL", "http://localhost:8080") + "/api/v1"
TOKEN = os.environ.get("BATON_TOKEN")


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if TOKEN:
        request.add_header("Authorization", "Bearer " + TOKEN)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


task = call("POST", "/tasks", {"type": "echo", "payload": {"greeting": "hello from python"}})
print("enqueued", task["id"])

deadline = time.time() + 20
while True:
    record = call("GET", "/tasks/" + task["id"])
    if record["status"] in ("SUCCEEDED", "FAILED", "CANCELED") or time.time() > deadline:
        break
    time.sleep(0.1)
print(record["status"], json.dumps(record["result"]))
