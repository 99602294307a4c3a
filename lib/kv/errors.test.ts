import { describe, expect, it } from 'vitest';
import { KvCommandError, KvUnavailableError, toKvError } from './errors';

const reply = (text: string) => () => text;
const noReply = () => null;

describe('toKvError', () => {
  it("treats an error reply as the caller's problem", () => {
    const err = toKvError(new Error('x'), reply('WRONGTYPE Operation against a key'));
    expect(err).toBeInstanceOf(KvCommandError);
    expect(err.message).toBe('WRONGTYPE Operation against a key');
  });

  it('treats the replies of a Redis that cannot serve as an outage', () => {
    for (const code of ['LOADING', 'BUSY', 'MASTERDOWN', 'READONLY', 'TRYAGAIN', 'CLUSTERDOWN']) {
      const err = toKvError(new Error('x'), reply(`${code} not now`));
      expect(err).toBeInstanceOf(KvUnavailableError);
      expect(err.message).toBe(`Redis is unavailable: ${code} not now`);
    }
  });

  it('treats a failure without a reply (refused, timed out, closed) as an outage', () => {
    const err = toKvError(new Error('Command timed out'), noReply);
    expect(err).toBeInstanceOf(KvUnavailableError);
    expect(err.message).toBe('Redis is unavailable: Command timed out');
    expect(toKvError('odd', noReply)).toBeInstanceOf(KvUnavailableError);
  });

  it('passes Kv errors through unchanged', () => {
    const err = new KvCommandError('ERR already shaped');
    expect(toKvError(err, reply('LOADING'))).toBe(err);
  });
});
