import { describe, expect, it } from 'vitest';
import { clientIp, ipBucket, normaliseIp, UNKNOWN_IP } from '@/lib/http/client-ip';
import { describeDevice } from '@/lib/http/user-agent';

const headers = (h: Record<string, string>) => new Headers(h);

describe('the client address', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientIp(headers({ 'x-forwarded-for': '198.51.100.7' }), false)).toBe(UNKNOWN_IP);
  });

  it('takes the rightmost entry, the one our proxy appended, when trusted', () => {
    expect(clientIp(headers({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7' }), true)).toBe(
      '198.51.100.7',
    );
    expect(clientIp(headers({ 'x-forwarded-for': '198.51.100.7' }), true)).toBe('198.51.100.7');
    expect(clientIp(headers({ 'x-real-ip': '198.51.100.9' }), true)).toBe('198.51.100.9');
  });

  it('normalises ports, brackets and IPv4-mapped addresses, and rejects junk', () => {
    expect(normaliseIp('198.51.100.7:4431')).toBe('198.51.100.7');
    expect(normaliseIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normaliseIp('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(normaliseIp('<script>')).toBe(UNKNOWN_IP);
    expect(clientIp(headers({ 'x-forwarded-for': 'a, not-an-ip' }), true)).toBe(UNKNOWN_IP);
    expect(clientIp(headers({}), true)).toBe(UNKNOWN_IP);
  });

  it('counts IPv6 clients per /64, IPv4 per address', () => {
    expect(ipBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('198.51.100.7')).toBe('198.51.100.7');
    expect(ipBucket(UNKNOWN_IP)).toBe(UNKNOWN_IP);
  });
});

describe('the device label of a session', () => {
  it('names common browsers and systems', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(
      describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'),
    ).toBe('Firefox on Linux');
    expect(
      describeDevice(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome on Android');
    expect(describeDevice('curl/8.5.0')).toBe('curl');
  });

  it('falls back to "Unknown device"', () => {
    expect(describeDevice(null)).toBe('Unknown device');
    expect(describeDevice('   ')).toBe('Unknown device');
    expect(describeDevice('SomethingElse/1.0')).toBe('Unknown device');
  });
});
