import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as previewRoute } from '@/app/api/v1/gifts/[token]/route';
import { POST as claimRoute } from '@/app/api/v1/gifts/[token]/claim/route';
import { POST as refundGiftRoute } from '@/app/api/v1/orders/[id]/gift/refund/route';
import { POST as resendRoute } from '@/app/api/v1/orders/[id]/gift/resend/route';
import { getDb } from '@/db/client';
import { gifts, payments } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { listLibrary, previewGift } from '@/lib/library';
import { clearConsoleOutbox, consoleOutbox } from '@/lib/mail';
import { getOrder, placeOrder } from '@/lib/orders';
import { account, bodyOf, ctx, request, type Account } from '../admin/support';
import { key, putInCart, stockOf } from '../orders/fixtures';
import {
  countAvailableKeys,
  itemsOfOrder,
  keyGame,
  keysByIds,
  keysOfOrder,
  pay,
  runJob,
  tokenIn,
  useWebhookSecret,
} from './support';

beforeAll(useWebhookSecret);
beforeEach(clearConsoleOutbox);

async function giftOf(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(gifts).where(eq(gifts.orderId, orderId));
  return row!;
}

/** The newest mail to `to`; fails the test when there is none. */
function lastMailTo(to: string) {
  const mail = consoleOutbox()
    .filter((m) => m.to === to)
    .at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

/** A sender's paid gift of two keys to `recipient`, its mail sent (the 'mail.gift' job run). */
async function paidGift() {
  const { game, edition } = await keyGame(4, 2000);
  const [sender, recipient] = [await account('customer'), await account('customer')];
  await putInCart(sender.id, edition.id, 2);
  const placed = await placeOrder(
    sender.id,
    {
      billingCountry: 'US',
      paymentMethod: 'card',
      gift: { email: recipient.email, message: 'Happy birthday!' },
    },
    key(),
  );
  expect(placed.order.gift).toMatchObject({ email: recipient.email, claimed: false });
  await pay(placed.paymentUrl);
  const gift = await giftOf(placed.order.id);
  await runJob(`gift:${gift.id}`);
  const mail = lastMailTo(recipient.email);
  return {
    game,
    edition,
    sender,
    recipient,
    order: placed.order,
    giftId: gift.id,
    mail,
    token: tokenIn(mail.text),
  };
}

const claim = (token: string, who?: Account) =>
  claimRoute(
    request(`/api/v1/gifts/${token}/claim`, { method: 'POST', cookie: who?.cookie }),
    ctx({ token }),
  );

const owners = async (orderId: string) => (await itemsOfOrder(orderId)).map((i) => i.userId);

describe('a paid gift', () => {
  it('puts the keys in nobody’s library yet and mails the friend a claim link', async () => {
    const { game, edition, sender, recipient, order, giftId, mail, token } = await paidGift();
    expect((await getOrder(sender.id, order.id)).status).toBe('fulfilled');

    const items = await itemsOfOrder(order.id);
    expect(items).toHaveLength(2);
    for (const item of items)
      expect(item).toMatchObject({ userId: null, giftId, editionId: edition.id, revokedAt: null });
    const keys = await keysByIds(items.map((i) => i.licenseKeyId!));
    expect(keys.map((k) => k.status)).toEqual(['assigned', 'assigned']);
    expect((await listLibrary(sender.id)).filter((i) => i.orderId === order.id)).toEqual([]);

    expect(mail.subject).toBe('Test customer sent you a game');
    expect(mail.text).toContain(`2 × ${game.title} (${edition.name})`);
    expect(mail.text).toContain('Happy birthday!');
    expect(mail.text).toMatch(new RegExp(`https?://[^\\s]+/gifts/${token}`));
    const stored = await giftOf(order.id);
    expect(stored).toMatchObject({ sendCount: 1, claimedBy: null });
    expect(stored.tokenHash).not.toContain(token);

    const preview = await previewRoute(request(`/api/v1/gifts/${token}`), ctx({ token }));
    expect(preview.status).toBe(200);
    expect(await bodyOf(preview)).toEqual({
      from: 'Test customer',
      message: 'Happy birthday!',
      items: [{ title: game.title, editionName: edition.name, quantity: 2 }],
      claimed: false,
    });
    expect(recipient.email).toBe(stored.recipientEmail);
  });

  it('answers 404 to a claim by an account with another email, and moves nothing', async () => {
    const { order, token } = await paidGift();
    const intruder = await account('customer');
    const res = await claim(token, intruder);
    expect(res.status).toBe(404);
    expect(await owners(order.id)).toEqual([null, null]);
    expect((await giftOf(order.id)).claimedBy).toBeNull();
    expect(await listLibrary(intruder.id)).toEqual([]);
    expect((await claim(token)).status).toBe(401);
  });

  it('moves the items to the recipient once: a repeated claim answers the same, a third account gets 404', async () => {
    const { sender, recipient, order, token } = await paidGift();
    const first = await claim(token, recipient);
    expect(first.status).toBe(200);
    expect(await bodyOf(first)).toEqual({ items: 2 });
    const library = (await listLibrary(recipient.id)).filter((i) => i.orderId === order.id);
    expect(library).toHaveLength(2);
    for (const item of library)
      expect(item).toMatchObject({
        gift: true,
        delivery: 'key',
        key: { state: 'hidden', revealedAt: null },
      });
    const claimedAt = (await giftOf(order.id)).claimedAt;
    expect(claimedAt).not.toBeNull();

    const again = await claim(token, recipient);
    expect(again.status).toBe(200);
    expect(await bodyOf(again)).toEqual({ items: 2 });
    expect((await listLibrary(recipient.id)).filter((i) => i.orderId === order.id)).toHaveLength(2);
    expect(await owners(order.id)).toEqual([recipient.id, recipient.id]);
    expect((await giftOf(order.id)).claimedAt).toEqual(claimedAt);

    const third = await account('customer');
    expect((await claim(token, third)).status).toBe(404);
    expect(await owners(order.id)).toEqual([recipient.id, recipient.id]);
    expect(await listLibrary(third.id)).toEqual([]);
    expect((await getOrder(sender.id, order.id)).gift).toMatchObject({ claimed: true });
  });

  it('resends with a new link and retires the old one', async () => {
    const { sender, recipient, order, giftId, token: old } = await paidGift();
    // Only the sender may resend.
    const notTheirs = await resendRoute(
      request(`/api/v1/orders/${order.id}/gift/resend`, {
        method: 'POST',
        cookie: recipient.cookie,
      }),
      ctx({ id: order.id }),
    );
    expect(notTheirs.status).toBe(404);

    const res = await resendRoute(
      request(`/api/v1/orders/${order.id}/gift/resend`, { method: 'POST', cookie: sender.cookie }),
      ctx({ id: order.id }),
    );
    expect(res.status).toBe(202);
    await runJob(`gift:${giftId}:2`);
    const fresh = tokenIn(lastMailTo(recipient.email).text);
    expect(fresh).not.toBe(old);
    expect((await giftOf(order.id)).sendCount).toBe(2);

    await expect(previewGift(old)).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewGift(fresh)).resolves.toMatchObject({ claimed: false });
    expect((await claim(old, recipient)).status).toBe(404);
    expect(await owners(order.id)).toEqual([null, null]);
    expect((await claim(fresh, recipient)).status).toBe(200);
    expect(await owners(order.id)).toEqual([recipient.id, recipient.id]);
  });
});

