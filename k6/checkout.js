// A flash sale: many signed-in buyers, the same scarce game in every cart, all checking out at
// once. Correct means orders_made equals the units on sale when buyers outnumber them, every loser
// gets a clear 409, and nothing fails.
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e BUYERS=200 k6/checkout.js
/* global __ENV, __VU, __ITER */
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';

const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const BUYERS = Number(__ENV.BUYERS || 200);
const P99_MS = Number(__ENV.P99_MS || 5000);
const PASSWORD = 'k6-flash-buyer-1';
const ORDER = {
  shippingAddress: {
    name: 'Flash Buyer',
    line1: '1 Rush Street',
    city: 'Queueville',
    postalCode: '10001',
    country: 'US',
  },
  paymentMethod: 'card',
};
const PAGE_SIZE = 100;

const ordersMade = new Counter('orders_made');
const soldOut = new Counter('orders_refused_409');

const ORDER_ANSWERS = http.expectedStatuses(201, 409);

const thresholds = {
  http_req_failed: ['rate<0.01'],
  // The sale only: setup's registrations wait on bcrypt one by one and would blur the figure.
  'http_req_duration{scenario:flash_sale}': [`p(99)<${P99_MS}`],
  checks: ['rate>0.99'],
};
// Only the caller knows how many units are on sale when PRODUCT_SLUG names the game.
if (__ENV.EXPECT_ORDERS) thresholds.orders_made = [`count==${Number(__ENV.EXPECT_ORDERS)}`];

export const options = {
  // Registering costs a bcrypt hash per buyer, one after the other.
  setupTimeout: __ENV.SETUP_TIMEOUT || '10m',
  scenarios: {
    flash_sale: {
      // One VU per buyer, all released together: the rush the sale is about.
      executor: 'per-vu-iterations',
      vus: BUYERS,
      iterations: Number(__ENV.ITERATIONS || 1),
      maxDuration: __ENV.MAX_DURATION || '2m',
    },
  },
  thresholds,
};

function bodyOf(res) {
  try {
    return res.json();
    // k6 v0.48 cannot parse `catch {` without a binding, so the error is named and left unused.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
  } catch (e) {
    return null;
  }
}

/** Distinct per buyer so registering them all does not trip the per-IP limit (with TRUST_PROXY). */
function buyerAddress(i) {
  return `10.${200 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`;
}

function productBySlug(slug) {
  const res = http.get(`${BASE_URL}/api/v1/products/${encodeURIComponent(slug)}`, {
    tags: { name: 'GET /api/v1/products/{slug}' },
  });
  const product = bodyOf(res);
  if (res.status !== 200 || product === null)
    throw new Error(`checkout: product ${slug} answered ${res.status}`);
  return product;
}

/** The game in stock with the fewest units left: the sale has to run out. */
function scarcestProduct() {
  let best = null;
  let pageCount = 1;
  for (let page = 1; page <= pageCount; page++) {
    const res = http.get(
      `${BASE_URL}/api/v1/products?inStock=true&pageSize=${PAGE_SIZE}&page=${page}`,
      {
        tags: { name: 'GET /api/v1/products' },
      },
    );
    const body = bodyOf(res);
    if (res.status !== 200 || body === null)
      throw new Error(`checkout: GET /api/v1/products answered ${res.status}`);
    pageCount = body.pageCount;
    body.items.forEach((item) => {
      if (item.stock > 0 && (best === null || item.stock < best.stock)) best = item;
    });
  }
  if (best === null) throw new Error('checkout: no game is in stock');
  return best;
}

function registerBuyer(run, i, product) {
  // A jar of its own per buyer: with the shared one, each register would sign the previous buyer out.
  const jar = new http.CookieJar();
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': buyerAddress(i) };
  const email = `k6-buyer-${run}-${i}@bench.test`;
  let res;
  for (let attempt = 0; attempt < 5; attempt++) {
    res = http.post(
      `${BASE_URL}/api/v1/auth/register`,
      JSON.stringify({ email, password: PASSWORD, name: `Flash buyer ${i}` }),
      {
        headers,
        jar,
        tags: { name: 'POST /api/v1/auth/register' },
      },
    );
    // 503 means the hash pool is momentarily full; anything else will not change by waiting.
    if (res.status !== 503) break;
    sleep(Number(res.headers['Retry-After']) || 1);
  }
  if (res.status !== 201) {
    throw new Error(
      `checkout: registering buyer ${i} answered ${res.status}` +
        (res.status === 429
          ? ' (start the shop with TRUST_PROXY=true or a higher RATE_LIMIT_REGISTER_IP)'
          : ''),
    );
  }
  const added = http.post(
    `${BASE_URL}/api/v1/cart/items`,
    JSON.stringify({ productId: product.id, quantity: 1 }),
    {
      headers,
      jar,
      tags: { name: 'POST /api/v1/cart/items' },
    },
  );
  const cart = bodyOf(added);
  const inCart =
    added.status === 201 &&
    cart !== null &&
    cart.items.some((line) => line.productId === product.id && line.quantity === 1);
  if (!inCart)
    throw new Error(
      `checkout: adding ${product.slug} to buyer ${i}'s cart answered ${added.status}`,
    );

  const cookies = {};
  const held = jar.cookiesForURL(BASE_URL);
  Object.keys(held).forEach((name) => {
    cookies[name] = held[name][0];
  });
  return { cookies, address: buyerAddress(i) };
}

export function setup() {
  const product = __ENV.PRODUCT_SLUG ? productBySlug(__ENV.PRODUCT_SLUG) : scarcestProduct();
  const run = Date.now().toString(36);
  const buyers = [];
  for (let i = 0; i < BUYERS; i++) buyers.push(registerBuyer(run, i, product));
  console.log(
    `checkout: ${BUYERS} buyers, ${product.slug} with ${product.stock} in stock (listing value, may lag)`,
  );
  return { run, buyers, product: { id: product.id, slug: product.slug, stock: product.stock } };
}

export default function checkOut(data) {
  const buyer = data.buyers[(__VU - 1) % data.buyers.length];
  const res = http.post(`${BASE_URL}/api/v1/orders`, JSON.stringify(ORDER), {
    headers: {
      'content-type': 'application/json',
      'Idempotency-Key': `k6-${data.run}-${__VU}-${__ITER}`,
      'x-forwarded-for': buyer.address,
    },
    // Request-scoped: each VU is the buyer whose session setup() opened.
    cookies: buyer.cookies,
    responseCallback: ORDER_ANSWERS,
    tags: { name: 'POST /api/v1/orders' },
  });
  const body = bodyOf(res);
  check(res, {
    'order is 201 or 409': (r) => r.status === 201 || r.status === 409,
    'a 201 carries the order for the sale game': (r) =>
      r.status !== 201 ||
      (body !== null &&
        body.order !== undefined &&
        body.order.items.some((line) => line.productId === data.product.id)),
  });
  if (res.status === 201) ordersMade.add(1);
  if (res.status === 409) soldOut.add(1);
}
