#!/usr/bin/env bash
# The browser tests' Chromium: Debian's package, installed only when missing (CI runs as root).
# Playwright drives it through its executable path; `playwright install` is never run.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
