#!/usr/bin/env bash
# Every test the project has: unit + integration (vitest, real PostgreSQL and Redis), then the
# production build and the end-to-end suite in Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Chromium, PostgreSQL and Redis, installed or started when missing (SKIP_PREPARE=1 skips it).
if [ -z "${SKIP_PREPARE:-}" ]; then
  bash scripts/prepare-test-env.sh || { echo "0 passed, 1 failed"; exit 1; }
fi
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json reports/build.failed

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_status=$?

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== production build"
  if ! npx next build; then touch reports/build.failed; fi
fi

e2e_status=0
if [ ! -f reports/build.failed ]; then
  echo "== end-to-end tests (Playwright, Chromium)"
  npx playwright test
  e2e_status=$?
fi

node scripts/test-summary.mjs
summary_status=$?
if [ $vitest_status -ne 0 ] || [ $e2e_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
