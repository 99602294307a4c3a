#!/usr/bin/env bash
# What the test suite needs on this machine, prepared if missing: Chromium (Debian package), and
# PostgreSQL and Redis listening on 127.0.0.1. Used by `npm test` and by `.ci/run`. Prints what it
# could not do, with the command that would, and exits 1.
set -uo pipefail

fail() { echo "prepare: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "prepare: installing chromium (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  { as_root apt-get update -qq && as_root apt-get install -y -qq chromium fonts-liberation >/dev/null; } ||
    fail "Chromium is missing and could not be installed; run: sudo apt-get install -y chromium fonts-liberation"
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "prepare: starting PostgreSQL"
  cluster="$(ls /etc/postgresql 2>/dev/null | head -1)"
  [ -n "$cluster" ] && as_root pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 -q ||
  fail "PostgreSQL 15+ is not reachable on 127.0.0.1:5432 (user postgres, trust auth); start it, e.g.: sudo pg_ctlcluster 15 main start"

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "prepare: starting Redis"
  mkdir -p /tmp/arcade-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/arcade-redis --logfile /tmp/arcade-redis/redis.log >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 ||
  fail "Redis 7 is not reachable on 127.0.0.1:6379; install and start it, e.g.: sudo apt-get install -y redis-server"

echo "prepare: chromium, PostgreSQL and Redis are ready"
