#!/usr/bin/env bash
# The IMAP sync tests' server: Debian's Dovecot, installed only when missing (CI runs as root).
# The tests start it themselves with a throw-away configuration (tests/dovecot_server.py);
# the package's own service is never started or enabled.
set -euo pipefail
command -v dovecot >/dev/null && exit 0
[ -x /usr/sbin/dovecot ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "dovecot is missing: sudo apt-get install -y dovecot-imapd" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: the package must not start its system service while it installs
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
fi
trap '[ "$made_policy" = 1 ] && rm -f "$policy"' EXIT
apt-get install -y --no-install-recommends dovecot-imapd >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null && apt-get install -y --no-install-recommends dovecot-imapd >/dev/null; }
