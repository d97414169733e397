-- ARGV: now, cutoff (exclusive), limit. Deletes finished tasks, oldest finish first.
local ids = redis.call('ZRANGEBYSCORE', FIN, '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
if #ids == 0 then return 0 end
local keys = {}
for i, id in ipairs(ids) do keys[i] = tkey(id) end
local records = mget(keys)
for i, id in ipairs(ids) do
  if records[i] then
    local m = cjson.decode(records[i])
    zrem(skey(m.status), id)
    count(m.queue, m.type, m.status, -1)
  end
  zrem(FIN, id)
end
del_all(keys)
flush()
return #ids
