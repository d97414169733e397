-- ARGV: now, op: 'get' with an id (its state, body and extras, or nothing), 'counts' (the counts
-- hash flat, then per lane with scheduled tasks the lane and how many, flat), or
-- 'layout' with the caller's layout (this prefix's storage layout, the caller's recorded now if
-- unset; 1 when it holds tasks of the first layout, one JSON string per task, unmarked). Reads, as
-- a script for Cluster routing.
if ARGV[2] == 'get' then return rows({ARGV[3]}) end
if ARGV[2] == 'layout' then
  local layout = redis.call('GET', P .. 'layout')
  if layout then return tonumber(layout) end
  if redis.call('HLEN', STATE) == 0 then
    for _, s in ipairs(STATUSES) do
      if redis.call('ZCARD', skey(s)) > 0 then return 1 end
    end
  end
  redis.call('SET', P .. 'layout', ARGV[3])
  return tonumber(ARGV[3])
end
-- A lane's delayed set holds its waiting tasks that were not due when placed: QUEUED ones and
-- SUSPENDED ones alike. Those still ahead of now, less the suspended among them, are its scheduled
-- tasks. Suspended tasks are few next to queued ones, so they are read one by one, not the set.
local scheduled = {}
for _, lane in ipairs(redis.call('SMEMBERS', LANES)) do
  local n = redis.call('ZCOUNT', dkey(lane), '(' .. NOWS, '+inf')
  if n > 0 then scheduled[lane] = n end
end
if next(scheduled) then
  local suspended = redis.call('ZRANGE', skey('SUSPENDED'), 0, -1)
  if #suspended > 0 then
    for _, s in ipairs(states(suspended)) do
      if s then
        local m = sdecode(s)
        if m.status == 'SUSPENDED' and scheduled[m.lane] and tonumber(m.runAt) > NOW then
          scheduled[m.lane] = scheduled[m.lane] - 1
        end
      end
    end
  end
end
local flat = {}
for lane, n in pairs(scheduled) do
  if n > 0 then flat[#flat + 1] = lane; flat[#flat + 1] = num(n) end
end
return {redis.call('HGETALL', COUNTS), flat}
