-- Shared by every Baton script; the script's own body follows. KEYS[1] is the prefix with its hash
-- tag ("{baton}"), so every key below hashes to one Cluster slot. Times are epoch microseconds,
-- ARGV[1] is the caller's "now" or empty for the server's TIME.
local P = KEYS[1] .. ':'
local SEQ, LEASES, FIN, COUNTS, LANES, WAKE =
  P .. 'seq', P .. 'leases', P .. 'fin', P .. 'counts', P .. 'lanes', P .. 'wake'
local STATUSES = {'QUEUED', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'CANCELED'}

local function num(n) return string.format('%.0f', n) end
local function clock(arg)
  if arg ~= nil and arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local NOW = clock(ARGV[1])
local NOWS = num(NOW)

local function tkey(id) return P .. 't:' .. id end
local function lane_of(q, ty) return q .. '\n' .. ty end
-- Key names are memoised: every new Lua string is hashed byte by byte when it is made, and a batch
-- would otherwise build the same few names once per task.
local RKEYS, DKEYS, SKEYS = {}, {}, {}
local function rkey(lane)
  local k = RKEYS[lane]
  if not k then k = P .. 'r:' .. lane; RKEYS[lane] = k end
  return k
end
local function dkey(lane)
  local k = DKEYS[lane]
  if not k then k = P .. 'd:' .. lane; DKEYS[lane] = k end
  return k
end
-- RUNNING tasks have no status index of their own: the lease set, scored by deadline, is it. A
-- claim and a settlement then touch one sorted set for the lease instead of two.
local function skey(status)
  if status == 'RUNNING' then return LEASES end
  local k = SKEYS[status]
  if not k then k = P .. 's:' .. status; SKEYS[status] = k end
  return k
end
local function terminal(s) return s == 'SUCCEEDED' or s == 'FAILED' or s == 'CANCELED' end
local function waiting(s) return s == 'QUEUED' or s == 'SUSPENDED' end

local function to_map(flat)
  local m = {}
  for i = 1, #flat, 2 do m[flat[i]] = flat[i + 1] end
  return m
