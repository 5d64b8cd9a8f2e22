#!/usr/bin/env bash
# Installs Debian's OpenSSH server, the real peer of the SFTP exchange tests, when it is missing, without starting a
# system sshd (the tests start their own, on a free port of 127.0.0.1, with a config of their own). Installs only
# under CI=true as root; elsewhere it says how. Never fails the caller by itself: a test that needs sshd skips when
# it is missing, or fails under CI=true.
set -u
say() { echo "services: $*" >&2; }

[ -x /usr/sbin/sshd ] && [ -x /usr/bin/ssh-keygen ] && exit 0
if [ "${CI:-}" != "true" ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "OpenSSH's sshd is not installed; the SFTP exchange tests will be skipped" \
      "(install it with: apt-get install --no-install-recommends openssh-server)"
  exit 0
fi

# policy-rc.d answering 101 keeps the package's scripts from starting the system sshd (port 22)
policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && made_policy=1
fi
say "installing openssh-server for the SFTP exchange tests"
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server; } >&2; then
  say "could not install openssh-server; the SFTP exchange tests will fail under CI=true"
fi
[ -n "$made_policy" ] && rm -f "$policy"
exit 0
