import { handlers } from '@/auth';
import { route } from '@/lib/api/handler';

type Params = { nextauth: string[] };

// Auth.js's own endpoints: it checks its CSRF token on POST; the wrapper adds the same-origin lock.
export const GET = route<Params>({ auth: 'none' }, async ({ req }) => handlers.GET(req));
export const POST = route<Params>({ auth: 'none' }, async ({ req }) => handlers.POST(req));
