#!/usr/bin/env bash
# Starts the local services the tests talk to when they are installed but not running (the commands of the
# development machines' image): PostgreSQL, MariaDB, RabbitMQ and Mosquitto. Under CI=true (root) it installs
# OpenSSH's server (scripts/install-sshd.sh; the SFTP tests start their own sshd) and Chromium (scripts/install-chromium.sh,
# for the explorer's browser test) when missing. Prints what it did;
# never fails the caller by itself (a test whose server is missing then skips, or fails under CI=true).
set -u
say() { echo "services: $*" >&2; }
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_up() { for _ in $(seq 1 "$2"); do up "$1" && return 0; sleep 1; done; say "$3 did not come up on port $1"; }

# start_if_down <port> <name> <binary that must exist> <command...>
start_if_down() {
  local port=$1 name=$2 bin=$3; shift 3
  if up "$port"; then return 0; fi
  if ! command -v "$bin" >/dev/null 2>&1; then
    say "$name is not installed here; its tests will be skipped (or fail under CI=true)"
    return 0
  fi
  say "$name is down; starting it"
  "$@" >/dev/null 2>&1 || say "could not start $name"
  wait_up "$port" 60 "$name"
}

start_if_down 5432 PostgreSQL pg_ctlcluster \
  bash -c 'pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start'
start_if_down 3306 MariaDB mariadbd start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
start_if_down 5672 RabbitMQ rabbitmq-server rabbitmq-server -detached
start_if_down 1883 Mosquitto mosquitto mosquitto -d -c /etc/mosquitto/mosquitto.conf
"$(dirname "$0")/install-sshd.sh" || say "could not check for OpenSSH's sshd"
"$(dirname "$0")/install-chromium.sh" || say "could not check for Chromium"
exit 0
