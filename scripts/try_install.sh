#!/usr/bin/env bash
# A new user's first minutes, run for real (issue 21, "Judged by"): in a fresh venv with a fresh
# HOME, `pip install` a clone of this checkout (its last commit), then `pamphleteer init`, `add` a
# text, build it, `list` it and `check` it (then again with the `check` extra installed), each from
# the installed command only (no PYTHONPATH, run outside the checkout). It stops at the first step that fails, naming it, and exits non-zero.
#
#   scripts/try_install.sh            the whole run (about 3 minutes; needs PyPI)
#   KEEP=1 scripts/try_install.sh     keep the temporary folder to look at
#
# `pip install` resolves pyproject's ranges, as a user's pip does (not the locks). The validators
# are the checkout's: its .tools/ (from `make tools`) is linked as the user's
# ~/.local/share/pamphleteer/tools, where an installed pamphleteer looks, so `check --strict` runs
# every one of them; without .tools/, `check` is run as a user without them would run it.
# Too slow for `make test` (a whole install from PyPI); run it before a release.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/pamphleteer-try-XXXXXX)"
if [ -n "${KEEP:-}" ]; then echo "Working in $work (kept)"; else trap 'rm -rf "$work"' EXIT; fi

step() { echo; echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

export HOME="$work/home" PIP_DISABLE_PIP_VERSION_CHECK=1 NO_COLOR=1
unset PYTHONPATH VIRTUAL_ENV CI PAMPHLETEER_TOOLS XDG_DATA_HOME
mkdir -p "$HOME"

step "clone the last commit and pip install it into a fresh venv"
git clone --quiet "$checkout" "$work/clone"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet pip==25.3  # venv's pip (23.x) cannot resolve lxml's extras
"$work/venv/bin/python" -m pip install --quiet "$work/clone" || fail "pip install"
export PATH="$work/venv/bin:$PATH"
command -v pamphleteer | grep -q "^$work/venv/bin/pamphleteer$" || fail "no pamphleteer command"
pamphleteer --version

if [ -d "$checkout/.tools/node_modules" ]; then
  mkdir -p "$HOME/.local/share/pamphleteer"
  ln -s "$checkout/.tools" "$HOME/.local/share/pamphleteer/tools"
  strict=--strict
else
  strict=""
fi

cd "$work"
step "pamphleteer init"
pamphleteer init pub --title "A Reader" || fail "init"
[ -f pub/publication.toml ] && [ -d pub/texts ] || fail "init wrote no publication.toml or texts/"
cd pub

step "pamphleteer add"
cp "$work/clone/sources/texts/camfield-internationalism-today.md" "$work/internationalism.md"
pamphleteer add "$work/internationalism.md" || fail "add"

step "pamphleteer (build)"
pamphleteer || fail "build"
for edition in a-reader.pdf a-reader-booklet.pdf a-reader.epub a-reader.html; do
  [ -s "output/$edition" ] || fail "no output/$edition"
done

step "pamphleteer list"
pamphleteer list || fail "list"

step "pamphleteer check (the Python validators not installed yet: shown so, not failed)"
pamphleteer check || fail "check"

step "pip install its check extra, then pamphleteer check $strict"
"$work/venv/bin/python" -m pip install --quiet "$work/clone[check]" || fail "pip install .[check]"
pamphleteer check $strict || fail "check $strict"

step "python -m pamphleteer, and the completion script"
python -m pamphleteer --version >/dev/null || fail "python -m pamphleteer"
pamphleteer completion bash | grep -q "_shtab_pamphleteer" || fail "completion bash"

echo
echo "The installed command works: init, add, build, list, check${strict:+ (every validator, --strict)}."
