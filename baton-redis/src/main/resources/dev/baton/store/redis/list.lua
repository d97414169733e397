-- ARGV: now, status or '', queue or '', type or '', offset, limit. Newest first.
-- Returns {total, record, record, ...} with records as JSON.
local status, q, ty = ARGV[2], ARGV[3], ARGV[4]
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local sets = status ~= '' and {status} or STATUSES
local function records(ids)
  local keys = {}
  for i, id in ipairs(ids) do keys[i] = tkey(id) end
  local out = {}
  for _, r in ipairs(#keys > 0 and mget(keys) or {}) do
    if r then out[#out + 1] = r end
  end
  return out
end
if q == '' and ty == '' and #sets == 1 and status ~= 'RUNNING' then
  local out = records(redis.call('ZREVRANGE', skey(status), offset, offset + limit - 1))
  table.insert(out, 1, redis.call('ZCARD', skey(status)))
  return out
end
-- Filters by queue or type read every task of the statuses asked: a dashboard's cost, never the
-- queue's.
local found = {}
for _, s in ipairs(sets) do
  local ids, seqs = {}, {}
  if s == 'RUNNING' then
    for _, row in ipairs(running_rows()) do ids[#ids + 1] = row[2]; seqs[#seqs + 1] = row[1] end
  else
    local rows = redis.call('ZRANGE', skey(s), 0, -1, 'WITHSCORES')
    for i = 1, #rows, 2 do ids[#ids + 1] = rows[i]; seqs[#seqs + 1] = tonumber(rows[i + 1]) end
  end
  if q ~= '' or ty ~= '' then
    local keys = {}
    for i, id in ipairs(ids) do keys[i] = tkey(id) end
    local recs = #keys > 0 and mget(keys) or {}
    for i, id in ipairs(ids) do
      if recs[i] then
        local m = cjson.decode(recs[i])
        if (q == '' or m.queue == q) and (ty == '' or m.type == ty) then
          found[#found + 1] = {seqs[i], id}
        end
      end
    end
  else
    for i, id in ipairs(ids) do found[#found + 1] = {seqs[i], id} end
  end
end
table.sort(found, function(a, b) return a[1] > b[1] end)
local page = {}
for i = offset + 1, math.min(#found, offset + limit) do page[#page + 1] = found[i][2] end
local out = records(page)
table.insert(out, 1, #found)
return out
