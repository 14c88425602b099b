#!/usr/bin/env bash
# `reception-console server setup` against a throwaway server of its own (listening on 127.0.0.1 once
# set up): desks connect with sslmode=verify-full and their scram-sha-256 passwords, two desks work on
# the same centre, and a connection without TLS, with a wrong password, or trusting another CA is
# refused. The server is stopped afterwards, also when a check fails.
set -euo pipefail
console=${1:?path to reception-console}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d /tmp/rc-setup-test.XXXXXX)
trap '"$here/pg_throwaway.sh" stop "$work/state" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RC_PG_PORT=$port "$here/pg_throwaway.sh" start "$work/state" >/dev/null
out="$work/centre"
"$console" server setup --pgdata "$(cat "$work/state/pgdata")" --host localhost --listen 127.0.0.1 \
  --subnet 127.0.0.1/32 --desks 2 --out "$out" --admin "$(cat "$work/state/conninfo")" >"$work/setup.txt" ||
  fail "server setup failed: $(cat "$work/setup.txt")"
grep -q "SHA-256 [0-9A-F:]\{95\}" "$work/setup.txt" || fail "no CA fingerprint printed"
fingerprint=$(openssl x509 -in "$out/centre-ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)
grep -q "$fingerprint" "$work/setup.txt" || fail "the printed fingerprint is not the CA's"
[[ $(stat -c %a "$out/centre-ca.key") == 600 ]] || fail "the CA key is not private"

password() { sed -n "s/.*:desk$1:\([A-Za-z0-9]*\)$/\1/p" "$out/desks.txt"; }
line() { grep -o "postgresql://desk$1@[^']*" "$out/desks.txt" | sed "s|/etc/reception-console/centre-ca.crt|$out/centre-ca.crt|"; }
[[ -n $(password 1) && -n $(password 2) ]] || fail "no desk passwords printed"
[[ $(line 1) == *sslmode=verify-full* && $(line 1) == *channel_binding=require* ]] || fail "desk line without verify-full"

export RECEPTION_CONSOLE_PASSPHRASE="a passphrase for the setup test"
PGPASSWORD=$(password 1) "$console" init --db "$(line 1)" --user "Coordinator One" --centre "Test hall" >"$work/init.txt" 2>&1 ||
  fail "desk 1 could not create the centre: $(cat "$work/init.txt")"
PGPASSWORD=$(password 2) "$console" activate --db "$(line 2)" --user "Coordinator One" --name "Operation Larch" \
  --expected 5 >"$work/activate.txt" 2>&1 || fail "desk 2 could not work on desk 1's centre: $(cat "$work/activate.txt")"

# Refused: no TLS, a wrong password, a CA that is not the centre's.
if psql "host=127.0.0.1 port=$port dbname=centre user=desk1 password=$(password 1) sslmode=disable" -c 'SELECT 1' >/dev/null 2>"$work/nossl.txt"; then
  fail "a connection without TLS was accepted"
fi
grep -q "no encryption" "$work/nossl.txt" || fail "no-TLS refusal did not say why: $(cat "$work/nossl.txt")"
if PGPASSWORD=not-the-password "$console" activate --db "$(line 1)" --user x --name y --expected 5 >/dev/null 2>"$work/badpw.txt"; then
  fail "a wrong password was accepted"
fi
grep -q "password authentication failed" "$work/badpw.txt" || fail "wrong password: $(cat "$work/badpw.txt")"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=another CA" \
  -keyout "$work/other.key" -out "$work/other.crt" 2>/dev/null
if PGPASSWORD=$(password 1) "$console" activate --db "$(line 1 | sed "s|$out/centre-ca.crt|$work/other.crt|")" \
  --user x --name y --expected 5 >/dev/null 2>"$work/badca.txt"; then
  fail "a server was trusted under another CA"
fi
grep -q "certificate verify failed" "$work/badca.txt" || fail "wrong CA: $(cat "$work/badca.txt")"
echo "server setup: TLS verify-full, scram-sha-256 and two desks on one centre: ok"
