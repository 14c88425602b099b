#!/usr/bin/env bash
# A throwaway shared centre as desks really reach it: pg_throwaway.sh's server listening on 127.0.0.1,
# set up by `reception-console server setup` (a centre CA, TLS, scram-sha-256, hostssl only, a role per
# desk). For the benchmark (`reception-console bench --only shared_centre`) and by hand.
#
#   pg_tls_throwaway.sh start STATE_DIR CONSOLE   writes STATE_DIR/desk1 and desk2 (each desk's --db
#                                                 line, verify-full) and STATE_DIR/pgpass (mode 0600)
#   pg_tls_throwaway.sh stop STATE_DIR            stops it and removes its folders
set -euo pipefail
action=${1:?start or stop}
state=${2:?state folder}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$state"

case "$action" in
start)
  console=${3:?path to reception-console}
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  RC_PG_PORT=$port "$here/pg_throwaway.sh" start "$state/server" >/dev/null
  out="$state/centre"
  rm -rf "$out"
  "$console" server setup --pgdata "$(cat "$state/server/pgdata")" --host localhost --listen 127.0.0.1 \
    --subnet 127.0.0.1/32 --desks 2 --out "$out" --admin "$(cat "$state/server/conninfo")" >"$state/setup.txt" ||
    { cat "$state/setup.txt" >&2; exit 1; }
  # The CA where the desk lines expect it on a desk is here instead.
  for i in 1 2; do
    grep -o "postgresql://desk$i@[^']*" "$out/desks.txt" |
      sed "s|/etc/reception-console/centre-ca.crt|$out/centre-ca.crt|" >"$state/desk$i"
  done
  umask 077
  sed -n "s/.*~\/.pgpass: //p" "$out/desks.txt" >"$state/pgpass"
  [[ -s "$state/desk1" && -s "$state/pgpass" ]] || { echo "error: server setup printed no desk lines" >&2; exit 1; }
  echo "PostgreSQL with TLS on 127.0.0.1:$port: $(cat "$state/desk1")"
  ;;
stop)
  "$here/pg_throwaway.sh" stop "$state/server" >/dev/null 2>&1 || true
  rm -rf "$state/centre" "$state/desk1" "$state/desk2" "$state/pgpass" "$state/setup.txt"
  ;;
*) echo "usage: $0 start STATE_DIR CONSOLE | stop STATE_DIR" >&2; exit 2 ;;
esac
