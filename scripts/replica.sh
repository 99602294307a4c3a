#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL, for testing DATABASE_READ_URL on one machine:
# a second cluster made with pg_basebackup from the primary and kept in step by streaming
# replication (hot standby, read-only).
#
#   scripts/replica.sh start    # make (if needed) and start it; prints its URL
#   scripts/replica.sh stop     # stop it and delete its data directory
#   scripts/replica.sh status   # running or not, in recovery, replay position
#   scripts/replica.sh url      # the postgres:// URL of a database on it (REPLICA_DB, default postgres)
#
# Both start and stop are idempotent: start on a running replica does nothing, start over the
# leftovers of a crashed one removes them first, stop of a stopped one only cleans up.
#
# Settings (environment):
#   REPLICA_PORT     port of the replica               (default 5433)
#   REPLICA_DIR      its data directory, deleted by stop (default /tmp/arcade-replica-$REPLICA_PORT)
#   PRIMARY_HOST     the primary                       (default 127.0.0.1)
#   PRIMARY_PORT                                       (default 5432)
#   PRIMARY_USER     a superuser or REPLICATION role   (default postgres)
#   PG_BIN           server binaries of the primary's major version
#                    (default /usr/lib/postgresql/<primary major>/bin)
#
# The primary must accept replication connections from 127.0.0.1. When it does not and this
# script may edit its pg_hba.conf (root or the postgres user), it adds one line
# (`host replication all 127.0.0.1/32 trust`, the same trust the primary gives local clients)
# and reloads the configuration; nothing else of the primary is changed. No replication slot is
# made: a slot left behind by a crashed run would make the primary keep WAL forever.
set -euo pipefail

REPLICA_PORT="${REPLICA_PORT:-5433}"
REPLICA_DIR="${REPLICA_DIR:-/tmp/arcade-replica-$REPLICA_PORT}"
PRIMARY_HOST="${PRIMARY_HOST:-127.0.0.1}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
PRIMARY_USER="${PRIMARY_USER:-postgres}"
REPLICA_DB="${REPLICA_DB:-postgres}"

say() { echo "replica: $*" >&2; }
die() { say "$*"; exit 1; }

# The server refuses to run as root: as root, run the cluster's commands as the postgres user.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root and there is no postgres user to run the server as"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

primary_psql() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres "$@"
}

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local major
  major="$(primary_psql -c 'show server_version_num' 2>/dev/null | head -c 2)" ||
    die "the primary is not reachable on $PRIMARY_HOST:$PRIMARY_PORT as $PRIMARY_USER"
  [ -n "$major" ] || die "the primary is not reachable on $PRIMARY_HOST:$PRIMARY_PORT as $PRIMARY_USER"
  echo "/usr/lib/postgresql/$major/bin"
}

# The data directory's path is checked before anything is deleted from it.
check_dir() {
  case "$REPLICA_DIR" in
    /tmp/?*|/var/tmp/?*|"${TMPDIR:-/tmp}"/?*) ;;
    *) die "REPLICA_DIR must lie under /tmp, /var/tmp or \$TMPDIR (it is deleted by stop): $REPLICA_DIR" ;;
  esac
}

