#!/usr/bin/env python3
"""Writes the REST API's OpenAPI 3 document. The JSON is checked in; OpenApiTest fails when it
differs from what this prints, so edit here and run:

    python3 scripts/openapi.py > baton-server/src/main/resources/dev/baton/server/api/openapi.json
"""
import json
def ref(n): return {"$ref": "#/components/schemas/" + n}
def obj(req, props): return {"type": "object", "required": req, "properties": props}
S = lambda **k: dict(type="string", **k)
NS = lambda **k: dict(type="string", nullable=True, **k)
I = lambda **k: dict(type="integer", **k)
B = {"type": "boolean"}
ANY = {"description": "any JSON value", "nullable": True}
DUR = "500ms, 30s, 5m, 1h, 2d or ISO-8601 such as PT30S or P1D; 0 to 100 years"
schemas = {
 "Problem": obj(["type","title","status","detail"], {"type":S(),"title":S(),"status":I(),"detail":S(),"instance":S(),
   "field":S(description="the request field at fault"),"value":S(description="the value at fault"),
   "requestId":S(description="on 5xx: the id under which the server log holds the details")}),
 "EnqueueRequest": obj(["type","payload"], {"type":S(description="a registered task type: http, echo, noop, or a plugin's"),
   "payload":ANY,"id":S(description="idempotency: a second enqueue with this id creates nothing"),
   "queue":S(),"priority":I(minimum=0,maximum=10),"delay":S(example="30s",description=DUR),
   "runAt":S(format="date-time",description="from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999999Z; now plus delay must end by then too;"
     " not together with delay"),
   "maxAttempts":I(minimum=1),"retryPolicy":S(example="fixed delay=PT1M retries=3",description="stored with the task;"
     " 'fixed delay=<ISO-8601> retries=<n>' or 'exponential initial=<ISO-8601> multiplier=<n> max=<ISO-8601> retries=<n> jitter=<0-1>'"),
   "timeout":S(example="5m",description=DUR),"correlationId":S()}),
 "BatchRequest": obj(["tasks"], {"tasks":{"type":"array","items":ref("EnqueueRequest")}}),
 "Enqueued": obj(["id","created"], {"id":S(),"created":B}),
 "BatchEnqueued": obj(["tasks"], {"tasks":{"type":"array","items":ref("Enqueued")}}),
 "TaskError": obj(["at","attempt","message"], {"at":S(format="date-time"),"attempt":I(),"message":S(),"exceptionClass":NS(),"stackTrace":NS()}),
 "Task": obj(["id","type","queue","status","payload","priority","runAt","attempts","maxAttempts","errors","createdAt","updatedAt"], {
   "id":S(),"type":S(),"queue":S(),"status":S(enum=["QUEUED","RUNNING","SUSPENDED","SUCCEEDED","FAILED","CANCELED"]),
   "payload":ANY,"priority":I(),"runAt":S(format="date-time"),"attempts":I(),"maxAttempts":I(),"retryPolicy":NS(),"timeout":NS(),
   "leaseOwner":NS(),"leaseDeadline":NS(),"state":ANY,"result":ANY,"errors":{"type":"array","items":ref("TaskError")},
   "executionTime":S(),"correlationId":NS(),"owner":NS(),"scheduleId":NS(),"createdAt":S(),"startedAt":NS(),"finishedAt":NS(),"updatedAt":S()}),
 "TaskPage": obj(["items","total","offset","limit"], {"items":{"type":"array","items":ref("Task")},"total":I(),"offset":I(),"limit":I()}),
 "Canceled": obj(["id","canceled"], {"id":S(),"canceled":B}),
 "Retried": obj(["id","retried"], {"id":S(),"retried":B}),
 "BulkRetried": obj(["retried"], {"retried":I()}),
 "ScheduleRequest": obj(["kind","expression","type"], {"name":S(description="required for POST; PUT takes it from the path"),
   "kind":S(enum=["CRON","INTERVAL","ONCE"]),"expression":S(description="cron (5 or 6 fields, @daily...; one that never fires is refused), a duration"
     " (" + DUR + "; from scheduler.min-interval, default 1s), or ISO-8601 instant (in the run-at range)"),
   "zone":S(example="Asia/Shanghai"),"type":S(),"payload":ANY,"queue":S(),"priority":I(),"maxRuns":I(),"description":S(),
   "misfire":S(enum=["FIRE_ONCE","SKIP","FIRE_ALL"])}),
 "Schedule": obj(["name","kind","expression","type","payload","queue","priority","maxRuns","runCount","enabled","state","misfire","createdAt","updatedAt"], {
   "name":S(),"kind":S(),"expression":S(),"zone":NS(),"type":S(),"payload":ANY,"queue":S(),"priority":I(),"maxRuns":I(),"runCount":I(),
   "enabled":{"type":"boolean","description":"false while paused and once finished; see state"},
   "state":S(enum=["ACTIVE","PAUSED","FINISHED"],description="PAUSED keeps its next run and can be resumed; FINISHED (a one-off that fired, or max runs reached) has none"),"lastRunAt":NS(),"nextRunAt":NS(),"description":NS(),"misfire":S(),"createdAt":S(),"updatedAt":S()}),
 "ScheduleList": obj(["items"], {"items":{"type":"array","items":ref("Schedule")}}),
 "FireTimes": obj(["name","times"], {"name":S(),"times":{"type":"array","items":S(format="date-time")}}),
 "KvKeys": obj(["prefix","keys"], {"prefix":S(),"keys":{"type":"array","items":S()}}),
 "KvValue": obj(["key","value"], {"key":S(),"value":ANY}),
 "KvSet": obj(["value"], {"value":ANY,"ttl":S(example="1h")}),
 "QueueList": obj(["items"], {"items":{"type":"array","items":obj(["queue","paused","counts","ready","scheduled"],{"queue":S(),
   "paused":{"type":"boolean","description":"no node claims from it until it is resumed"},
   "counts":{"type":"object","description":"tasks by status; QUEUED holds the ready and the scheduled ones together","additionalProperties":I()},
   "ready":I(description="QUEUED tasks that are due: a worker may claim them now"),
   "scheduled":I(description="QUEUED tasks whose run-at is still ahead (a delay, a run-at time or a retry's backoff), by the backend's clock")})}}),
 "QueuePause": obj(["queue","paused","changed"], {"queue":S(),"paused":B,"changed":{"type":"boolean","description":"false when it already was in that state"}}),
 "NodeList": obj(["self","items"], {"self":S(description="the answering node"),"items":{"type":"array","items":obj(["node","alive","running","tasks"],{
   "node":S(),"alive":{"type":"boolean","description":"its heartbeat is live (false: it holds leases but writes no heartbeat, e.g. an embedded library instance)"},
   "role":S(enum=["server","worker"]),"url":NS(),"workers":I(),"queues":{"type":"array","items":S()},"types":{"type":"array","items":S()},
   "startedAt":S(format="date-time"),"seenAt":S(format="date-time",description="its last heartbeat"),
   "running":I(description="tasks it holds leases on"),
   "tasks":{"type":"array","description":"up to 20 of the tasks it runs","items":obj(["id","type","queue"],{"id":S(),"type":S(),"queue":S()})}})}}),
 "Health": obj(["status"], {"status":S(enum=["UP","DOWN"]),"detail":S()}),
}
def resp(desc, schema=None, ctype="application/json"):
    r = {"description": desc}
    if schema: r["content"] = {ctype: {"schema": schema}}
    return r
