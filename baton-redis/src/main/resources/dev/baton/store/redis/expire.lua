-- ARGV: now, node, limit. Requeues (or fails, when attempts are spent) RUNNING tasks whose lease
-- deadline has passed.
local ids = redis.call('ZRANGEBYSCORE', LEASES, '-inf', NOWS, 'LIMIT', 0, tonumber(ARGV[3]))
local st = #ids > 0 and states(ids) or {}
local bodies = {}
for i, id in ipairs(ids) do bodies[i] = tkey(id) end
bodies = #ids > 0 and mget(bodies) or {}
local out, writes, ready = {}, {}, false
for i, id in ipairs(ids) do
  zrem(LEASES, id)
  local m = st[i] and sdecode(st[i])
  if m and m.status == 'RUNNING' then
    -- The owner was escaped for the state; a person reads it unescaped.
    local owner = m.lo:gsub('%%7C', '|'):gsub('%%25', '%%')
    local e = cjson.encode({at = NOWS, attempt = tonumber(m.att),
      message = 'lease expired (owner ' .. (owner ~= '' and owner or '?') .. ', deadline '
        .. iso(m.ld) .. ')',
      exceptionClass = 'lease-expired', stackTrace = ''})
    local max = bodies[i] and tonumber(cjson.decode(bodies[i]).max) or 1
    local to = tonumber(m.att) >= max and 'FAILED' or 'QUEUED'
    local x = xload(id, m)
    x.errors = append_error(x.errors, e)
    xsave(id, m, x)
    m.status = to
    m.updated = NOWS
    m.lo, m.lt, m.ld = '', '', ''
    if to == 'FAILED' then
      m.finished = NOWS
      fin(NOWS, id)
    else
      m.runAt = NOWS
      ready = place(m.lane, m.prio, NOWS, m.seq, id) or ready
    end
    writes[#writes + 1] = id
    writes[#writes + 1] = sencode(m)
    zadd(skey(to), m.seq, id)
    count(m.lane, 'RUNNING', -1)
    count(m.lane, to, 1)
    out[#out + 1] = id
  end
end
if #writes > 0 then hset(writes) end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return out
