#!/usr/bin/env bash
# Every test the project has: unit + integration (vitest, real PostgreSQL and Redis), then the
# production build and the end-to-end suite in Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json test-results/build.failed

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_status=$?

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== production build"
  if ! npx next build; then touch test-results/build.failed; fi
fi

e2e_status=0
if [ ! -f test-results/build.failed ]; then
  echo "== end-to-end tests (Playwright, Chromium)"
  npx playwright test
  e2e_status=$?
fi

node scripts/test-summary.mjs
summary_status=$?
if [ $vitest_status -ne 0 ] || [ $e2e_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
