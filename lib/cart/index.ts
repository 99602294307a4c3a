import 'server-only';

export { addItem, cartLinesForGate, clearCart, getCart, mergeGuestCart, removeItem, setItemQuantity } from './cart';
export { EMPTY_CART } from './types';
export { dropCartMirror, mirrorCartLines, type MirroredLine } from './mirror';
export { addItemSchema, setQuantitySchema, productIdSchema, MAX_LINE_QUANTITY } from './schemas';
export { GUEST_COOKIE, signGuestId, verifyGuestCookie } from './guest-id';
export type { CartLine, CartNotice, CartNoticeKind, CartOwner, CartView } from './types';
