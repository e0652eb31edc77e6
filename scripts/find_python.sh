#!/usr/bin/env bash
# Prints the path of a Python 3.12 (preferred: the lock file is resolved on it) or 3.13 interpreter.
# Looks on PATH, then in pyenv's versions, then in the usual system places; never installs anything.
set -u
want=$(cat "$(dirname "$0")/../.python-version" 2>/dev/null || echo 3.12)
candidates=()
for v in "$want" 3.12 3.13; do
  # pyenv's real interpreters before PATH, whose pyenv shims depend on the shell's pyenv state.
  for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v"*; do
    [ -x "$d/bin/python" ] && candidates+=("$d/bin/python")
  done
  candidates+=("python$v")
  candidates+=("/usr/local/bin/python$v" "/usr/bin/python$v")
done
for c in "${candidates[@]}"; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if "$p" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] in ((3, 12), (3, 13)) else 1)' 2>/dev/null; then
    echo "$p"
    exit 0
  fi
done
echo "GreenMine needs Python 3.12 (or 3.13) with the venv module, and none was found." >&2
echo "Install it, for example: 'pyenv install 3.12' or 'apt-get install python3.12 python3.12-venv'," >&2
echo "then run the command again." >&2
exit 1
