-- ARGV: now, node, then the records as insert() reads them, every field given.
local out, ready = insert(3)
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return {out, ready and 1 or 0}
