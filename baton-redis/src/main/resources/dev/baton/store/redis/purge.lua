-- ARGV: now, cutoff (exclusive), limit. Deletes finished tasks, oldest finish first.
local ids = redis.call('ZRANGEBYSCORE', FIN, '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
if #ids == 0 then return 0 end
local st = states(ids)
for i, id in ipairs(ids) do
  if st[i] then
    local m = sdecode(st[i])
    zrem(skey(m.status), id)
    count(m.lane, m.status, -1)
  end
  zrem(FIN, id)
end
delete(ids)
flush()
return #ids
