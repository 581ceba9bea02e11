#!/usr/bin/env bash
# Runs the customer score import benchmark against a throw-away PostgreSQL cluster in /tmp (port 55433),
# or against STRATEGYPORTAL_TEST_PG when it is set. The cluster is stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../../.."
rows="${1:-1000000}"
if [[ -z "${STRATEGYPORTAL_TEST_PG:-}" ]]; then
  dir="$(mktemp -d /tmp/sp-bench-pg.XXXXXX)"
  owner="$(id -un)"; [[ "$owner" == root ]] && owner=postgres
  chown "$owner" "$dir"
  as() { if [[ "$(id -un)" == root ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as initdb -D "$dir/data" -U portal --auth=trust >/dev/null
  as pg_ctl -D "$dir/data" -o "-p 55433 -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" -l "$dir/log" -w start >/dev/null
  trap 'as pg_ctl -D "$dir/data" -m fast -w stop >/dev/null; rm -rf "$dir"' EXIT
  export STRATEGYPORTAL_TEST_PG="Host=127.0.0.1;Port=55433;Database=spbench;Username=portal"
fi
dotnet run -c Release --project tests/StrategyPortal.Benchmarks -- customer-scores postgres "$rows"
