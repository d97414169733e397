-- ARGV: now, id. Returns the status before, or false.
local id = ARGV[2]
local s = redis.call('HGET', STATE, id)
if not s then return false end
local m = sdecode(s)
if terminal(m.status) then return false end
local before = m.status
-- A task on a ready list leaves its entry there, to be dropped when met (see common.lua).
if m.ld ~= ON_LIST then
  if waiting(before) then unplace(m, id) end
  if before ~= 'RUNNING' then zrem(skey(before), id) end
end
if before == 'RUNNING' then lease_out(m.ld, m.lt) end
zadd(skey('CANCELED'), m.seq, id)
fin(NOWS, id)
count(m.lane, before, -1)
count(m.lane, 'CANCELED', 1)
m.status = 'CANCELED'
m.finished = NOWS
m.updated = NOWS
m.lo, m.lt, m.ld = '', '', ''
redis.call('HSET', STATE, id, sencode(m))
flush()
return before
