#!/usr/bin/env bash
# End-to-end through the real window: starts reception-console on an empty data directory, drives it with
# real X input (xdotool) through creating the centre, activating it and checking one person in, closes it
# with SIGTERM, then checks the database. Run under an X server (tests.cmake uses xvfb-run at 1366x768):
#   xvfb-run -a -s '-screen 0 1366x768x24' tests/e2e/window_e2e.sh build/test/src/cli/reception-console DIR
# Each step waits for its result in the database before the next one; nothing is retried.
#
# The Windows build runs the same steps under Wine (scripts/test-windows): RC_E2E_WINE=1 and
# RECEPTION_CONSOLE the .exe; the database is then in the Wine prefix's %LOCALAPPDATA%, the window is
# stopped with wineserver -k once the check-in is saved, and RC_E2E_VERIFY (the Linux build) checks it.
set -euo pipefail

console=${1:?usage: window_e2e.sh RECEPTION_CONSOLE SCRATCH_DIR}
scratch=${2:?usage: window_e2e.sh RECEPTION_CONSOLE SCRATCH_DIR}
[[ -n "${DISPLAY:-}" ]] || { echo "FAIL: no DISPLAY (run under xvfb-run)"; exit 1; }

rm -rf "$scratch"
mkdir -p "$scratch/data"
# Data, settings and log in one scratch folder, none in the user's own.
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/data" XDG_STATE_HOME="$scratch/data"
db="$XDG_DATA_HOME/reception-console/centre.sqlite"
log_file="$XDG_STATE_HOME/reception-console/logs/reception-console.log"
wine_mode=${RC_E2E_WINE:-0}
verify_console=${RC_E2E_VERIFY:-$console}
launch=("$console")
if [[ $wine_mode == 1 ]]; then
    windows_data=$(winepath -u "$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r')")/ReceptionConsole
    rm -rf "$windows_data"
    db="$windows_data/centre.sqlite"
    log_file="$windows_data/logs/reception-console.log"
    launch=(wine "$console")
fi
console_log="$scratch/console.log"
passphrase="an end to end passphrase"
pid=""

step() { echo "-- $*"; }

fail() {
    echo "FAIL: $*"
    command -v import >/dev/null && import -window root "$scratch/failure.png" 2>/dev/null &&
        echo "screenshot: $scratch/failure.png"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "console output:"
    cat "$console_log" 2>/dev/null || true
    exit 1
}

# A query on the database, read-only (the console may be writing: WAL lets both happen).
query() {
    python3 - "$db" "$1" <<'EOF'
import sqlite3, sys
try:
    c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=5)
    print("|".join("" if v is None else str(v) for row in c.execute(sys.argv[2]) for v in row))
except sqlite3.Error:
    print("")
EOF
}

# Waits up to $2 seconds for `query "$1"` to print $3.
wait_for() {
    local sql=$1 seconds=$2 want=$3 got=""
    for ((i = 0; i < seconds * 5; i++)); do
        [[ -f "$db" ]] && got=$(query "$sql")
        [[ "$got" == "$want" ]] && return 0
        sleep 0.2
    done
    fail "waited ${seconds}s for [$sql] to be [$want]; it is [$got]"
}

# The window reads keys once per frame: keys and characters go one at a time with a pause between.
keys() { xdotool key --delay 150 "$@"; sleep 0.4; }
type_text() { xdotool type --delay 40 "$1"; sleep 0.4; }

step "start the console on an empty data directory"
"${launch[@]}" >"$console_log" 2>&1 &
pid=$!
wid=$(timeout 60 xdotool search --sync --name "Reception Console" | head -n 1) ||
    fail "no window called Reception Console within 60 s"
[[ -n "$wid" ]] || fail "no window called Reception Console"
# No window manager under Xvfb: give the window the keyboard and park the pointer over it.
xdotool windowfocus "$wid" 2>/dev/null || true
xdotool mousemove --window "$wid" 1300 40
sleep 2

step "first run: create the centre and its first coordinator (the centre name has the focus)"
type_text "End to end hall"
keys Tab Tab Tab # the operation code keeps OP-0001; the venue stays empty
type_text "Erin Coordinator"
keys Tab
type_text "$passphrase"
keys Tab
type_text "$passphrase"
keys Return # the PIN stays empty; Enter in any field creates the centre
wait_for "SELECT status FROM centre" 60 "standby"
sleep 2

step "activate: Ctrl+1, people expected 14, Activate, Enter in the confirmation"
keys ctrl+1
# Tab needs a focused ImGui window: a click on the empty part of the dashboard gives it one.
xdotool mousemove --window "$wid" 900 560 click 1
sleep 0.4
keys Tab # the operation name
type_text "Operation End To End"
keys Tab # people expected
type_text "14"
keys Return
# Arrow keys walk down from the field to the Activate button, the last item (extra presses stay on it).
keys Down Down Down Down Down Down Down Down
keys space
sleep 1
keys Return
wait_for "SELECT status || ',' || tier || ',' || expected_people FROM centre" 30 "open,medium,14"
sleep 1

step "check in: Ctrl+2, tag, Tab, name, Enter (the tag field has the focus)"
keys ctrl+2
sleep 1
type_text "E2E-01"
keys Tab
type_text "Zofia Nowak"
keys Return
# The tag and everything else about the person are sealed: the file shows the reference, that there is
# a tag (its blind index) and that the person has not left.
wait_for "SELECT reference || ',' || (tag_index IS NOT NULL) || ',' || (departed_at IS NULL) FROM people" 30 "OP-0001-001,1,1"

if [[ $wine_mode == 1 ]]; then
    step "stop Wine (the check-in is committed: the database must be whole without a clean close)"
    wineserver -k || true
    wait "$pid" || true
    pid=""
else
    step "close the window with SIGTERM"
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    pid=""
    [[ $status -eq 0 ]] || fail "the console exited with $status after SIGTERM"
fi
if grep -Eq "runtime error:|ERROR: AddressSanitizer" "$console_log"; then fail "sanitizer report"; fi

step "check the database"
"$verify_console" --db "$db" verify || fail "verify refused the database"
[[ $(query "SELECT count(*) FROM people") == 1 ]] || fail "expected one person"
[[ $(query "SELECT count(*) FROM users") == 1 ]] || fail "expected one user"
[[ $(query "SELECT activated_at IS NOT NULL FROM centre") == 1 ]] || fail "no activation time"
# The name typed is personal: sealed in the file, never in plain text (nor in the log).
for f in "$db" "$db-wal" "$log_file"; do
    if [[ -f "$f" ]] && grep -q "Zofia" "$f"; then fail "the name is in plain text in $f"; fi
    if [[ -f "$f" ]] && grep -q "E2E-01" "$f"; then fail "the tag is in plain text in $f"; fi
done

echo "PASS: created, activated and checked one person in through the window"
rm -rf "$scratch"
