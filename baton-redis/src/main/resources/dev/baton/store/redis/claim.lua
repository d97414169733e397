-- ARGV: now, owner, token (both with '|' escaped), limit, lease (micros), lane count, lanes.
-- Returns how many values follow per task, then per claimed task its id and new state, and, for a
-- claim of up to SMALL_CLAIM tasks, its body and extras (false when none). A larger claim leaves
-- the bodies and extras to the caller's MGET, cheaper for Redis per task than a read in a script
-- and safe, since neither can change while it holds the lease; a small one saves that round trip.
local SMALL_CLAIM = 16
local owner, token, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local deadline = num(NOW + tonumber(ARGV[5]))
local group = deadline .. '|' .. token
local nl = tonumber(ARGV[6])
local lanes = {}
for l = 1, nl do
  local lane = ARGV[6 + l]
  lanes[l] = lane
  -- Promote delayed tasks that came due, so that they compete with the ready ones.
  local due = redis.call('ZRANGEBYSCORE', dkey(lane), '-inf', NOWS, 'LIMIT', 0, 1000)
  if #due > 0 then
    local st = states(due)
    local adds = {}
    for j, id in ipairs(due) do
      if st[j] then
        local seq, prio, run_at = string.match(st[j], PROMOTE_PAT)
        adds[#adds + 1] = 0
        adds[#adds + 1] = rmember(prio, run_at, seq, id)
      end
    end
    chunked('ZREM', dkey(lane), due)
    if #adds > 0 then chunked('ZADD', rkey(lane), adds) end
  end
end

local out = {}
-- Takes up to need heads across the lanes' sorted sets and ready lists, in claim order, off their
-- sources, and claims those that still count. Returns how many were stale ready-list entries.
local function round(need)
  -- Each source's heads are in claim order, and its share of the first need is a prefix of them.
  local sources = {}
  for _, lane in ipairs(lanes) do
    local z = redis.call('ZRANGE', rkey(lane), 0, need - 1)
    if #z > 0 then sources[#sources + 1] = {lane = lane, heads = z, list = false} end
    local r = redis.call('LRANGE', lkey(lane), 0, need - 1)
    if #r > 0 then sources[#sources + 1] = {lane = lane, heads = r, list = true} end
  end
  local members, srcs = {}, {}
  if #sources == 1 then
    -- The usual case, one lane with one source: no merge.
    local src = sources[1]
    for c = 1, math.min(need, #src.heads) do members[c] = src.heads[c]; srcs[c] = src end
  elseif #sources > 1 then
    local cands = {}
    for _, src in ipairs(sources) do
      for _, member in ipairs(src.heads) do cands[#cands + 1] = {member, src} end
    end
    table.sort(cands, function(a, b) return a[1] < b[1] end)
    for c = 1, math.min(need, #cands) do members[c] = cands[c][1]; srcs[c] = cands[c][2] end
  end
  if #members == 0 then return 0 end
  local ids, trims, zrems = {}, {}, {}
  for c, member in ipairs(members) do
    ids[c] = string.sub(member, READY_ID)
    local src = srcs[c]
    if src.list then
      trims[src.lane] = (trims[src.lane] or 0) + 1
    else
      local l = zrems[src.lane]
      if not l then l = {}; zrems[src.lane] = l end
      l[#l + 1] = member
    end
  end
  for lane, n in pairs(trims) do redis.call('LTRIM', lkey(lane), n, -1) end
  for lane, l in pairs(zrems) do chunked('ZREM', rkey(lane), l) end
  local st = states(ids)
  local stale = 0
  for c, id in ipairs(ids) do
    local state, before, lane, ld, seq
    if st[c] then state, before, lane, ld, seq = claimed(st[c], owner, token, deadline) end
    if srcs[c].list and not (state and current(members[c], before, ld, seq)) then
      stale = stale + 1
    elseif state then
      if not srcs[c].list then zrem(skey(before), id) end
      count(lane, before, -1)
      count(lane, 'RUNNING', 1)
      lease_in(group, id)
      out[#out + 1] = id
      out[#out + 1] = state
    end
  end
  return stale
end

-- Stale entries taken off a ready list leave room: take again until the limit or the lanes run out.
local need = limit
while need > 0 do
  if round(need) == 0 then break end
  need = limit - #out / 2
end
if #out > 0 then hset(out) end
flush()
local n = #out / 2
if n == 0 or n > SMALL_CLAIM then
  table.insert(out, 1, 2)
  return out
end
local keys, extras = {}, {}
for i = 1, n do
  local id = out[2 * i - 1]
  keys[#keys + 1] = tkey(id)
  extras[i] = string.match(out[2 * i], X_PAT) == '1'
  if extras[i] then keys[#keys + 1] = xkey(id) end
end
local parts = redis.call('MGET', unpack(keys))
local whole, p = {4}, 1
for i = 1, n do
  whole[#whole + 1] = out[2 * i - 1]
  whole[#whole + 1] = out[2 * i]
  whole[#whole + 1] = parts[p]
  p = p + 1
  if extras[i] then
    whole[#whole + 1] = parts[p]
    p = p + 1
  else
    whole[#whole + 1] = false
  end
end
return whole
