"""Settings shared by every environment.

Every value that differs between machines comes from the environment, with a default that
serves the embedded run (SQLite, database search, local-memory cache, console email).
"""

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "legal",  # before the forms: their demo content links to its privacy notice
    "network.news",
    "network.agenda",
    "network.supporters",
    "network.applications",
    "network.newsletter",
    "signatories",
    "network.twinning",
    "network.aggregation",
    "network.contact",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    # wagtail.contrib.frontend_cache is used without its app: its signal handlers would purge the
    # published page alone, before the transaction commits; core.frontend_cache purges after the
    # commit, and also the listings, home pages and feeds that show the page.
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_recaptcha",
    "django_tasks_db",  # the queue of TASK_BACKEND=django_tasks_db.DatabaseBackend
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /health/live and /health/ready, answered before anything else (core/health.py).
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (the public one, or the admin's) and Permissions-Policy on every response.
    "core.security.ContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "core.ratelimits.RetryAfterMiddleware",
    # No cell of an admin CSV export can run as a spreadsheet formula.
    "core.spreadsheets.FormulaSafeCsvMiddleware",
    # Sees every response last: public only what is the same for every anonymous visitor.
    "core.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The site (from the shared cache) and, for Wagtail pages, the page in two queries.
    "core.middleware.PageRoutingMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 400 for malformed admin requests (NUL bytes, form data missing a field) before any view.
    "core.middleware.AdminBadRequestMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Site-wide admin reports are refused to the owner of one supporter profile.
    "network.supporters.middleware.ReportsForStaffOnlyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the checkout unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# When the database is down, requests get a 503 page (core/errors.py) with this Retry-After
# (seconds); a worker waits at most DB_CONNECT_TIMEOUT seconds for PostgreSQL to answer. After an
# outage each process reconnects by itself: a failed connection is closed at the end of its
# request, and a persistent one (DB_CONN_MAX_AGE > 0) is checked before reuse (health checks).
SERVICE_UNAVAILABLE_RETRY_AFTER = int(os.environ.get("SERVICE_UNAVAILABLE_RETRY_AFTER", "60"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    )
# SQLite serves several worker processes too (the embedded run under gunicorn): a transaction
# takes the write lock when it begins, so two writers queue up (for at most SQLITE_TIMEOUT seconds)
# instead of one failing with "database is locked", and readers never wait for a writer (WAL).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=int(os.environ.get("SQLITE_TIMEOUT", "20")),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, shared by every process and machine (page chrome, rate-limit
# counters). Otherwise files under var/cache: shared by the processes of this machine, so that
# every worker sees what another one invalidated, with nothing to install.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "cms",
            "OPTIONS": {
                # A cache that is down must slow the site, not break it.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # One folder per database: two databases served from one checkout never share entries.
    _database = DATABASES["default"]
    _database_id = hashlib.sha256(f"{_database.get('HOST')}:{_database.get('PORT')}:{_database['NAME']}".encode())
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache" / _database_id.hexdigest()[:12])),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# Wagtail writes every rendition it looks up to the "renditions" cache: in the shared Redis when
# there is one, else in each process's memory for five minutes (a file write per image per
# request would cost more than the lookup saves).
CACHES["renditions"] = (
    {**CACHES["default"], "TIMEOUT": 3600}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 2000}}
)
# What every page repeats (menus, footer, settings, the routes to home pages...) is kept in that
# cache under a generation that changes whenever content is published or edited (core/cache.py);
# entries of old generations expire after this many seconds.
CONTENT_CACHE_TIMEOUT = int(os.environ.get("CONTENT_CACHE_TIMEOUT", str(24 * 3600)))

# HTTP caching (core/middleware.py): responses that are the same for every anonymous visitor say
# `Cache-Control: public, max-age=<HTTP_CACHE_MAX_AGE>, s-maxage=<HTTP_CACHE_S_MAXAGE>,
# stale-while-revalidate=<...>`; shared caches keep them until publishing purges them.
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "0"))
HTTP_CACHE_S_MAXAGE = int(os.environ.get("HTTP_CACHE_S_MAXAGE", "600"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "60"))
# The front cache that publishing purges (core/frontend_cache.py): VARNISH_URL is the address
# Varnish listens on (PURGE requests are sent there, see deploy/varnish/default.vcl).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("VARNISH_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["VARNISH_URL"],
    }
