-- ARGV: now, lease (micros), count, then id/token pairs (tokens escaped).
local deadline = num(NOW + tonumber(ARGV[2]))
local n = tonumber(ARGV[3])
local ids = {}
for i = 1, n do ids[i] = ARGV[2 + 2 * i] end
local st = states(ids)
local out, writes = {}, {}
for i = 1, n do
  local id, token = ids[i], ARGV[3 + 2 * i]
  local m = st[i] and sdecode(st[i])
  if m and m.status == 'RUNNING' and m.lt == token then
    -- The task moves to the group of its new deadline (the same one if that has not changed).
    if m.ld ~= deadline then
      lease_out(m.ld, m.lt)
      lease_in(deadline .. '|' .. token, id)
    end
    m.ld = deadline
    writes[#writes + 1] = id
    writes[#writes + 1] = sencode(m)
    out[i] = 1
  else
    out[i] = 0
  end
end
if #writes > 0 then hset(writes) end
flush()
return out
