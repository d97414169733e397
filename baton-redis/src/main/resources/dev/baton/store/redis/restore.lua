-- ARGV: now, node, then the records as insert() reads them for a restore, every field given.
local out, ready = insert(3, false)
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return {out, ready and 1 or 0}
