-- ARGV: now, node, id. Requeues a FAILED or CANCELED task. Returns 1 or 0.
local id = ARGV[3]
local key = tkey(id)
local m = load(key)
if not m or (m.status ~= 'FAILED' and m.status ~= 'CANCELED') then return 0 end
local before = m.status
m.status = 'QUEUED'
m.att = '0'
m.runAt = NOWS
m.updated = NOWS
m.finished = nil
m.result = nil
redis.call('SET', key, cjson.encode(m))
zrem(FIN, id)
zrem(skey(before), id)
zadd(skey('QUEUED'), m.seq, id)
count(m.queue, m.type, before, -1)
count(m.queue, m.type, 'QUEUED', 1)
place(m.queue, m.type, m.prio, NOWS, m.seq, id)
flush()
redis.call('PUBLISH', WAKE, ARGV[2])
return 1
