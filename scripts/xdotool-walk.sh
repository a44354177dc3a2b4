#!/usr/bin/env bash
# The counter's keyboard walk under a real X server (docs/KEYBOARD-WALK.md). Not part of ctest: it
# needs Xvfb, xdotool, xwd (x11-apps) and ImageMagick's convert.
#
# On a fresh demo hall in a temporary folder it starts Xvfb and the client, logs in as the demo clerk
# by keyboard, accepts a new applicant (to have someone on record), then does the returning
# applicant's 我要开饭店 intake with the same keys as tests/ui/TestCounterKeys.cpp — F2, search text,
# Enter, ID number, Enter, A, Ctrl+Return — with xdotool only (no mouse), counts the command keys,
# prints the notices to PDF files (the intake window's printer is "pdf:FOLDER"), takes screenshots,
# and checks what was recorded with `oneseal-admin events`. Exits non-zero on any failure.
#
#   bash scripts/xdotool-walk.sh            # build/ of this tree, output in a new /tmp/oneseal-walk.*
#   ONESEAL_WALK_OUT=/tmp/walk ONESEAL_WALK_DISPLAY=:98 bash scripts/xdotool-walk.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${ONESEAL_BUILD_DIR:-$here/build}"
display="${ONESEAL_WALK_DISPLAY:-:99}"
out="${ONESEAL_WALK_OUT:-$(mktemp -d /tmp/oneseal-walk.XXXXXX)}"
client="$build/app/client/oneseal"
admin="$build/app/cli/oneseal-admin"
password=demo1234
returning_id=140802198503121239 # born 1985-03-12; the check character is right

fail() {
  echo "xdotool-walk: FAILED: $*" >&2
  echo "xdotool-walk: screenshots and logs in $out" >&2
  exit 1
}

for tool in Xvfb xdotool xwd convert pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install xvfb xdotool x11-apps imagemagick poppler-utils)"
done
convert -version 2>/dev/null | grep -q ImageMagick || fail "convert is not ImageMagick's (apt-get install imagemagick)"
[ -x "$client" ] && [ -x "$admin" ] || fail "build oneseal and oneseal-admin first (cmake --build build --target oneseal oneseal-admin)"

mkdir -p "$out/home/.config/OneSeal" "$out/pdf" "$out/shots" "$out/run"
chmod 700 "$out/run"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_DATA_HOME="$out/home/.local/share"
export XDG_RUNTIME_DIR="$out/run" LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=xcb DISPLAY="$display"
unset QT_SCALE_FACTOR QT_AUTO_SCREEN_SCALE_FACTOR || true

db="$out/hall.db"
QT_QPA_PLATFORM=offscreen "$admin" demo --db "$db" >"$out/demo.log" 2>&1 || fail "oneseal-admin demo: $(cat "$out/demo.log")"
# The intake window prints without a dialog to its printer: here a folder of PDF files.
cat >"$XDG_CONFIG_HOME/OneSeal/OneSeal.conf" <<EOF
[print]
intakePrinter=pdf:$out/pdf
[ui]
language=en
EOF

xvfb_pid=""
client_pid=""
cleanup() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  xdotool getdisplaygeometry >/dev/null 2>&1 && break
  sleep 0.1
done
xdotool getdisplaygeometry >/dev/null 2>&1 || fail "Xvfb did not start on $display: $(cat "$out/xvfb.log")"

"$client" --db "$db" >"$out/client.log" 2>&1 &
client_pid=$!

