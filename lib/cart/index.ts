import 'server-only';

export {
  addItem,
  cartLinesForGate,
  clearCart,
  getCart,
  mergeGuestCart,
  removeItem,
  resolveEdition,
  setItemQuantity,
} from './cart';
export { EMPTY_CART } from './types';
export { dropCartMirror, gatedLines, mirrorCartLines, type MirroredLine } from './mirror';
export { addItemSchema, setQuantitySchema, editionIdSchema, MAX_LINE_QUANTITY } from './schemas';
export { GUEST_COOKIE, signGuestId, verifyGuestCookie } from './guest-id';
export type { CartLine, CartNotice, CartNoticeKind, CartOwner, CartView } from './types';