running() {
  local bin="$1"
  [ -f "$REPLICA_DIR/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" status >/dev/null 2>&1
}

replica_url() { echo "postgres://$PRIMARY_USER@127.0.0.1:$REPLICA_PORT/$REPLICA_DB"; }

# A replication connection, or the one pg_hba.conf line that allows it (and a reload).
ensure_replication_access() {
  if psql -X -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" "dbname=replication replication=true" \
      -c 'IDENTIFY_SYSTEM' >/dev/null 2>&1; then
    return
  fi
  local hba
  hba="$(primary_psql -c 'show hba_file')"
  if [ ! -w "$hba" ] && ! { [ "$(id -u)" = 0 ] && as_pg test -w "$hba"; }; then
    die "the primary refuses replication connections from 127.0.0.1 and $hba is not writable here; add
    host replication all 127.0.0.1/32 trust
to it and reload the primary (select pg_reload_conf())"
  fi
  say "allowing replication connections from 127.0.0.1 in $hba"
  printf '\n# Added by scripts/replica.sh (arcade): streaming replicas on this machine.\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
  primary_psql -c 'select pg_reload_conf()' >/dev/null
  for _ in $(seq 1 20); do
    if psql -X -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" "dbname=replication replication=true" \
        -c 'IDENTIFY_SYSTEM' >/dev/null 2>&1; then
      return
    fi
    sleep 0.25
  done
  die "the primary still refuses replication connections after adding the pg_hba.conf line"
}

check_senders() {
  local free
  free="$(primary_psql -c "select current_setting('max_wal_senders')::int - (select count(*) from pg_stat_replication)")"
  # pg_basebackup -X stream takes two senders while it copies, the replica one afterwards.
  [ "${free:-0}" -ge 2 ] || die "the primary has no free WAL sender (max_wal_senders: $free left); stop another replica first"
}

start() {
  check_dir
  local bin
  bin="$(pg_bin)"
  [ -x "$bin/pg_basebackup" ] && [ -x "$bin/pg_ctl" ] || die "no pg_basebackup/pg_ctl in $bin (set PG_BIN)"
  if running "$bin"; then
    say "already running on port $REPLICA_PORT ($REPLICA_DIR)"
    replica_url
    return
  fi
  # Leftovers of a replica that crashed or was never stopped.
  if [ -e "$REPLICA_DIR" ]; then
    say "removing the leftovers in $REPLICA_DIR"
    as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$REPLICA_DIR"
  fi
  ensure_replication_access
  check_senders

  mkdir -p "$REPLICA_DIR"
  chmod 700 "$REPLICA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DIR"
  say "copying the primary ($PRIMARY_HOST:$PRIMARY_PORT) into $REPLICA_DIR"
  # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
  if ! as_pg "$bin/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" \
      -D "$REPLICA_DIR" -R -X stream -c fast --no-sync -w; then
    rm -rf "$REPLICA_DIR"
    die "pg_basebackup failed"
  fi

  # Debian keeps the configuration outside the data directory, so the copy has none: a minimal
  # one. Settings a hot standby needs at least as high as the primary's are copied from it.
  local same
  same="$(primary_psql -F ' = ' -c "select name, setting from pg_settings where name in
    ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions',
     'max_locks_per_transaction')")"
  as_pg tee "$REPLICA_DIR/postgresql.conf" >/dev/null <<EOF
# scripts/replica.sh: a hot standby of $PRIMARY_HOST:$PRIMARY_PORT for tests
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
hot_standby_feedback = off
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_receiver_status_interval = 1s
logging_collector = off
$same
EOF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_pg tee "$REPLICA_DIR/pg_hba.conf" >/dev/null
  as_pg touch "$REPLICA_DIR/pg_ident.conf"

  say "starting on port $REPLICA_PORT"
  if ! as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/server.log" -w -t 60 start >/dev/null; then
    tail -n 20 "$REPLICA_DIR/server.log" >&2 || true
    as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$REPLICA_DIR"
    die "the replica did not start (port $REPLICA_PORT taken?)"
  fi
  # Up and streaming: in recovery, with a WAL receiver connected to the primary.
  for _ in $(seq 1 120); do
    if [ "$(psql -X -q -A -t -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PRIMARY_USER" -d postgres \
        -c "select pg_is_in_recovery() and exists (select 1 from pg_stat_wal_receiver where status = 'streaming')" 2>/dev/null)" = t ]; then
      replica_url
      return
    fi
    sleep 0.25
  done
  tail -n 20 "$REPLICA_DIR/server.log" >&2 || true
  die "the replica started but does not stream from the primary"
}

stop() {
  check_dir
  local bin
  bin="${PG_BIN:-}"
  if [ -z "$bin" ]; then
    # Stopping must not need the primary: the binaries of the copy's own version.
    if [ -f "$REPLICA_DIR/PG_VERSION" ]; then bin="/usr/lib/postgresql/$(cat "$REPLICA_DIR/PG_VERSION")/bin"; else bin="$(pg_bin 2>/dev/null || true)"; fi
  fi
  if [ -n "$bin" ] && [ -f "$REPLICA_DIR/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" stop -m fast -w -t 30 >/dev/null 2>&1 ||
      as_pg "$bin/pg_ctl" -D "$REPLICA_DIR" stop -m immediate >/dev/null 2>&1 || true
  fi
  rm -rf "$REPLICA_DIR"
  say "stopped; $REPLICA_DIR removed"
}

status() {
  local bin
  bin="$(pg_bin)"
  if running "$bin"; then
    psql -X -q -A -t -F ' ' -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PRIMARY_USER" -d postgres \
      -c "select 'running port=$REPLICA_PORT recovery=' || pg_is_in_recovery() || ' replayed=' || coalesce(pg_last_wal_replay_lsn()::text, '-') || ' paused=' || pg_get_wal_replay_pause_state()"
  else
    echo "stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) replica_url ;;
  *) echo "usage: $0 start|stop|status|url   (env: REPLICA_PORT, REPLICA_DIR, PRIMARY_HOST, PRIMARY_PORT, PRIMARY_USER, PG_BIN)" >&2; exit 2 ;;
esac
