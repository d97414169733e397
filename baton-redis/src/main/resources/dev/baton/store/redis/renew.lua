-- ARGV: now, lease (micros), count, then id/token pairs.
local deadline = num(NOW + tonumber(ARGV[2]))
local n = tonumber(ARGV[3])
local out = {}
for i = 1, n do
  local id, token = ARGV[2 + 2 * i], ARGV[3 + 2 * i]
  local f = redis.call('HMGET', tkey(id), 'status', 'lt')
  if f[1] == 'RUNNING' and f[2] == token then
    redis.call('HSET', tkey(id), 'ld', deadline)
    zadd(LEASES, deadline, id)
    out[i] = 1
  else
    out[i] = 0
  end
end
flush()
return out
