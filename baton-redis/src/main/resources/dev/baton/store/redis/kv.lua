-- Key-value entries: one hash per key (v = JSON, x = expiry in micros) with a native TTL when the
-- server's clock rules; an index of keys in lexical order for keys(), scan() and clear().
-- ARGV: now, op, then the op's arguments.
local KVI = P .. 'kvi'
local function kkey(k) return P .. 'kv:' .. k end
local function live(k)
  local f = redis.call('HMGET', kkey(k), 'v', 'x')
  if not f[1] then return nil end
  if f[2] and tonumber(f[2]) <= NOW then return nil end
  return f
end
local op = ARGV[2]
if op == 'set' then
  local k, v, x, native = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
  redis.call('DEL', kkey(k))
  if x ~= '' then
    redis.call('HSET', kkey(k), 'v', v, 'x', x)
    if native == '1' then redis.call('PEXPIREAT', kkey(k), math.floor(tonumber(x) / 1000) + 1) end
  else
    redis.call('HSET', kkey(k), 'v', v)
  end
  redis.call('ZADD', KVI, 0, k)
  return 1
elseif op == 'get' then
  local f = live(ARGV[3])
  return f and f[1] or false
elseif op == 'delete' then
  local f = live(ARGV[3])
  redis.call('DEL', kkey(ARGV[3]))
  redis.call('ZREM', KVI, ARGV[3])
  return f and 1 or 0
elseif op == 'keys' then
  local prefix = ARGV[3]
  local keys
  if prefix == '' then keys = redis.call('ZRANGE', KVI, 0, -1)
  else keys = redis.call('ZRANGEBYLEX', KVI, '[' .. prefix, '(' .. prefix .. '\255') end
  local out = {}
  for _, k in ipairs(keys) do if live(k) then out[#out + 1] = k end end
  return out
elseif op == 'size' then
  local n = 0
  for _, k in ipairs(redis.call('ZRANGE', KVI, 0, -1)) do if live(k) then n = n + 1 end end
  return n
elseif op == 'clear' then
  for _, k in ipairs(redis.call('ZRANGE', KVI, 0, -1)) do redis.call('DEL', kkey(k)) end
  redis.call('DEL', KVI)
  return 1
elseif op == 'sweep' then
  local n, gone = 0, {}
  for _, k in ipairs(redis.call('ZRANGE', KVI, 0, -1)) do
    if not live(k) then
      redis.call('DEL', kkey(k))
      gone[#gone + 1] = k
      n = n + 1
    end
  end
  if #gone > 0 then chunked('ZREM', KVI, gone) end
  return n
elseif op == 'scan' then
  local after, limit = ARGV[3], tonumber(ARGV[4])
  local min = after == '' and '-' or '(' .. after
  local out = {}
  while #out < limit * 3 do
    local keys = redis.call('ZRANGEBYLEX', KVI, min, '+', 'LIMIT', 0, limit)
    if #keys == 0 then break end
    for _, k in ipairs(keys) do
      local f = live(k)
      if f and #out < limit * 3 then
        out[#out + 1] = k; out[#out + 1] = f[1]; out[#out + 1] = f[2] or ''
      end
    end
    min = '(' .. keys[#keys]
  end
  return out
end
return redis.error_reply('unknown kv op ' .. op)
