export { isForeignKeyViolation, isUniqueViolation } from '@/db/errors';
