#!/usr/bin/env bash
# Takes the user guide's screenshots (docs/images/guide-*.png) from the real program at 1366x768, under
# Xvfb, with xdotool for the keyboard: a new centre on standby for the activation screens, then the demo
# operation (`reception-console demo`) for the others, and the first page of its debrief report.
# Run it again whenever a screen changes; it writes only docs/images/guide-*.png.
#
#   scripts/take-guide-screenshots.sh [PATH/TO/reception-console]    (default: build/release's)
#   scripts/take-guide-screenshots.sh --only stock,referrals          (some screenshots only)
#
# Needs xvfb-run, xdotool, ImageMagick's import and pdftoppm (scripts/setup --test installs them).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

only=""
console="$root/build/release/src/cli/reception-console"
while [[ $# -gt 0 ]]; do
    case "$1" in
    --only) only=",$2,"; shift 2 ;;
    *) console=$(realpath "$1"); shift ;;
    esac
done
[[ -x "$console" ]] || { echo "error: no program at $console (build it with scripts/run, or give its path)" >&2; exit 1; }
for tool in xvfb-run xdotool import pdftoppm; do
    command -v "$tool" >/dev/null || { echo "error: needs $tool (scripts/setup --test installs it)" >&2; exit 1; }
done

# Everything below runs inside its own X server of the guide's size.
if [[ -z "${RC_GUIDE_XVFB:-}" ]]; then
    args=("$console")
    [[ -n "$only" ]] && args+=(--only "${only:1:-1}")
    exec env RC_GUIDE_XVFB=1 xvfb-run -a -s '-screen 0 1366x768x24' "$0" "${args[@]}"
fi

out="$root/docs/images"
# A fixed folder, so that the database path in the status bar is the same each time the shots are taken.
work="${TMPDIR:-/tmp}/reception-console-guide"
rm -rf "$work"
mkdir -p "$work"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# A data directory of its own: settings (text size, theme) at their defaults, no real centre touched.
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/data" XDG_STATE_HOME="$work/data"
export ASAN_OPTIONS=detect_leaks=0

wanted() { [[ -z "$only" || "$only" == *",$1,"* ]]; }
keys() { xdotool key --delay 150 "$@"; sleep 0.5; }
type_text() { xdotool type --delay 40 "$1"; sleep 0.5; }
shot() {
    if wanted "$1"; then
        sleep 1.5 # let the frame settle (charts, the status bar's clock)
        import -window root "$out/guide-$1.png"
        echo "docs/images/guide-$1.png"
    fi
}

start_window() { # DB
    "$console" --db "$1" >"$work/console.log" 2>&1 &
    pid=$!
    wid=$(timeout 60 xdotool search --sync --name "Reception Console" | head -n 1)
    xdotool mousemove --window "$wid" 1300 40 # out of the way
    sleep 2
}

stop_window() {
    kill -TERM "$pid"
    wait "$pid" || { echo "error: the console did not close cleanly:" >&2; cat "$work/console.log" >&2; exit 1; }
    pid=""
}

click() { # X Y, in the window
    xdotool mousemove --window "$wid" "$1" "$2" click 1
    sleep 0.5
}

sign_in() { # NAME PASSPHRASE
    type_text "$1"
    keys Tab
    type_text "$2"
    keys Return
    sleep 3
}

# ---- a centre on standby: activation
coordinator="Sam Patel"
passphrase="guide passphrase 2026"
centre="$XDG_DATA_HOME/reception-console/centre.sqlite"
mkdir -p "$(dirname "$centre")"
cat >"$work/venues.csv" <<'EOF'
name,address,capacity,private_interview_rooms,showers,kitchen,step_free_access,parking
Matlock Leisure Centre (main hall),"Bakewell Road, Matlock",40,yes,yes,yes,yes,yes
Wirksworth Town Hall,"Coldwell Street, Wirksworth",12,no,no,yes,yes,no
County Hall conference suite,"Smedley Street, Matlock",80,yes,no,yes,yes,yes
EOF
RECEPTION_CONSOLE_PASSPHRASE="$passphrase" "$console" init --db "$centre" --user "$coordinator" \
    --centre "Matlock reception centre" --code OP-0001 >/dev/null
