"""Settings for Avhopp, read from the environment (django-environ).

Every variable is documented in `.env.example`. With no environment at all the
project runs in development mode on an SQLite file under `var/`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from avhopp import published_keys

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see .env.example)."
        )
    SECRET_KEY = published_keys.DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # The admin site of accounts: the stock admin behind the same two-factor login.
    "accounts.admin_site.TwoFactorAdminConfig",
    # Before django.contrib.auth, so that its changepassword command is the one run.
    "accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "import_export",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "csp",
    "grants",
    "applications",
    "exchange",
    "reports",
    "audit",
    # Invented demo data (`manage.py seed_demo`, `make demo`); the production
    # settings remove it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise, which answers for static files without going further: every
    # other response (pages, lists, exports, PDFs, documents) is stored nowhere.
    "avhopp.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "avhopp.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a lock-out into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "avhopp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "audit.context_processors.audit_nav",
            ],
        },
    },
]

WSGI_APPLICATION = "avhopp.wsgi.application"

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'avhopp.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

AUTHENTICATION_BACKENDS = [
    # First: refuses every login attempt of a locked-out username (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
# ISO dates (2022-06-30) in both languages; money is formatted by the `sek` filter.
FORMAT_MODULE_PATH = ["avhopp.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from here
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded documents: never below static/ or any served folder.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "documents")))
# Readable by the application's own system user only, whatever its umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)

# The återrapportering is due 1 February after the budget year, or this many days
# after the handlingsplan ends, whichever is later (docs/decisions/0010).
FOLLOW_UP_DAYS_AFTER_PLAN = env.int("FOLLOW_UP_DAYS_AFTER_PLAN", default=30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The authority's functional mailbox for accessibility problems, named in the
# tillgänglighetsredogörelse (a shared mailbox, never a person's address).
ACCESSIBILITY_CONTACT_EMAIL = env.str(
    "ACCESSIBILITY_CONTACT_EMAIL", default="avhopp.tillganglighet@polisen.se"
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# --- Security (docs/security.md) -------------------------------------------------

# Identity data of individärenden is encrypted with Fernet. The first key encrypts,
# every key decrypts: rotate by putting a new key first and running
# `manage.py rotate_identity_keys`. The keyed hash that finds the same person in
# another application has its own key.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
IDENTITY_HMAC_KEY = env.str("IDENTITY_HMAC_KEY", default="")
# Published development keys (avhopp/published_keys.py): production refuses them.
if DEBUG and not FIELD_ENCRYPTION_KEYS:
    FIELD_ENCRYPTION_KEYS = [published_keys.DEVELOPMENT_FIELD_ENCRYPTION_KEY]
if DEBUG and not IDENTITY_HMAC_KEY:
    IDENTITY_HMAC_KEY = published_keys.DEVELOPMENT_IDENTITY_HMAC_KEY

# Two-factor login (TOTP) for every user; the development demo may switch it off.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "Avhopp"
# No key or QR code in the admin (accounts/admin.py registers a stricter admin too).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lock-out after repeated failed logins (django-axes): a username that failed too
# often, and an address that failed too often (password spraying), each on its own.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_ip"
AXES_VERBOSE = False
# Reverse proxies in front of the app whose X-Forwarded-For can be trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Sessions end after 30 idle minutes and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy in every mode, so inline code is caught in development.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The report's charts are SVG images embedded as data: URLs (an SVG shown
        # through <img> cannot run scripts).
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Change history (django-auditlog): who changed what, from which address. A field
# that may hold personal data (identity fields, the name an uploaded file had, and
# every free-text field: purposes, statements, notes, motivations, messages) is
# recorded by name only, with the fixed value of audit/masking.py. A new free-text
# field of an audited model must be added here: tests/audit/test_no_personal_data.py
# fails until it is.
AUDITLOG_MASK_CALLABLE = "audit.masking.hide_value"
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "applications.Application", "mask_fields": ["purpose"]},
    {"model": "applications.IndividualCase", "mask_fields": ["coordinator_statement"]},
    {
        "model": "applications.IndividualIdentity",
        "mask_fields": [
            "full_name",
            "personal_number",
            "phone",
            "email",
            "address",
            "personal_number_digest",
        ],
    },
    {"model": "applications.ActionPlan", "mask_fields": ["summary"]},
    {"model": "applications.Intervention", "mask_fields": ["description"]},
    {"model": "applications.CriterionRecord", "mask_fields": ["note"]},
    {
        "model": "applications.CompletionRequest",
        "mask_fields": ["message", "answer_note"],
    },
    {"model": "applications.Proposal", "mask_fields": ["motivation"]},
    {"model": "applications.ProposalVersion", "mask_fields": ["motivation"]},
    {
        "model": "applications.Decision",
        "mask_fields": ["rejection_details", "conditions"],
    },
    {"model": "applications.FollowUpReport", "mask_fields": ["results"]},
    {"model": "applications.Document", "mask_fields": ["original_name", "file"]},
    {"model": "applications.Disbursement", "mask_fields": ["reference"]},
    # Who may do what: delegations, regions, roles and their members.
    "applications.Delegation",
    "applications.StaffProfile",
    {"model": "auth.Group", "m2m_fields": ["permissions"]},
    # A password change is recorded (who changed whose), its hash never.
    {
        "model": "auth.User",
        "exclude_fields": ["last_login"],
        "mask_fields": ["password"],
        "mask_callable": "audit.masking.hide_value",
        "m2m_fields": ["groups", "user_permissions"],
    },
    "accounts.PasswordChangeRequired",
    # Authenticators are added and deleted; the key and the counters of each login
    # stay out.
    {"model": "otp_totp.TOTPDevice", "include_fields": ["user", "name", "confirmed"]},
    # Money and reference data.
    "grants.BudgetYear",
    "grants.BudgetAmendment",
    "grants.AllocationDecision",
    "grants.AllocationShare",
    # An organisation's notes are free text: recorded by name only.
    {
        "model": "grants.Organisation",
        "mask_fields": ["notes"],
        "mask_callable": "audit.masking.hide_value",
    },
)
AUDITLOG_DISABLE_REMOTE_ADDR = False
# Objects whose text representation held personal data in entries written before it
# was made neutral (a document was named by its file name until applications/0010):
# the audit page and the admin name them by id only and never search their text.
AUDIT_HIDE_REPR_OF = ("applications.Document",)

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
