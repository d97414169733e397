-- ARGV: now, chunk. Deletes up to a chunk of tasks; returns 1 when none is left.
local chunk = tonumber(ARGV[2])
local lanes = redis.call('SMEMBERS', LANES)
-- Ready lists and the done list go first, a chunk at a time: their tasks have no status index
-- entry to be found by. Deletes the tasks of a list's first chunk (ids from id_from in each entry)
-- and takes them off; true if there were any.
local function drain(key, id_from)
  local ms = redis.call('LRANGE', key, 0, chunk - 1)
  if #ms == 0 then return false end
  local ids = {}
  for i, m in ipairs(ms) do ids[i] = string.sub(m, id_from) end
  delete(ids)
  redis.call('LTRIM', key, #ms, -1)
  return true
end
local drained = drain(DONE, DONE_ID)
for _, lane in ipairs(lanes) do drained = drain(lkey(lane), READY_ID) or drained end
if drained then return 0 end
for _, lane in ipairs(lanes) do redis.call('DEL', rkey(lane), dkey(lane), lkey(lane)) end
redis.call('DEL', LANES, FIN, COUNTS, GC)
local left = false
-- RUNNING tasks are found through their lease groups, a chunk of groups at a time.
local groups = redis.call('ZRANGE', LEASES, 0, chunk - 1)
for _, group in ipairs(groups) do
  delete(redis.call('LRANGE', gkey(group), 0, -1))
  redis.call('DEL', gkey(group))
end
if #groups > 0 then chunked('ZREM', LEASES, groups) end
if #groups == chunk then left = true end
for _, s in ipairs(STATUSES) do
  if s ~= 'RUNNING' then
    local ids = redis.call('ZRANGE', skey(s), 0, chunk - 1)
    if #ids > 0 then
      delete(ids)
      chunked('ZREM', skey(s), ids)
    end
    if #ids == chunk then left = true end
  end
end
return left and 0 or 1
