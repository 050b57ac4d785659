#!/usr/bin/env bash
# The PDF report tests read the PDFs back with poppler-utils (pdfinfo, pdftotext, pdftoppm).
# Installs them when missing, as root through apt-get; otherwise says what to run.
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's poppler-utils for the PDF tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq poppler-utils >/dev/null
  exit 0
fi
echo "The PDF tests need poppler-utils: run 'sudo apt-get install -y poppler-utils'." >&2
exit 1
