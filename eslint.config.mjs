import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/*
 * Layer direction (ARCHITECTURE.md "Layers"): app → lib → db/kv; components never import app;
 * db imports nothing of lib. Paths are matched on the '@/' alias the code uses everywhere.
 */
const appMustNot = {
  group: ['@/db', '@/db/*', '@/lib/kv', '@/lib/kv/*'],
  message:
    'Pages, actions and route handlers reach data through lib/<domain>, never drizzle or Redis.',
};
const libMustNot = {
  group: ['@/app/*', '@/components/*'],
  message: 'lib is below app and components: pass what it needs in instead.',
};
const componentsMustNot = {
  group: ['@/app/*'],
  message: 'Components never import app: take server actions and data as props.',
};
const dbMustNot = {
  // The env schema and the logger are the process's infrastructure, below db itself.
  group: ['@/lib/*', '!@/lib/config', '!@/lib/config/*', '!@/lib/log', '!@/lib/log/*'],
  message: 'db imports nothing of lib (the env and the logger aside).',
};
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['app/**/*.{ts,tsx}'], rules: restrict(appMustNot) },
  { files: ['lib/**/*.{ts,tsx}'], rules: restrict(libMustNot) },
  {
    // Cycles between files; cycles between lib/<domain> folders: tests/foundation/layers.test.ts.
    files: ['lib/**/*.{ts,tsx}'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  { files: ['components/**/*.{ts,tsx}'], rules: restrict(componentsMustNot) },
  { files: ['db/**/*.{ts,tsx}'], rules: restrict(dbMustNot) },
  {
    // The seed is a script run by `npm run db:seed`, not a layer: it builds demo data with the
    // same media, vault and storage code the shop uses, so it may import lib.
    files: ['db/seed/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
export default config;
