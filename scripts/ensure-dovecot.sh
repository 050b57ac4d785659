#!/usr/bin/env bash
# The email tests run against a real IMAP server: Debian's dovecot, started by test/support/dovecot.ts with
# its own configuration on 127.0.0.1. Installs it when missing, as root through apt-get; otherwise says what to run.
set -euo pipefail
if [ -x /usr/sbin/dovecot ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's dovecot-imapd for the email tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq dovecot-imapd >/dev/null
  exit 0
fi
echo "The email tests need dovecot: run 'sudo apt-get install -y dovecot-imapd'." >&2
exit 1
