-- ARGV: now, lane count, lanes. The earliest run-at of a waiting task, or false.
local best = nil
-- Keeps the earlier of best and a ready member's run-at.
local function consider(member)
  local at = tonumber(string.sub(member, READY.runAt[1], READY.runAt[2]))
  if not best or at < best then best = at end
end
for l = 1, tonumber(ARGV[2]) do
  local lane = ARGV[2 + l]
  local d = redis.call('ZRANGE', dkey(lane), 0, 0, 'WITHSCORES')
  if #d > 0 and (not best or tonumber(d[2]) < best) then best = tonumber(d[2]) end
  -- A ready list's head has its earliest run-at (if stale, it only wakes a claim that drops it).
  local h = redis.call('LINDEX', lkey(lane), 0)
  if h then consider(h) end
  -- Ready members sort by priority first: the earliest run-at is the head of some priority. Most
  -- lanes have none off their list, and then one EXISTS saves eleven reads.
  if redis.call('EXISTS', rkey(lane)) == 1 then
    for p = 0, 10 do
      local head = string.format(READY_PRIO_FORMAT, p)
      local r = redis.call('ZRANGEBYLEX', rkey(lane), '[' .. head, '+', 'LIMIT', 0, 1)
      if #r > 0 and string.sub(r[1], 1, READY_PRIO_LEN) == head then consider(r[1]) end
    end
  end
end
if not best then return false end
return num(best)
