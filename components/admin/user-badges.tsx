import { Badge } from '@/components/ui/badge';
import type { AdminUser } from '@/lib/admin';

export function RoleBadge({ role }: { role: AdminUser['role'] }) {
  return role === 'admin' ? <Badge>Admin</Badge> : <Badge variant="outline">Customer</Badge>;
}

export function AccountStatusBadge({ status }: { status: AdminUser['status'] }) {
  return status === 'active' ? (
    <Badge variant="success">Active</Badge>
  ) : (
    <Badge variant="destructive">Disabled</Badge>
  );
}
