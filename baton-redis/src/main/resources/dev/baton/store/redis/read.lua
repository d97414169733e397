-- ARGV: now, op ('get' with an id, or 'counts'). Plain reads, as a script for Cluster routing.
if ARGV[2] == 'get' then return redis.call('GET', tkey(ARGV[3])) end
return redis.call('HGETALL', COUNTS)
