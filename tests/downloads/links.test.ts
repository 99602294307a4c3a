import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newDownloadLink, signDownloadLink, verifyDownloadLink } from '@/lib/downloads';
import { setEnv } from './fixtures';

const itemId = randomUUID();
const userId = randomUUID();

function partsOf(path: string) {
  const url = new URL(path, 'http://x');
  return {
    itemId: url.pathname.split('/').at(-1)!,
    u: url.searchParams.get('u'),
    e: url.searchParams.get('e'),
    s: url.searchParams.get('s'),
  };
}

afterEach(() => setEnv({ DOWNLOAD_LINK_SECRET: undefined, DOWNLOAD_LINK_TTL_SECONDS: undefined }));

describe('signed download links', () => {
  it('have the documented shape and verify for the item and user they were made for', () => {
    const now = Date.UTC(2025, 0, 1, 12);
    const { path, expiresAt } = newDownloadLink(itemId, userId, now);
    expect(path).toMatch(
      new RegExp(`^/api/v1/downloads/${itemId}\\?u=${userId}&e=\\d+&s=[A-Za-z0-9_-]{43}$`),
    );
    expect(expiresAt.getTime()).toBe(now + 300_000);
    expect(verifyDownloadLink(partsOf(path), now)).toEqual({
      ok: true,
      claims: { itemId, userId, expiresAt: now / 1000 + 300 },
    });
  });

  it('live DOWNLOAD_LINK_TTL_SECONDS and are refused as expired from that second on', () => {
    setEnv({ DOWNLOAD_LINK_TTL_SECONDS: '60' });
    const now = Date.UTC(2025, 0, 1, 12);
    const link = partsOf(newDownloadLink(itemId, userId, now).path);
    expect(verifyDownloadLink(link, now + 59_999).ok).toBe(true);
    expect(verifyDownloadLink(link, now + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when the signature, the user, the item or the expiry is changed', () => {
    const now = Date.now();
    const link = partsOf(newDownloadLink(itemId, userId, now).path);
    const flip = (s: string, at: number) =>
      s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const tampered = [
      { ...link, s: flip(link.s!, 0) },
      // The last base64url character carries two unused bits: a second spelling of the same
      // bytes must not pass either.
      { ...link, s: flip(link.s!, 42) },
      { ...link, u: randomUUID() },
      { ...link, itemId: randomUUID() },
      { ...link, e: String(Number(link.e) + 3600) },
    ];
    for (const t of tampered)
      expect(verifyDownloadLink(t, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('are refused as malformed when a part is missing or not what it should be', () => {
    const link = partsOf(newDownloadLink(itemId, userId).path);
    for (const bad of [
      { ...link, s: null },
      { ...link, u: null },
      { ...link, e: null },
      { ...link, e: '-5' },
      { ...link, e: '1e12' },
      { ...link, itemId: '../etc/passwd' },
      { ...link, s: `${link.s}=` },
      { ...link, s: link.s!.slice(1) },
    ]) {
      expect(verifyDownloadLink(bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('are signed with a key of their own: DOWNLOAD_LINK_SECRET retires every earlier link', () => {
    const claims = { itemId, userId, expiresAt: Math.floor(Date.now() / 1000) + 300 };
    const before = signDownloadLink(claims);
    setEnv({ DOWNLOAD_LINK_SECRET: 'a-separate-download-link-secret-0123456789' });
    const after = signDownloadLink(claims);
    expect(after).not.toBe(before);
    expect(verifyDownloadLink(partsOf(before))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDownloadLink(partsOf(after)).ok).toBe(true);
  });
});
