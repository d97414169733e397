// The Baton dashboard: plain JavaScript over the REST API; live counts over server-sent events.
"use strict";
const api = "/api/v1";
let token = localStorage.getItem("baton-token") || "";
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));

async function call(method, path, body) {
  const headers = {"Content-Type": "application/json"};
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(api + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (response.status === 401) {
    token = prompt("This Baton server needs its API token") || "";
    localStorage.setItem("baton-token", token);
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
    <td>${c(q, "QUEUED")}</td><td class="RUNNING">${c(q, "RUNNING")}</td>
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
  $("#detail").textContent = `${t.id}  ${t.type}  ${t.status}  attempts ${t.attempts}/${t.maxAttempts}\n\npayload: ${JSON.stringify(t.payload, null, 2)}`
    + `\n\nresult: ${JSON.stringify(t.result, null, 2)}\nstate: ${JSON.stringify(t.state)}\nrun at ${t.runAt}, started ${t.startedAt}, finished ${t.finishedAt}`
    + (errors ? `\n\nerrors:\n${errors}` : "");
}

async function loadSchedules() {
  const list = await call("GET", "/schedules");
  rows("#schedules", list.items, (s) => `<tr data-name="${esc(s.name)}"><td>${esc(s.name)}</td><td>${s.kind}</td><td>${esc(s.expression)} ${esc(s.zone || "")}</td>
    <td>${esc(s.type)}</td><td>${s.enabled ? esc(s.nextRunAt || "finished") : '<span class="CANCELED">paused</span>'}</td><td>${s.runCount}</td>
    <td><button data-schedule="${s.enabled ? "pause" : "resume"}">${s.enabled ? "Pause" : "Resume"}</button> <button data-schedule="trigger">Trigger</button></td></tr>`);
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
  const canvas = $("#chart"), g = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  const max = Math.max(1, ...points);
  g.clearRect(0, 0, w, h);
  g.strokeStyle = "#58a6ff"; g.lineWidth = 2; g.beginPath();
  points.forEach((p, i) => { const x = (i / 119) * w, y = h - 4 - (p / max) * (h - 12); i ? g.lineTo(x, y) : g.moveTo(x, y); });
  g.stroke();
  $("#rates").textContent = `now ${(points.at(-1) || 0).toFixed(1)}/s · peak ${max.toFixed(1)}/s`;
}

function connect() {
  const events = new EventSource(api + "/events" + (token ? "?token=" + encodeURIComponent(token) : ""));
  events.addEventListener("counts", (e) => { $("#live").textContent = "live"; onSnapshot(JSON.parse(e.data)); });
  events.onerror = () => { $("#live").textContent = "reconnecting…"; };
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
