#!/usr/bin/env bash
# Debian packages the tests need. Installs the missing ones when run as root on Debian;
# otherwise says what to install and stops.
set -euo pipefail

missing=()
need() {  # need PACKAGE TEST...: the package is missing when the test fails
  local package=$1; shift
  "$@" >/dev/null 2>&1 || missing+=("$package")
}
installed() {  # installed PACKAGE: dpkg has it installed (not only known, or removed with its settings left)
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}
need chromium test -x /usr/bin/chromium
need aspell command -v aspell
need aspell-en sh -c "aspell dicts | grep -q '^en_GB'"
need nginx-light test -x /usr/sbin/nginx
# .ci/deploy/deploy.sh asks pgrep whether older nginx workers are still finishing requests.
need procps command -v pgrep
need default-jre-headless command -v java
need npm command -v npm
need poppler-utils command -v pdftotext
need zbar-tools command -v zbarimg
# `make stats` and its test: GoAccess counts pages and channels in nginx's log (asked of dpkg).
need goaccess installed goaccess
# The only fonts the browsers in the tests see (.ci/fonts.conf): the same page counts everywhere.
# Asked of dpkg, not the file system: /usr/share/fonts/truetype/noto exists as soon as any Noto
# package is installed (fonts-noto-mono), without the scripts fonts-noto-core has.
# Liberation: Latin (Somali, Polish, Slovak too). Noto core: Gujarati, Gurmukhi (Punjabi), Bengali,
# Arabic (Urdu, Arabic, Farsi). Noto CJK: Chinese. tests/test_language_fonts.py fails on any gap.
need fonts-liberation2 installed fonts-liberation2
need fonts-noto-core installed fonts-noto-core
need fonts-noto-cjk installed fonts-noto-cjk
need fontconfig command -v fc-list
# The other engines parents use (tests/test_engines.py): Firefox, and WebKit (Safari's engine)
# through WebKitWebDriver in a virtual screen, with a bare WebKitGTK window run by Debian's Python.
need firefox-esr test -x /usr/bin/firefox-esr
need webkit2gtk-driver test -x /usr/bin/WebKitWebDriver
need xvfb command -v xvfb-run
need xauth command -v xauth
need python3-gi /usr/bin/python3 -c "import gi"
need gir1.2-webkit2-4.1 /usr/bin/python3 -c "import gi; gi.require_version('WebKit2', '4.1')"

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # nginx-light starts a server on port 80 when installed; the tests start their own.
  if command -v systemctl >/dev/null 2>&1; then systemctl stop nginx 2>/dev/null || true; fi
  exit 0
fi

echo "The tests need these Debian packages: ${missing[*]}" >&2
echo "Install them, then run 'make test' again:" >&2
echo "  sudo apt-get install ${missing[*]}" >&2
exit 1
