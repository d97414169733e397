-- ARGV: now, node, limit. Requeues (or fails, when attempts are spent) up to limit RUNNING tasks
-- whose lease deadline has passed, reading the lease groups that are due, earliest first: the
-- tasks a group still holds are taken back, the rest of its list is stale, and a group is dropped
-- once its list is read to the end or it holds no task.
local limit = tonumber(ARGV[3])
local out, writes, ready = {}, {}, false

-- Takes back one task whose lease expired: its state decoded, its body for the attempt limit.
local function take_back(id, m, body)
  -- The owner was escaped for the state; a person reads it unescaped.
  local owner = m.lo:gsub('%%7C', '|'):gsub('%%25', '%%')
  local e = cjson.encode({at = NOWS, attempt = tonumber(m.att),
    message = 'lease expired (owner ' .. (owner ~= '' and owner or '?') .. ', deadline '
      .. iso(m.ld) .. ')',
    exceptionClass = 'lease-expired', stackTrace = ''})
  local max = body and tonumber(cjson.decode(body).max) or 1
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

for _, group in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', NOWS)) do
  if #out >= limit then break end
  local key, taken = gkey(group), 0
  while #out < limit do
    local ids = redis.call('LRANGE', key, 0, limit - #out - 1)
    if #ids == 0 then break end
    redis.call('LTRIM', key, #ids, -1)
    local st = states(ids)
    local due, ms, keys = {}, {}, {}
    for i, id in ipairs(ids) do
      if st[i] and held(st[i], group) then
        due[#due + 1] = id
        ms[#due] = sdecode(st[i])
        keys[#due] = tkey(id)
      end
    end
    local bodies = mget(keys)
    for i, id in ipairs(due) do take_back(id, ms[i], bodies[i]) end
    taken = taken + #due
  end
  if redis.call('EXISTS', key) == 0 then
    drop_group(group)
  elseif taken > 0 and redis.call('HINCRBY', GC, group, -taken) <= 0 then
    drop_group(group)
  end
end
if #writes > 0 then hset(writes) end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return out
