"""Test settings: fast hashing, tasks run at once, and database backends that can reset the audit table."""

import os

from greenmine.settings.base import *  # noqa: F403

GREENMINE_ENV = "test"
DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-installation"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

# Each test process gets its own var/ tree (xdist workers and concurrent runs included), so runs never
# share a database file and nothing touches a real installation.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
VAR_DIR = BASE_DIR / "var" / "test" / f"{os.getpid()}-{_worker}"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "media"
AUDIT_HEAD_DIR = VAR_DIR / "audit"
BACKUP_DIR = VAR_DIR / "backups"
VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {"default": database_from_env(VAR_DIR / "unused.sqlite3")}  # noqa: F405
# Only the test backends may empty the append-only audit table (between transactional tests);
# production backends have no such path. See greenmine/core/testing/db/.
_engine = DATABASES["default"]["ENGINE"]
if _engine == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "greenmine.core.testing.db.sqlite3"
    # A file, not :memory:, so that threads in the concurrency tests share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif _engine == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "greenmine.core.testing.db.postgresql"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True  # the live-server browser tests get the static files without collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
