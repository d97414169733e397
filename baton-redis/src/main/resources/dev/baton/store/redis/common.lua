-- The head of Baton's function library: every script's body follows, each registered as one
-- function (see Script.java). The library is loaded once, so the helpers below are made once, not
-- on every call; begin(), at the end, sets what belongs to one call. KEYS[1] is the prefix with its
-- hash tag ("{baton}"), so every key below hashes to one Cluster slot. Times are epoch microseconds,
-- ARGV[1] is the caller's "now" or empty for the server's TIME.
--
-- docs/backends/redis-data-model.md describes every key and the rules between them.
--
-- A task is stored in up to three parts, so that a claim and a settlement rewrite a short string
-- instead of the whole task:
--   t:<id>  its body, JSON written once at enqueue and never changed (id, type, queue, payload...);
--   m       one hash, field <id>: its state, the fields that change (see STATE_FIELDS);
--   x:<id>  its extras, JSON of errors, result and suspend state, present only when one is set.
-- Finished tasks are also logged, in finish order, in the list fin: one "<finished>|<id>" entry
-- each, for the retention purge. An append costs a fraction of an insert into a sorted set of every
-- finished task. An entry goes stale when its task is later retried or deleted; the purge checks
-- each entry against the state and drops stale ones as it meets them.
--
-- A lane's ready tasks are in one of two places. Most are enqueued due and in order, each one's
-- member sorting after the one before: those go on the lane's ready list, rl:<lane>, where an
-- enqueue is an append and a claim trims the head, and they need no s:QUEUED entry either, since
-- the list is in sequence order too. Every other ready task (a higher priority, a run-at in the
-- past, come due from the delayed set, released, retried) goes to the lane's sorted set, r:<lane>,
-- and s:QUEUED as before. A list holds one priority at a time, so its head has its earliest run-at.
-- A task on a ready list has 'L' for its lease deadline in its state. A cancel leaves the list
-- entry behind: an entry counts only while its task is QUEUED with that mark and the entry's
-- sequence (an id enqueued again after a purge has a new one); claims and listings drop any other
-- entry as they meet it.
--
-- Succeeded tasks are indexed the same way: most succeed in sequence order, so they are appended
-- to the list done as "<sequence, zero-padded>|<id>", and only one that sorts before the list's
-- last goes to s:SUCCEEDED. A done entry counts while its task exists, SUCCEEDED, under the
-- entry's sequence; the purge trims the stale ones off the head.
--
-- Leases are kept per group, not per task: a group is the tasks that one claim (or one renewal)
-- gave one deadline under one token, named "<deadline>|<token>" after its state's fields. leases
-- is a sorted set of group names by deadline, g:<group> lists the group's task ids, and gc counts
-- the tasks each group still holds. A settlement, a cancel or a renewal counts its task out of its
-- group, a batch at a time, and a group that holds none is deleted; the reaper reads the groups
-- whose deadline passed and takes back the tasks still held. A task so costs one list append at
-- its claim instead of a sorted-set insert and removal.
-- Set by begin() for each call: its keys and arguments, the key names under its prefix and its now.
local KEYS, ARGV, P, SEQ, LEASES, FIN, COUNTS, LANES, WAKE, STATE, DONE, GC, NOW, NOWS
local STATUSES = {'QUEUED', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'CANCELED'}

-- Whole numbers as digits. '%d' (a C long) takes half the time of '%.0f', and a number's own
-- tostring takes longer still; every task formats a few of these.
local function num(n) return string.format('%d', n) end
local function clock(arg)
  if arg ~= nil and arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end

local function tkey(id) return P .. 't:' .. id end
local function xkey(id) return P .. 'x:' .. id end

-- The layout: a state's fields and a list entry's, declared once here. Every pattern, offset and
-- template below is built from these at load, so that a call pays nothing for them. Code at the
-- library's top level runs at load, where only the redis table is reachable: it uses the strings'
-- own methods, since the string library is not there yet.
--
-- A state is these fields, in this order, '|'-separated, an absent one empty: sequence, status,
-- attempts, execution time (ns), priority, run-at, created, updated, started, finished, lease
-- deadline ('L' while on a ready list), extras flag ('1' while x:<id> exists), lease token, lease
-- owner, lane ("queue\ntype"). Only the lane, last, may hold a '|'; the client escapes '|' and '%'
-- in the owner and token. TaskCodec.StateField in Java lists the same names in the same order
-- (TaskCodecTest reads this declaration and fails when they differ).
local STATE_FIELDS = {'seq', 'status', 'att', 'exec', 'prio', 'runAt', 'created', 'updated',
  'started', 'finished', 'ld', 'x', 'lt', 'lo', 'lane'}
