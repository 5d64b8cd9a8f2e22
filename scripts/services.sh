#!/usr/bin/env bash
# Starts the local services the tests talk to when they are installed but not running (the commands of the
# development machines' image). Prints what it did; never fails the caller by itself.
set -u
say() { echo "services: $*" >&2; }

if command -v pg_ctlcluster >/dev/null 2>&1; then
  if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    say "PostgreSQL is down; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || say "could not start PostgreSQL"
    for _ in $(seq 1 30); do (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && break; sleep 1; done
  fi
else
  say "PostgreSQL is not installed here; its tests will be skipped (or fail under CI=true)"
fi
exit 0
