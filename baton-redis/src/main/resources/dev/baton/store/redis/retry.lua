-- ARGV: now, node, id. Requeues a FAILED or CANCELED task. Returns 1 or 0.
local id = ARGV[3]
local key = tkey(id)
local f = redis.call('HMGET', key, 'status', 'queue', 'type', 'prio', 'seq')
if f[1] ~= 'FAILED' and f[1] ~= 'CANCELED' then return 0 end
redis.call('HSET', key, 'status', 'QUEUED', 'att', '0', 'runAt', NOWS, 'updated', NOWS)
redis.call('HDEL', key, 'finished', 'result')
zrem(FIN, id)
zrem(skey(f[1]), id)
zadd(skey('QUEUED'), f[5], id)
count(f[2], f[3], f[1], -1)
count(f[2], f[3], 'QUEUED', 1)
place(f[2], f[3], f[4], NOWS, f[5], id)
flush()
redis.call('PUBLISH', WAKE, ARGV[2])
return 1
