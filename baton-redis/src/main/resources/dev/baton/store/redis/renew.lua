-- ARGV: now, lease (micros), count, then id/token pairs.
local deadline = num(NOW + tonumber(ARGV[2]))
local n = tonumber(ARGV[3])
local keys = {}
for i = 1, n do keys[i] = tkey(ARGV[2 + 2 * i]) end
local records = n > 0 and mget(keys) or {}
local out, writes = {}, {}
for i = 1, n do
  local id, token = ARGV[2 + 2 * i], ARGV[3 + 2 * i]
  local m = records[i] and cjson.decode(records[i])
  if m and m.status == 'RUNNING' and m.lt == token then
    m.ld = deadline
    writes[#writes + 1] = keys[i]
    writes[#writes + 1] = cjson.encode(m)
    zadd(LEASES, deadline, id)
    out[i] = 1
  else
    out[i] = 0
  end
end
if #writes > 0 then mset(writes) end
flush()
return out