local NF = #STATE_FIELDS
-- The lease deadline of a task on a ready list.
local ON_LIST = 'L'

-- Fails the library's load, the reason in the server's log: at load, calling a nil is the one way
-- to raise an error, and its message names the variable.
local function fail_load(reason)
  redis.log(redis.LOG_WARNING, 'Baton function library: ' .. reason)
  local layout_check_failed
  layout_check_failed(reason)
end
local FIELD_AT = {}
for i = 1, NF do FIELD_AT[STATE_FIELDS[i]] = i end

-- An anchored pattern over a state that captures the fields named in want (names separated by
-- spaces), in the state's order whatever want's, skips the others and stops after the last one
-- wanted. 'a..b' captures the run of fields from a to b as one string, for a splice to copy
-- unchanged. A name that is not a field fails the library's load.
local function state_pattern(want)
  local open, close, last = {}, {}, 0
  for item in want:gmatch('%S+') do
    local from, to = item:match('^(.-)%.%.(.+)$')
    if not from then from, to = item, item end
    if not FIELD_AT[from] or not FIELD_AT[to] then fail_load('no state field in ' .. item) end
    from, to = FIELD_AT[from], FIELD_AT[to]
    open[from], close[to] = true, true
    if to > last then last = to end
  end
  local p = '^'
  for i = 1, last do
    if open[i] then p = p .. '(' end
    -- Only the last field may hold a '|'.
    p = p .. (i == NF and '.*' or '[^|]*')
    if close[i] then p = p .. ')' end
    p = p .. (i == NF and '$' or '|')
  end
  return p
end
-- The fields from first to last, '|'-separated, given values for some (the others empty): the
-- constant stretches of a state that a splice writes.
local function state_run(first, last, values)
  local out = ''
  for i = FIELD_AT[first], FIELD_AT[last] do
    if i > FIELD_AT[first] then out = out .. '|' end
    out = out .. (values[STATE_FIELDS[i]] or '')
  end
  return out
end

-- sdecode reads a state into a table of its fields by the names above, sencode writes one back.
-- Each field's name and place come from STATE_FIELDS, but the fields are written out one by one:
-- a loop over the names, or a table that looks names up, costs a third to twice as much on every
-- path that decodes. Fifteen, then, is written here too, and checked.
local ALL_FIELDS = ''
for i = 1, NF do ALL_FIELDS = ALL_FIELDS .. ' ' .. STATE_FIELDS[i] end
local SPAT = state_pattern(ALL_FIELDS)
if NF ~= 15 then fail_load('sdecode and sencode hold 15 state fields, STATE_FIELDS ' .. NF) end
local F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15 = STATE_FIELDS[1],
  STATE_FIELDS[2], STATE_FIELDS[3], STATE_FIELDS[4], STATE_FIELDS[5], STATE_FIELDS[6],
  STATE_FIELDS[7], STATE_FIELDS[8], STATE_FIELDS[9], STATE_FIELDS[10], STATE_FIELDS[11],
  STATE_FIELDS[12], STATE_FIELDS[13], STATE_FIELDS[14], STATE_FIELDS[15]
local function sdecode(s)
  local v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15 = string.match(s, SPAT)
  return {[F1] = v1, [F2] = v2, [F3] = v3, [F4] = v4, [F5] = v5, [F6] = v6, [F7] = v7, [F8] = v8,
    [F9] = v9, [F10] = v10, [F11] = v11, [F12] = v12, [F13] = v13, [F14] = v14, [F15] = v15}
end
local function sencode(m)
  return m[F1] .. '|' .. m[F2] .. '|' .. m[F3] .. '|' .. m[F4] .. '|' .. m[F5] .. '|' .. m[F6]
    .. '|' .. m[F7] .. '|' .. m[F8] .. '|' .. m[F9] .. '|' .. m[F10] .. '|' .. m[F11] .. '|'
    .. m[F12] .. '|' .. m[F13] .. '|' .. m[F14] .. '|' .. m[F15]
end

