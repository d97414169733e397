-- ARGV: now, status or '', queue or '', type or '', offset, limit. Newest first.
-- Returns {total, then state, body, extras per task}.
local status, q, ty = ARGV[2], ARGV[3], ARGV[4]
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local sets = status ~= '' and {status} or STATUSES
local want = offset + limit
local function page_of(ids, total)
  local out = rows(ids)
  table.insert(out, 1, total)
  return out
end
if q == '' and ty == '' and #sets == 1 and status ~= 'RUNNING' then
  return page_of(redis.call('ZREVRANGE', skey(status), offset, offset + limit - 1),
    redis.call('ZCARD', skey(status)))
end
local function matches(lane)
  local nl = string.find(lane, '\n', 1, true)
  return (q == '' or string.sub(lane, 1, nl - 1) == q) and (ty == '' or string.sub(lane, nl + 1) == ty)
end
local filtered = q ~= '' or ty ~= ''
-- The total: the counters per lane and status, so no task is read for it.
local total = 0
local asked = {}
for _, s in ipairs(sets) do asked[s] = true end
local counts = redis.call('HGETALL', COUNTS)
for i = 1, #counts, 2 do
  local lane, s = string.match(counts[i], '^(.*)\n([^\n]*)$')
  if asked[s] and (not filtered or matches(lane)) then total = total + tonumber(counts[i + 1]) end
end
-- The page: the newest offset + limit matching tasks of each status asked hold it, so each status
-- index is read newest first only until it has given that many (or ends), and those are merged.
-- Unfiltered, that is offset + limit entries per status; filtered, as many as it takes to find
-- them, which is every task of the status only when fewer match.
local found = {}
for _, s in ipairs(sets) do
  if s == 'RUNNING' then
    local rs = running_rows()
    table.sort(rs, function(a, b) return a[1] > b[1] end)
    local got = 0
    local st = {}
    if filtered and #rs > 0 then
      local ids = {}
      for i, row in ipairs(rs) do ids[i] = row[2] end
      st = states(ids)
    end
    for i, row in ipairs(rs) do
      if got == want then break end
      if not filtered or (st[i] and matches(sdecode(st[i]).lane)) then
        found[#found + 1] = row
        got = got + 1
      end
    end
  else
    local key, got, from = skey(s), 0, 0
    local step = filtered and 1000 or want
    while got < want do
      local r = redis.call('ZREVRANGE', key, from, from + step - 1, 'WITHSCORES')
      if #r == 0 then break end
      local ids = {}
      for i = 1, #r, 2 do ids[#ids + 1] = r[i] end
      local st = filtered and states(ids) or {}
      for j, id in ipairs(ids) do
        if got == want then break end
        if not filtered or (st[j] and matches(sdecode(st[j]).lane)) then
          found[#found + 1] = {tonumber(r[2 * j]), id}
          got = got + 1
        end
      end
      from = from + step
      if #ids < step then break end
    end
  end
end
table.sort(found, function(a, b) return a[1] > b[1] end)
local page = {}
for i = offset + 1, math.min(#found, want) do page[#page + 1] = found[i][2] end
return page_of(page, total)