end
local function to_flat(m)
  local f = {}
  for k, v in pairs(m) do f[#f + 1] = k; f[#f + 1] = v end
  return f
end

-- Writes to shared sorted sets and counters are gathered and sent once per key at the end: a
-- batch of a thousand tasks costs one ZADD per index, not a thousand.
local Z_ADD, Z_REM, COUNT = {}, {}, {}
local function zadd(key, score, member)
  local l = Z_ADD[key]
  if not l then l = {}; Z_ADD[key] = l end
  l[#l + 1] = score; l[#l + 1] = member
end
local function zrem(key, member)
  local l = Z_REM[key]
  if not l then l = {}; Z_REM[key] = l end
  l[#l + 1] = member
end
local function count(q, ty, status, delta)
  local byq = COUNT[q]
  if not byq then byq = {}; COUNT[q] = byq end
  local byt = byq[ty]
  if not byt then byt = {}; byq[ty] = byt end
  byt[status] = (byt[status] or 0) + delta
end
local function chunked(cmd, key, list)
  for i = 1, #list, 4000 do
    redis.call(cmd, key, unpack(list, i, math.min(i + 3999, #list)))
  end
end
local function flush()
  for key, l in pairs(Z_REM) do chunked('ZREM', key, l) end
  for key, l in pairs(Z_ADD) do chunked('ZADD', key, l) end
  for q, byq in pairs(COUNT) do
    for ty, byt in pairs(byq) do
      for status, d in pairs(byt) do
        if d ~= 0 then redis.call('HINCRBY', COUNTS, q .. '\n' .. ty .. '\n' .. status, d) end
      end
    end
  end
  Z_ADD, Z_REM, COUNT = {}, {}, {}
end

-- A ready task's member in its lane: lexical order is priority (high first), run-at, sequence.
-- The id starts at a fixed offset, 38.
local function rmember(prio, run_at, seq, id)
  local r = tonumber(run_at)
  if r < 0 then r = 0 end
  return string.format('%02d|%017.0f|%015.0f|', 10 - tonumber(prio), r, tonumber(seq)) .. id
end

-- Puts a waiting task in its lane: ready when due, else delayed. True if ready now.
local function place(q, ty, prio, run_at, seq, id)
  local lane = lane_of(q, ty)
  if tonumber(run_at) <= NOW then
    zadd(rkey(lane), 0, rmember(prio, run_at, seq, id))
    return true
  end
  zadd(dkey(lane), run_at, id)
  return false
end
local function unplace(q, ty, prio, run_at, seq, id)
  local lane = lane_of(q, ty)
  zrem(rkey(lane), rmember(prio, run_at, seq, id))
  zrem(dkey(lane), id)
end

local function append_error(errors, e)
  if not errors or errors == '' or errors == '[]' then return '[' .. e .. ']' end
  return string.sub(errors, 1, -2) .. ',' .. e .. ']'
end

-- Epoch microseconds as ISO-8601 UTC, for messages a person reads.
local function iso(micros)
  local us = tonumber(micros)
  local secs = math.floor(us / 1000000)
  local frac = us - secs * 1000000
  local days = math.floor(secs / 86400)
  local rem = secs - days * 86400
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  local out = string.format('%04d-%02d-%02dT%02d:%02d:%02d', y, m, d, math.floor(rem / 3600),
    math.floor(rem % 3600 / 60), rem % 60)
  if frac > 0 then out = out .. string.format('.%06d', frac) end
  return out .. 'Z'
end

-- A task is one string key holding a JSON object of string fields (absent = null), so that a batch
-- reads and writes all its tasks with one MGET and one MSET instead of a few calls per task.
local function mget(keys)
  local out = {}
  for i = 1, #keys, 1000 do
    local part = redis.call('MGET', unpack(keys, i, math.min(i + 999, #keys)))
    for j = 1, #part do out[#out + 1] = part[j] end
  end
  return out
end
local function mset(pairs_list)
  for i = 1, #pairs_list, 2000 do
    redis.call('MSET', unpack(pairs_list, i, math.min(i + 1999, #pairs_list)))
  end
end
local function del_all(keys)
  for i = 1, #keys, 1000 do redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys))) end
end
-- The RUNNING tasks as {sequence, id} pairs, read from their records: the lease set is scored by
-- deadline. For listing and export only, never on a queue's path.
local function running_rows()
  local ids = redis.call('ZRANGE', LEASES, 0, -1)
  local keys = {}
  for i, id in ipairs(ids) do keys[i] = tkey(id) end
  local recs = #keys > 0 and mget(keys) or {}
  local rows = {}
  for i, id in ipairs(ids) do
    if recs[i] then rows[#rows + 1] = {tonumber(cjson.decode(recs[i]).seq), id} end
  end
  return rows
end
local function load(key)
  local v = redis.call('GET', key)
  if not v then return nil end
  return cjson.decode(v)
end

-- Inserts tasks given as ARGV[i] = task count, then per task six values: id, queue, type,
-- priority, run-at or '' (now), and the record as JSON. Missing fields get enqueue defaults.
-- Returns one 1/0 per task, and whether one is ready now. With fresh set, every task is a new
-- enqueue whose JSON holds none of the fields set here (status, counters, times, sequence): they
-- are spliced in front of it as text, since decoding and re-encoding each record is most of a
-- batch's cost in the script.
local function insert(i, fresh)
  local n = tonumber(ARGV[i]); i = i + 1
  local seq = tonumber(redis.call('GET', SEQ) or '0')
  local first = seq
  local out, ready, lanes, seen, writes = {}, false, {}, {}, {}
  local keys = {}
  for t = 1, n do keys[t] = tkey(ARGV[i + (t - 1) * 6]) end
  local existing = n > 0 and mget(keys) or {}
  for t = 1, n do
    local b = i + (t - 1) * 6
    local id = ARGV[b]
    if existing[t] or seen[id] then
      out[t] = 0
    elseif fresh then
      seen[id] = true
      local q, ty, run = ARGV[b + 1], ARGV[b + 2], ARGV[b + 4]
      seq = seq + 1
      local seqs = num(seq)
      local head = '{"seq":"' .. seqs .. '","status":"QUEUED","att":"0","exec":"0","created":"'
        .. NOWS .. '","updated":"' .. NOWS .. '",'
      if run == '' then
        run = NOWS
        head = head .. '"runAt":"' .. NOWS .. '",'
      end
      writes[#writes + 1] = keys[t]
      writes[#writes + 1] = head .. string.sub(ARGV[b + 5], 2)
      zadd(skey('QUEUED'), seq, id)
      count(q, ty, 'QUEUED', 1)
      lanes[lane_of(q, ty)] = true
      ready = place(q, ty, ARGV[b + 3], run, seqs, id) or ready
      out[t] = 1
    else
      seen[id] = true
      local m = cjson.decode(ARGV[b + 5])
      seq = seq + 1
      m.seq = num(seq)
      m.status = m.status or 'QUEUED'
      m.att = m.att or '0'
      m.exec = m.exec or '0'
      m.created = m.created or NOWS
      m.updated = m.updated or NOWS
      m.runAt = m.runAt or NOWS
      writes[#writes + 1] = keys[t]
      writes[#writes + 1] = cjson.encode(m)
      zadd(skey(m.status), seq, id)
      count(m.queue, m.type, m.status, 1)
      lanes[lane_of(m.queue, m.type)] = true
      if waiting(m.status) then
        ready = place(m.queue, m.type, m.prio, m.runAt, m.seq, id) or ready
      elseif terminal(m.status) and m.finished then
        zadd(FIN, m.finished, id)
      end
      out[t] = 1
    end
  end
  if seq ~= first then
    mset(writes)
    redis.call('SET', SEQ, num(seq))
    local l = {}
    for lane in pairs(lanes) do l[#l + 1] = lane end
    redis.call('SADD', LANES, unpack(l))
  end
  flush()
  return out, ready
end
