-- ARGV: now, id. Returns the status before, or false.
local id = ARGV[2]
local key = tkey(id)
local m = load(key)
if not m or terminal(m.status) then return false end
local before = m.status
if waiting(before) then unplace(m.queue, m.type, m.prio, m.runAt, m.seq, id) end
zrem(LEASES, id)
if before ~= 'RUNNING' then zrem(skey(before), id) end
zadd(skey('CANCELED'), m.seq, id)
zadd(FIN, NOWS, id)
count(m.queue, m.type, before, -1)
count(m.queue, m.type, 'CANCELED', 1)
m.status = 'CANCELED'
m.finished = NOWS
m.updated = NOWS
m.lo, m.lt, m.ld = nil, nil, nil
redis.call('SET', key, cjson.encode(m))
flush()
return before
