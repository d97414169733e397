-- ARGV: now, node, count, then per settlement six values: kind (S succeed, F fail, R retry,
-- U suspend, L release), id, token (escaped), ran (nanos), a, b. S: a = result or ''.
-- F: a = error. R: a = delay (micros), b = error. U: a = after (micros), b = state or ''.
local n = tonumber(ARGV[3])
local ids = {}
for s = 1, n do ids[s] = ARGV[5 + (s - 1) * 6] end
local st = states(ids)
-- The latest state per id: a task settled twice in one batch sees its first settlement.
local current = {}
local out, ready = {}, false
for s = 1, n do
  local b = 4 + (s - 1) * 6
  local kind, id, token, ran, a, bb = ARGV[b], ids[s], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4], ARGV[b + 5]
  local state = current[id] or st[s]
  local fast, seq, lane, ld = nil, nil, nil, nil
  if state and kind == 'S' and a == '' then fast, seq, lane, ld = succeeded(state, token, ran) end
  if fast then
    current[id] = fast
    lease_out(ld, token)
    count(lane, 'RUNNING', -1)
    count(lane, 'SUCCEEDED', 1)
    index('SUCCEEDED', seq, id)
    fin(NOWS, id)
    out[s] = 1
  elseif fast == false or not state then
    out[s] = 0
  else
    local m = sdecode(state)
    if m.status ~= 'RUNNING' or m.lt ~= token then
      out[s] = 0
    else
      m.updated = NOWS
      m.exec = num(tonumber(m.exec) + tonumber(ran))
      lease_out(m.ld, m.lt)
      m.lo, m.lt, m.ld = '', '', ''
      count(m.lane, 'RUNNING', -1)
      -- Extras are read only by the kinds that change them, and by a success that must drop a
      -- result stored earlier.
      local x = nil
      if kind == 'S' then
        m.status = 'SUCCEEDED'
        m.finished = NOWS
        if a ~= '' or m.x == '1' then
          x = xload(id, m)
          if a ~= '' then x.result = a else x.result = nil end
        end
      elseif kind == 'F' then
        m.status = 'FAILED'
        m.finished = NOWS
        x = xload(id, m)
        x.errors = append_error(x.errors, a)
      elseif kind == 'R' then
        m.status = 'QUEUED'
        m.runAt = num(NOW + tonumber(a))
        x = xload(id, m)
        x.errors = append_error(x.errors, bb)
      elseif kind == 'U' then
        m.status = 'SUSPENDED'
        m.runAt = num(NOW + tonumber(a))
        m.att = num(tonumber(m.att) - 1)
        x = xload(id, m)
        if bb ~= '' then x.state = bb else x.state = nil end
      else
        m.status = 'QUEUED'
        m.att = num(tonumber(m.att) - 1)
      end
      if x then xsave(id, m, x) end
      index(m.status, m.seq, id)
      count(m.lane, m.status, 1)
      if terminal(m.status) then
        fin(NOWS, id)
      else
        ready = place(m.lane, m.prio, m.runAt, m.seq, id) or ready
      end
      current[id] = sencode(m)
      out[s] = 1
    end
  end
end
local writes = {}
for id, state in pairs(current) do
  writes[#writes + 1] = id
  writes[#writes + 1] = state
end
if #writes > 0 then hset(writes) end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return {out, ready and 1 or 0}
