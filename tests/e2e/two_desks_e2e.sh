#!/usr/bin/env bash
# Two consoles in two real windows on one shared centre: a throwaway PostgreSQL server, a centre made
# and activated from the command line, two windows side by side (each with its own data folder, as on
# two laptops), both signed in; a check-in typed on desk 1 with real X input (xdotool) must reach desk
# 2's Arrivals table within a second. Run under an X server wide enough for both windows:
#   xvfb-run -a -s '-screen 0 2400x800x24' tests/e2e/two_desks_e2e.sh build/test/src/cli/reception-console DIR
# RC_E2E_SHOT=FILE keeps a screenshot of both windows after the check-in (the guide's picture).
set -euo pipefail

console=${1:?usage: two_desks_e2e.sh RECEPTION_CONSOLE SCRATCH_DIR}
scratch=${2:?usage: two_desks_e2e.sh RECEPTION_CONSOLE SCRATCH_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -n "${DISPLAY:-}" ]] || { echo "FAIL: no DISPLAY (run under xvfb-run)"; exit 1; }

rm -rf "$scratch"
mkdir -p "$scratch"
pids=()
passphrase="a two desks passphrase"
coordinator="Erin Coordinator"

cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    "$here/../support/pg_throwaway.sh" stop "$scratch/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

step() { echo "-- $*"; }
fail() {
    echo "FAIL: $*"
    command -v import >/dev/null && import -window root "$scratch/failure.png" 2>/dev/null &&
        echo "screenshot: $scratch/failure.png"
    for d in 1 2; do
        echo "desk $d output:"
        cat "$scratch/desk$d/console.log" 2>/dev/null || true
    done
    exit 1
}
now() { date +%s.%N; }
keys() { xdotool key --delay 150 "$@"; sleep 0.4; }
type_text() { xdotool type --delay 40 "$1"; sleep 0.4; }

step "a throwaway PostgreSQL server and a centre on it"
"$here/../support/pg_throwaway.sh" start "$scratch/pg" >/dev/null || fail "the PostgreSQL server did not start"
server=$(cat "$scratch/pg/conninfo")
psql "$server" -qc "CREATE DATABASE centre" || fail "could not create the database"
db="$server dbname=centre"
export RECEPTION_CONSOLE_PASSPHRASE="$passphrase"
"$console" init --db "$db" --user "$coordinator" --centre "Ripley Leisure Centre" >/dev/null || fail "init"
"$console" activate --db "$db" --user "$coordinator" --name "Operation Larch" --expected 12 >/dev/null ||
    fail "activate"
unset RECEPTION_CONSOLE_PASSPHRASE
people() { psql "$db" -tAc "SELECT count(*) FROM people"; }

start_desk() { # N X
    mkdir -p "$scratch/desk$1/data"
    local before
    before=$(xdotool search --name "Reception Console" 2>/dev/null | sort || true)
    XDG_DATA_HOME="$scratch/desk$1/data" XDG_CONFIG_HOME="$scratch/desk$1/data" XDG_STATE_HOME="$scratch/desk$1/data" "$console" --db "$db" >"$scratch/desk$1/console.log" 2>&1 &
    pids+=($!)
    local wid=""
    for _ in $(seq 300); do
        wid=$(comm -13 <(echo "$before") <(xdotool search --name "Reception Console" 2>/dev/null | sort) | head -n 1)
        [[ -n "$wid" ]] && break
        sleep 0.2
    done
    [[ -n "$wid" ]] || fail "desk $1: no window within 60 s"
    xdotool windowsize "$wid" 1200 790 windowmove "$wid" "$2" 0
    sleep 2
    eval "wid$1=$wid"
}

focus() { # WID
    xdotool windowfocus "$1" 2>/dev/null || true
    xdotool mousemove --window "$1" 1150 30
    sleep 0.5
}

sign_in() { # WID
    focus "$1"
    type_text "$coordinator"
    keys Tab
    type_text "$passphrase"
    keys Return
    sleep 3
}

step "two desks side by side, both signed in"
start_desk 1 0
start_desk 2 1200
sign_in "$wid1"
sign_in "$wid2"
focus "$wid2"
keys ctrl+2 # desk 2 watches the Arrivals table
focus "$wid1"
keys ctrl+2
sleep 1

step "desk 1: a check-in typed (tag, Tab, name, Enter)"
type_text "E2E-07"
keys Tab
xdotool type --delay 40 "Ioana Dumitru"
xdotool key Return
committed=""
for _ in $(seq 300); do
    if [[ $(people) == 1 ]]; then committed=$(now); break; fi
    sleep 0.02
done
[[ -n "$committed" ]] || fail "desk 1's check-in did not reach the server"

step "desk 2: its Arrivals table shows the person within a second"
seen=""
for _ in $(seq 150); do
    if grep -q "read [0-9]* change(s) from another desk ([1-9]" "$scratch/desk2/data/reception-console/logs/reception-console.log" 2>/dev/null; then
        seen=$(now)
        break
    fi
    sleep 0.02
done
[[ -n "$seen" ]] || fail "desk 2 did not read desk 1's check-in within 3 s"
took=$(python3 -c "print(f'{$seen - $committed:.3f}')")
echo "desk 2 read the check-in ${took} s after it was on the server"
python3 -c "import sys; sys.exit(0 if $seen - $committed < 1.0 else 1)" || fail "desk 2 took ${took} s (more than 1 s)"
sleep 1.5 # the frame settles
if [[ -n "${RC_E2E_SHOT:-}" ]]; then
    focus "$wid2" # a frame on each desk, then the pointer rests on desk 1's status bar
    # Over desk 1's "Shared centre: 2 desks connected": its tooltip lists each desk's last contact.
    xdotool mousemove --window "$wid1" 290 777
    sleep 0.3
    xdotool mousemove --window "$wid1" 292 777
    sleep 1.5
    import -window root "$RC_E2E_SHOT"
    echo "screenshot: $RC_E2E_SHOT"
fi

step "close both desks"
for p in "${pids[@]}"; do kill -TERM "$p"; done
for p in "${pids[@]}"; do wait "$p" || fail "a desk did not close cleanly"; done
pids=()
for d in 1 2; do
    if grep -Eq "runtime error:|ERROR: AddressSanitizer" "$scratch/desk$d/console.log"; then fail "desk $d: sanitizer report"; fi
    if grep -q "Ioana" "$scratch/desk$d/data/reception-console/logs/reception-console.log"; then
        fail "desk $d logged the name"
    fi
done
echo "PASS: a check-in typed on desk 1 showed on desk 2 within a second (${took} s)"
cleanup # the server first: its state is in the scratch folder
trap - EXIT
rm -rf "$scratch"
