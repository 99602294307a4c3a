import { describe, expect, it } from 'vitest';
import { LocalEntries } from './local';
import { jitteredSeconds } from './ttl';

describe('jitteredSeconds', () => {
  it('stays within 15% of the base at both ends of the random range', () => {
    expect(jitteredSeconds(100, () => 0)).toBe(85);
    expect(jitteredSeconds(100, () => 0.999999)).toBe(115);
    expect(jitteredSeconds(100, () => 0.5)).toBe(100);
  });

  it('never answers less than one second', () => {
    expect(jitteredSeconds(1, () => 0)).toBe(1);
    expect(jitteredSeconds(0, () => 0.5)).toBe(1);
  });
});

describe('LocalEntries', () => {
  it('answers only for the version an entry was stored under', () => {
    const entries = new LocalEntries(10);
    entries.set('k', 'value', 3, Date.now() + 1000);
    expect(entries.get('k', 3, Date.now())?.value).toBe('value');
    expect(entries.get('k', 4, Date.now())).toBeNull();
    // A stale entry is dropped on sight, not kept around.
    expect(entries.size).toBe(0);
  });

  it('forgets an entry once it expires', () => {
    const entries = new LocalEntries(10);
    entries.set('k', 'value', 1, 1000);
    expect(entries.get('k', 1, 999)).not.toBeNull();
    expect(entries.get('k', 1, 1000)).toBeNull();
  });

  it('evicts the oldest entry when full', () => {
    const entries = new LocalEntries(2);
    entries.set('a', 1, 1, Infinity);
    entries.set('b', 2, 1, Infinity);
    entries.set('c', 3, 1, Infinity);
    expect(entries.get('a', 1, 0)).toBeNull();
    expect(entries.get('c', 1, 0)?.value).toBe(3);
    expect(entries.size).toBe(2);
  });
});
