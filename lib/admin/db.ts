import 'server-only';
/**
 * The back office reads from the primary, never from a read replica (DATABASE_READ_URL): an admin
 * who has just saved a product, adjusted stock, decided a refund or disabled an account must see
 * it on the page the action returns to, and a write that reads back what it wrote (the edition
 * list after an edit) must find it. Admin traffic is a handful of people, not the shop's crowd,
 * so the replica loses nothing worth the staleness. As lib/auth/db.ts does for sessions.
 */
export { primaryDb as adminDb } from '@/db/client';
