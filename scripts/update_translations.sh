#!/usr/bin/env bash
# Refresh the Simplified Chinese catalogue greenmine/locale/zh_Hans/LC_MESSAGES/django.po from the
# msgids in the Python code and templates (GNU gettext's xgettext/msgmerge must be installed:
# apt-get install gettext). New msgids arrive untranslated; translate them, then check with
#   .venv/bin/python -m pytest greenmine/core/tests/test_translations.py
# Pass --compile to also build the .mo files (scripts/build_assets.py does that for make run/test).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v xgettext >/dev/null || { echo "GNU gettext is needed: apt-get install gettext" >&2; exit 1; }
mkdir -p greenmine/locale/zh_Hans/LC_MESSAGES
(
  cd greenmine
  # From inside the package, every file falls under LOCALE_PATHS[0] = greenmine/locale.
  "$ROOT/.venv/bin/greenmine" makemessages --locale zh_Hans \
    --ignore 'static/*' --ignore '*/tests/*' --ignore 'tests/*' --ignore 'spatial/*' \
    --no-obsolete --add-location file
)
PO=greenmine/locale/zh_Hans/LC_MESSAGES/django.po
# makemessages writes a template header for a new catalogue; keep it a valid zh_Hans one.
sed -i \
  -e 's/^"Language: .*\\n"$/"Language: zh_Hans\\n"/' \
  -e 's/^"Content-Type: text\/plain; charset=.*\\n"$/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
  -e 's/^"Plural-Forms: .*\\n"$/"Plural-Forms: nplurals=1; plural=0;\\n"/' \
  "$PO"
"$ROOT/.venv/bin/python" - "$PO" <<'PY'
import sys
import polib
po = polib.pofile(sys.argv[1])
print(f"{sys.argv[1]}: {len([e for e in po if not e.obsolete])} msgids, "
      f"{len(po.untranslated_entries())} untranslated, {len(po.fuzzy_entries())} fuzzy")
PY
if [ "${1:-}" = "--compile" ]; then
  "$ROOT/.venv/bin/python" scripts/build_assets.py
fi
