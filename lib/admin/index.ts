import 'server-only';

/*
 * The admin capability: one function per admin operation, called alike by the dashboard's
 * server actions and by /api/v1/admin route handlers. Every write takes the acting admin, records
 * an audit entry in its own transaction, and invalidates the storefront cache when the catalog moved.
 */
export { requireAdminActor, type AdminActor } from './actor';
export {
  recordAudit,
  listAudit,
  auditActions,
  auditQuerySchema,
  type AuditChange,
  type AuditEntry,
  type AuditQuery,
} from './audit';
export { pageSchema, filtersFrom, listingHref, type Paged, type SearchParams } from './paging';
export {
  productCreateSchema,
  productUpdateSchema,
  productListQuerySchema,
  stockAdjustmentSchema,
  editionCreateSchema,
  editionCreateFormSchema,
  editionUpdateSchema,
  DELIVERY_KINDS,
  productCreateFormSchema,
  productUpdateFormSchema,
  stockAdjustmentFormSchema,
  priceToCents,
  type ProductCreate,
  type ProductCreateInput,
  type ProductUpdate,
  type ProductListQuery,
  type StockAdjustmentInput,
} from './product-schemas';
export { createEdition, updateEdition, listEditionsOf, type AdminEdition } from './editions';
export {
  listAdminProducts,
  getAdminProduct,
  createProduct,
  updateProduct,
  archiveProduct,
  restoreProduct,
  adjustStock,
  listStockAdjustments,
  slugify,
  type AdminProduct,
  type AdminProductRow,
  type AdminProductImage,
  type StockAdjustmentView,
} from './products';
export {
  uploadProductImage,
  deleteProductImage,
  checkImage,
  MAX_IMAGE_BYTES,
  type ImageUpload,
} from './product-images';
export {
  listAdminCategories,
  createCategory,
  updateCategory,
  reorderCategories,
  moveCategory,
  deleteCategory,
  categoryCreateSchema,
  categoryUpdateSchema,
  categoryReorderSchema,
  type AdminCategory,
  type CategoryCreate,
  type CategoryUpdate,
} from './categories';
export {
  listAdminOrders,
  getAdminOrder,
  fulfilAdminOrder,
  recordCashPayment,
  CASH_PROVIDER,
  decideRefund,
  addOrderNote,
  adminOrderQuerySchema,
  orderNoteSchema,
  refundDecisionSchema,
  type AdminOrder,
  type AdminOrderRow,
  type AdminOrderQuery,
  type OrderNoteView,
  type RefundDecision,
} from './orders';
export {
  cancelAdminOrder,
  refundAdminOrder,
  adminCancelSchema,
  adminRefundSchema,
  adminRefundRequestSchema,
  type AdminRefund,
} from './order-refunds';
export { refundLinesSchema, type RefundView } from './refund-views';
export {
  listAdminUsers,
  getAdminUser,
  listUserOrders,
  changeUserRole,
  disableUserAccount,
  enableUserAccount,
  userListQuerySchema,
  roleChangeSchema,
  type AdminUser,
  type UserListQuery,
} from './users';
export {
  dashboardStats,
  type DashboardStats,
  type DayPoint,
  type HourPoint,
  type PeriodTotals,
} from './stats';
