-- ARGV: now, status or '', queue or '', type or '', offset, limit. Newest first.
-- Returns {total, record, record, ...}.
local status, q, ty = ARGV[2], ARGV[3], ARGV[4]
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local sets = status ~= '' and {status} or STATUSES
local out = {}
if q == '' and ty == '' and #sets == 1 then
  local total = redis.call('ZCARD', skey(status))
  out[1] = total
  local ids = redis.call('ZREVRANGE', skey(status), offset, offset + limit - 1)
  for _, id in ipairs(ids) do out[#out + 1] = redis.call('HGETALL', tkey(id)) end
  return out
end
-- Filters by queue or type read every task of the statuses asked: a dashboard's cost, never the
-- queue's.
local found = {}
for _, s in ipairs(sets) do
  local rows = redis.call('ZRANGE', skey(s), 0, -1, 'WITHSCORES')
  for i = 1, #rows, 2 do
    local keep = true
    if q ~= '' or ty ~= '' then
      local f = redis.call('HMGET', tkey(rows[i]), 'queue', 'type')
      keep = (q == '' or f[1] == q) and (ty == '' or f[2] == ty)
    end
    if keep then found[#found + 1] = {tonumber(rows[i + 1]), rows[i]} end
  end
end
table.sort(found, function(a, b) return a[1] > b[1] end)
out[1] = #found
for i = offset + 1, math.min(#found, offset + limit) do
  out[#out + 1] = redis.call('HGETALL', tkey(found[i][2]))
end
return out
