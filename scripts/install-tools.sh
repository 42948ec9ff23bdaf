#!/usr/bin/env bash
# Install the system tools the tests and `build.py check` use, when missing.
# As root it installs them with apt; otherwise it says what to install.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}. Install them (e.g. 'sudo apt-get install ${need[*]}') and run again." >&2
  exit 1
fi