RECEPTION_CONSOLE_PASSPHRASE="$passphrase" "$console" venues import --db "$centre" --user "$coordinator" \
    "$work/venues.csv" >/dev/null

start_window "$centre"
sign_in "$coordinator" "$passphrase"
keys ctrl+1
click 900 600 # an empty spot: Tab needs a focused window
keys Tab
type_text "Operation Larch"
keys Tab
type_text "24"
keys Tab
type_text "06:40"
keys Return
shot activate
keys Down Down Down Down Down Down Down Down Down Down Down Down
keys space
shot activate-confirm
keys Escape
stop_window

# ---- the demo operation: every screen
demo="$XDG_DATA_HOME/reception-console/demo.sqlite"
"$console" demo >/dev/null
start_window "$demo"
sign_in "Demo Coordinator" "demo passphrase 2026"
keys ctrl+1
shot dashboard
keys ctrl+2
sleep 1
type_text "B2-01"
keys Tab
type_text "Olga Petrenko"
shot arrivals
# Clicks below are at places in the demo's layout at 1366x768 and the default text size; if a screen's
# layout changes, check these shots and move the clicks.
click 400 554 # V-08's row: the person panel, with the bag to issue
shot person
keys ctrl+3
shot partners
keys ctrl+4
shot stock
keys ctrl+5
click 260 126 # the first person with a referral missing
shot referrals
keys ctrl+6
shot procedure
keys ctrl+7
shot log
keys ctrl+8
click 450 196 # the folder field
type_text "$work/debrief"
click 273 258 # Export the debrief
# The export runs on the frame after the click, and the window draws a frame only on an event.
xdotool mousemove --window "$wid" 1300 40
sleep 2
shot debrief
keys ctrl+1
click 367 646 # Stand down... (asks to confirm; nothing is changed)
shot stand-down
stop_window

# ---- a small centre swamped: tier exceeded, folded alerts, functions and interpreters
# Activated for 5, then the shared sample roll (its 13 good rows; the last one is a deliberate mistake)
# and three Eritreans who need Tigrinya arrive.
coverage="$XDG_DATA_HOME/reception-console/coverage.sqlite"
RECEPTION_CONSOLE_PASSPHRASE="$passphrase" "$console" init --db "$coverage" --user "$coordinator" \
    --centre "Wirksworth reception centre" --code OP-0002 >/dev/null
RECEPTION_CONSOLE_PASSPHRASE="$passphrase" "$console" activate --db "$coverage" --user "$coordinator" \
    --name "Operation Wren" --expected 5 >/dev/null
head -n 14 "$root/tests/data/sample-roll.csv" >"$work/roll.csv"
RECEPTION_CONSOLE_PASSPHRASE="$passphrase" "$console" import arrivals --db "$coverage" --user "$coordinator" \
    "$work/roll.csv" >/dev/null
cat >"$work/tigrinya.csv" <<'EOF'
tag,sex,age,nationality,languages,interpreter,group
E01,female,24,ER,ti,yes,Van 2
E02,male,29,ER,ti;ar,yes,Van 2
E03,male,33,ER,ti,yes,Van 2
EOF
RECEPTION_CONSOLE_PASSPHRASE="$passphrase" "$console" import arrivals --db "$coverage" --user "$coordinator" \
    "$work/tigrinya.csv" >/dev/null
start_window "$coverage"
sign_in "$coordinator" "$passphrase"
keys ctrl+1
shot alerts-folded
xdotool mousemove --window "$wid" 700 560 click --repeat 4 5 # scroll the list: the tier and interpreters
sleep 0.5
keys ctrl+t # raise the tier, as the tier_exceeded alert says
shot tier-exceeded
keys Escape
keys ctrl+3
click 298 74 # the Roles tab: functions on site
shot functions
stop_window

# ---- the debrief report (PDF), first page
if wanted debrief-report; then
    RECEPTION_CONSOLE_PASSPHRASE="demo passphrase 2026" "$console" export --db "$demo" \
        --user "Demo Coordinator" --format pdf --out "$work/export" >/dev/null
    pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work"/export/debrief-*.pdf "$out/guide-debrief-report" 2>/dev/null
    echo "docs/images/guide-debrief-report.png"
fi
