// Runs inside a piscina worker thread: bcrypt is pure CPU, so the synchronous calls are the
// fastest here and keep the server's event loop free. Each answer carries the time the work took,
// which the pool uses to judge how long a newcomer would wait.
import bcrypt from 'bcryptjs';

/** @param {{ password: string, cost: number }} task */
export function hash({ password, cost }) {
  const started = performance.now();
  const value = bcrypt.hashSync(password, cost);
  return { value, ms: performance.now() - started };
}

/** @param {{ password: string, hash: string }} task */
export function compare({ password, hash }) {
  const started = performance.now();
  const value = bcrypt.compareSync(password, hash);
  return { value, ms: performance.now() - started };
}
