#!/usr/bin/env bash
# The whole check, from a fresh clone on a machine with only Node 20 and npm:
# pinned pnpm, dependencies from the lock file, build, typecheck, lint, tests.
# Prints the combined test count as its last line ("tests: N passed, M failed, K skipped").
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=$(node -p 'require("./package.json").packageManager.split("@")[1]')
pnpm() { npm exec --yes "pnpm@${PNPM_VERSION}" -- "$@"; }
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm install --frozen-lockfile
rm -f packages/*/.vitest-result.json apps/*/.vitest-result.json
status=0
pnpm exec turbo run build typecheck test --output-logs=errors-only --concurrency=2 || status=$?
# What is published: metadata, publint, attw, export pins, then the consumer and plugin-guide
# tests on the packed tarballs (tests/packaging; needs the build above).
rm -f tests/*/.vitest-result.json
pnpm --filter @netstat-ts/packaging-tests run test:packaging || status=$?
pnpm exec biome check . || status=$?
node scripts/test-summary.mjs || status=$?
exit "$status"
