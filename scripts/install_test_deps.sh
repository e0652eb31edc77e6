#!/usr/bin/env bash
# What the test suite needs from the system: Debian's chromium for the browser tests, CJK fonts and
# HarfBuzz subsetting for Chinese PDFs, gettext for the translation-completeness test, poppler for
# reading PDFs back, pg_dump/pg_restore for the backup round trip on PostgreSQL.
# Installs them when running as root and something is missing; fails (never skips) otherwise.
set -euo pipefail
packages=(chromium fonts-noto-cjk libharfbuzz-subset0 gettext poppler-utils postgresql-client)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them (sudo apt-get install ${missing[*]}) and run 'make test' again." >&2
  exit 1
fi
echo "Installing ${missing[*]} …"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
