"""The Simplified Chinese catalogue: complete, current with the code and templates, and in use.

The catalogue is greenmine/locale/zh_Hans/LC_MESSAGES/django.po (plus any app's own locale/ directory);
scripts/update_translations.sh refreshes it with Django's makemessages. These tests need GNU gettext
(xgettext, msguniq, msgmerge, msgattrib, msgfmt): `make test` installs it; elsewhere
`apt-get install gettext`. Without it they fail rather than skip, so a missing msgid cannot slip through.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # greenmine/
ROOT = PACKAGE_DIR.parent
UPDATE_SCRIPT = ROOT / "scripts" / "update_translations.sh"
LOCALE = "zh_Hans"
PROJECT_CATALOGUE = PACKAGE_DIR / "locale" / LOCALE / "LC_MESSAGES" / "django.po"
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib", "msgfmt")
# What makemessages reads by default for the "django" domain.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}


def require_gettext() -> None:
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"GNU gettext is not installed (missing {', '.join(missing)}): install it with "
            "`apt-get install gettext` (`make test` does this as root)."
        )


def catalogues() -> list[Path]:
    """Every zh_Hans catalogue under the package (greenmine/locale/ and any app's own locale/)."""
    return sorted(
        p for p in PACKAGE_DIR.rglob(f"locale/{LOCALE}/LC_MESSAGES/*.po") if "static" not in p.parts
    )


def entry_key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def show(keys: list[str]) -> str:
    return "\n".join(f"  {key.replace(chr(4), ' | ')!r}" for key in sorted(keys))


def compile_if_stale(po_path: Path) -> bool:
    """Compile po_path to its .mo (as scripts/build_assets.py does) if the .mo is missing or older."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    # Write beside the target and rename, so a parallel test process never reads half a file.
    tmp_path = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
    polib.pofile(str(po_path)).save_as_mofile(str(tmp_path))
    os.replace(tmp_path, mo_path)
    return True


@pytest.fixture(scope="module")
def compiled_catalogues() -> None:
    """Make sure Django reads the current catalogues, even right after an edit of the .po."""
    if any([compile_if_stale(path) for path in catalogues()]):
        # Changing LOCALE_PATHS (even to the same value) makes Django drop its cached translations.
        with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
            pass


def test_the_catalogue_exists_with_a_zh_hans_header() -> None:
    assert PROJECT_CATALOGUE.exists(), f"{PROJECT_CATALOGUE} is missing: run scripts/update_translations.sh"
    for path in catalogues():
        po = polib.pofile(str(path))
        assert po.metadata.get("Language") == LOCALE, path
        assert "charset=UTF-8" in po.metadata.get("Content-Type", ""), path
        assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;", path
        assert not po.metadata_is_fuzzy, f"{path}: the header is marked fuzzy"


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_every_msgid_is_translated_and_none_is_fuzzy(path: Path) -> None:
    po = polib.pofile(str(path))
    untranslated = [entry_key(e) for e in po.untranslated_entries()]
    fuzzy = [entry_key(e) for e in po.fuzzy_entries()]
    assert untranslated == [], (
        f"{len(untranslated)} msgid(s) of {path.relative_to(ROOT)} have no translation:\n{show(untranslated)}"
    )
    assert fuzzy == [], (
        f"{len(fuzzy)} msgid(s) of {path.relative_to(ROOT)} are fuzzy (check the guess, then drop the "
        f"'#, fuzzy' flag):\n{show(fuzzy)}"
    )


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_translations_keep_the_placeholders(path: Path) -> None:
    """msgfmt --check checks the python-format placeholders (%(name)s) and the header."""
    require_gettext()
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check {path.relative_to(ROOT)}:\n{result.stderr}"


def ignore_patterns() -> list[str]:
    """The --ignore patterns of scripts/update_translations.sh, so the check extracts what it does."""
    patterns = re.findall(r"--ignore\s+'([^']+)'", UPDATE_SCRIPT.read_text(encoding="utf-8"))
    assert patterns, f"no --ignore '...' arguments found in {UPDATE_SCRIPT}"
    return patterns


def copy_sources(destination: Path) -> None:
    """Copy the package's translatable sources and its (emptied) locale directories."""

    def skip(directory: str, names: list[str]) -> set[str]:
        here = Path(directory)
        skipped = set()
        for name in names:
            if (here / name).is_dir():
                if name in {"__pycache__", "node_modules"} or (here == PACKAGE_DIR and name == "static"):
                    skipped.add(name)
            elif Path(name).suffix not in SOURCE_SUFFIXES or "locale" in here.relative_to(PACKAGE_DIR).parts:
                skipped.add(name)
        return skipped

    shutil.copytree(PACKAGE_DIR, destination, ignore=skip)


MAKEMESSAGES = (
    "import sys, django\n"
    "from django.conf import settings\n"
    "settings.configure(USE_I18N=True)\n"
    "django.setup()\n"
    "from django.core.management import execute_from_command_line\n"
    "execute_from_command_line(['django-admin', 'makemessages', *sys.argv[1:]])\n"
)


def test_the_catalogue_has_every_msgid_of_the_code_and_templates(tmp_path: Path) -> None:
    """Run makemessages, as scripts/update_translations.sh does, on a copy; compare the msgids."""
    require_gettext()
    copy = tmp_path / "greenmine"
    copy_sources(copy)
    args = ["-l", LOCALE, "--no-obsolete", "--add-location", "file"]
    for pattern in ignore_patterns():
        args += ["--ignore", pattern]
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", MAKEMESSAGES, *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    extracted = sorted(copy.rglob(f"locale/{LOCALE}/LC_MESSAGES/*.po"))
    assert extracted, f"makemessages wrote no catalogue:\n{result.stdout}\n{result.stderr}"
    problems = []
    for fresh_path in extracted:
        relative = fresh_path.relative_to(copy)
        real_path = PACKAGE_DIR / relative
        used = {entry_key(e): e for e in polib.pofile(str(fresh_path)) if not e.obsolete}
        if not real_path.exists():
            problems.append(
                f"greenmine/{relative} does not exist; it needs {len(used)} msgid(s):\n{show(list(used))}"
            )
            continue
        known = {entry_key(e) for e in polib.pofile(str(real_path)) if not e.obsolete}
        missing = [key for key in used if key not in known]
        if missing:
            where = {key: sorted({f for f, _ in used[key].occurrences}) for key in missing}
            listing = "\n".join(
                f"  {key.replace(chr(4), ' | ')!r}  ({', '.join(where[key])})" for key in sorted(missing)
            )
            problems.append(f"{len(missing)} msgid(s) are missing from greenmine/{relative}:\n{listing}")
    assert not problems, (
        "The catalogue is behind the code: run scripts/update_translations.sh and translate the new "
        "msgids.\n" + "\n".join(problems)
    )


@pytest.mark.django_db
def test_the_login_page_is_chinese_by_default(compiled_catalogues: None) -> None:
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "登录" in page
    assert "用户名" in page
    assert '<html lang="zh-CN">' in page


@pytest.mark.django_db
def test_the_login_page_is_english_with_the_language_cookie(compiled_catalogues: None) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Log in" in page
    assert "User name" in page
    assert "登录" not in page
    assert '<html lang="en">' in page


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Audit log", "审计日志"),
        ("Log in", "登录"),
        ("Log out", "退出登录"),
        ("Home", "首页"),
        ("GreenMine", "绿色矿山建设管理平台"),
        ("Natural resources bureau", "自然资源局"),
        ("Unified social credit code", "统一社会信用代码"),
        ("Make-up working day", "调休上班日"),
    ],
)
def test_core_strings_translate(compiled_catalogues: None, msgid: str, expected: str) -> None:
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == expected
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_plural_and_placeholder_strings_translate(compiled_catalogues: None) -> None:
    with translation.override("zh-hans"):
        assert translation.ngettext("%(total)s record", "%(total)s records", 1) % {"total": 1} == "共1条记录"
        assert translation.ngettext("%(total)s record", "%(total)s records", 7) % {"total": 7} == "共7条记录"
        assert translation.gettext("Welcome, %(name)s") % {"name": "张三"} == "欢迎您，张三"
