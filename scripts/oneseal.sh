#!/usr/bin/env bash
# The README's two commands: `bash scripts/oneseal.sh start` and `bash scripts/oneseal.sh test`.
# Both install the Debian packages the project needs (when missing), configure and build; then
# `start` creates the demo hall if there is none and starts the client on it, and `test` runs the
# whole test suite headless.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${ONESEAL_BUILD_DIR:-$here/build}"
mode="${1:-}"

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6 libqt6printsupport6 qt6-qpa-plugins qt6-serialport-dev qt6-multimedia-dev
  libsqlcipher-dev sqlcipher libssl-dev libqrencode-dev libzbar-dev zbar-tools libpoppler-qt6-dev openssl
  libbenchmark-dev poppler-utils xvfb xauth fonts-wqy-microhei file dpkg-dev
  xdotool x11-apps imagemagick
  clang libclang-rt-14-dev
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DONESEAL_WERROR="$werror"
  cmake --build "$build" --parallel "$(nproc)"
}

case "$mode" in
  start)
    install_packages
    configure_and_build
    db="${ONESEAL_DB:-$HOME/.local/share/OneSeal/hall.db}"
    "$build/app/cli/oneseal-admin" demo --db "$db" --if-missing
    exec "$build/app/client/oneseal" --db "$db"
    ;;
  test)
    install_packages
    configure_and_build
    cd "$build"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 900 -j "$(nproc)"
    ;;
  *)
    echo "usage: bash scripts/oneseal.sh start|test" >&2
    exit 2
    ;;
esac