# Purged URLs are computed for each language by core.frontend_cache (translated slugs differ), so
# Wagtail must not rewrite one language's URL into the others.
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: en, tr, tk, ru by default; CMS_LANGUAGES="en,tr,tk,ru,uk,ka" extends the list.
# The first language is the default one and the source of synchronised content.
LANGUAGE_CODES = env_list("CMS_LANGUAGES", "en,tr,tk,ru")
for _code in LANGUAGE_CODES:
    if _code not in LANG_INFO:
        raise ImproperlyConfigured(f"CMS_LANGUAGES: Django does not know the language {_code!r}.")
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in LANGUAGE_CODES]
LANGUAGE_CODE = LANGUAGE_CODES[0]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks whatever languages Wagtail ships; only the site's own are offered.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, name) for code, name in LANGUAGES if code in {"en", "tr", "ru", "uk", "ka", "ro", "az"}
] or LANGUAGES[:1]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Istanbul")
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Images and documents on object storage (django-storages' S3 backend: AWS, or any S3 API through
# AWS_S3_ENDPOINT_URL), shared by every machine: MEDIA_STORAGE=s3, or AWS_STORAGE_BUCKET_NAME set.
# Objects get the bucket's own access (private unless its policy opens them): without a custom
# domain every link is signed for AWS_QUERYSTRING_EXPIRE seconds; with one (a CDN, or a bucket policy
# that lets anyone read images/ and original_images/), links are plain. Documents stay private
# either way: Django reads them from the bucket and serves them (WAGTAILDOCS_SERVE_METHOD), after
# their collection's view restrictions. Signed agreements stay in PRIVATE_MEDIA_ROOT.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "s3" if os.environ.get("AWS_STORAGE_BUCKET_NAME") else "filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE: {MEDIA_STORAGE!r} is neither 'filesystem' nor 's3'.")
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    _s3_endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    _s3_region = os.environ.get("AWS_S3_REGION_NAME", "")
    _s3_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    _s3_bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": _s3_endpoint or None,
            "region_name": _s3_region or None,
            # Unset: boto3 finds credentials itself (an instance or pod role, ~/.aws).
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": _s3_domain or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": not _s3_domain,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
            # Two uploads of one name keep both files, as on the file system.
            "file_overwrite": False,
        },
    }
    # The origin the links point to, for the Content-Security-Policy below.
    if _s3_domain:
        MEDIA_URL = f"https://{_s3_domain}/"
    elif _s3_endpoint:
        MEDIA_URL = f"{_s3_endpoint}/{_s3_bucket}/"
    else:
        MEDIA_URL = f"https://{_s3_bucket}.s3.{_s3_region or 'us-east-1'}.amazonaws.com/"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request body that is not a file upload (form fields, JSON); files have their own
# limits (documents, images, signed agreements), and the web server in front should refuse any
# body larger than the largest of them.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))

# Email: console unless EMAIL_URL or EMAIL_HOST is set.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
if os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "network@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", "staff@localhost")
# A provider's API instead of SMTP through django-anymail, e.g.
#   EMAIL_BACKEND=anymail.backends.mailgun.EmailBackend ANYMAIL_MAILGUN_API_KEY=... ANYMAIL_MAILGUN_SENDER_DOMAIN=...
# Every ANYMAIL_<NAME> variable becomes ANYMAIL["<NAME>"].
ANYMAIL = {key.removeprefix("ANYMAIL_"): value for key, value in os.environ.items() if key.startswith("ANYMAIL_")}
# Outgoing email is stored, then sent by a task (core/mail.py); failed sends are retried with a
# growing delay up to this many attempts, by the task queue or `manage.py send_pending_emails`.
OUTGOING_EMAIL_MAX_ATTEMPTS = int(os.environ.get("OUTGOING_EMAIL_MAX_ATTEMPTS", "5"))
# Seconds after which a message still "sending" is taken to belong to a worker that died.
OUTGOING_EMAIL_SENDING_TIMEOUT = int(os.environ.get("OUTGOING_EMAIL_SENDING_TIMEOUT", "600"))

