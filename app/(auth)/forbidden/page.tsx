import { forbidden } from 'next/navigation';

// Rendered per request, so the 403 is set on the response itself rather than on a prerendered copy.
export const dynamic = 'force-dynamic';

/**
 * Where signed-in visitors land when a page needs a role they do not have (requirePageAdmin):
 * app/forbidden.tsx, answered with 403 so the refusal is a refusal to crawlers, monitors and
 * scripts too, not a 200 page that merely says so.
 */
export default function ForbiddenPage(): never {
  forbidden();
}
