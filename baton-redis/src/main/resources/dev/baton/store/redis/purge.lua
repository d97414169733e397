-- ARGV: now, cutoff (exclusive), limit. Deletes finished tasks, oldest finish first.
local ids = redis.call('ZRANGEBYSCORE', FIN, '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  local key = tkey(id)
  local f = redis.call('HMGET', key, 'status', 'queue', 'type')
  if f[1] then
    zrem(skey(f[1]), id)
    count(f[2], f[3], f[1], -1)
    redis.call('DEL', key)
  end
  zrem(FIN, id)
end
flush()
return #ids
