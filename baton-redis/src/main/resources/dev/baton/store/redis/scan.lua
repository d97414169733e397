-- ARGV: now, after (sequence, exclusive), limit. Records as JSON in sequence order, any status.
local after, limit = ARGV[2], tonumber(ARGV[3])
local found = {}
for _, s in ipairs(STATUSES) do
  if s == 'RUNNING' then
    local floor = tonumber(after)
    for _, row in ipairs(running_rows()) do
      if row[1] > floor then found[#found + 1] = row end
    end
  else
    local rows = redis.call('ZRANGEBYSCORE', skey(s), '(' .. after, '+inf', 'WITHSCORES', 'LIMIT', 0, limit)
    for i = 1, #rows, 2 do found[#found + 1] = {tonumber(rows[i + 1]), rows[i]} end
  end
end
table.sort(found, function(a, b) return a[1] < b[1] end)
local keys = {}
for i = 1, math.min(#found, limit) do keys[i] = tkey(found[i][2]) end
local out = {}
for _, r in ipairs(#keys > 0 and mget(keys) or {}) do
  if r then out[#out + 1] = r end
end
return out