# Tasks: run at once in the embedded run; a real queue backend comes from TASK_BACKEND
# (production defaults to the database queue, see production.py).
IMMEDIATE_TASK_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": os.environ.get("TASK_BACKEND", IMMEDIATE_TASK_BACKEND)}}

# Outbound requests (feeds of the network, core/outbound.py) refuse addresses that resolve to a
# loopback, private, link-local or otherwise internal range; a test feed server on loopback
# needs this switched on, a site never does.
OUTBOUND_ALLOW_INTERNAL_ADDRESSES = env_bool("OUTBOUND_ALLOW_INTERNAL_ADDRESSES")
# News from the network (network/aggregation): limits of one fetch of a feed.
AGGREGATION_CONNECT_TIMEOUT = float(os.environ.get("AGGREGATION_CONNECT_TIMEOUT", "5"))
AGGREGATION_READ_TIMEOUT = float(os.environ.get("AGGREGATION_READ_TIMEOUT", "10"))
AGGREGATION_TOTAL_TIMEOUT = float(os.environ.get("AGGREGATION_TOTAL_TIMEOUT", "30"))
AGGREGATION_MAX_BYTES = int(os.environ.get("AGGREGATION_MAX_BYTES", str(5 * 1024 * 1024)))
AGGREGATION_MAX_REDIRECTS = int(os.environ.get("AGGREGATION_MAX_REDIRECTS", "5"))
# Feeds fetched at once by one job; a slow one holds only its own slot.
AGGREGATION_CONCURRENCY = int(os.environ.get("AGGREGATION_CONCURRENCY", "8"))

# Seconds each readiness check (database, cache, Elasticsearch) may take before /health/ready says down.
HEALTH_CHECK_TIMEOUT = float(os.environ.get("HEALTH_CHECK_TIMEOUT", "2"))