-- The paths every task takes read only the fields they need, with one anchored match, and splice
-- the new state: decoding all fifteen costs more than the rest of a claim. A splice writes the
-- fields in the order above; the contract tests read every one of them back.
local CLAIM_PAT = state_pattern('seq status att exec..created finished ld x lane')
local SUCCEED_PAT = state_pattern('seq status att exec prio..created started ld x lt lane')
-- A delayed task come due: the fields of its lane member.
local PROMOTE_PAT = state_pattern('seq prio runAt')
-- A ready-list entry's check, a done entry's, a lease group's, a claim's look for extras, and the
-- purge's: the fields each reads.
local LISTED_PAT = state_pattern('seq status ld')
local DONE_PAT = state_pattern('seq status')
local HELD_PAT = state_pattern('status ld lt')
local X_PAT = state_pattern('x')
local SEQ_PAT = state_pattern('seq')
local PURGE_PAT = state_pattern('status finished lane')
-- The constant stretches the splices write. A fresh task's state around its sequence, priority,
-- run-at, created, updated and lane: what comes between sequence and priority, and what comes
-- after updated, on a ready list or not. A plain success's after finished: no lease, no extras.
local FRESH_HEAD = '|' .. state_run('status', 'exec', {status = 'QUEUED', att = '0', exec = '0'})
  .. '|'
local FRESH_LISTED = '|' .. state_run('started', 'lo', {ld = ON_LIST}) .. '|'
local FRESH_PLACED = '|' .. state_run('started', 'lo', {}) .. '|'
local SUCCEEDED_TAIL = '|' .. state_run('ld', 'lo', {}) .. '|'

-- List entries are fixed-width zero-padded digits and then the id, '|'-separated, so that their
-- lexical order is their fields' order and every field sits at a fixed offset. A ready member (in
-- rl:<lane> and r:<lane>) is priority (10 - priority, so that the highest sorts first), run-at and
-- sequence; a done entry is the sequence. entry_layout gives each field's first byte, last byte
-- and width, and where the id starts.
local function entry_layout(fields)
  local l, at = {}, 1
  for i = 1, #fields do
    l[fields[i][1]] = {at, at + fields[i][2] - 1, fields[i][2]}
    at = at + fields[i][2] + 1
  end
  l.id = at
  return l
end
local READY = entry_layout({{'prio', 2}, {'runAt', 17}, {'seq', 15}})
local DONE_ENTRY = entry_layout({{'seq', 15}})
local READY_SEQ, READY_ID = READY.seq[2], READY.id
local DONE_SEQ, DONE_ID = DONE_ENTRY.seq[2], DONE_ENTRY.id
local READY_RUN_AT_W, READY_SEQ_W, DONE_SEQ_W = READY.runAt[3], READY.seq[3], DONE_ENTRY.seq[3]
-- A ready member's priority with its '|': a ready list keeps one priority at a time.
local READY_PRIO_LEN = READY.prio[2] + 1
local READY_PRIO_FORMAT = '%0' .. READY.prio[3] .. 'd|'

-- Whether the zero-padded sequence field of an entry, ending at last, holds seq. A sequence only
-- grows, so the digits at the field's end match no earlier one.
local function holds_seq(entry, last, seq)
  return string.sub(entry, last + 1 - #seq, last) == seq
end
-- Whether a ready-list entry still counts, given its task's state and sequence: QUEUED, with 'L'
-- for its lease deadline, under the entry's sequence.
local function current(member, status, ld, seq)
  return status == 'QUEUED' and ld == ON_LIST and holds_seq(member, READY_SEQ, seq)
end
local function listed(member, s)
  if not s then return false end
  local seq, status, ld = string.match(s, LISTED_PAT)
  return current(member, status, ld, seq)
end
-- Whether a done entry counts: its task SUCCEEDED under the entry's sequence.
local function done_current(entry, s)
  if not s then return false end
  local seq, status = string.match(s, DONE_PAT)
  return status == 'SUCCEEDED' and holds_seq(entry, DONE_SEQ, seq)
end
-- The attempt after each count, formatted once rather than once per task.
local NEXT_ATT = {}
local function next_att(att)
  local v = NEXT_ATT[att]
  if not v then v = num(tonumber(att) + 1); NEXT_ATT[att] = v end
  return v
end
-- A claimed task's new state, with its status before, its lane, its lease deadline before ('L' on
-- a ready list) and its sequence.
local function claimed(s, owner, token, deadline)
  local seq, before, att, mid, finished, ld, x, lane = string.match(s, CLAIM_PAT)
  return seq .. '|RUNNING|' .. next_att(att) .. '|' .. mid .. '|' .. NOWS .. '|' .. NOWS .. '|'
    .. finished .. '|' .. deadline .. '|' .. x .. '|' .. token .. '|' .. owner .. '|' .. lane,
    before, lane, ld, seq
