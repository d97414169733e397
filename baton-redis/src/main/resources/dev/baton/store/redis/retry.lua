-- ARGV: now, node, id. Requeues a FAILED or CANCELED task. Returns 1 or 0.
local id = ARGV[3]
local s = redis.call('HGET', STATE, id)
if not s then return 0 end
local m = sdecode(s)
if m.status ~= 'FAILED' and m.status ~= 'CANCELED' then return 0 end
local before = m.status
m.status = 'QUEUED'
m.att = '0'
m.runAt = NOWS
m.updated = NOWS
m.finished = ''
if m.x == '1' then
  local x = xload(id, m)
  x.result = nil
  xsave(id, m, x)
end
redis.call('HSET', STATE, id, sencode(m))
zrem(skey(before), id)
zadd(skey('QUEUED'), m.seq, id)
count(m.lane, before, -1)
count(m.lane, 'QUEUED', 1)
place(m.lane, m.prio, NOWS, m.seq, id)
flush()
redis.call('PUBLISH', WAKE, ARGV[2])
return 1