# Search: the database backend unless ELASTICSEARCH_URL is set (see search/backends.py).
# Both analyse each language with its own rules; views only ask search.service, which falls
# back to SEARCH_FALLBACK_BACKEND (kept up to date too) when Elasticsearch does not answer.
SEARCH_DATABASE_BACKEND = {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.LanguageElasticsearchSearchBackend",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "network_"),
            "TIMEOUT": int(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
            "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        },
        "database": SEARCH_DATABASE_BACKEND,
    }
    SEARCH_FALLBACK_BACKEND = "database"
else:
    WAGTAILSEARCH_BACKENDS = {"default": SEARCH_DATABASE_BACKEND}
    SEARCH_FALLBACK_BACKEND = None

# reCAPTCHA only when both keys are set; the forms keep their honeypot and rate limit always.
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_ENABLED = bool(RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY)
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
# Expressions of interest: submissions per address (client IP, and email) and period, counted in the
# shared cache; the largest signed agreement (PDF) staff may upload.
APPLICATION_RATE_LIMIT = os.environ.get("APPLICATION_RATE_LIMIT", "10/h")
APPLICATION_AGREEMENT_MAX_SIZE = int(os.environ.get("APPLICATION_AGREEMENT_MAX_SIZE", str(10 * 1024 * 1024)))
# Files only staff may download (signed agreements): outside MEDIA_ROOT, never served under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))

# Newsletter: signups per client address (counted in the shared cache), lifetime of the
# confirmation link (seconds), least time between two emails about one subscription
# (seconds), and the number of recipients per sending batch (one task each).
NEWSLETTER_SIGNUP_RATE = os.environ.get("NEWSLETTER_SIGNUP_RATE", "10/h")
NEWSLETTER_CONFIRMATION_MAX_AGE = int(os.environ.get("NEWSLETTER_CONFIRMATION_MAX_AGE", str(7 * 24 * 3600)))
NEWSLETTER_NOTIFY_INTERVAL = int(os.environ.get("NEWSLETTER_NOTIFY_INTERVAL", "600"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "100"))

# Twinning partner finder: requests and messages per client address, per email address and per
# request (counted in the shared cache), the lifetime of the signed links (seconds), and the
# Reply-To of relayed messages whose author keeps their address private (default: the site's).
TWINNING_REQUEST_RATE = os.environ.get("TWINNING_REQUEST_RATE", "5/h")
TWINNING_CONTACT_RATE = os.environ.get("TWINNING_CONTACT_RATE", "10/h")
TWINNING_CONTACT_SENDER_RATE = os.environ.get("TWINNING_CONTACT_SENDER_RATE", "5/h")
TWINNING_CONTACT_REQUEST_RATE = os.environ.get("TWINNING_CONTACT_REQUEST_RATE", "30/d")
TWINNING_MANAGE_LINK_MAX_AGE = int(os.environ.get("TWINNING_MANAGE_LINK_MAX_AGE", str(3 * 365 * 86400)))
TWINNING_REPLY_LINK_MAX_AGE = int(os.environ.get("TWINNING_REPLY_LINK_MAX_AGE", str(180 * 86400)))
TWINNING_RELAY_REPLY_TO = os.environ.get("TWINNING_RELAY_REPLY_TO", "")

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Covenant of Mayors network")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# Uploads. Documents: office and data formats only (no HTML, SVG or scripts), served by Django
# (never straight from storage) with `Content-Security-Policy: default-src 'none'` and nosniff; only
# PDFs open in the browser, everything else is a download (Content-Disposition: attachment).
# Images: raster formats only (Wagtail checks the content matches the extension; no SVG).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024)))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", str(60_000_000)))
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILLOCALIZE_ENABLE_MACHINE_TRANSLATION = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# Map tiles for the signatory map: a setting, not a hard-coded service.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)


def csp_source(url):
    """The CSP source of an absolute URL ('https://{s}.tile.example.org/{z}/...' -> 'https://*.tile.example.org'),
    None for a relative one (served by the site itself)."""
    parts = urlsplit(url)
    if not parts.netloc:
        return None
    host = re.sub(r"^[^.]*\{[^}]*\}[^.]*", "*", parts.netloc)
    return f"{parts.scheme or 'https'}://{host}"


# Security headers. Content-Security-Policy (django-csp, core/security.py): on the public site and
# the admin login, scripts, styles sheets, fonts and requests only from the site itself, no inline
# script, no plugin, no framing by another site, forms posted only to the site. Inline style
# *attributes* are allowed (not <style> elements): Wagtail's responsive embeds set their ratio in
# one, and Leaflet and reCAPTCHA set them on the elements they build; they cannot run code.
_media_sources = [source for source in {csp_source(MEDIA_URL), csp_source(STATIC_URL)} if source]
CSP_MAP_TILE_SOURCE = csp_source(MAP_TILE_URL)
# Hosts whose players may be embedded in pages (Wagtail embeds are iframes of the provider).
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES", "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com"
)
# reCAPTCHA's script and its challenge frame, where the keys are set (Google's documented sources).
RECAPTCHA_CSP_SCRIPT_SOURCES = ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"]
RECAPTCHA_CSP_FRAME_SOURCES = ["https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"]
_public_images = ["'self'", "data:", *_media_sources, *filter(None, [CSP_MAP_TILE_SOURCE])]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *(RECAPTCHA_CSP_SCRIPT_SOURCES if RECAPTCHA_ENABLED else [])],
        "style-src": ["'self'", *_media_sources],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": _public_images,
        "font-src": ["'self'", *_media_sources],
        "connect-src": ["'self'"],
        "media-src": ["'self'", *_media_sources],
        "frame-src": [*CSP_FRAME_SOURCES, *(RECAPTCHA_CSP_FRAME_SOURCES if RECAPTCHA_ENABLED else [])] or ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The signed-in admin: Wagtail's editing interface still runs inline scripts (inline panels, date
