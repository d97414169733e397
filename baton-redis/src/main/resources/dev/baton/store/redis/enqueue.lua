-- ARGV: now, node, then the tasks as insert() reads them for an enqueue.
local out, ready = insert(3, true)
if ready then redis.call('PUBLISH', WAKE, ARGV[2]) end
return {out, ready and 1 or 0}
