-- ARGV: now, owner, token, limit, lease (micros), lane count, lanes.
local owner, token, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local deadline = num(NOW + tonumber(ARGV[5]))
local nl = tonumber(ARGV[6])
local cands = {}
for l = 1, nl do
  local lane = ARGV[6 + l]
  -- Promote delayed tasks that came due, so that they compete with the ready ones.
  local due = redis.call('ZRANGEBYSCORE', dkey(lane), '-inf', NOWS, 'LIMIT', 0, 1000)
  if #due > 0 then
    local adds = {}
    for _, id in ipairs(due) do
      local f = redis.call('HMGET', tkey(id), 'prio', 'runAt', 'seq')
      if f[1] then
        adds[#adds + 1] = 0
        adds[#adds + 1] = rmember(f[1], f[2], f[3], id)
      end
    end
    chunked('ZREM', dkey(lane), due)
    if #adds > 0 then chunked('ZADD', rkey(lane), adds) end
  end
  local heads = redis.call('ZRANGE', rkey(lane), 0, limit - 1)
  for _, member in ipairs(heads) do cands[#cands + 1] = {member, lane} end
end
table.sort(cands, function(a, b) return a[1] < b[1] end)
local out = {}
for c = 1, math.min(limit, #cands) do
  local member, lane = cands[c][1], cands[c][2]
  local id = string.sub(member, 38)
  zrem(rkey(lane), member)
  local flat = redis.call('HGETALL', tkey(id))
  if #flat > 0 then
    local m = to_map(flat)
    local before = m.status
    m.status = 'RUNNING'
    m.att = num(tonumber(m.att) + 1)
    m.started = NOWS
    m.lo = owner
    m.lt = token
    m.ld = deadline
    m.updated = NOWS
    redis.call('HSET', tkey(id), 'status', 'RUNNING', 'att', m.att, 'started', NOWS, 'lo', owner,
      'lt', token, 'ld', deadline, 'updated', NOWS)
    zrem(skey(before), id)
    zadd(skey('RUNNING'), m.seq, id)
    count(m.queue, m.type, before, -1)
    count(m.queue, m.type, 'RUNNING', 1)
    zadd(LEASES, deadline, id)
    out[#out + 1] = to_flat(m)
  end
end
flush()
return out
