#!/usr/bin/env bash
# The whole test suite: installs what the tests need on a fresh machine, then lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi

echo "== lint and format (biome)"
npx biome ci --colors=off .
echo "== types (tsc)"
npx tsc -p tsconfig.json --noEmit

echo "== tests (vitest)"
mkdir -p test-output
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json || status=$?
node scripts/print-test-summary.mjs test-output/vitest.json
exit "$status"
