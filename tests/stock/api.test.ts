import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { GET as stockRoute } from '@/app/api/v1/stock/route';
import { forgetLocalStock } from '@/lib/stock';
import { codOrder, key, makeProduct, makeUser, putInCart } from '../orders/fixtures';
import { placeOrder } from '@/lib/orders';
import { addEdition } from '../support/editions';

const noParams = { params: Promise.resolve({} as Record<string, never>) };
const get = (query: string) =>
  stockRoute(new NextRequest(new URL(`/api/v1/stock${query}`, 'http://127.0.0.1:3000')), noParams);

describe('GET /api/v1/stock', () => {
  it('answers the live units of each edition asked for, and leaves unknown ids and unlimited downloads out', async () => {
    const [a, b] = await Promise.all([makeProduct({ stock: 7 }), makeProduct({ stock: 0 })]);
    const download = await addEdition(b.id, { stock: null, delivery: 'download' });
    const ghost = randomUUID();
    const res = await get(`?ids=${a.editionId},${b.editionId},${download.id},${ghost}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stock: { [a.editionId]: 7, [b.editionId]: 0 } });

    const buyer = await makeUser();
    await putInCart(buyer.id, a.editionId, 2);
    await placeOrder(buyer.id, codOrder, key());
    forgetLocalStock([a.editionId]);
    expect((await (await get(`?ids=${a.editionId}`)).json()).stock[a.editionId]).toBe(5);
  });

  it.each([
    ['no ids', ''],
    ['an empty list', '?ids='],
    ['a malformed id', '?ids=not-a-uuid'],
    ['too many ids', `?ids=${Array.from({ length: 101 }, () => randomUUID()).join(',')}`],
  ])('refuses %s with 400 and a field error', async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation');
    expect(body.error.fields).toHaveProperty('ids');
  });
});
