-- ARGV: now, status or '', queue or '', type or '', offset, limit. Newest first.
-- Returns {total, then state, body, extras per task}.
local status, q, ty = ARGV[2], ARGV[3], ARGV[4]
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local sets = status ~= '' and {status} or STATUSES
local function page_of(ids, total)
  local out = rows(ids)
  table.insert(out, 1, total)
  return out
end
if q == '' and ty == '' and #sets == 1 and status ~= 'RUNNING' then
  return page_of(redis.call('ZREVRANGE', skey(status), offset, offset + limit - 1),
    redis.call('ZCARD', skey(status)))
end
-- No queue or type filter: the newest offset + limit of each status index asked hold the page, so
-- only those are read and merged, not every task.
if q == '' and ty == '' then
  local want = offset + limit
  local found, total = {}, 0
  for _, s in ipairs(sets) do
    if s == 'RUNNING' then
      for _, row in ipairs(running_rows()) do found[#found + 1] = row end
      total = total + redis.call('ZCARD', LEASES)
    else
      local r = redis.call('ZREVRANGE', skey(s), 0, want - 1, 'WITHSCORES')
      for i = 1, #r, 2 do found[#found + 1] = {tonumber(r[i + 1]), r[i]} end
      total = total + redis.call('ZCARD', skey(s))
    end
  end
  table.sort(found, function(a, b) return a[1] > b[1] end)
  local page = {}
  for i = offset + 1, math.min(#found, want) do page[#page + 1] = found[i][2] end
  return page_of(page, total)
end
-- Filters by queue or type read every task of the statuses asked: a dashboard's cost, never the
-- queue's.
local found = {}
for _, s in ipairs(sets) do
  local ids, seqs = {}, {}
  if s == 'RUNNING' then
    for _, row in ipairs(running_rows()) do ids[#ids + 1] = row[2]; seqs[#seqs + 1] = row[1] end
  else
    local r = redis.call('ZRANGE', skey(s), 0, -1, 'WITHSCORES')
    for i = 1, #r, 2 do ids[#ids + 1] = r[i]; seqs[#seqs + 1] = tonumber(r[i + 1]) end
  end
  if q ~= '' or ty ~= '' then
    local st = #ids > 0 and states(ids) or {}
    for i, id in ipairs(ids) do
      if st[i] then
        local lane = sdecode(st[i]).lane
        local nl = string.find(lane, '\n', 1, true)
        if (q == '' or string.sub(lane, 1, nl - 1) == q)
            and (ty == '' or string.sub(lane, nl + 1) == ty) then
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
return page_of(page, #found)
