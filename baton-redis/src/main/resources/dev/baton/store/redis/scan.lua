-- ARGV: now, after (sequence, exclusive), limit. Tasks in sequence order, any status, as state,
-- body and extras each.
local after, limit = ARGV[2], tonumber(ARGV[3])
local found = {}
for _, s in ipairs(STATUSES) do
  for _, row in ipairs(status_list_rows(s, limit, tonumber(after))) do found[#found + 1] = row end
  if s == 'RUNNING' then
    local floor = tonumber(after)
    for _, row in ipairs(running_rows()) do
      if row[1] > floor then found[#found + 1] = row end
    end
  else
    local r = redis.call('ZRANGEBYSCORE', skey(s), '(' .. after, '+inf', 'WITHSCORES', 'LIMIT', 0, limit)
    for i = 1, #r, 2 do found[#found + 1] = {tonumber(r[i + 1]), r[i]} end
  end
end
table.sort(found, function(a, b) return a[1] < b[1] end)
local ids = {}
for i = 1, math.min(#found, limit) do ids[i] = found[i][2] end
return rows(ids)
