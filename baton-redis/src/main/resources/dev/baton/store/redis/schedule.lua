-- Schedules: one hash per name and an index of names in lexical order.
-- ARGV: now, op, then the op's arguments.
local SCHI = P .. 'schi'
local function skey_of(name) return P .. 'sch:' .. name end
local DEFINITION = {'kind', 'expr', 'zone', 'ttype', 'payload', 'queue', 'prio', 'maxRuns', 'desc',
  'misfire'}
local op = ARGV[2]
if op == 'upsert' then
  -- ARGV[3] = field count, then pairs; only the fields that are not null.
  local k = tonumber(ARGV[3])
  local new = {}
  for j = 0, k - 1 do new[ARGV[4 + 2 * j]] = ARGV[5 + 2 * j] end
  local key = skey_of(new.name)
  local old = to_map(redis.call('HGETALL', key))
  if not old.name then
    new.created = NOWS
    new.updated = NOWS
    new.version = '1'
    redis.call('HSET', key, unpack(to_flat(new)))
    redis.call('ZADD', SCHI, 0, new.name)
    return to_flat(new)
  end
  local same = true
  for _, f in ipairs(DEFINITION) do
    if old[f] ~= new[f] then same = false end
  end
  if same then return to_flat(old) end
  for _, f in ipairs(DEFINITION) do old[f] = new[f] end
  old.nextRun = new.nextRun
  old.updated = NOWS
  old.version = num(tonumber(old.version) + 1)
  redis.call('DEL', key)
  redis.call('HSET', key, unpack(to_flat(old)))
  return to_flat(old)
elseif op == 'get' then
  return redis.call('HGETALL', skey_of(ARGV[3]))
elseif op == 'list' then
  local out = {}
  for _, name in ipairs(redis.call('ZRANGE', SCHI, 0, -1)) do
    out[#out + 1] = redis.call('HGETALL', skey_of(name))
  end
  return out
elseif op == 'delete' then
  redis.call('ZREM', SCHI, ARGV[3])
  return redis.call('DEL', skey_of(ARGV[3]))
elseif op == 'advance' then
  -- ARGV: name, expected version, enabled, run count, last run or '', next run or '', node,
  -- then the tick's tasks as insert() reads them.
  local key = skey_of(ARGV[3])
  local version = redis.call('HGET', key, 'version')
  if version ~= ARGV[4] then return {0, 0} end
  redis.call('HSET', key, 'enabled', ARGV[5], 'runCount', ARGV[6], 'updated', NOWS, 'version',
    num(tonumber(version) + 1))
  if ARGV[7] ~= '' then redis.call('HSET', key, 'lastRun', ARGV[7]) else redis.call('HDEL', key, 'lastRun') end
  if ARGV[8] ~= '' then redis.call('HSET', key, 'nextRun', ARGV[8]) else redis.call('HDEL', key, 'nextRun') end
  local _, ready = insert(10, true)
  if ready then redis.call('PUBLISH', WAKE, ARGV[9]) end
  return {1, ready and 1 or 0}
end
return redis.error_reply('unknown schedule op ' .. op)
