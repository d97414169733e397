-- ARGV: now, cutoff (exclusive), limit. Deletes finished tasks, oldest finish first, reading the
-- finish log from its head until an entry is not due. An entry counts only while its task is still
-- finished at that time; any other is stale and just dropped. Reads at most limit + 1000 entries,
-- so that a run of stale entries cannot hold Redis for long: the next call goes on from there.
local cutoff, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local budget = limit + 1000
local read, done, ids, gone = 0, false, {}, {}
while not done and #ids < limit and read < budget do
  local want = math.min(limit - #ids, budget - read)
  local entries = redis.call('LRANGE', FIN, read, read + want - 1)
  local due, ats = {}, {}
  for _, e in ipairs(entries) do
    local at, id = string.match(e, '^([^|]*)|(.*)$')
    if tonumber(at) >= cutoff then
      done = true
      break
    end
    due[#due + 1] = id
    ats[#ats + 1] = at
  end
  read = read + #due
  if #entries < want then done = true end
  local st = states(due)
  for i, id in ipairs(due) do
    if st[i] and not gone[id] then
      local status, finished, lane = string.match(st[i], PURGE_PAT)
      if terminal(status) and finished == ats[i] then
        gone[id] = true
        ids[#ids + 1] = id
        zrem(skey(status), id)
        count(lane, status, -1)
      end
    end
  end
end
if read > 0 then redis.call('LTRIM', FIN, read, -1) end
delete(ids)
-- The done list's head holds the oldest succeeded tasks, the ones a purge deletes: trim the entries
-- that no longer count, up to the first that does, within the same budget.
local trimmed = 0
while trimmed < budget do
  local es = redis.call('LRANGE', DONE, trimmed, trimmed + 99)
  if #es == 0 then break end
  local dids = {}
  for i, e in ipairs(es) do dids[i] = string.sub(e, DONE_ID) end
  local st = states(dids)
  local k = 0
  while k < #es and not done_current(es[k + 1], st[k + 1]) do k = k + 1 end
  trimmed = trimmed + k
  if k < #es then break end
end
if trimmed > 0 then redis.call('LTRIM', DONE, trimmed, -1) end
flush()
return #ids
