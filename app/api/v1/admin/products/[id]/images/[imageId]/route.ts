import { json, route } from '@/lib/api/handler';
import { deleteProductImage } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** DELETE: removes one picture of a game (the row first, then its file). */
export const DELETE = route<{ id: string; imageId: string }>(
  { auth: 'admin' },
  async ({ params, actor }) => {
    return json(
      { product: await deleteProductImage(actor, params.id, params.imageId) },
      { headers: PRIVATE_NO_STORE },
    );
  },
);