P = lambda code="Bad request: the field and value are named": resp(code, ref("Problem"), "application/problem+json")
def op(opid, summary, responses, body=None, params=None, tag=None):
    o = {"operationId": opid, "summary": summary, "tags":[tag] if tag else [], "responses": responses}
    if body: o["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    if params: o["parameters"] = params
    return o
def q(name, schema, desc): return {"name":name,"in":"query","required":False,"schema":schema,"description":desc}
def p(name): return {"name":name,"in":"path","required":True,"schema":S()}
common = {"401": P("Missing or wrong Bearer token"), "503": P("The backend failed")}
def R(d): d = dict(d); d.update(common); return d
paths = {
 "/api/v1/tasks": {
   "post": op("enqueueTask","Enqueue one task",R({"201":resp("Created",ref("Enqueued")),"200":resp("A task with this id exists; nothing created",ref("Enqueued")),"400":P(),"413":P("Body over server.max-body-bytes, or a payload over 1 MiB")}),"EnqueueRequest",tag="tasks"),
   "get": op("listTasks","List tasks, newest first",R({"200":resp("A page",ref("TaskPage")),"400":P()}),params=[
      q("status",S(enum=["QUEUED","RUNNING","SUSPENDED","SUCCEEDED","FAILED","CANCELED"]),"filter by status"),
      q("queue",S(),"filter by queue"),q("type",S(),"filter by task type"),q("offset",I(minimum=0),"paging, default 0"),q("limit",I(minimum=1,maximum=1000),"page size, default 50")],tag="tasks")},
 "/api/v1/tasks/batch": {"post": op("enqueueBatch","Enqueue many tasks in one round trip; all or none",R({"201":resp("Created",ref("BatchEnqueued")),"400":P(),"413":P("Body over server.max-body-bytes, or a payload over 1 MiB")}),"BatchRequest",tag="tasks")},
 "/api/v1/tasks/retry-failed": {"post": op("retryFailed","Requeue every FAILED task",R({"200":resp("How many",ref("BulkRetried"))}),tag="tasks")},
 "/api/v1/tasks/{id}": {"get": op("getTask","Read one task",R({"200":resp("The task",ref("Task")),"404":P("No such task")}),params=[p("id")],tag="tasks")},
 "/api/v1/tasks/{id}/cancel": {"post": op("cancelTask","Cancel a QUEUED, SUSPENDED or RUNNING task",R({"200":resp("Whether this call canceled it",ref("Canceled")),"404":P("No such task")}),params=[p("id")],tag="tasks")},
 "/api/v1/tasks/{id}/retry": {"post": op("retryTask","Requeue a FAILED or CANCELED task",R({"200":resp("Whether it was requeued",ref("Retried")),"404":P("No such task")}),params=[p("id")],tag="tasks")},
 "/api/v1/schedules": {
   "get": op("listSchedules","List schedules by name",R({"200":resp("The schedules",ref("ScheduleList"))}),params=[q("enabled",B,"true: only enabled ones")],tag="schedules"),
   "post": op("createSchedule","Add or update a schedule named in the body",R({"201":resp("Created",ref("Schedule")),"200":resp("Updated",ref("Schedule")),"400":P(),"413":P("Body too large")}),"ScheduleRequest",tag="schedules")},
 "/api/v1/schedules/{name}": {
   "put": op("putSchedule","Add or update a schedule (idempotent by name)",R({"201":resp("Created",ref("Schedule")),"200":resp("Updated or unchanged",ref("Schedule")),"400":P(),"413":P("Body too large")}),"ScheduleRequest",[p("name")],tag="schedules"),
   "get": op("getSchedule","Read one schedule",R({"200":resp("The schedule",ref("Schedule")),"404":P("No such schedule")}),params=[p("name")],tag="schedules"),
   "delete": op("deleteSchedule","Delete a schedule; its tasks stay",R({"204":resp("Deleted"),"404":P("No such schedule")}),params=[p("name")],tag="schedules")},
 "/api/v1/schedules/{name}/pause": {"post": op("pauseSchedule","Pause",R({"200":resp("The schedule",ref("Schedule")),"404":P("No such schedule")}),params=[p("name")],tag="schedules")},
 "/api/v1/schedules/{name}/resume": {"post": op("resumeSchedule","Resume",R({"200":resp("The schedule",ref("Schedule")),"404":P("No such schedule"),"409":P("Finished schedule")}),params=[p("name")],tag="schedules")},
 "/api/v1/schedules/{name}/trigger": {"post": op("triggerSchedule","Enqueue its task now",R({"200":resp("The task",ref("Enqueued")),"404":P("No such schedule")}),params=[p("name")],tag="schedules")},
 "/api/v1/schedules/{name}/next": {"get": op("nextFireTimes","The next fire times",R({"200":resp("Times",ref("FireTimes")),"400":P(),"404":P("No such schedule")}),params=[p("name"),q("count",I(minimum=1,maximum=1000),"how many, default 5")],tag="schedules")},
 "/api/v1/kv": {"get": op("listKeys","Keys by prefix",R({"200":resp("Keys",ref("KvKeys"))}),params=[q("prefix",S(),"key prefix, default all")],tag="kv")},
 "/api/v1/kv/{key}": {
   "get": op("getValue","Read a value",R({"200":resp("The value",ref("KvValue")),"404":P("No value")}),params=[p("key")],tag="kv"),
   "put": op("setValue","Set a value, optionally with a ttl",R({"204":resp("Stored"),"400":P(),"413":P("Body too large")}),"KvSet",[p("key")],tag="kv"),
   "delete": op("deleteValue","Delete a value",R({"204":resp("Deleted"),"404":P("No value")}),params=[p("key")],tag="kv")},
 "/api/v1/queues": {"get": op("listQueues","Task counts by queue and status",R({"200":resp("Counts",ref("QueueList"))}),tag="queues")},
 "/api/v1/queues/{queue}/pause": {"post": op("pauseQueue","Pause a queue on every node: nothing is claimed from it, runs under way finish, enqueues are still accepted",R({"200":resp("The queue",ref("QueuePause")),"400":P(),"501":P("The backend has no key-value store")}),params=[p("queue")],tag="queues")},
 "/api/v1/queues/{queue}/resume": {"post": op("resumeQueue","Resume a paused queue on every node",R({"200":resp("The queue",ref("QueuePause")),"400":P(),"501":P("The backend has no key-value store")}),params=[p("queue")],tag="queues")},
 "/api/v1/nodes": {"get": op("listNodes","Nodes: every node with a live heartbeat (idle ones too) and every node holding leases, with what each runs",R({"200":resp("Nodes",ref("NodeList"))}),tag="queues")},
 "/api/v1/events": {"get": op("events","Server-sent events once a second: 'counts', the body of GET /queues, then 'latency', {count, p50Ms, p99Ms, maxMs} of the runs this node started in the last whole second (from due time to start); needs the Authorization header like every other route (the dashboard reads it with fetch), never a token in the URL",R({"200":resp("The stream",{"type":"string"},"text/event-stream")}),tag="queues")},
 "/api/v1/health/live": {"get": op("live","Liveness: down when claiming tasks has failed without a break for over a minute (no token needed)",{"200":resp("Up",ref("Health")),"503":resp("Claim loop failing",ref("Health"))},tag="health")},
 "/api/v1/health/ready": {"get": op("ready","Readiness: pings the backend (no token needed)",{"200":resp("Up",ref("Health")),"503":resp("Backend down",ref("Health"))},tag="health")},
 "/api/v1/openapi.json": {"get": op("openapi","This document",R({"200":resp("OpenAPI 3 JSON",{"type":"object"})}),tag="health")},
}
# The edge's checks, on every route they apply to: the Host (all but health), the Origin of a state
# change, the media type of a body.
for path, ops in paths.items():
    if "/health/" in path:
        continue
    for method, o in ops.items():
        if method in ("post", "put", "delete", "patch"):
            o["responses"]["403"] = P("A browser page on another origin may not change state (Origin neither the server's own nor in server.allowed-origins)")
        if "requestBody" in o:
            o["responses"]["415"] = P("The body is not Content-Type application/json (UTF-8)")
        o["responses"]["421"] = P("The Host header is neither an IP address, localhost, the bound name nor a name in server.allowed-hosts")
doc = {"openapi":"3.0.3","info":{"title":"Baton REST API","version":"1","description":"Enqueue and inspect tasks, manage schedules and the key-value store. Errors are application/problem+json (RFC 9457) with the field and value named; a 500 names only a requestId, under which the server log has the details. Request bodies must be Content-Type application/json (UTF-8)."},
 "servers":[{"url":"http://localhost:8080"}],
 "security":[{"bearer":[]}],
 "paths":paths,
 "components":{"schemas":schemas,"securitySchemes":{"bearer":{"type":"http","scheme":"bearer","description":"Only when server.token is set"}}}}
print(json.dumps(doc, indent=1))
