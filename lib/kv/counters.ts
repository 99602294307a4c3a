import { KvCommandError } from './errors';

/**
 * The conditional counters of the Kv contract (`decrbyIfAtLeast`, `incrbyIfExists`): Lua for real
 * Redis, where a script runs without any other command in between, and the argument rules every
 * store applies before anything is sent, so a bad argument fails alike everywhere.
 */

export const NOT_INTEGER = 'ERR value is not an integer or out of range';

/** An increment as INCRBY takes it: a safe integer. */
export function integerArg(n: number): number {
  if (!Number.isSafeInteger(n)) throw new KvCommandError(NOT_INTEGER);
  return n;
}

/** A gate takes whole units; taking zero or a negative amount is a caller's bug. */
export function takeArg(n: number): number {
  if (integerArg(n) <= 0) throw new KvCommandError('ERR the amount to take must be positive');
  return n;
}

// GET then DECRBY: DECRBY keeps the key's expiry. The value is checked as Redis checks integers
// (canonical decimal form) so that text or a float fails here as it would in DECRBY, rather than
// being read as "not enough left".
export const DECRBY_IF_AT_LEAST_LUA = `
local value = redis.call('GET', KEYS[1])
if not value then return nil end
if value ~= '0' and not string.find(value, '^%-?[1-9]%d*$') then
  return redis.error_reply('${NOT_INTEGER}')
end
if tonumber(value) < tonumber(ARGV[1]) then return -1 end
return redis.call('DECRBY', KEYS[1], ARGV[1])
`;

// EXISTS then INCRBY: INCRBY keeps the key's expiry and reports a wrong type or a non-integer.
export const INCRBY_IF_EXISTS_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
return redis.call('INCRBY', KEYS[1], ARGV[1])
`;
