-- ARGV: now, op: 'get' with an id (its state, body and extras, or nothing), 'counts', or
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
return redis.call('HGETALL', COUNTS)
