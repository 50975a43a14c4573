#!/usr/bin/env bash
# Debian packages the tests need. Installs them when run as root on Debian; otherwise says
# what to install and stops.
set -euo pipefail

packages=(chromium aspell aspell-en)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v aspell >/dev/null 2>&1 || missing+=(aspell)
{ command -v aspell >/dev/null 2>&1 && aspell dicts 2>/dev/null | grep -q '^en_GB'; } || missing+=(aspell-en)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need these Debian packages: ${missing[*]}" >&2
echo "Install them, then run 'make test' again:" >&2
echo "  sudo apt-get install ${packages[*]}" >&2
exit 1
