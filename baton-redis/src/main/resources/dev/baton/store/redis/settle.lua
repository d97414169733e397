-- ARGV: now, node, count, then per settlement six values: kind (S succeed, F fail, R retry,
-- U suspend, L release), id, token, ran (nanos), a, b. S: a = result or ''. F: a = error.
-- R: a = delay (micros), b = error. U: a = after (micros), b = state or ''.
local n = tonumber(ARGV[3])
local keys = {}
for s = 1, n do keys[s] = tkey(ARGV[5 + (s - 1) * 6]) end
local records = mget(keys)
local current = {}
local out, ready = {}, false
for s = 1, n do
  local b = 4 + (s - 1) * 6
  local kind, id, token, ran, a, bb = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4], ARGV[b + 5]
  -- A task settled twice in one batch sees its first settlement.
  local m = current[id]
  if not m and records[s] then m = cjson.decode(records[s]) end
  if not m or m.status ~= 'RUNNING' or m.lt ~= token then
    out[s] = 0
  else
    current[id] = m
    local q, ty, seq = m.queue, m.type, m.seq
    m.updated = NOWS
    m.exec = num(tonumber(m.exec or '0') + tonumber(ran))
    m.lo, m.lt, m.ld = nil, nil, nil
    zrem(LEASES, id)
    count(q, ty, 'RUNNING', -1)
    if kind == 'S' then
      m.status = 'SUCCEEDED'
      m.finished = NOWS
      if a ~= '' then m.result = a else m.result = nil end
    elseif kind == 'F' then
      m.status = 'FAILED'
      m.finished = NOWS
      m.errors = append_error(m.errors, a)
    elseif kind == 'R' then
      m.status = 'QUEUED'
      m.runAt = num(NOW + tonumber(a))
      m.errors = append_error(m.errors, bb)
    elseif kind == 'U' then
      m.status = 'SUSPENDED'
      m.runAt = num(NOW + tonumber(a))
      m.att = num(tonumber(m.att) - 1)
      if bb ~= '' then m.state = bb else m.state = nil end
    else
      m.status = 'QUEUED'
      m.att = num(tonumber(m.att) - 1)
    end
    zadd(skey(m.status), seq, id)
    count(q, ty, m.status, 1)
    if terminal(m.status) then
      zadd(FIN, NOWS, id)
    else
      ready = place(q, ty, m.prio, m.runAt, seq, id) or ready
    end
    out[s] = 1
  end
end
local writes = {}
for id, m in pairs(current) do
  writes[#writes + 1] = tkey(id)
  writes[#writes + 1] = cjson.encode(m)
end
if #writes > 0 then mset(writes) end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return {out, ready and 1 or 0}
