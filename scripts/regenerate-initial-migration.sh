#!/usr/bin/env bash
# Until the first release is deployed, the schema ships as one InitialCreate migration per provider.
# This script throws the migrations away and generates them again from the current model.
# After the first deployment: never run it again; add migrations instead (docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
  project="migrations/StrategyPortal.Migrations.$provider"
  rm -rf "$project/Migrations"
  dotnet ef migrations add InitialCreate --project "$project" --startup-project "$project" >/dev/null
  echo "regenerated $project/Migrations"
done
