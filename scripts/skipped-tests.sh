#!/usr/bin/env bash
# Lists every skipped test of the last build with its reason, from the Surefire reports, so that a test that
# could not reach its server is never silently skipped.
set -u
found=0
for f in */target/surefire-reports/TEST-*.xml; do
  [ -f "$f" ] || continue
  while IFS= read -r line; do
    if [ $found -eq 0 ]; then
      echo
      echo "==================== SKIPPED TESTS ===================="
      found=1
    fi
    echo "  $line"
  done < <(tr "\n" " " < "$f" | grep -o '<testcase name="[^"]*" classname="[^"]*"[^>]*>[[:space:]]*<skipped message="[^"]*"' \
           | sed -E 's/<testcase name="([^"]*)" classname="([^"]*)".*<skipped message="([^"]*)"/\2.\1: \3/')
done
if [ $found -eq 1 ]; then
  echo "========================================================"
fi
exit 0
