import { isValidElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getAccessFallbackHTTPStatus,
  isHTTPAccessFallbackError,
} from 'next/dist/client/components/http-access-fallback/http-access-fallback';
import nextConfig from '@/next.config';
import ForbiddenPage from '@/app/(auth)/forbidden/page';
import * as forbiddenPageModule from '@/app/(auth)/forbidden/page';
import Forbidden from '@/app/forbidden';
import { renderToHtml } from '../admin/next-request';

/*
 * `next build` turns experimental.authInterrupts into this variable for the server bundles; a
 * request is not needed to see what the page throws and which status Next answers it with.
 */
const FLAG = '__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS';
const previous = process.env[FLAG];
beforeAll(() => {
  process.env[FLAG] = String(Boolean(nextConfig.experimental?.authInterrupts));
});
afterAll(() => {
  if (previous === undefined) delete process.env[FLAG];
  else process.env[FLAG] = previous;
});

function thrownBy(render: () => unknown): unknown {
  try {
    render();
  } catch (err) {
    return err;
  }
  throw new Error('expected the page to interrupt rendering');
}

describe('the /forbidden page', () => {
  it('is enabled: forbidden() needs experimental.authInterrupts', () => {
    expect(nextConfig.experimental?.authInterrupts).toBe(true);
  });

  it('answers 403, not 200', () => {
    const err = thrownBy(() => ForbiddenPage());
    expect(isHTTPAccessFallbackError(err)).toBe(true);
    expect(
      getAccessFallbackHTTPStatus(err as Parameters<typeof getAccessFallbackHTTPStatus>[0]),
    ).toBe(403);
  });

  it('is rendered per request, so the status is set on the response itself', () => {
    expect(forbiddenPageModule.dynamic).toBe('force-dynamic');
  });

  it('shows the visitor why and where to go instead', async () => {
    const element = Forbidden();
    expect(isValidElement(element)).toBe(true);
    const html = await renderToHtml(element);
    expect(html).toContain('You don’t have access to this page');
    expect(html).toContain('href="/account"');
  });
});
