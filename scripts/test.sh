#!/usr/bin/env bash
# The whole test suite: installs what the tests need on a fresh machine, then lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi

# PostgreSQL 15 for the second store tier: started if down, one database per run, dropped at the end.
if ! command -v pg_ctlcluster >/dev/null; then
  echo "Installing Debian's postgresql-15 for the PostgreSQL tests…"
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq postgresql-15 >/dev/null
fi
if [ "$(id -u)" = 0 ]; then as_postgres="runuser -u postgres --"; else as_postgres="sudo -u postgres"; fi
if ! pg_lsclusters --no-header | grep -q "^15 *main .*online"; then
  pg_ctlcluster 15 main start
fi
test_database="paperpulse_test_$$"
$as_postgres psql -q -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'paperpulse_test') THEN
    CREATE ROLE paperpulse_test LOGIN SUPERUSER PASSWORD 'paperpulse_test';
  END IF;
END \$\$;
CREATE DATABASE $test_database OWNER paperpulse_test;
SQL
trap '$as_postgres dropdb --if-exists "$test_database" || true' EXIT
export PAPERPULSE_TEST_DATABASE_URL="postgres://paperpulse_test:paperpulse_test@127.0.0.1:5432/$test_database"

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
