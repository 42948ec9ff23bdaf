#!/usr/bin/env bash
# Install what `build.py check` and the tests need beyond PyPI, when missing:
#   - system packages: Java (EPUBCheck, the Nu Html Checker), Chromium (axe, DAISY Ace),
#     poppler-utils (pdftotext) and qpdf. As root they are installed with apt-get;
#     otherwise the script says what to install, and goes on (the tests that need them are
#     skipped, each naming what it needs), except in CI (CI set), where it fails.
#   - npm packages pinned in package-lock.json (DAISY Ace, vnu-jar), installed with `npm ci`
#     into the project's git-ignored .tools/ folder, without any browser download.
# Run again at will: it does nothing when everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${PAMPHLETEER_TOOLS:-.tools}"

need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing system packages: ${need[*]}." >&2
    echo "Install them (e.g. 'sudo apt-get install ${need[*]}') and run 'make tools' again." >&2
    if [ -n "${CI:-}" ]; then
      exit 1  # CI runs every test: nothing may be missing
    fi
    echo "Until then, the tests that need them are skipped (each names what it needs)." >&2
    command -v npm >/dev/null 2>&1 || exit 0  # the npm validators cannot be installed either
  fi
fi

# npm tools: reinstall only when the lock file changed since the last install.
stamp="$TOOLS/.installed-lock"
if [ -d "$TOOLS/node_modules" ] && [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
echo "Installing the npm validators (DAISY Ace, Nu Html Checker) into $TOOLS/"
mkdir -p "$TOOLS"
cp package.json package-lock.json "$TOOLS/"
# No install scripts: they would download Electron, a Chromium build and a Java runtime,
# none of which is needed (the system Chromium and Java are used) or reachable offline.
( cd "$TOOLS" && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error )
cp package-lock.json "$stamp"