keys=0 # command keys of the returning applicant's intake (typed data not counted)
shots=0
shot() {
  shots=$((shots + 1))
  sleep 0.5
  xwd -root -silent | convert xwd:- "$out/shots/$(printf %02d "$shots")-$1.png"
}
pause() { sleep "${1:-0.4}"; }
# A key that is not data (F2, Enter, A, Ctrl+Return), counted.
command_key() {
  keys=$((keys + 1))
  xdotool key --clearmodifiers "$1"
  pause
}
# A key outside the counted intake (login, the first applicant's form).
key() {
  xdotool key --clearmodifiers "$1"
  pause
}
# Typed data: a person types it at the counter; slower than a keyboard-emulation card reader.
type_text() {
  xdotool type --delay 60 "$1"
  pause
}
# Gives the keyboard to the client's visible window whose title matches $1 (and not $2): an X server
# without a window manager gives it to no one (offscreen tests never see this), and a window that
# is closing (the login dialog) must not be the one chosen.
focus_window() {
  local wid="" id name
  for _ in $(seq 100); do
    wid=""
    for id in $(xdotool search --onlyvisible --pid "$client_pid" --name "$1" 2>/dev/null || true); do
      name=$(xdotool getwindowname "$id" 2>/dev/null) || continue # gone meanwhile
      [ -n "${2:-}" ] && grep -q -- "$2" <<<"$name" && continue
      wid=$id
    done
    [ -n "$wid" ] && break
    kill -0 "$client_pid" 2>/dev/null || fail "the client ended: $(cat "$out/client.log")"
    sleep 0.1
  done
  [ -n "$wid" ] || fail "no window '$1' appeared"
  # The pointer inside (no click): X's "pointer root" focus then agrees with the explicit focus.
  xdotool mousemove --window "$wid" 20 20 2>/dev/null || true
  xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || xdotool windowfocus --sync "$wid" 2>/dev/null || true
  for _ in $(seq 20); do
    [ "$(xdotool getwindowfocus 2>/dev/null)" = "$wid" ] && break
    xdotool windowfocus "$wid" 2>/dev/null || true
    sleep 0.1
  done
  [ "$(xdotool getwindowfocus 2>/dev/null)" = "$wid" ] || fail "window '$1' did not get the keyboard"
  pause 0.5
}
pdfs() { find "$out/pdf" -name '*.pdf' | wc -l; }
events() { printf '%s\n' "$password" | QT_QPA_PLATFORM=offscreen "$admin" events --db "$db" --as supervisor --last 20 2>&1; }

# Log in as the demo clerk, by keyboard.
focus_window 'Log in'
shot login
type_text clerk
key Tab
type_text "$password"
key Return
focus_window '^OneSeal' 'Log in'
shot intake-window

# A new applicant for another matter, so that they are on record (not counted).
key F2
type_text qytzxmhz
key Return
type_text "$returning_id"
key Return
shot new-applicant
type_text '张三丰'
key Tab
type_text 13800138000
key F4
key a
key ctrl+Return
for _ in $(seq 50); do [ "$(pdfs)" -ge 1 ] && break; sleep 0.2; done
shot first-accepted
[ "$(pdfs)" -eq 1 ] || fail "the first applicant's notice was not printed ($(pdfs) PDF files)"

# The returning applicant's 我要开饭店 bundle: the keys of TestCounterKeys, counted.
keys=0
command_key F2
type_text wykfd
command_key Return
shot bundle-chosen
type_text "$returning_id"
command_key Return
shot returning-applicant
command_key a
shot all-received
command_key ctrl+Return
for _ in $(seq 50); do [ "$(pdfs)" -ge 2 ] && break; sleep 0.2; done
shot bundle-accepted
[ "$keys" -le 5 ] || fail "the returning applicant took $keys command keys (at most 5)"
[ "$(pdfs)" -eq 2 ] || fail "the bundle's notice was not printed ($(pdfs) PDF files)"

notice=$(ls -t "$out"/pdf/*.pdf | head -1)
pages=$(pdfinfo "$notice" | awk '/^Pages:/ {print $2}')
text=$(pdftotext -layout "$notice" -)
[ "$pages" = 1 ] || fail "the bundle's notice has $pages pages"
grep -q '受理通知书' <<<"$text" || fail "the notice does not say 受理通知书"
grep -q '我要开饭店' <<<"$text" || fail "the notice does not name 我要开饭店"
grep -q '张三丰' <<<"$text" || fail "the notice does not name the applicant"

# Quit by keyboard, then read what was recorded from the database.
key ctrl+q
for _ in $(seq 50); do kill -0 "$client_pid" 2>/dev/null || break; sleep 0.1; done
client_pid=""
recorded=$(events) || fail "oneseal-admin events: $recorded"
echo "$recorded" >"$out/events.txt"
accepted=$(grep -c $'\tintake.accepted\t' <<<"$recorded" || true)
printed=$(grep -c $'\tnotice.printed\t' <<<"$recorded" || true)
[ "$accepted" -ge 2 ] || fail "expected two intake.accepted events, found $accepted"
[ "$printed" -ge 2 ] || fail "expected two notice.printed events, found $printed"
case_no=$(grep -m1 $'\tintake.accepted\t' <<<"$recorded" | cut -f3)
grep -q -- "$case_no" <<<"$text" || fail "the notice does not carry case $case_no"

echo "xdotool-walk: OK — returning applicant's 我要开饭店 bundle in $keys command keys; case $case_no;" \
  "notice $notice ($pages page); $shots screenshots in $out/shots"