end
-- A plain success (no result, no extras) held under token: its new state, sequence, lane and lease
-- deadline; or false when the token does not hold it; or nil when it needs the general path.
local function succeeded(s, token, ran)
  local seq, status, att, exec, mid, started, ld, x, lt, lane = string.match(s, SUCCEED_PAT)
  if status ~= 'RUNNING' or lt ~= token then return false end
  if x ~= '' then return nil end
  return seq .. '|SUCCEEDED|' .. att .. '|' .. num(exec + ran) .. '|' .. mid .. '|' .. NOWS .. '|'
    .. started .. '|' .. NOWS .. SUCCEEDED_TAIL .. lane, seq, lane, ld
end
-- Whether a state is RUNNING under a lease group (its deadline and token name the group).
local function held(s, group)
  local status, ld, lt = string.match(s, HELD_PAT)
  return status == 'RUNNING' and ld .. '|' .. lt == group
end

-- Extras: read when a change needs them, written back (or deleted) with the state's flag set.
local function xload(id, m)
  if m.x ~= '1' then return {} end
  local v = redis.call('GET', xkey(id))
  return v and cjson.decode(v) or {}
end
local function xsave(id, m, x)
  if next(x) == nil then
    if m.x == '1' then redis.call('DEL', xkey(id)) end
    m.x = ''
  else
    redis.call('SET', xkey(id), cjson.encode(x))
    m.x = '1'
  end
end

-- Key names are memoised: every new Lua string is hashed byte by byte when it is made, and a batch
-- would otherwise build the same few names once per task.
local function memo_keys(kind)
  local keys = {}
  return function(name)
    local k = keys[name]
    if not k then k = P .. kind .. name; keys[name] = k end
    return k
  end
