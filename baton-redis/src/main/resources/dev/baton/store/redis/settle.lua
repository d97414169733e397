-- ARGV: now, node, count, then per settlement six values: kind (S succeed, F fail, R retry,
-- U suspend, L release), id, token, ran (nanos), a, b. S: a = result or ''. F: a = error.
-- R: a = delay (micros), b = error. U: a = after (micros), b = state or ''.
local n = tonumber(ARGV[3])
local out, ready = {}, false
for s = 1, n do
  local b = 4 + (s - 1) * 6
  local kind, id, token, ran, a, bb = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4], ARGV[b + 5]
  local key = tkey(id)
  local f = redis.call('HMGET', key, 'status', 'lt', 'queue', 'type', 'att', 'prio', 'seq', 'exec',
    'errors', 'runAt')
  if f[1] ~= 'RUNNING' or f[2] ~= token then
    out[s] = 0
  else
    local q, ty, seq = f[3], f[4], f[7]
    -- Empty lease fields read as none: one HSET instead of an HSET and an HDEL per task.
    local set = {'updated', NOWS, 'exec', num(tonumber(f[8] or '0') + tonumber(ran)), 'lo', '',
      'lt', '', 'ld', ''}
    local del = nil
    local to, run_at = nil, f[10]
    zrem(LEASES, id)
    zrem(skey('RUNNING'), id)
    count(q, ty, 'RUNNING', -1)
    if kind == 'S' then
      to = 'SUCCEEDED'
      set[#set + 1] = 'finished'; set[#set + 1] = NOWS
      -- A running task has no result (retry() clears it), so a null result needs no HDEL.
      if a ~= '' then set[#set + 1] = 'result'; set[#set + 1] = a end
    elseif kind == 'F' then
      to = 'FAILED'
      set[#set + 1] = 'finished'; set[#set + 1] = NOWS
      set[#set + 1] = 'errors'; set[#set + 1] = append_error(f[9], a)
    elseif kind == 'R' then
      to = 'QUEUED'
      run_at = num(NOW + tonumber(a))
      set[#set + 1] = 'errors'; set[#set + 1] = append_error(f[9], bb)
    elseif kind == 'U' then
      to = 'SUSPENDED'
      run_at = num(NOW + tonumber(a))
      set[#set + 1] = 'att'; set[#set + 1] = num(tonumber(f[5]) - 1)
      if bb ~= '' then set[#set + 1] = 'state'; set[#set + 1] = bb else del = 'state' end
    else
      to = 'QUEUED'
      set[#set + 1] = 'att'; set[#set + 1] = num(tonumber(f[5]) - 1)
    end
    set[#set + 1] = 'status'; set[#set + 1] = to
    set[#set + 1] = 'runAt'; set[#set + 1] = run_at
    redis.call('HSET', key, unpack(set))
    if del then redis.call('HDEL', key, del) end
    zadd(skey(to), seq, id)
    count(q, ty, to, 1)
    if terminal(to) then
      zadd(FIN, NOWS, id)
    else
      ready = place(q, ty, f[6], run_at, seq, id) or ready
    end
    out[s] = 1
  end
end
flush()
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return {out, ready and 1 or 0}