describe('refunding a gift', () => {
  it('takes back an unclaimed gift: keys back in the pool, money back, link retired', async () => {
    const { edition, sender, recipient, order, token } = await paidGift();
    const keyIds = (await itemsOfOrder(order.id)).map((i) => i.licenseKeyId!);
    expect(await stockOf(edition.id)).toBe(2);

    const res = await refundGiftRoute(
      request(`/api/v1/orders/${order.id}/gift/refund`, { method: 'POST', cookie: sender.cookie }),
      ctx({ id: order.id }),
    );
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({
      id: order.id,
      status: 'refunded',
      refundedCents: order.totalCents,
    });

    const keys = await keysByIds(keyIds);
    expect(keys.map((k) => [k.status, k.orderId])).toEqual([
      ['available', null],
      ['available', null],
    ]);
    expect(await keysOfOrder(order.id)).toEqual([]);
    expect(await stockOf(edition.id)).toBe(4);
    expect(await countAvailableKeys(edition.id)).toBe(4);
    expect((await itemsOfOrder(order.id)).every((i) => i.revokedAt !== null)).toBe(true);
    const db = await getDb();
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment!.status).toBe('refunded');

    await expect(previewGift(token)).rejects.toBeInstanceOf(NotFoundError);
    expect((await previewRoute(request(`/api/v1/gifts/${token}`), ctx({ token }))).status).toBe(
      404,
    );
    expect((await claim(token, recipient)).status).toBe(404);
    expect(await listLibrary(recipient.id)).toEqual([]);
  });

  it('does not mail a claim link for a gift refunded before its mail went out', async () => {
    const { edition } = await keyGame(2, 2000);
    const [sender, recipient] = [await account('customer'), await account('customer')];
    await putInCart(sender.id, edition.id, 1);
    const placed = await placeOrder(
      sender.id,
      {
        billingCountry: 'US',
        paymentMethod: 'card',
        gift: { email: recipient.email, message: '' },
      },
      key(),
    );
    await pay(placed.paymentUrl);
    const gift = await giftOf(placed.order.id);
    // The sender changes their mind while the 'mail.gift' job is still queued.
    const res = await refundGiftRoute(
      request(`/api/v1/orders/${placed.order.id}/gift/refund`, {
        method: 'POST',
        cookie: sender.cookie,
      }),
      ctx({ id: placed.order.id }),
    );
    expect(res.status).toBe(200);
    await runJob(`gift:${gift.id}`);
    // A mail saying "X sent you a game" whose link answers 404 is wrong: nothing should go out.
    expect(consoleOutbox().filter((m) => m.to === recipient.email)).toEqual([]);
  });

  it('refuses (409) to take back a gift once claimed, and changes nothing', async () => {
    const { edition, sender, recipient, order, token } = await paidGift();
    expect((await claim(token, recipient)).status).toBe(200);
    const res = await refundGiftRoute(
      request(`/api/v1/orders/${order.id}/gift/refund`, { method: 'POST', cookie: sender.cookie }),
      ctx({ id: order.id }),
    );
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toMatch(/claimed/);

    expect((await getOrder(sender.id, order.id)).status).toBe('fulfilled');
    expect((await keysOfOrder(order.id)).map((k) => k.status)).toEqual(['assigned', 'assigned']);
    expect(await stockOf(edition.id)).toBe(2);
    expect((await listLibrary(recipient.id)).filter((i) => i.orderId === order.id)).toHaveLength(2);
  });
});
