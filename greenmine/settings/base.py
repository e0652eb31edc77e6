"""Settings shared by every environment. Environment-specific files import * from here."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from greenmine.settings.env import env_bool, env_int, env_list, env_path, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
# Everything the running installation writes (SQLite database, uploads, audit heads, backups).
VAR_DIR = env_path("GREENMINE_VAR_DIR", BASE_DIR / "var")

GREENMINE_ENV = "base"
SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks_db",
    "django_htmx",
    "axes",
    "greenmine.core",
    "greenmine.registry",
    "greenmine.admission",
    "greenmine.standards",
    "greenmine.assessments",
    "greenmine.supervision",
    "greenmine.thirdparty",
    "greenmine.listing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "greenmine.core.middleware.RequestContextMiddleware",
    # Axes must come last: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "greenmine.urls"
WSGI_APPLICATION = "greenmine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "greenmine.core.context_processors.shell",
            ],
        },
    },
]


def database_from_env(default_sqlite_path: Path) -> dict[str, object]:
    """DATABASE_URL picks the database; without it, the embedded SQLite file in var/."""
    url = env_str("DATABASE_URL", "")
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN,
            # which serialises writers (the audit chain relies on it) instead of failing mid-way.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "greenmine.sqlite3")}
# The one side effect of the settings: a fresh checkout has no var/ yet, and SQLite will not create it.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "greenmine.core.validators.ComplexityValidator"},
    {"NAME": "greenmine.core.validators.NotDemoPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session expires this long after the last request (MLPS level-3 habit).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie; keep Django's default.

# Lockout after repeated failed logins (django-axes), on the login page and the token endpoint alike.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Lock the account, not the address: a township office or a bureau sits behind one NAT address, and
# locking the address would lock out every colleague. The token endpoint is also rate-limited.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "greenmine.core.lockout.lockout_response"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "greenmine_language"

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media")
MEDIA_URL = None  # uploads are served only through permission-checked views, never from a public path

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# Mail (password reset links, reminders): printed on the console unless an SMTP server is configured.
def mailers_from_env(default_backend: str) -> dict[str, dict[str, object]]:
    backend = env_str("EMAIL_BACKEND", default_backend)
    options: dict[str, object] = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailers_from_env("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "greenmine@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["greenmine.core.api.permissions.RestrictedActionPermission"],
    "DEFAULT_PAGINATION_CLASS": "greenmine.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "greenmine.core.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "30/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GreenMine API",
    "DESCRIPTION": "绿色矿山建设管理平台 API. Authenticate with `Authorization: Token <token>` "
    "from POST /api/v1/auth/token/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per code list, so clients see OrganisationKindEnum, not Kind1f4Enum.
    "ENUM_NAME_OVERRIDES": {
        f"{name}Enum": f"greenmine.{app}.choices.{name}"
        for app, names in {
            "core": ["OrganisationKind", "MembershipRole", "DivisionLevel", "CalendarDayKind"],
            "registry": [
                "MineKind",
                "MineStatus",
                "GreenStatus",
                "ScaleClass",
                "RightStatus",
                "ExplorationStage",
            ],
            "standards": ["VersionStatus", "StandardKind", "Provenance"],
            "admission": [
                "LayerKind",
                "ReserveZone",
                "Verdict",
                "RightKind",
                "ApplicationType",
                "CaseStatus",
            ],
            "assessments": ["PlanStatus", "AssessmentStatus", "ItemSection"],
            "listing": [
                "ReviewStatus",
                "ListingDecision",
                "OpinionAnswer",
                "NoticeStatus",
                "ObjectionStatus",
                "ListLevel",
                "RecommendationStatus",
                "ListingStatus",
            ],
            "supervision": [
                "SpotCheckResult",
                "RectificationStatus",
                "DrawStatus",
                "DrawEligibility",
                "SelfCheckStatus",
                "ReviewDecision",
            ],
            "thirdparty": ["ThirdPartyStatus", "ExpertTitle", "Discipline", "ConflictKind"],
        }.items()
        for name in names
    }
    | {"ImportStatusEnum": "greenmine.registry.importjobs.ImportStatus"},
}

# Content Security Policy (Django 6): nothing but our own origin; scripts only with the page's nonce.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
# Base maps must be CGCS2000/WGS84 (Tianditu, OSM-style); the map refuses GCJ-02 tiles (Gaode, Tencent).
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")
MAP_TILE_SUBDOMAINS = env_str("MAP_TILE_SUBDOMAINS", "abc")  # Tianditu: 01234567
_extra_img_sources = env_list("CSP_EXTRA_IMG_SRC", [])


def tile_origin(url: str) -> str | None:
    """The CSP source of a tile URL template ('https://t{s}.tianditu.gov.cn/…' → 'https://*.tianditu.gov.cn')."""
    scheme, _sep, rest = url.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0]
    if not scheme or not host:
        return None
    if "{" in host:
        host = "*." + host.split(".", 1)[1] if "." in host else ""
    return f"{scheme}://{host}" if host else None


if MAP_TILE_URL and tile_origin(MAP_TILE_URL):
    _extra_img_sources.append(tile_origin(MAP_TILE_URL))
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:", *_extra_img_sources],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Audit chain heads are written outside the database, so deleting the newest rows is noticed.
AUDIT_HEAD_DIR = env_path("AUDIT_HEAD_DIR", VAR_DIR / "audit")
BACKUP_DIR = env_path("BACKUP_DIR", VAR_DIR / "backups")

# Demo passwords: the demo command sets them, the password validators refuse them for real use,
# and production refuses to start while an active account still has one.
DEMO_PASSWORDS = ["Hulin#2026demo"]

# The working-day calendar: public notice periods and deadlines count these.
DEFAULT_NOTICE_WORKING_DAYS = env_int("DEFAULT_NOTICE_WORKING_DAYS", 5)
LISTING_OPINION_WORKING_DAYS = env_int("LISTING_OPINION_WORKING_DAYS", 10)  # department opinions
# Supervision (greenmine/supervision/README.md): months to rectify, self-check due day, reminder lead.
RECTIFICATION_MONTHS = env_int("RECTIFICATION_MONTHS", 6)
ANNUAL_SELF_CHECK_DUE = env_str("ANNUAL_SELF_CHECK_DUE", "03-31")
SELF_CHECK_REMINDER_DAYS = env_int("SELF_CHECK_REMINDER_DAYS", 30)
# Third-party assessment (greenmine/thirdparty/README.md): who commissions, team rules, explain threshold.
THIRDPARTY_COMMISSIONING_LEVEL = env_str("THIRDPARTY_COMMISSIONING_LEVEL", "county")
THIRDPARTY_EXPLAIN_DIFFERENCE_POINTS = env_str("THIRDPARTY_EXPLAIN_DIFFERENCE_POINTS", "5")
THIRDPARTY_TEAM_RULES = {"min_members": 5, "min_senior": 2, "conflict_window_days": 365}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SITE_TITLE = _("GreenMine")
# Who runs this installation, shown beside the product name (e.g. 虎林市自然资源局).
INSTALLATION_NAME = env_str("INSTALLATION_NAME", "虎林市自然资源局")
# The address users reach the site at, for links in e-mails sent by background tasks.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
