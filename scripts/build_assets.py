"""Build the front end without a bundler: copy the locked npm packages' distribution files into
greenmine/static/vendor/ and compile the translation catalogues (.po → .mo, with polib, so no
system gettext is needed). Run by `make run` and `make test` after `npm ci`."""

import shutil
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "greenmine" / "static" / "vendor"

# destination folder -> [(source file or folder in node_modules, name under the destination)]
COPIES = {
    "tabler": [
        ("@tabler/core/dist/css/tabler.min.css", "tabler.min.css"),
        ("@tabler/core/dist/js/tabler.min.js", "tabler.min.js"),
    ],
    "tabler-icons": [
        ("@tabler/icons-webfont/dist/tabler-icons.min.css", "tabler-icons.min.css"),
        ("@tabler/icons-webfont/dist/fonts", "fonts"),
    ],
    "htmx": [("htmx.org/dist/htmx.min.js", "htmx.min.js")],
    "leaflet": [
        ("leaflet/dist/leaflet.js", "leaflet.js"),
        ("leaflet/dist/leaflet.css", "leaflet.css"),
        ("leaflet/dist/images", "images"),
    ],
    "echarts": [("echarts/dist/echarts.min.js", "echarts.min.js")],
}
OPTIONAL = {"leaflet", "echarts"}  # present once an app adds them to package.json


def copy_assets() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for folder, files in COPIES.items():
        for source, name in files:
            src = NODE / source
            if not src.exists():
                if folder in OPTIONAL:
                    continue
                sys.exit(f"Missing {src}: run 'npm ci' first.")
            dest = VENDOR / folder / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest)
            else:
                shutil.copy2(src, dest)


def compile_messages() -> int:
    count = 0
    for po_path in (ROOT / "greenmine").rglob("locale/*/LC_MESSAGES/*.po"):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    return count


def main() -> None:
    copy_assets()
    compiled = compile_messages()
    (VENDOR / ".built-stamp").write_text("built\n", encoding="utf-8")
    where = VENDOR.relative_to(ROOT)
    print(f"Front-end assets copied to {where}; {compiled} translation catalogue(s) compiled.")


if __name__ == "__main__":
    main()
