import 'server-only';

export { listLibrary, type LibraryItem } from './library';
export {
  claimGift,
  previewGift,
  resendGift,
  sendGiftMail,
  MAX_GIFT_SENDS,
  type GiftPreview,
} from './gifts';
export { deliverOrder, revokeLibraryItems } from './deliver';
