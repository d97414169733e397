-- ARGV: now, chunk. Deletes up to a chunk of tasks; returns 1 when none is left.
local chunk = tonumber(ARGV[2])
local lanes = redis.call('SMEMBERS', LANES)
-- Ready lists and the done list go first, a chunk at a time: their tasks have no status index
-- entry to be found by.
local drained = false
for _, lane in ipairs(lanes) do
  local ms = redis.call('LRANGE', lkey(lane), 0, chunk - 1)
  if #ms > 0 then
    local ids = {}
    for i, m in ipairs(ms) do ids[i] = string.sub(m, 38) end
    delete(ids)
    redis.call('LTRIM', lkey(lane), #ms, -1)
    drained = true
  end
end
local ms = redis.call('LRANGE', DONE, 0, chunk - 1)
if #ms > 0 then
  local ids = {}
  for i, m in ipairs(ms) do ids[i] = string.sub(m, 17) end
  delete(ids)
  redis.call('LTRIM', DONE, #ms, -1)
  drained = true
end
if drained then return 0 end
for _, lane in ipairs(lanes) do redis.call('DEL', rkey(lane), dkey(lane), lkey(lane)) end
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
