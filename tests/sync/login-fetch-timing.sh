#!/bin/sh
# The extra login time when a hub is configured (docs/SECURITY.md, "A second workstation before it
# has synced"): a real hub on loopback, WS-A and WS-B (ws_agent). Users log in at WS-A first, then at
# WS-B, which has not synced since: each WS-B login runs one round with the hub before her key is
# looked up; ws_agent's stderr carries the round's wall time ("login: a round with the hub ... ms").
# Then WS-A records BACKLOG cases and one more user logs in at WS-B (the round pulls them too).
# Usage: tests/sync/login-fetch-timing.sh BUILD_DIR [USERS] [BACKLOG]. Not run by ctest.
set -eu
BUILD=$(cd "$1" && pwd)
USERS=${2:-5}
BACKLOG=${3:-200}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
ADMIN="$BUILD/app/cli/oneseal-admin"
HUB="$BUILD/app/hub/oneseal-hub"
AGENT="$BUILD/tests/sync/ws_agent"
PW=First-key-2026
export ONESEAL_TEST_WEAK_KDF=1
T=$(mktemp -d)
export XDG_RUNTIME_DIR="$T/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
SILENT=
trap 'kill $HUBPID $SILENT 2>/dev/null; rm -rf "$T"' EXIT
printf 'demo1234\ndemo1234\n' | "$ADMIN" hub init --dir "$T/hub" --hall "Test hall" --test-fast-kdf >/dev/null
printf 'demo1234\n' | "$ADMIN" hub catalog-import --dir "$T/hub" --as admin "$SRC/resources/catalog/demo-catalog.json" >/dev/null
i=0
while [ $i -le $((USERS + 2)) ]; do
  printf 'demo1234\n%s\n' "$PW" | "$ADMIN" hub user-add --dir "$T/hub" --as admin --username "u$i" --name "u$i" --roles intake >/dev/null
  i=$((i + 1))
done
"$HUB" --dir "$T/hub" --listen 127.0.0.1 --port 0 >"$T/hub.log" 2>&1 &
HUBPID=$!
while ! grep -q 'listening on' "$T/hub.log"; do sleep 0.1; done
PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/hub.log" | head -1)
for ws in A B; do
  "$AGENT" create --db "$T/$ws.db" --workstation "WS-$ws" >/dev/null
  CODE=$(printf 'demo1234\n' | "$ADMIN" hub enroll-code --dir "$T/hub" --as admin)
  "$AGENT" enroll --db "$T/$ws.db" --hub "127.0.0.1:$PORT" --code "$CODE" >/dev/null
  "$AGENT" sync --db "$T/$ws.db" >/dev/null
done
echo "login at WS-B of a user whose key was made at WS-A just before (process wall time; the round inside it):"
i=1
while [ $i -le "$USERS" ]; do
  "$AGENT" login-work --db "$T/A.db" --user "u$i" --password "$PW" --cases 1 --seed $((i * 10)) >/dev/null 2>&1
  "$AGENT" sync --db "$T/A.db" >/dev/null
  start=$(date +%s%N)
  "$AGENT" login-work --db "$T/B.db" --user "u$i" --password "$PW" --cases 0 >"$T/out" 2>"$T/err"
  end=$(date +%s%N)
  echo "  u$i: $(( (end - start) / 1000000 )) ms; $(grep -o 'login: a round.*' "$T/err")"
  i=$((i + 1))
done
echo "the same users again at WS-B (key here, no round):"
i=1
while [ $i -le "$USERS" ]; do
  start=$(date +%s%N)
  "$AGENT" login-work --db "$T/B.db" --user "u$i" --password "$PW" --cases 0 >"$T/out" 2>"$T/err"
  end=$(date +%s%N)
  echo "  u$i: $(( (end - start) / 1000000 )) ms, $(grep -c 'login: a round' "$T/err") rounds"
  i=$((i + 1))
done
echo "the same users again at WS-B, a round at every login as the desktop client does (key here, nothing new):"
i=1
while [ $i -le "$USERS" ]; do
  start=$(date +%s%N)
  "$AGENT" login-work --db "$T/B.db" --user "u$i" --password "$PW" --cases 0 --login-round every >"$T/out" 2>"$T/err"
  end=$(date +%s%N)
  echo "  u$i: $(( (end - start) / 1000000 )) ms; $(grep -o 'login: a round.*' "$T/err")"
  i=$((i + 1))
done
"$AGENT" login-work --db "$T/A.db" --user u0 --password "$PW" --cases "$BACKLOG" --seed 100 >"$T/out" 2>&1
"$AGENT" sync --db "$T/A.db" >/dev/null
start=$(date +%s%N)
"$AGENT" login-work --db "$T/B.db" --user u0 --password "$PW" --cases 0 >"$T/out" 2>"$T/err"
end=$(date +%s%N)
echo "u0 at WS-B after $BACKLOG cases by u0 at WS-A: $(( (end - start) / 1000000 )) ms; $(grep -o 'login: a round.*' "$T/err")"
# The hub gone: a user who never logged in anywhere gets her first key offline after a refused connection.
kill $HUBPID
wait $HUBPID 2>/dev/null || true
u=u$((USERS + 1))
start=$(date +%s%N)
"$AGENT" login-work --db "$T/B.db" --user $u --password "$PW" --cases 0 >"$T/out" 2>"$T/err"
end=$(date +%s%N)
echo "$u at WS-B, hub stopped (connection refused): $(( (end - start) / 1000000 )) ms; $(grep -o 'login: a round.*' "$T/err")"
# A hub that accepts the connection and never answers: the login waits LoginFetch::kTimeoutMs, then goes on.
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $PORT)); s.listen(8)
held = []
while True:
    c, _ = s.accept(); held.append(c)
" &
SILENT=$!
sleep 0.5
u=u$((USERS + 2))
start=$(date +%s%N)
"$AGENT" login-work --db "$T/B.db" --user $u --password "$PW" --cases 0 >"$T/out" 2>"$T/err"
end=$(date +%s%N)
echo "$u at WS-B, hub silent: $(( (end - start) / 1000000 )) ms; $(grep -o 'login: a round.*' "$T/err")"
start=$(date +%s%N)
"$AGENT" login-work --db "$T/B.db" --user u1 --password "$PW" --cases 0 --login-round every >"$T/out" 2>"$T/err"
end=$(date +%s%N)
echo "u1 (key here) at WS-B, hub silent, round at every login: $(( (end - start) / 1000000 )) ms; $(grep -o 'login: a round.*' "$T/err")"
