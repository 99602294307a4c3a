// Runs inside a piscina worker thread: bcrypt is pure CPU, so the synchronous calls are the
// fastest here and keep the server's event loop free.
import bcrypt from 'bcryptjs';

/** @param {{ password: string, cost: number }} task */
export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}

/** @param {{ password: string, hash: string }} task */
export function compare({ password, hash }) {
  return bcrypt.compareSync(password, hash);
}
