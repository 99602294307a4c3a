import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum('user_role', ['customer', 'admin']);
export const userStatus = pgEnum('user_status', ['active', 'disabled']);
export const orderStatus = pgEnum('order_status', [
  'pending_payment',
  'paid',
  'fulfilled',
  'cancelled',
  'refund_requested',
  'refunded',
]);
export const paymentMethod = pgEnum('payment_method', ['card', 'wallet', 'cod']);
export const paymentStatus = pgEnum('payment_status', [
  'requires_action',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
]);
/** A refund is recorded with the change that causes it, then sent to the provider by a job. */
export const refundStatus = pgEnum('refund_status', ['pending', 'sent']);
export const jobStatus = pgEnum('job_status', ['pending', 'running', 'done', 'dead']);
/** How an edition reaches its buyer: a licence key, a file to download, or a box in the post. */
export const deliveryKind = pgEnum('delivery_kind', ['key', 'download', 'physical']);
export const licenseKeyStatus = pgEnum('license_key_status', [
  'available',
  'assigned',
  'revealed',
  'revoked',
]);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('customer'),
    status: userStatus('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    index('users_created_idx').on(t.createdAt),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId, t.createdAt)],
);

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_hash_idx').on(t.tokenHash),
    index('password_reset_tokens_user_idx').on(t.userId),
  ],
);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('categories_slug_idx').on(t.slug),
    index('categories_position_idx').on(t.position),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    specs: jsonb('specs').$type<Record<string, string>>().notNull().default({}),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    platforms: text('platforms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    genres: text('genres')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    developer: text('developer').notNull().default(''),
    publisher: text('publisher').notNull().default(''),
    releaseDate: date('release_date').notNull(),
    rating: real('rating').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    featured: boolean('featured').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')`,
      ),
  },
  (t) => [
    uniqueIndex('products_slug_idx').on(t.slug),
    index('products_category_price_idx').on(t.categoryId, t.priceCents),
    index('products_price_idx').on(t.priceCents),
    index('products_release_idx').on(t.releaseDate),
    index('products_rating_idx').on(t.rating),
    index('products_genres_idx').using('gin', t.genres),
    index('products_platforms_idx').using('gin', t.platforms),
    // Search indexes (lib/catalog/search.ts). No pending list (fastupdate off): a search never
    // scans a list of unmerged entries, at a small cost to each write of a product. The trigram
    // index's expression also keeps no statistics (custom migration 0003): see there.
    index('products_search_idx').using('gin', t.search).with({ fastupdate: false }),
    index('products_title_trgm_idx')
      .using('gin', sql`lower(${t.title}) gin_trgm_ops`)
      .with({ fastupdate: false }),
    check('products_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

/**
 * What is sold: a game on one platform, delivered one way, with its own price, stock and SKU. A
 * product's listed price is its cheapest edition's. `stock` is units on the shelf (physical), keys
 * in the vault not yet promised to an order (key), or a cap on copies (download; null: unlimited).
 */
export const editions = pgTable(
  'editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    platform: text('platform').notNull(),
    delivery: deliveryKind('delivery').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    stock: integer('stock'),
    position: integer('position').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('editions_sku_idx').on(t.sku),
    index('editions_product_idx').on(t.productId, t.position),
    check('editions_price_nonnegative', sql`${t.priceCents} >= 0`),
    check('editions_stock_nonnegative', sql`${t.stock} >= 0`),
    check(
      'editions_stock_unlimited_download',
      sql`${t.stock} is not null or ${t.delivery} = 'download'`,
    ),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    alt: text('alt').notNull().default(''),
    position: integer('position').notNull().default(0),
    width: integer('width').notNull().default(600),
    height: integer('height').notNull().default(800),
    createdAt: createdAt(),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);

/** Daily view counts: the durable source the "most viewed" board is rebuilt from. */
export const productViews = pgTable(
  'product_views',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.day] }), index('product_views_day_idx').on(t.day)],
);

export const stockAdjustments = pgTable(
  'stock_adjustments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    editionId: uuid('edition_id').references(() => editions.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('stock_adjustments_product_idx').on(t.productId, t.createdAt)],
);

