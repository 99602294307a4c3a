// Adds up the suites' JSON reports into the one line CI reads: "N passed, N failed".
// A suite that should have run but left no report (crash, failed build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read('reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (!vitest.success && vitest.numFailedTests === 0) failed += 1; // a suite failed to load
  console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
} else {
  failed += 1;
  console.log('vitest: no report (the run crashed)');
}

if (existsSync('reports/build.failed')) {
  failed += 1;
  console.log('build: failed, end-to-end tests not run');
} else {
  const e2e = read('reports/e2e.json');
  if (e2e) {
    const s = e2e.stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    console.log(
      `playwright: ${s.expected + s.flaky} passed (${s.flaky} flaky), ${s.unexpected} failed`,
    );
    if (s.expected + s.flaky + s.unexpected === 0 && (e2e.errors ?? []).length) failed += 1;
  } else {
    failed += 1;
    console.log('playwright: no report (the run crashed)');
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
