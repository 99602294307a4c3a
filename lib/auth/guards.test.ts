import { describe, expect, it } from 'vitest';
import { loginPath, safeReturnPath } from './guards';

describe('where a login may send the visitor back to', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeReturnPath('/account')).toBe('/account');
    expect(safeReturnPath('/admin/orders?page=2#top')).toBe('/admin/orders?page=2#top');
  });

  it('refuses other sites, protocol-relative and backslash tricks', () => {
    for (const evil of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/.//evil.example',
      '/x/..//evil.example',
      'account',
      '',
      42,
      undefined,
    ]) {
      expect(safeReturnPath(evil)).toBe('/account');
    }
    expect(safeReturnPath('//evil.example', '/')).toBe('/');
  });

  it('builds the login link with an encoded callbackUrl, or a bare one', () => {
    expect(loginPath('/checkout?step=2')).toBe('/login?callbackUrl=%2Fcheckout%3Fstep%3D2');
    expect(loginPath('https://evil.example')).toBe('/login');
    expect(loginPath()).toBe('/login');
  });
});