/** A cart belongs to a user or, before login, to a guest id kept in a signed cookie. */
export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    guestId: text('guest_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('carts_user_idx').on(t.userId),
    uniqueIndex('carts_guest_idx').on(t.guestId),
    check('carts_owner', sql`(${t.userId} is not null) <> (${t.guestId} is not null)`),
  ],
);

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    /** The price the shopper saw when adding, to tell them when it changed. */
    seenPriceCents: integer('seen_price_cents').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.editionId] }),
    check('cart_items_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export type ShippingAddress = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
};

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: orderStatus('status').notNull().default('pending_payment'),
    paymentMethod: paymentMethod('payment_method').notNull(),
    subtotalCents: integer('subtotal_cents').notNull(),
    shippingCents: integer('shipping_cents').notNull().default(0),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    /** Estimated tax for the billing country, included in the total. */
    taxCents: integer('tax_cents').notNull().default(0),
    /** ISO 3166-1 alpha-2. */
    billingCountry: text('billing_country'),
    /** Only orders with a physical edition have one. */
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orders_user_created_idx').on(t.userId, t.createdAt.desc()),
    index('orders_status_created_idx').on(t.status, t.createdAt),
    index('orders_created_idx').on(t.createdAt),
    index('orders_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending_payment'`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    editionName: text('edition_name').notNull(),
    platform: text('platform').notNull(),
    delivery: deliveryKind('delivery').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    quantity: integer('quantity').notNull(),
    /** Units of the line given back to the buyer's money (staff refunds can take part of a line). */
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.editionId] }),
    index('order_items_product_idx').on(t.productId),
    index('order_items_edition_idx').on(t.editionId),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    check(
      'order_items_refunded_within_quantity',
      sql`${t.refundedQuantity} between 0 and ${t.quantity}`,
    ),
  ],
);

/** The status timeline of an order; also records who moved it. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.createdAt)],
);

export const orderNotes = pgTable(
  'order_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('order_notes_order_idx').on(t.orderId, t.createdAt)],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    method: paymentMethod('method').notNull(),
    intentId: text('intent_id').notNull(),
    status: paymentStatus('status').notNull().default('requires_action'),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    failureReason: text('failure_reason'),
    /**
     * When the provider accepted the intent (created after the order commits, never inside its
     * transaction) and where it sends the shopper; null until then.
     */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    redirectUrl: text('redirect_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_intent_idx').on(t.provider, t.intentId),
    index('payments_order_idx').on(t.orderId),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    amountCents: integer('amount_cents').notNull(),
    /** Pending until the send_refund job has the provider's answer; the row id is its idempotency key. */
    status: refundStatus('status').notNull().default('pending'),
    providerRefundId: text('provider_refund_id'),
    reason: text('reason').notNull().default(''),
    /** The units this refund gives back, or null when it returns a whole payment. */
    lines: jsonb('lines').$type<{ editionId: string; quantity: number }[]>(),
    attempts: integer('attempts').notNull().default(0),
    /** The provider's last refusal, for staff, while the job keeps retrying. */
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId),
    index('refunds_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** Every provider event we have processed: a replayed id is recognised and ignored. */
export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.scope, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

/** Durable job queue (transactional outbox): jobs commit with the change that caused them. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: jobStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`${t.status} in ('pending', 'running')`),
    uniqueIndex('jobs_dedupe_idx').on(t.dedupeKey),
    index('jobs_status_idx').on(t.status),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId, t.createdAt),
  ],
);

/**
 * The key vault: licence keys, encrypted (AES-256-GCM) under the vault key named by `vaultKeyId`.
 * `fingerprint` is a keyed hash of the normalised key, so an import recognises a key it already
 * holds without anyone being able to read one back from a dump.
 */
export const licenseKeys = pgTable(
  'license_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    vaultKeyId: text('vault_key_id').notNull(),
    ciphertext: text('ciphertext').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: licenseKeyStatus('status').notNull().default('available'),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('license_keys_fingerprint_idx').on(t.fingerprint),
    index('license_keys_available_idx')
      .on(t.editionId, t.createdAt)
      .where(sql`${t.status} = 'available'`),
    index('license_keys_edition_status_idx').on(t.editionId, t.status),
    index('license_keys_order_idx').on(t.orderId),
  ],
);

/** Every time a buyer looked at a key: who, when, from where. */
export const keyReveals = pgTable(
  'key_reveals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    licenseKeyId: uuid('license_key_id')
      .notNull()
      .references(() => licenseKeys.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('key_reveals_key_idx').on(t.licenseKeyId, t.createdAt)],
);

/** A gift: the digital editions of an order, sent to a friend who claims them by mail. */
export const gifts = pgTable(
  'gifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recipientEmail: text('recipient_email').notNull(),
    message: text('message').notNull().default(''),
    /** sha256 of the claim token; the token itself is only ever in the mail. */
    tokenHash: text('token_hash').notNull(),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sendCount: integer('send_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('gifts_token_idx').on(t.tokenHash),
    uniqueIndex('gifts_order_idx').on(t.orderId),
  ],
);

/**
 * What a user owns: one row per unit of a digital edition paid for. A gift's rows belong to
 * nobody until the friend claims them; a refund revokes them.
 */
export const libraryItems = pgTable(
  'library_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'restrict' }),
    giftId: uuid('gift_id').references(() => gifts.id, { onDelete: 'set null' }),
    licenseKeyId: uuid('license_key_id').references(() => licenseKeys.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('library_items_user_idx').on(t.userId, t.createdAt),
    index('library_items_order_idx').on(t.orderId),
    index('library_items_gift_idx').on(t.giftId),
  ],
);

/** The build of a downloadable edition, kept through `Storage`. */
export const editionFiles = pgTable('edition_files', {
  editionId: uuid('edition_id')
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  storageKey: text('storage_key').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull().default('application/octet-stream'),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  uploadedAt: createdAt(),
});

/** Download links handed out, counted per user and day against the daily limit. */
export const downloads = pgTable(
  'downloads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    libraryItemId: uuid('library_item_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('downloads_user_day_idx').on(t.userId, t.createdAt)],
);
