#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL server, Chromium, nginx, fonts) when missing, builds the
# solution and runs every test project. Ends with one line "N passed, N failed, N skipped".
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Organisation]
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian packages start a cluster and a web server of their own; the tests start their own on free ports.
  as_root service postgresql stop >/dev/null 2>&1 || true
  as_root service nginx stop >/dev/null 2>&1 || true
fi

echo "==> building"
dotnet build StrategyPortal.sln -c Release -nologo -v quiet -clp:ErrorsOnly

results="$(mktemp -d)"
status=0
# The scale-out tests publish the portal from this build and run it as separate processes behind nginx.
for project in $(ls -d tests/*Tests | grep -v -e E2ETests -e ScaleOutTests) tests/StrategyPortal.E2ETests tests/StrategyPortal.ScaleOutTests; do
  name="$(basename "$project")"
  echo "==> $name ($(df -h --output=avail . | tail -n 1 | tr -d ' ') free on the disk)"
  if ! dotnet test "$project" -c Release --no-build -nologo "$@" 2>&1 | tee "$results/$name.log"; then
    status=1
  fi
  if ! grep -qE '^(Passed|Failed)!' "$results/$name.log"; then
    # The test host ended without a summary (crashed or killed): say what is known, as the log's tail may be cut.
    echo "==> $name ended without a summary; disk: $(df -h --output=avail,pcent . | tail -n 1); memory: $(free -m | awk '/Mem:/ {print $7 " MB available"}')"
    dmesg 2>/dev/null | grep -iE 'out of memory|killed process' | tail -n 3 || true
  fi
done

passed=0; failed=0; skipped=0
for log in "$results"/*.log; do
  line="$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1 || true)"
  if [ -z "$line" ]; then echo "no test summary in $(basename "$log" .log)"; status=1; continue; fi
  p="$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")"; f="$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")"; s="$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
rm -rf "$results"
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
