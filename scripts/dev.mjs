// Runs the shop on embedded defaults: no database or Redis needed. Creates a local secret on
// first run, applies migrations, seeds an empty catalog, then starts Next in development mode.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const secretFile = '.data/auth-secret';
if (!process.env.AUTH_SECRET) {
  mkdirSync('.data', { recursive: true });
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(secretFile, 'utf8').trim();
}
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
process.env.AUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;

const run = (script, extra = []) => {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...extra], {
    stdio: 'inherit',
    env: process.env,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('db:migrate');
run('db:seed', ['--if-empty']);

const next = spawn('npx', ['next', 'dev', '-p', process.env.PORT ?? '3000'], {
  stdio: 'inherit',
  env: process.env,
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => next.kill(sig));
next.on('exit', (code) => process.exit(code ?? 0));
