-- ARGV: now, owner, token, limit, lease (micros), lane count, lanes.
local owner, token, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local deadline = num(NOW + tonumber(ARGV[5]))
local nl = tonumber(ARGV[6])
local cands, single = {}, nil
for l = 1, nl do
  local lane = ARGV[6 + l]
  -- Promote delayed tasks that came due, so that they compete with the ready ones.
  local due = redis.call('ZRANGEBYSCORE', dkey(lane), '-inf', NOWS, 'LIMIT', 0, 1000)
  if #due > 0 then
    local keys = {}
    for j, id in ipairs(due) do keys[j] = tkey(id) end
    local records = mget(keys)
    local adds = {}
    for j, id in ipairs(due) do
      if records[j] then
        local m = cjson.decode(records[j])
        adds[#adds + 1] = 0
        adds[#adds + 1] = rmember(m.prio, m.runAt, m.seq, id)
      end
    end
    chunked('ZREM', dkey(lane), due)
    if #adds > 0 then chunked('ZADD', rkey(lane), adds) end
  end
  local heads = redis.call('ZRANGE', rkey(lane), 0, limit - 1)
  if nl == 1 then
    single = heads
  else
    for _, member in ipairs(heads) do cands[#cands + 1] = {member, lane} end
  end
end
local ids, keys = {}, {}
local take
if single then
  -- One lane's heads are already in claim order; its members go in one ZREM.
  take = #single
  for c = 1, take do
    ids[c] = string.sub(single[c], 38)
    keys[c] = tkey(ids[c])
  end
  if take > 0 then chunked('ZREM', rkey(ARGV[7]), single) end
else
  table.sort(cands, function(a, b) return a[1] < b[1] end)
  take = math.min(limit, #cands)
  for c = 1, take do
    local member, lane = cands[c][1], cands[c][2]
    ids[c] = string.sub(member, 38)
    keys[c] = tkey(ids[c])
    zrem(rkey(lane), member)
  end
end
local records = take > 0 and mget(keys) or {}
local out, writes = {}, {}
for c = 1, take do
  if records[c] then
    local id = ids[c]
    local m = cjson.decode(records[c])
    local before = m.status
    m.status = 'RUNNING'
    m.att = num(tonumber(m.att) + 1)
    m.started = NOWS
    m.lo = owner
    m.lt = token
    m.ld = deadline
    m.updated = NOWS
    local json = cjson.encode(m)
    writes[#writes + 1] = keys[c]
    writes[#writes + 1] = json
    zrem(skey(before), id)
    count(m.queue, m.type, before, -1)
    count(m.queue, m.type, 'RUNNING', 1)
    zadd(LEASES, deadline, id)
    out[#out + 1] = json
  end
end
if #writes > 0 then mset(writes) end
flush()
return out
