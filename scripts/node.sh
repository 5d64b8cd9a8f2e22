#!/usr/bin/env bash
# Makes sure Node.js (18 or newer) and npm are there for the tests that need them (the graphql-http audit of the
# API, api/src/test/node). Installs Debian's nodejs and npm when they are missing and this runs as root; prints
# what it did; never fails the caller by itself (the test then fails under CI=true, or skips loudly).
set -u
say() { echo "node: $*" >&2; }
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  [ "${major:-0}" -ge 18 ] && exit 0
  say "Node.js $(node --version) is older than 18"
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  say "installing Debian's nodejs and npm"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 \
    || say "could not install nodejs and npm"
else
  say "Node.js 18+ and npm are missing; the graphql-http audit test will be skipped (or fail under CI=true)"
fi
exit 0
