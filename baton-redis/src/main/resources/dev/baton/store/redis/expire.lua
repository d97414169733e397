-- ARGV: now, node, limit. Requeues (or fails, when attempts are spent) RUNNING tasks whose lease
-- deadline has passed.
local ids = redis.call('ZRANGEBYSCORE', LEASES, '-inf', NOWS, 'LIMIT', 0, tonumber(ARGV[3]))
local keys = {}
for i, id in ipairs(ids) do keys[i] = tkey(id) end
local records = #ids > 0 and mget(keys) or {}
local out, writes, ready = {}, {}, false
for i, id in ipairs(ids) do
  zrem(LEASES, id)
  local m = records[i] and cjson.decode(records[i])
  if m and m.status == 'RUNNING' then
    local q, ty = m.queue, m.type
    local e = cjson.encode({at = NOWS, attempt = tonumber(m.att),
      message = 'lease expired (owner ' .. (m.lo or '?') .. ', deadline ' .. iso(m.ld) .. ')',
      exceptionClass = 'lease-expired', stackTrace = ''})
    local to = tonumber(m.att) >= tonumber(m.max) and 'FAILED' or 'QUEUED'
    m.status = to
    m.updated = NOWS
    m.errors = append_error(m.errors, e)
    m.lo, m.lt, m.ld = nil, nil, nil
    if to == 'FAILED' then
      m.finished = NOWS
      zadd(FIN, NOWS, id)
    else
      m.runAt = NOWS
      ready = place(q, ty, m.prio, NOWS, m.seq, id) or ready
    end
    writes[#writes + 1] = keys[i]
    writes[#writes + 1] = cjson.encode(m)
    zadd(skey(to), m.seq, id)
    count(q, ty, 'RUNNING', -1)
    count(q, ty, to, 1)
    out[#out + 1] = id
  end
end
if #writes > 0 then mset(writes) end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return out
