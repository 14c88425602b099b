#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the test suite: initdb + pg_ctl in a fresh temporary folder with
# its own unix socket (no TCP, no system service, fsync left on), run as an unprivileged user.
#
#   pg_throwaway.sh start STATE_DIR   starts one, writes STATE_DIR/conninfo (what libpq needs)
#   pg_throwaway.sh stop STATE_DIR    stops it at once and removes its folder (ctest runs this as a
#                                     cleanup fixture, also when a test failed)
#   pg_throwaway.sh restart STATE_DIR [PAUSE]
#                                     a crash and recovery: `pg_ctl stop -m immediate` (no checkpoint,
#                                     clients cut off), PAUSE seconds (default 0), then started again on
#                                     the same data folder, which recovers from its write-ahead log
#
# initdb refuses to run as root: as root the server runs as `postgres` (Debian's postgresql-common
# creates that user); otherwise as whoever runs the tests.
set -euo pipefail
action=${1:?start or stop}
state=${2:?state folder}
bin=${RC_PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$state"

as_server_user=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "error: no 'postgres' user to run the test server as (install postgresql-15)" >&2; exit 1; }
  as_server_user=(setpriv --reuid=postgres --regid=postgres --clear-groups --)
fi

stop() {
  [[ -f "$state/folder" ]] || return 0
  local dir
  dir=$(cat "$state/folder")
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid")
    "${as_server_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    # A server that would not stop is not left behind holding the folder.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  case "$dir" in /tmp/rc-pg.*) rm -rf "$dir" ;; esac
  rm -f "$state/folder" "$state/conninfo" "$state/pgdata"
}

case "$action" in
start)
  [[ -x "$bin/initdb" ]] || { echo "error: $bin/initdb not found: run scripts/setup --test (postgresql-15)" >&2; exit 1; }
  stop # a server left by an interrupted run
  dir=$(mktemp -d /tmp/rc-pg.XXXXXX)
  echo "$dir" >"$state/folder"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
  "${as_server_user[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # No TCP unless a test turns it on (ALTER SYSTEM overrides these); the socket folder is our own, so
  # the default port cannot clash with another run. RC_PG_PORT chooses another for a test that listens.
  port=${RC_PG_PORT:-5432}
  printf "port = %s\nlisten_addresses = ''\nmax_connections = 60\n" "$port" >>"$dir/data/postgresql.conf"
  # After a crash (the restart verb) the server syncs its data folder before recovering: one syncfs
  # instead of an fsync per file keeps that under a second on a folder with many test databases.
  echo "recovery_init_sync_method = syncfs" >>"$dir/data/postgresql.conf"
  if ! "${as_server_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-k $dir" start >/dev/null; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "host=$dir port=$port user=postgres dbname=postgres" >"$state/conninfo"
  echo "$dir/data" >"$state/pgdata"
  echo "PostgreSQL test server: $(cat "$state/conninfo")"
  ;;
stop) stop ;;
restart)
  [[ -f "$state/folder" ]] || { echo "error: no server was started in $state" >&2; exit 1; }
  dir=$(cat "$state/folder")
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  "${as_server_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
  # The old postmaster must be gone before a new one can take the data folder (bounded).
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  sleep "${3:-0}"
  if ! "${as_server_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-k $dir" start >/dev/null; then
    tail -n 20 "$dir/server.log" >&2
    exit 1
  fi
  ;;
*) echo "usage: $0 start|stop|restart STATE_DIR" >&2; exit 2 ;;
esac
