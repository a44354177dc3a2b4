#!/usr/bin/env bash
# Qt's own SQL autotests on QSQLCIPHER: fetches Debian's qt6-base source package of the installed
# Qt version (apt-get source; Debian's archive is the only network used), builds Qt's
# tests/auto/sql/kernel/qsqlquery, kernel/qsqldatabase and models/qsqltablemodel with their
# tst_databases.h against our driver (tests/conformance/), runs each program once on Qt's QSQLITE
# and once on QSQLCIPHER, and prints passed/failed/skipped per program and run. Failures that are
# not in scripts/conformance/expected-failures.txt are listed; the exit status is 1 if there is
# any (or a program crashed), 2 if the tests could not be built.
# Usage: scripts/qt-sql-conformance.sh          (as root the first time: it may add a deb-src
#        source and install qt6-base-private-dev, whose private headers Qt's tests include)
# Environment: ONESEAL_QT_SRC_DIR (cache of the source package, default build/qt-src),
#              ONESEAL_CONFORMANCE_BUILD_DIR (default build/qt-conformance).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${ONESEAL_QT_SRC_DIR:-$here/build/qt-src}"
build="${ONESEAL_CONFORMANCE_BUILD_DIR:-$here/build/qt-conformance}"
expected="$here/scripts/conformance/expected-failures.txt"
say() { echo "qt-sql-conformance: $*"; }
die() { echo "qt-sql-conformance: $*" >&2; exit 2; }

version="$(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null)" || die "qt6-base-dev is not installed"
upstream="${version%%-*}"; upstream="${upstream%%+*}"          # 6.4.2+dfsg-10 -> 6.4.2
srcdir="$cache/qt6-base-${version%-*}"                          # dpkg-source's folder name
mkdir -p "$cache"

# 1. The source package of the installed version, once.
if [[ ! -f "$srcdir/tests/auto/sql/kernel/qsqldatabase/tst_databases.h" ]]; then
    if ! grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        [[ $(id -u) -eq 0 ]] || die "no deb-src source in /etc/apt; run once as root to add Debian bookworm main"
        say "adding a deb-src source for Debian bookworm main"
        cat > /etc/apt/sources.list.d/oneseal-debian-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
    if ! (cd "$cache" && ls qt6-base_"${version#*:}".dsc >/dev/null 2>&1); then
        say "fetching the source of qt6-base $version"
        apt-get update -qq || die "apt-get update failed"
        (cd "$cache" && apt-get source --download-only -qq "qt6-base=$version") || die "apt-get source failed"
    fi
    say "unpacking into $srcdir"
    rm -rf "$srcdir"
    (cd "$cache" && dpkg-source -q -x qt6-base_"${version#*:}".dsc "$(basename "$srcdir")") >/dev/null \
        || die "dpkg-source -x failed"
fi

# 2. Qt's private headers (tst_databases.h includes QtSql/private/qsqldriver_p.h).
if [[ ! -d /usr/include/x86_64-linux-gnu/qt6/QtSql/$upstream/QtSql/private ]] \
   && ! dpkg-query -W -f='${Status}' qt6-base-private-dev 2>/dev/null | grep -q 'ok installed'; then
    [[ $(id -u) -eq 0 ]] || die "qt6-base-private-dev is missing; install it: apt-get install qt6-base-private-dev=$version"
    say "installing qt6-base-private-dev $version"
    apt-get install -y -qq "qt6-base-private-dev=$version" >/dev/null || die "apt-get install failed"
fi

# 3. Build the three programs.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$here/tests/conformance" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DQT_SQL_TESTS="$srcdir/tests/auto/sql" >"$build.configure.log" 2>&1 \
        || { cat "$build.configure.log" >&2; die "configuring the tests failed"; }
fi
nice cmake --build "$build" -j2 >"$build.build.log" 2>&1 || { tail -40 "$build.build.log" >&2; die "building the tests failed"; }

# 4. Run: each program on each driver, in an empty folder (tst_databases.h reads testdbs.json
#    from the working folder; there is none, so it uses its temporary SQLite database).
unexpected=0
declare -a report
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for driver in QSQLITE QSQLCIPHER; do
    for program in tst_qsqlquery tst_qsqldatabase tst_qsqltablemodel; do
        out="$build/$program.$driver.txt"
        status=0
        (cd "$work" && ONESEAL_CONFORMANCE_DRIVER="$driver" QT_QPA_PLATFORM=offscreen \
            timeout 900 "$build/$program" -o "$out,txt" >/dev/null 2>&1) || status=$?
        totals="$(grep -E '^Totals:' "$out" || true)"
        passed="$(sed -nE 's/^Totals: ([0-9]+) passed.*/\1/p' "$out")"
        failed="$(sed -nE 's/^Totals: [0-9]+ passed, ([0-9]+) failed.*/\1/p' "$out")"
        skipped="$(sed -nE 's/^Totals: [0-9]+ passed, [0-9]+ failed, ([0-9]+) skipped.*/\1/p' "$out")"
        if [[ -z "$totals" ]]; then
            echo "$driver $program: CRASHED (exit $status); see $out"
            unexpected=$((unexpected + 1))
            continue
        fi
        mapfile -t failures < <(sed -nE 's/^FAIL!  : ([^ ]+\([^)]*\)|[^ ]+\(\)|[^ ]+) .*/\1/p' "$out" | sort -u)
        extra=()
        for f in "${failures[@]}"; do
            if ! grep -qxF "$driver $f" <(sed -E 's/[[:space:]]*#.*$//' "$expected"); then
                extra+=("$f")
            fi
        done
        printf '%-10s %-20s %4s passed %4s failed %4s skipped  %s unexpected\n' \
            "$driver" "$program" "$passed" "$failed" "$skipped" "${#extra[@]}"
        for f in "${extra[@]}"; do
            report+=("  unexpected: $driver $f")
        done
        unexpected=$((unexpected + ${#extra[@]}))
    done
done
for line in "${report[@]}"; do echo "$line"; done
# Expected failures that passed: the list is out of date.
while read -r drv name; do
    [[ -z "$drv" ]] && continue
    program="$(echo "$name" | sed -E 's/^tst_Q(Sql)(\w+)::.*/tst_q\L\1\2/')"
    out="$build/$program.$drv.txt"
    [[ -f "$out" ]] || continue
    if grep -qF "PASS   : $name" "$out"; then echo "  now passes (remove it from the list): $drv $name"; fi
done < <(sed -E 's/[[:space:]]*#.*$//' "$expected")
say "$unexpected unexpected failure(s); outputs in $build/*.txt"
[[ $unexpected -eq 0 ]]
