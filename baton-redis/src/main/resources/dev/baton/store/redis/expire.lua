-- ARGV: now, node, limit. Requeues (or fails, when attempts are spent) RUNNING tasks whose lease
-- deadline has passed.
local ids = redis.call('ZRANGEBYSCORE', LEASES, '-inf', NOWS, 'LIMIT', 0, tonumber(ARGV[3]))
local out, ready = {}, false
for _, id in ipairs(ids) do
  zrem(LEASES, id)
  local key = tkey(id)
  local f = redis.call('HMGET', key, 'status', 'lo', 'ld', 'att', 'max', 'queue', 'type', 'prio',
    'seq', 'errors')
  if f[1] == 'RUNNING' then
    local q, ty = f[6], f[7]
    local e = cjson.encode({at = NOWS, attempt = tonumber(f[4]),
      message = 'lease expired (owner ' .. (f[2] or '?') .. ', deadline ' .. iso(f[3]) .. ')',
      exceptionClass = 'lease-expired', stackTrace = ''})
    local to = tonumber(f[4]) >= tonumber(f[5]) and 'FAILED' or 'QUEUED'
    local set = {'status', to, 'updated', NOWS, 'errors', append_error(f[10], e)}
    if to == 'FAILED' then
      set[#set + 1] = 'finished'; set[#set + 1] = NOWS
      zadd(FIN, NOWS, id)
    else
      set[#set + 1] = 'runAt'; set[#set + 1] = NOWS
      ready = place(q, ty, f[8], NOWS, f[9], id) or ready
    end
    redis.call('HSET', key, unpack(set))
    redis.call('HDEL', key, 'lo', 'lt', 'ld')
    zrem(skey('RUNNING'), id)
    zadd(skey(to), f[9], id)
    count(q, ty, 'RUNNING', -1)
    count(q, ty, to, 1)
    out[#out + 1] = id
  end
end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return out
