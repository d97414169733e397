-- ARGV: now, owner, token (both with '|' escaped), limit, lease (micros), lane count, lanes.
-- Returns id and new state per claimed task; the caller reads bodies and extras itself, since they
-- cannot change while it holds the lease, and a plain MGET is cheaper than one in a script.
local owner, token, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local deadline = num(NOW + tonumber(ARGV[5]))
local nl = tonumber(ARGV[6])
local cands, single = {}, nil
for l = 1, nl do
  local lane = ARGV[6 + l]
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
  local heads = redis.call('ZRANGE', rkey(lane), 0, limit - 1)
  if nl == 1 then
    single = heads
  else
    for _, member in ipairs(heads) do cands[#cands + 1] = {member, lane} end
  end
end
local ids = {}
local take
if single then
  -- One lane's heads are already in claim order; its members go in one ZREM.
  take = #single
  for c = 1, take do ids[c] = string.sub(single[c], 38) end
  if take > 0 then chunked('ZREM', rkey(ARGV[7]), single) end
else
  table.sort(cands, function(a, b) return a[1] < b[1] end)
  take = math.min(limit, #cands)
  for c = 1, take do
    ids[c] = string.sub(cands[c][1], 38)
    zrem(rkey(cands[c][2]), cands[c][1])
  end
end
if take == 0 then return {} end
local st = states(ids)
local out = {}
for c = 1, take do
  if st[c] then
    local id = ids[c]
    local state, before, lane = claimed(st[c], owner, token, deadline)
    zrem(skey(before), id)
    count(lane, before, -1)
    count(lane, 'RUNNING', 1)
    zadd(LEASES, deadline, id)
    out[#out + 1] = id
    out[#out + 1] = state
  end
end
if #out > 0 then hset(out) end
flush()
return out
