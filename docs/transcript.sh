#!/usr/bin/env bash
# Regenerates docs/console-issue15.txt and docs/payloads-issue15.txt: the offline console's
# answers to the day-to-day commands on the bundled seeds, and the Discord payloads
# (interaction responses, JSON) of the same commands, as `quotebot render --json` prints them.
# Corrections are written to a throw-away copy of config/, never to the project's.
set -euo pipefail
cd "$(dirname "$0")/.."
QB=${QB:-.venv/bin/quotebot}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r config "$tmp/config"
commands=(
  '/quote Stoltenberg kind:direct until:2022-01-10'
  '/context ca8mx7xfdx'
  '/who "open door"'
  '/who security guarantees outlet:TASS since:2022-01-05'
  '/who guarantees outlet:Reuters'
  '/quote Stoltenberg about:russian representation'
  '/quote NATO Secretary General kind:direct until:2022-01-10'
  '/quote Kremlin spokesman'
  '/quote secretary'
  '/timeline Stoltenberg'
  '/timeline Stoltenberg since:2022-02-30'
  '/export Ushakov format:json'
  '/correct tvv9w6kzxp Sergey Ryabkov'
  '/quote Ryabkov'
  '/hide ca8mx7xfdx'
  '/context 0000000000'
  '/reload'
)
{
  for c in "${commands[@]}"; do
    echo "quotebot> $c"
    echo "$c" | "$QB" --config "$tmp/config" console --files "$tmp/files" 2>&1 | sed "s#$tmp#\$TMP#g" || true
  done
} > docs/console-issue15.txt
cp -r config "$tmp/config2"
{
  for c in '/context ca8mx7xfdx' '/who security guarantees outlet:TASS' '/quote Kremlin spokesman' \
           '/timeline Stoltenberg' '/export Ushakov format:csv' '/correct tvv9w6kzxp Sergey Ryabkov' \
           '/hide ca8mx7xfdx'; do
    echo "## $c"
    "$QB" --config "$tmp/config2" render --json "$c" 2>&1 || true
    echo
  done
} > docs/payloads-issue15.txt
echo "wrote docs/console-issue15.txt and docs/payloads-issue15.txt"
