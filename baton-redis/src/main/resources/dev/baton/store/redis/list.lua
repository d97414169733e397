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
-- One status with no filter is one index read, unless it is RUNNING (the lease groups) or some of
-- its tasks are on lists.
if q == '' and ty == '' and #sets == 1 and status ~= 'RUNNING' and not on_lists(status) then
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
-- Adds the rows ({sequence, id, state}, newest first; the state needed only when filtered) that
-- match, until one status has given want of them. Returns that status's new count.
local function take(rs, got)
  for _, row in ipairs(rs) do
    if got == want then break end
    if not filtered or (row[3] and matches(sdecode(row[3]).lane)) then
      found[#found + 1] = row
      got = got + 1
    end
  end
  return got
end
for _, s in ipairs(sets) do
  for _, row in ipairs(status_list_rows(s, want, nil, filtered and matches or nil)) do
    found[#found + 1] = row
  end
  if s == 'RUNNING' then
    local rs = running_rows()
    table.sort(rs, function(a, b) return a[1] > b[1] end)
    take(rs, 0)
  else
    local key, got, from = skey(s), 0, 0
    local step = filtered and 1000 or want
    while got < want do
      local r = redis.call('ZREVRANGE', key, from, from + step - 1, 'WITHSCORES')
      if #r == 0 then break end
      local rs, ids = {}, {}
      for i = 1, #r, 2 do
        rs[#rs + 1] = {tonumber(r[i + 1]), r[i]}
        ids[#ids + 1] = r[i]
      end
      if filtered then
        for j, state in ipairs(states(ids)) do rs[j][3] = state end
      end
      got = take(rs, got)
      from = from + step
      if #rs < step then break end
    end
  end
end
table.sort(found, function(a, b) return a[1] > b[1] end)
local page = {}
for i = offset + 1, math.min(#found, want) do page[#page + 1] = found[i][2] end
return page_of(page, total)
