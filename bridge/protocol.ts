/**
 * The Upstash REST protocol as @upstash/redis 1.39 speaks it: JSON command arrays in, `{ result }`
 * or `{ error }` out, with strings optionally base64-encoded.
 */

/** A request the bridge refuses before it reaches Redis; always answered with 400. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export type CommandLine = [name: string, ...args: string[]];

/**
 * @upstash/redis serialises arguments itself and passes strings, numbers and booleans through,
 * so all three are accepted; anything else (objects, null) is a client bug worth a 400.
 */
export function parseCommand(value: unknown, where = 'command'): CommandLine {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequestError(`ERR ${where} must be a non-empty array of strings`);
  }
  const parts = value.map((part, i) => {
    if (typeof part === 'string') return part;
    if (typeof part === 'number' && Number.isFinite(part)) return String(part);
    if (typeof part === 'boolean') return String(part);
    throw new BadRequestError(`ERR ${where} argument ${i} must be a string or a number`);
  });
  const [name, ...args] = parts as [string, ...string[]];
  if (!/^[A-Za-z][\w.|-]*$/.test(name)) {
    throw new BadRequestError(`ERR ${where} has an invalid command name`);
  }
  return [name.toUpperCase(), ...args];
}

export function parseCommandList(value: unknown): CommandLine[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequestError('ERR body must be a non-empty array of commands');
  }
  return value.map((command, i) => parseCommand(command, `command ${i}`));
}

// These change the state of the one connection every request shares (or block it), so one
// caller could break or stall everyone else.
const CONNECTION_COMMANDS = new Set([
  'AUTH',
  'HELLO',
  'SELECT',
  'QUIT',
  'RESET',
  'MONITOR',
  'SYNC',
  'PSYNC',
  'REPLCONF',
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'UNSUBSCRIBE',
  'PUNSUBSCRIBE',
  'SUNSUBSCRIBE',
  'MULTI',
  'EXEC',
  'DISCARD',
  'WATCH',
  'UNWATCH',
  'BLPOP',
  'BRPOP',
  'BRPOPLPUSH',
  'BLMOVE',
  'BLMPOP',
  'BZPOPMIN',
  'BZPOPMAX',
  'BZMPOP',
  'WAIT',
  'WAITAOF',
]);

/** The Upstash-style error for a command the bridge will not run, or null when it may run. */
export function refusal([name, ...args]: CommandLine): string | null {
  const blocked =
    CONNECTION_COMMANDS.has(name) ||
    (name === 'CLIENT' && args[0]?.toUpperCase() === 'REPLY') ||
    ((name === 'XREAD' || name === 'XREADGROUP') && args.some((a) => a.toUpperCase() === 'BLOCK'));
  return blocked ? `ERR Command is not available: '${name.toLowerCase()}'` : null;
}

const OK = Buffer.from('OK');

/**
 * Turns an ioredis Buffer reply into the JSON the client expects. With base64, the client decodes
 * every top-level string except "OK" and every string inside arrays, so "OK" stays plain only at
 * the top; numbers and null pass through.
 */
export function encodeReply(reply: unknown, base64: boolean, nested = false): unknown {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'number') return reply;
  if (typeof reply === 'bigint') return Number(reply);
  if (Buffer.isBuffer(reply)) {
    if (!base64) return reply.toString('utf8');
    return !nested && reply.equals(OK) ? 'OK' : reply.toString('base64');
  }
  if (typeof reply === 'string') return encodeReply(Buffer.from(reply, 'utf8'), base64, nested);
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64, true));
  // Errors nested in replies (a Lua table with `err`) travel as their message.
  if (reply instanceof Error)
    return encodeReply(Buffer.from(reply.message, 'utf8'), base64, nested);
  return null;
}