# pickers) and sets inline styles, so scripts and styles may be inline there; it frames its own
# previews. Only staff reach it, after the login page, which keeps the public policy.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'", *_media_sources],
        "style-src-attr": None,
        "img-src": [*_public_images, "blob:"],
        "frame-src": ["'self'", *CSP_FRAME_SOURCES],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features no page of the site uses, refused to the site and to what it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # the admin's preview views allow their own origin themselves
# Staff avatars are not fetched from Gravatar: it would tell a third party who works in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Sessions (only staff and invited supporters have one) end when the browser closes, or, when
# "remember me" was ticked at sign-in, after SESSION_COOKIE_AGE seconds without a request (every
# request renews them).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True

# Rate limits (core/ratelimits.py), per client address, counted in the shared cache. The address is
# REMOTE_ADDR, or the last address of CLIENT_IP_HEADER when a proxy of ours sets it (e.g.
# HTTP_X_FORWARDED_FOR behind Varnish or nginx: otherwise every visitor would share the proxy's count).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = "core.ratelimits.client_ip"
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True  # a cache that is down must not refuse every visitor
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "60/m")
AUTOCOMPLETE_RATE_LIMIT = os.environ.get("AUTOCOMPLETE_RATE_LIMIT", "240/m")
# Full exports (CSV, JSON) cost a query over every signatory; the GeoJSON is fetched by the map of
# every directory page, so it has a limit of its own.
OPEN_DATA_RATE_LIMIT = os.environ.get("OPEN_DATA_RATE_LIMIT", "60/h")
MAP_DATA_RATE_LIMIT = os.environ.get("MAP_DATA_RATE_LIMIT", "600/h")
# Failed admin sign-ins (core.ratelimits.SignInLockout), counted per (account, address): after
# ADMIN_LOGIN_FAILURES_BEFORE_DELAY of them that pair waits ADMIN_LOGIN_DELAY seconds, doubled at each
# further failure up to ADMIN_LOGIN_MAX_DELAY; ADMIN_LOGIN_RATE_LIMIT caps the failures of one address
# across all accounts. Successful sign-ins are not counted, and failures from one address never
# lock the account out at another.
ADMIN_LOGIN_FAILURES_BEFORE_DELAY = int(os.environ.get("ADMIN_LOGIN_FAILURES_BEFORE_DELAY", "5"))
ADMIN_LOGIN_DELAY = int(os.environ.get("ADMIN_LOGIN_DELAY", "60"))
ADMIN_LOGIN_MAX_DELAY = int(os.environ.get("ADMIN_LOGIN_MAX_DELAY", "3600"))
ADMIN_LOGIN_RATE_LIMIT = os.environ.get("ADMIN_LOGIN_RATE_LIMIT", "30/h")
# Password reset requests (POSTs), per client address and per email address.
PASSWORD_RESET_RATE_LIMIT = os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5/h")
# Passwords of private pages and document collections (POSTs): per (restriction, address), and per
# address across every restriction.
PRIVATE_PAGE_PASSWORD_RATE_LIMIT = os.environ.get("PRIVATE_PAGE_PASSWORD_RATE_LIMIT", "10/15m")
PRIVATE_PAGE_PASSWORD_ADDRESS_RATE_LIMIT = os.environ.get("PRIVATE_PAGE_PASSWORD_ADDRESS_RATE_LIMIT", "30/15m")

# Feeds carry the full text of items unless FEEDS_FULL_TEXT is off.
FEEDS_FULL_TEXT = env_bool("FEEDS_FULL_TEXT", True)

# LOG_LEVEL is the handler's level too: Django's own loggers (django.request's "Not Found"
# warnings among them) propagate to the root handler whatever the root logger's level.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

COUNTRIES_FIRST = ["TR", "TM"]
