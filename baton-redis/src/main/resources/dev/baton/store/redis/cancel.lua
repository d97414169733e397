-- ARGV: now, id. Returns the status before, or false.
local key = tkey(ARGV[2])
local f = redis.call('HMGET', key, 'status', 'queue', 'type', 'prio', 'runAt', 'seq')
if not f[1] or terminal(f[1]) then return false end
local id = ARGV[2]
if waiting(f[1]) then unplace(f[2], f[3], f[4], f[5], f[6], id) end
zrem(LEASES, id)
zrem(skey(f[1]), id)
zadd(skey('CANCELED'), f[6], id)
zadd(FIN, NOWS, id)
count(f[2], f[3], f[1], -1)
count(f[2], f[3], 'CANCELED', 1)
redis.call('HSET', key, 'status', 'CANCELED', 'finished', NOWS, 'updated', NOWS)
redis.call('HDEL', key, 'lo', 'lt', 'ld')
flush()
return f[1]
