#!/usr/bin/env bash
# Rewrites references to the domain types moved from io to kernels (issue 13), for code written
# before the move (e.g. another branch merged after it). Run from the repository root; idempotent.
set -euo pipefail
files=$(grep -rlE "io\.hedgekit\.io\.(InputException|Progress)\b|io\.hedgekit\.io\.scenario\.(ScenarioSet|ScenarioMetadata|PriceHistory)\b|PriceHistory\.read\(|toSchemaMetadata|fromSchemaMetadata" \
  --include=*.java --include=*.md . | grep -v '/target/' || true)
[ -z "$files" ] && exit 0
sed -i -E 's/io\.hedgekit\.io\.InputException\b/io.hedgekit.kernels.InputException/g;
  s/io\.hedgekit\.io\.Progress\b/io.hedgekit.kernels.Progress/g;
  s/io\.hedgekit\.io\.scenario\.(ScenarioSet|ScenarioMetadata)\b/io.hedgekit.kernels.scenario.\1/g;
  s/io\.hedgekit\.io\.scenario\.PriceHistory\b([^F])/io.hedgekit.kernels.scenario.PriceHistory\1/g;
  s/\bPriceHistory\.read\(/io.hedgekit.io.scenario.PriceHistoryFiles.read(/g;
  s/([a-zA-Z_.()]+)\.metadata\(\)\.toSchemaMetadata\(\)/io.hedgekit.io.scenario.ScenarioSchemaMetadata.toSchemaMetadata(\1.metadata())/g;
  s/ScenarioMetadata\.fromSchemaMetadata\(/io.hedgekit.io.scenario.ScenarioSchemaMetadata.fromSchemaMetadata(/g' $files
echo "rewrote: $files"
echo "classes in packages io.hedgekit.io and io.hedgekit.io.scenario that used these types without an import need one added"
