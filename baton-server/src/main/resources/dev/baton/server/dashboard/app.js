// The Baton dashboard: plain JavaScript over the REST API; live counts over server-sent events.
"use strict";
const api = "/api/v1";
// Per tab and gone when it closes: the token is not left on disk for later scripts to find.
let token = sessionStorage.getItem("baton-token") || "";
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));

async function call(method, path, body) {
  const headers = {"Content-Type": "application/json"};
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(api + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (response.status === 401) {
    token = prompt("This Baton server needs its API token") || "";
    sessionStorage.setItem("baton-token", token);
    return call(method, path, body);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((json && json.detail) || response.status);
  return json;
}

function rows(table, items, render) {
  $(table + " tbody").innerHTML = items.map(render).join("") || `<tr><td class="muted" colspan="9">none</td></tr>`;
}

function renderQueues(queues) {
  const c = (q, s) => q.counts[s] || 0;
  rows("#queues", queues, (q) => `<tr data-queue="${esc(q.queue)}"><td>${esc(q.queue)}${q.paused ? ' <span class="pill paused">paused</span>' : ""}</td>
    <td class="ready">${q.ready ?? c(q, "QUEUED")}</td><td class="scheduled">${q.scheduled ?? 0}</td><td class="RUNNING">${c(q, "RUNNING")}</td>
    <td>${c(q, "SUSPENDED")}</td><td class="SUCCEEDED">${c(q, "SUCCEEDED")}</td><td class="FAILED">${c(q, "FAILED")}</td><td>${c(q, "CANCELED")}</td>
    <td><button data-queue-action="${q.paused ? "resume" : "pause"}">${q.paused ? "Resume" : "Pause"}</button></td></tr>`);
}

async function loadTasks() {
  const status = $("#status").value;
  const page = await call("GET", "/tasks?limit=50" + (status ? "&status=" + status : ""));
  rows("#tasks", page.items, (t) => `<tr class="row" data-id="${esc(t.id)}"><td>${esc(t.id)}</td><td>${esc(t.type)}</td><td>${esc(t.queue)}</td>
    <td class="${t.status}">${t.status}</td><td>${t.attempts}/${t.maxAttempts}</td><td>${esc(t.createdAt)}</td>
    <td>${["FAILED", "CANCELED"].includes(t.status) ? `<button data-retry="${esc(t.id)}">Retry</button>` : ""}
        ${["QUEUED", "RUNNING", "SUSPENDED"].includes(t.status) ? `<button data-cancel="${esc(t.id)}">Cancel</button>` : ""}</td></tr>`);
}

async function showTask(id) {
  const t = await call("GET", "/tasks/" + encodeURIComponent(id));
  const errors = t.errors.map((e) => `#${e.attempt} ${e.at} ${e.exceptionClass || ""}\n${e.message}\n${e.stackTrace || ""}`).join("\n\n");
  $("#detail").hidden = false;
  $("#detail-text").textContent = `${t.id}  ${t.type}  ${t.status}  attempts ${t.attempts}/${t.maxAttempts}\n\npayload: ${JSON.stringify(t.payload, null, 2)}`
    + `\n\nresult: ${JSON.stringify(t.result, null, 2)}\nstate: ${JSON.stringify(t.state)}\nrun at ${t.runAt}, started ${t.startedAt}, finished ${t.finishedAt}`
    + (errors ? `\n\nerrors:\n${errors}` : "");
  $("#history").innerHTML = history(t).map((h) => `<li><time>${esc(h.at)}</time> <span class="${h.cls || ""}">${esc(h.what)}</span>`
    + (h.detail ? ` <span class="muted">${esc(h.detail)}</span>` : "") + "</li>").join("");
}

// The record keeps creation, due time, one error per failed attempt, the latest start and the
// finish: the history is rebuilt from those, in time order.
function history(t) {
  const steps = [{at: t.createdAt, what: "created", detail: `queue ${t.queue}, priority ${t.priority}`, order: 0}];
  if (t.runAt && t.runAt !== t.createdAt) steps.push({at: t.runAt, what: "due", order: 1});
  t.errors.forEach((e) => steps.push({at: e.at, what: `attempt ${e.attempt} failed`, cls: "FAILED",
    detail: `${e.exceptionClass ? e.exceptionClass + ": " : ""}${e.message}`, order: 2}));
  if (t.startedAt) steps.push({at: t.startedAt, what: `attempt ${t.attempts} started`, cls: "RUNNING",
    detail: t.leaseOwner ? "on " + t.leaseOwner : "", order: 3});
  if (t.finishedAt) steps.push({at: t.finishedAt, what: t.status.toLowerCase(), cls: t.status, order: 4});
  else if (!t.startedAt || t.status !== "RUNNING") steps.push({at: t.updatedAt, what: "now " + t.status.toLowerCase(), cls: t.status, order: 4});
  return steps.sort((a, b) => (Date.parse(a.at) - Date.parse(b.at)) || (a.order - b.order));
}

async function loadSchedules() {
  const list = await call("GET", "/schedules");
  rows("#schedules", list.items, (s) => `<tr data-name="${esc(s.name)}"><td>${esc(s.name)}</td><td>${s.kind}</td><td>${esc(s.expression)} ${esc(s.zone || "")}</td>
    <td>${esc(s.type)}</td><td>${s.state === "FINISHED" ? '<span class="SUCCEEDED">finished</span>' : s.state === "PAUSED" ? '<span class="CANCELED">paused</span>' : esc(s.nextRunAt)}</td><td>${s.runCount}</td>
    <td>${s.state === "FINISHED" ? "" : `<button data-schedule="${s.enabled ? "pause" : "resume"}">${s.enabled ? "Pause" : "Resume"}</button>`} <button data-schedule="trigger">Trigger</button></td></tr>`);
}

async function loadKv() {
  const keys = (await call("GET", "/kv?prefix=" + encodeURIComponent($("#prefix").value))).keys.slice(0, 100);
  const values = await Promise.all(keys.map((k) => call("GET", "/kv/" + encodeURIComponent(k)).catch(() => ({value: "(expired)"}))));
  rows("#kv", keys, (k, i) => `<tr><td>${esc(k)}</td><td><code>${esc(JSON.stringify(values[i].value))}</code></td></tr>`);
}

async function loadNodes() {
  const nodes = await call("GET", "/nodes");
  $("#node").textContent = "node " + nodes.self;
  const ago = (t) => t ? Math.max(0, Math.round((Date.now() - Date.parse(t)) / 1000)) + "s ago" : "no heartbeat";
  rows("#nodes", nodes.items, (n) => `<tr class="${n.alive ? "" : "stale"}" title="${esc(n.tasks.map((t) => t.id + " (" + t.type + ")").join("\n"))}">
    <td>${esc(n.node)}${n.node === nodes.self ? ' <span class="pill">this</span>' : ""}</td><td>${esc(n.role || "-")}</td>
    <td>${n.workers ?? "-"}</td><td>${esc((n.queues || []).join(", ") || "-")}</td>
    <td class="RUNNING">${n.running}${n.tasks.length ? ` <span class="muted">${esc(n.tasks.slice(0, 3).map((t) => t.type).join(", "))}${n.tasks.length > 3 ? "…" : ""}</span>` : ""}</td>
    <td class="muted">${ago(n.seenAt)}</td></tr>`);
  rows("#remote-workers", nodes.workers || [], (w) => `<tr title="${esc(w.tasks.map((t) => t.id + " (" + t.type + ")").join("\n"))}">
    <td>${esc(w.id)}</td><td class="muted">${esc(Object.entries(w.labels).map(([k, v]) => k + "=" + v).join(" "))}</td>
    <td>${esc(w.queues.join(", "))}</td><td>${esc(w.types.join(", ") || "any")}</td>
    <td class="RUNNING">${w.leases} / ${w.concurrency}</td><td class="muted">${ago(w.lastHeartbeat)}</td></tr>`);
}

// Throughput: finished tasks (succeeded + failed) per second, from successive snapshots.
const points = [];
let last = null;
function onSnapshot(snapshot) {
  renderQueues(snapshot.items);
  const done = snapshot.items.reduce((sum, q) => sum + (q.counts.SUCCEEDED || 0) + (q.counts.FAILED || 0), 0);
  const now = Date.now();
  if (last) points.push(Math.max(0, (done - last.done) / ((now - last.at) / 1000)));
  last = {done, at: now};
  while (points.length > 120) points.shift();
  drawChart();
}

function drawChart() {
  const max = Math.max(1, ...points);
  plot($("#chart"), [{values: points, color: "#58a6ff"}], max);
  $("#rates").textContent = `now ${(points.at(-1) || 0).toFixed(1)}/s · peak ${max.toFixed(1)}/s`;
}

// One line per series over the last 120 seconds, scaled to the largest value, with its top value.
function plot(canvas, series, max) {
  const g = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  g.clearRect(0, 0, w, h);
  g.strokeStyle = "#26303b"; g.lineWidth = 1;
  for (let i = 1; i < 4; i++) { g.beginPath(); g.moveTo(0, (h * i) / 4); g.lineTo(w, (h * i) / 4); g.stroke(); }
  g.fillStyle = "#7d8a99"; g.font = "11px system-ui"; g.fillText(max.toFixed(max < 10 ? 2 : 0), 4, 12);
  for (const s of series) {
    g.strokeStyle = s.color; g.lineWidth = 2; g.beginPath();
    s.values.forEach((p, i) => { const x = (i / 119) * w, y = h - 4 - (p / max) * (h - 16); i ? g.lineTo(x, y) : g.moveTo(x, y); });
    g.stroke();
  }
}

// Enqueue-to-start latency: the server sends the last whole second's p50, p99 and max.
const p50 = [], p99 = [];
function onLatency(l) {
  p50.push(l.p50Ms); p99.push(l.p99Ms);
  while (p50.length > 120) { p50.shift(); p99.shift(); }
  const max = Math.max(1, ...p99);
  plot($("#latency"), [{values: p99, color: "#d29922"}, {values: p50, color: "#3fb950"}], max);
  // Keep the latest second that saw starts on screen: an idle queue should not blank the numbers.
  if (l.count) lastBusy = {...l, at: new Date().toLocaleTimeString()};
  $("#latency-now").innerHTML = `<span class="key p50">p50</span> <span class="key p99">p99</span> `
    + (lastBusy ? `${l.count ? "last second" : "latest busy second, " + lastBusy.at}: ${lastBusy.count} started · p50 ${lastBusy.p50Ms.toFixed(2)} ms`
      + ` · p99 ${lastBusy.p99Ms.toFixed(2)} ms · max ${lastBusy.maxMs.toFixed(2)} ms` : "no run started yet");
}
let lastBusy = null;

// The event stream is read with fetch() rather than EventSource, which cannot send the
// Authorization header: the token never goes into a URL, where logs and history would keep it.
const handlers = {
  counts: (data) => { $("#live").textContent = "live"; onSnapshot(data); },
  latency: (data) => onLatency(data),
};

async function stream() {
  const headers = {Accept: "text/event-stream"};
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(api + "/events", {headers, cache: "no-store"});
  if (response.status === 401) {
    token = prompt("This Baton server needs its API token") || "";
    sessionStorage.setItem("baton-token", token);
    throw new Error("unauthorized");
  }
  if (!response.ok || !response.body) throw new Error("events: HTTP " + response.status);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const {value, done} = await reader.read();
    if (done) throw new Error("events: the stream ended");
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block) {
  let event = "message", data = [];
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  if (handlers[event] && data.length) handlers[event](JSON.parse(data.join("\n")));
}

async function connect() {
  for (let wait = 1000; ; wait = Math.min(wait * 2, 30000)) {
    try { await stream(); } catch (e) { $("#live").textContent = "reconnecting…"; }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

document.addEventListener("click", async (e) => {
  const b = e.target;
  try {
    if (b.dataset.retry) { await call("POST", `/tasks/${encodeURIComponent(b.dataset.retry)}/retry`); return loadTasks(); }
    if (b.dataset.cancel) { await call("POST", `/tasks/${encodeURIComponent(b.dataset.cancel)}/cancel`); return loadTasks(); }
    if (b.dataset.schedule) {
      const name = b.closest("tr").dataset.name;
      await call("POST", `/schedules/${encodeURIComponent(name)}/${b.dataset.schedule}`);
      return Promise.all([loadSchedules(), loadTasks()]);
    }
    if (b.dataset.queueAction) {
      const queue = b.closest("tr").dataset.queue;
      await call("POST", `/queues/${encodeURIComponent(queue)}/${b.dataset.queueAction}`);
      return renderQueues((await call("GET", "/queues")).items);
    }
    if (b.id === "retry-failed") { await call("POST", "/tasks/retry-failed"); return loadTasks(); }
    const row = b.closest("tr.row");
    if (row) await showTask(row.dataset.id);
  } catch (error) { alert(error.message); }
});
$("#status").addEventListener("change", loadTasks);
$("#prefix").addEventListener("input", loadKv);

async function refresh() {
  await Promise.all([loadTasks(), loadSchedules(), loadNodes(), loadKv()]).catch((e) => console.error(e));
}
refresh().then(connect);
setInterval(refresh, 3000);
