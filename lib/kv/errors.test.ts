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

describe('the Kv errors across copies of the module', () => {
  it('are recognised by a second copy of the module, as when the store was made by another bundle', async () => {
    const { vi } = await import('vitest');
    vi.resetModules();
    const other = await import('./errors');
    expect(other.KvUnavailableError).not.toBe(KvUnavailableError);
    expect(new other.KvUnavailableError('down')).toBeInstanceOf(KvUnavailableError);
    expect(new KvUnavailableError('down')).toBeInstanceOf(other.KvUnavailableError);
    expect(new other.KvCommandError('WRONGTYPE')).toBeInstanceOf(KvCommandError);
    expect(new other.KvCommandError('WRONGTYPE')).not.toBeInstanceOf(KvUnavailableError);
    expect(new Error('plain')).not.toBeInstanceOf(KvUnavailableError);
  });

  it("makes a second copy's withKv fall back on an outage from the store's copy", async () => {
    const { vi } = await import('vitest');
    const first = await import('./index');
    const failing = first.createMemoryKv();
    failing.get = () => Promise.reject(new KvUnavailableError('Redis is unavailable: timed out'));
    first.resetKvForTests({ kv: failing, cooldownMs: 10 });
    vi.resetModules();
    const second = await import('./index');
    expect(
      await second.withKv(
        (kv) => kv.get('x'),
        () => 'fallback',
      ),
    ).toBe('fallback');
    first.resetKvForTests();
  });
});