end
-- A lane's ready sorted set, ready list and delayed set; a status's index (per call, see begin).
local rkey, lkey, dkey, status_key
-- RUNNING tasks have no status index of their own: the lease groups hold them (see above), and
-- only the layout check reads this key for RUNNING.
local function skey(status)
  if status == 'RUNNING' then return LEASES end
  return status_key(status)
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
local Z_ADD, Z_REM, COUNT, FINS, APPENDS, G_IN, G_OUT
local function gkey(group) return P .. 'g:' .. group end
-- A task joins a lease group (at a claim or a renewal), or leaves the group named by its state's
-- lease deadline and token (settled, canceled, renewed); both are sent once per group at flush.
local function lease_in(group, id)
  local l = G_IN[group]
  if not l then l = {}; G_IN[group] = l end
  l[#l + 1] = id
end
local function lease_out(ld, lt)
  local group = ld .. '|' .. lt
  G_OUT[group] = (G_OUT[group] or 0) + 1
end
local function drop_group(group)
  redis.call('DEL', gkey(group))
  redis.call('ZREM', LEASES, group)
  redis.call('HDEL', GC, group)
end
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
-- A task finished at micros at (a string): its entry for the finish log.
local function fin(at, id) FINS[#FINS + 1] = at .. '|' .. id end
-- Counters are per lane and status; the counter's field is "queue\ntype\nstatus".
local function count(lane, status, delta)
  local byl = COUNT[lane]
  if not byl then byl = {}; COUNT[lane] = byl end
  byl[status] = (byl[status] or 0) + delta
end
-- Commands over a whole list go in chunks, since Lua's unpack has a limit: chunked for writes,
-- gather for reads, whose replies it joins. The key, when given, comes before the list.
local function call_on(cmd, key, list, from, to)
  if key then return redis.call(cmd, key, unpack(list, from, to)) end
  return redis.call(cmd, unpack(list, from, to))
end
local function chunked(cmd, key, list)
  for i = 1, #list, 4000 do call_on(cmd, key, list, i, math.min(i + 3999, #list)) end
end
local function gather(cmd, key, list)
  local out = {}
  for i = 1, #list, 1000 do
    local part = call_on(cmd, key, list, i, math.min(i + 999, #list))
    for j = 1, #part do out[#out + 1] = part[j] end
  end
  return out
end
local function states(ids) return gather('HMGET', STATE, ids) end
local function hset(flat) chunked('HSET', STATE, flat) end
local function flush()
  for key, l in pairs(Z_REM) do chunked('ZREM', key, l) end
  for key, l in pairs(Z_ADD) do chunked('ZADD', key, l) end
  for lane, byl in pairs(COUNT) do
    for status, d in pairs(byl) do
      if d ~= 0 then redis.call('HINCRBY', COUNTS, lane .. '\n' .. status, d) end
    end
  end
  if #FINS > 0 then chunked('RPUSH', FIN, FINS) end
  for key, l in pairs(APPENDS) do chunked('RPUSH', key, l) end
  for group, ids in pairs(G_IN) do
    chunked('RPUSH', gkey(group), ids)
    redis.call('ZADD', LEASES, string.match(group, '^[^|]*'), group)
    redis.call('HINCRBY', GC, group, #ids)
  end
  for group, k in pairs(G_OUT) do
    if redis.call('HINCRBY', GC, group, -k) <= 0 then drop_group(group) end
  end
  Z_ADD, Z_REM, COUNT, FINS, APPENDS, G_IN, G_OUT = {}, {}, {}, {}, {}, {}, {}
end

-- A ready task's member in its lane (see READY above). Built by concatenation, not
-- string.format, which costs twice as much on a path every task takes.
local ZEROS, PRIOS = {}, {}
for w = 0, READY_RUN_AT_W do ZEROS[w] = ('0'):rep(w) end
local function rmember(prio, run_at, seq, id)
  local p = PRIOS[prio]
  if not p then p = string.format(READY_PRIO_FORMAT, 10 - tonumber(prio)); PRIOS[prio] = p end
  local r = type(run_at) == 'string' and run_at or num(run_at)
  if string.byte(r, 1) == 45 then r = '0' end
  local q = type(seq) == 'string' and seq or num(seq)
  return p .. ZEROS[READY_RUN_AT_W - #r] .. r .. '|' .. ZEROS[READY_SEQ_W - #q] .. q .. '|' .. id
end

-- Per list, its last entry (false when empty), read once per call and kept as entries go on.
local TAILS
-- Appends an entry to a list kept in order (a ready list, the done list) if it sorts after the
-- list's last and, given a prefix length, shares that prefix with it; true if so. Entries are
-- fixed-width digits up to the id and their sequence is unique, so the comparison is decided
-- before the id, in any collation.
local function append_in_order(key, entry, prefix)
  local tail = TAILS[key]
  if tail == nil then
    tail = redis.call('LINDEX', key, -1)
    TAILS[key] = tail
  end
  if tail and ((prefix and string.sub(entry, 1, prefix) ~= string.sub(tail, 1, prefix))
      or not (entry > tail)) then
    return false
  end
  TAILS[key] = entry
  local l = APPENDS[key]
  if not l then l = {}; APPENDS[key] = l end
  l[#l + 1] = entry
  return true
end

-- Indexes a task under its status: a SUCCEEDED one on the done list when it sorts after its last.
local function index(status, seq, id)
  if status == 'SUCCEEDED' and append_in_order(DONE, ZEROS[DONE_SEQ_W - #seq] .. seq .. '|' .. id) then
    return
  end
  zadd(skey(status), seq, id)
end

-- Puts a waiting task in its lane: ready when due, else delayed. True if ready now.
local function place(lane, prio, run_at, seq, id)
  if tonumber(run_at) <= NOW then
    zadd(rkey(lane), 0, rmember(prio, run_at, seq, id))
    return true
  end
  zadd(dkey(lane), run_at, id)
  return false
end
local function unplace(m, id)
  zrem(rkey(m.lane), rmember(m.prio, m.runAt, m.seq, id))
  zrem(dkey(m.lane), id)
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

local function mget(keys) return gather('MGET', nil, keys) end
local function mset(flat) chunked('MSET', nil, flat) end
local function del_all(keys) chunked('DEL', nil, keys) end
local function hdel_all(ids) chunked('HDEL', STATE, ids) end
-- Whole tasks, for reads: per id that exists, its state, body and extras (false when none), flat.
local function rows(ids)
  local st = states(ids)
  local keys, found = {}, {}
  for i, id in ipairs(ids) do
    if st[i] then
      found[#found + 1] = i
      keys[#keys + 1] = tkey(id)
      keys[#keys + 1] = xkey(id)
    end
  end
  local parts = mget(keys)
  local out = {}
  for j, i in ipairs(found) do
    out[#out + 1] = st[i]
    out[#out + 1] = parts[2 * j - 1] or false
    out[#out + 1] = parts[2 * j] or false
  end
  return out
end
-- Deletes tasks outright: state, body, extras. The caller updates indexes and counters.
local function delete(ids)
  if #ids == 0 then return end
  local keys = {}
  for _, id in ipairs(ids) do
    keys[#keys + 1] = tkey(id)
    keys[#keys + 1] = xkey(id)
  end
  del_all(keys)
  hdel_all(ids)
end
-- The RUNNING tasks as {sequence, id, state}, found through the lease groups, the sequence read
-- from the state. For listing and export only, never on a queue's path.
local function running_rows()
  local out = {}
  for _, group in ipairs(redis.call('ZRANGE', LEASES, 0, -1)) do
    local ids = redis.call('LRANGE', gkey(group), 0, -1)
    local st = states(ids)
    for i, id in ipairs(ids) do
      if st[i] and held(st[i], group) then
        out[#out + 1] = {tonumber(string.match(st[i], SEQ_PAT)), id, st[i]}
      end
    end
  end
  return out
end

-- Up to n entries of a list in sequence order that still count, as {sequence, id, state}: newest
-- first from the tail, or, given after, oldest first from the first entry whose sequence is above
-- it (found by bisection). done says it is the done list rather than a ready list. Given keep, only
-- rows whose state it accepts count towards n. For listing and export only.
local function list_rows(key, n, after, done, keep)
  local l, live = READY, listed
  if done then l, live = DONE_ENTRY, done_current end
  local s1, s2, i1 = l.seq[1], l.seq[2], l.id
  local out = {}
  local len = redis.call('LLEN', key)
  local function seq_at(i) return tonumber(string.sub(redis.call('LINDEX', key, i), s1, s2)) end
  local from = len - 1
  if after then
    local lo, hi = 0, len
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if seq_at(mid) > after then hi = mid else lo = mid + 1 end
    end
    from = lo
  end
  while #out < n and from >= 0 and from < len do
    local a, b = from, math.min(len - 1, from + n - 1)
    if not after then a, b = math.max(0, from - n + 1), from end
    local ms = redis.call('LRANGE', key, a, b)
    local ids = {}
    for i, m in ipairs(ms) do ids[i] = string.sub(m, i1) end
    local st = states(ids)
    local first, last, dir = 1, #ms, 1
    if not after then first, last, dir = #ms, 1, -1 end
    for i = first, last, dir do
      if #out == n then break end
      if live(ms[i], st[i]) and (not keep or keep(st[i])) then
        out[#out + 1] = {tonumber(string.sub(ms[i], s1, s2)), ids[i], st[i]}
      end
    end
    from = after and b + 1 or a - 1
  end
  return out
end

-- Whether some tasks of a status are indexed on lists rather than in its sorted set.
local function on_lists(status) return status == 'QUEUED' or status == 'SUCCEEDED' end
-- The rows the lists hold for a status (every lane's ready list for QUEUED, the done list for
-- SUCCEEDED), up to n from each list, as list_rows reads them; lane_ok, when given, keeps only the
-- tasks of the lanes it accepts.
local function status_list_rows(status, n, after, lane_ok)
  local out = {}
  local function add(rs) for _, row in ipairs(rs) do out[#out + 1] = row end end
  if status == 'QUEUED' then
    for _, lane in ipairs(redis.call('SMEMBERS', LANES)) do
      if not lane_ok or lane_ok(lane) then add(list_rows(lkey(lane), n, after)) end
    end
  elseif status == 'SUCCEEDED' then
    add(list_rows(DONE, n, after, true,
      lane_ok and function(state) return lane_ok(sdecode(state).lane) end))
  end
  return out
end

-- Inserts tasks. Enqueue (fresh): ARGV[i] = task count, then per task five values: id, lane,
-- priority, run-at or '' (now), body. Restore: per task thirteen: the five, then status, attempts,
-- execution time, created, updated, started, finished ('' when none) and extras ('' or JSON).
-- Returns one 1/0 per task (0: the id exists), and whether one is ready now.
local function insert(i, fresh)
  local n = tonumber(ARGV[i]); i = i + 1
  local stride = fresh and 5 or 13
  local ids = {}
  for t = 1, n do ids[t] = ARGV[i + (t - 1) * stride] end
  local existing = states(ids)
  local seq = tonumber(redis.call('GET', SEQ) or '0')
  local first = seq
  local out, ready, lanes, seen, bodies, st = {}, false, {}, {}, {}, {}
  for t = 1, n do
    local b = i + (t - 1) * stride
    local id = ids[t]
    if existing[t] or seen[id] then
      out[t] = 0
    else
      seen[id] = true
      local lane, prio, run = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
      if run == '' then run = NOWS end
      seq = seq + 1
      local seqs = num(seq)
      bodies[#bodies + 1] = tkey(id)
      bodies[#bodies + 1] = ARGV[b + 4]
      local status, on_list = 'QUEUED', false
      if fresh then
        on_list = tonumber(run) <= NOW
          and append_in_order(lkey(lane), rmember(prio, run, seqs, id), READY_PRIO_LEN)
        st[#st + 1] = id
        st[#st + 1] = seqs .. FRESH_HEAD .. prio .. '|' .. run .. '|' .. NOWS .. '|' .. NOWS
          .. (on_list and FRESH_LISTED or FRESH_PLACED) .. lane
      else
        status = ARGV[b + 5]
        local m = {seq = seqs, status = status, att = ARGV[b + 6], exec = ARGV[b + 7],
          prio = prio, runAt = run, created = ARGV[b + 8], updated = ARGV[b + 9],
          started = ARGV[b + 10], finished = ARGV[b + 11], ld = '', x = '', lt = '', lo = '',
          lane = lane}
        if ARGV[b + 12] ~= '' then
          bodies[#bodies + 1] = xkey(id)
          bodies[#bodies + 1] = ARGV[b + 12]
          m.x = '1'
        end
        st[#st + 1] = id
        st[#st + 1] = sencode(m)
        if terminal(status) and m.finished ~= '' then fin(m.finished, id) end
      end
      count(lane, status, 1)
      lanes[lane] = true
      if on_list then
        ready = true
      else
        index(status, seqs, id)
        if waiting(status) then ready = place(lane, prio, run, seqs, id) or ready end
      end
      out[t] = 1
    end
  end
  if seq ~= first then
    mset(bodies)
    hset(st)
    redis.call('SET', SEQ, num(seq))
    local l = {}
    for lane in pairs(lanes) do l[#l + 1] = lane end
    redis.call('SADD', LANES, unpack(l))
  end
  -- Restored tasks finished at times of their own: logged oldest first, as if they had finished
  -- in that order.
  if not fresh then
    table.sort(FINS, function(a, b)
      return tonumber(string.match(a, '^[^|]*')) < tonumber(string.match(b, '^[^|]*'))
    end)
  end
  flush()
  return out, ready
end

-- Per prefix, its key names, made by the first call under it rather than by every call: each new
-- string is hashed when it is made. Dropped whole when it holds many (tests use a prefix each).
local NAMES, NAMED = {}, 0
-- Starts a call: its keys and arguments, the key names under its prefix, its now, and empty
-- gatherings. Whatever an earlier call left (one that failed half way) is dropped here.
local function begin(keys, args)
  KEYS, ARGV = keys, args
  local n = NAMES[KEYS[1]]
  if not n then
    if NAMED >= 100 then NAMES, NAMED = {}, 0 end
    local p = KEYS[1] .. ':'
    n = {p, p .. 'seq', p .. 'leases', p .. 'fin', p .. 'counts', p .. 'lanes', p .. 'wake',
      p .. 'm', p .. 'done', p .. 'gc'}
    NAMES[KEYS[1]], NAMED = n, NAMED + 1
  end
  P, SEQ, LEASES, FIN, COUNTS, LANES, WAKE, STATE, DONE, GC = n[1], n[2], n[3], n[4], n[5], n[6],
    n[7], n[8], n[9], n[10]
  NOW = clock(ARGV[1])
  NOWS = num(NOW)
  rkey, lkey, dkey, status_key = memo_keys('r:'), memo_keys('rl:'), memo_keys('d:'),
    memo_keys('s:')
  Z_ADD, Z_REM, COUNT, FINS, APPENDS, G_IN, G_OUT = {}, {}, {}, {}, {}, {}, {}
  TAILS = {}
end
