import { Badge } from '@/components/ui/badge';

export function ProductStatusBadge({ archived }: { archived: boolean }) {
  return archived ? (
    <Badge variant="secondary">Archived</Badge>
  ) : (
    <Badge variant="success">On sale</Badge>
  );
}
