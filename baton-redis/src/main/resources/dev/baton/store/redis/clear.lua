-- ARGV: now, chunk. Deletes up to a chunk of tasks; returns 1 when none is left.
local chunk = tonumber(ARGV[2])
local lanes = redis.call('SMEMBERS', LANES)
for _, lane in ipairs(lanes) do redis.call('DEL', rkey(lane), dkey(lane)) end
-- The lease set is RUNNING's index: it goes chunk by chunk below, with its tasks.
redis.call('DEL', LANES, FIN, COUNTS)
local left = false
for _, s in ipairs(STATUSES) do
  local ids = redis.call('ZRANGE', skey(s), 0, chunk - 1)
  if #ids > 0 then
    delete(ids)
    chunked('ZREM', skey(s), ids)
  end
  if #ids == chunk then left = true end
end
return left and 0 or 1
