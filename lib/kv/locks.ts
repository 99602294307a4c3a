/**
 * Releasing a lock held under a token (`set(key, token, { nx: true, px })`): the key is deleted
 * only while it still holds that token. GET then DEL would be two round trips, and a lease that
 * ran out between them would let this holder delete the lock someone else took since; a Lua
 * script runs with no other command in between. The token is compared as stored (JSON text).
 */
export const DEL_IF_EQUALS_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
