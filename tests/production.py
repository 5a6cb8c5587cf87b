"""The site as it runs in production, for the fault and load tests.

- `PrivatePostgres`: a PostgreSQL server of the test's own (initdb and pg_ctl in a temporary
  directory, as the `postgres` OS user when the tests run as root), which a test may stop and
  start again.
- `prepare_database(url)`: a migrated database with a small site in every language (home pages,
  the expression-of-interest form, the newsletter page) and an administrator. Migrating takes
  long, so a migrated copy is kept in var/test-cache under a key made of every migration and
  the lock file, and reused while neither changes.
- `collected_static()`: the static files as `collectstatic` builds them for production (the
  manifest that `{% static %}` reads), kept in var/test-cache the same way.
- `ProductionServer`: gunicorn with 2 sync workers and `cms.settings.production` (DEBUG off),
  configured only through the environment, as a deployment would do it.
- `Browser`: an HTTP client that keeps cookies and posts forms with their CSRF token.
"""

import contextlib
import hashlib
import html
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
CACHE_DIR = BASE_DIR / "var" / "test-cache"
PYTHON = sys.executable
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "a-long-admin-password"
FORM_PAGE_PATH = {"en": "/en/supporters/expression-of-interest/", "tr": "/tr/destekciler/ilgi-beyani/"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin():
    """The directory of the newest installed PostgreSQL's programs, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def is_postgres(url):
    return urlsplit(url or "").scheme in {"postgres", "postgresql", "pgsql"}


def wait_until(condition, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


# PostgreSQL ----------------------------------------------------------------------------------


class PrivatePostgres:
    """A PostgreSQL server in a temporary directory, on a free port of 127.0.0.1."""

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="private-postgres-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:  # PostgreSQL refuses to run as root
            shutil.chown(self.root, "postgres", "postgres")
            self.root.chmod(0o700)

    def _run(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        result = subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=120)  # noqa: S603
        if result.returncode:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}{self.log()}")
        return result

    def log(self):
        log = self.root / "server.log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else ""

    def init(self):
        self._run(
            self.bin / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-o", options, "-w", "start")

    def stop(self, mode="fast"):
        """Stop the server: "fast" ends the sessions (as a restart does), "immediate" cuts them."""
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def destroy(self):
        with contextlib.suppress(RuntimeError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def create_postgres_database(url):
    """Create the (empty) database of `url`, dropping any previous one of that name."""
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"], port=config["PORT"], user=config["USER"], dbname="postgres", autocommit=True
    ) as connection:
        name = sql.Identifier(config["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_postgres_database(url):
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"], port=config["PORT"], user=config["USER"], dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"])))


def query(url, sql):
    """The rows `sql` reads from the database of `url` (PostgreSQL or SQLite), outside Django."""
    if is_postgres(url):
        import psycopg

        with psycopg.connect(url) as connection:
            return connection.execute(sql).fetchall()
    with contextlib.closing(sqlite3.connect(dj_database_url.parse(url)["NAME"])) as connection:
        return connection.execute(sql).fetchall()


def _pg_arguments(url):
    config = dj_database_url.parse(url)
    return ["-h", config["HOST"], "-p", str(config["PORT"]), "-U", config["USER"], "-d", config["NAME"]]


# A migrated database, and the site in it ----------------------------------------------------


def migrations_key():
    """Changes whenever a migration of the project or of an installed package may have changed."""
    digest = hashlib.sha256((BASE_DIR / "uv.lock").read_bytes())
    for path in sorted(BASE_DIR.glob("**/migrations/*.py")):
        if ".venv" not in path.parts:
            digest.update(str(path.relative_to(BASE_DIR)).encode())
            digest.update(path.read_bytes())
    digest.update(" ".join(sorted(os.environ.get("CMS_LANGUAGES", "en,tr,tk,ru").split(","))).encode())
    return digest.hexdigest()[:16]


def run(command, env=None, timeout=600):
    """Run a program from the repository's folder; its output is in the error when it fails."""
    result = subprocess.run(  # noqa: S603
        [str(part) for part in command], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def manage(env, *arguments):
    return run([PYTHON, "manage.py", *arguments], env)


def _publish(built, final):
    """Move a freshly built cache entry into place, unless another run put one there first, and
    forget the entries of its kind that no run used for a day (older migrations or static files)."""
    try:
        os.replace(built, final) if built.is_file() else built.rename(final)
    except OSError:
        shutil.rmtree(built, ignore_errors=True) if built.is_dir() else built.unlink(missing_ok=True)
    kind = final.name.split("-", 1)[0]
    for entry in CACHE_DIR.glob(f"{kind}-*"):
        if entry != final and time.time() - entry.stat().st_mtime > 86400:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def _used(entry):
    """Mark a cache entry as used now (see _publish)."""
    os.utime(entry)
    return entry


def prepare_database(url):
    """Create the database of `url`, migrated (from the cache when it can) and with the site seeded."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    env = django_environment(url)
    if is_postgres(url):
        create_postgres_database(url)
        cached = CACHE_DIR / f"postgres-{migrations_key()}.sql"
        if cached.exists():
            run([postgres_bin() / "psql", "-q", "-v", "ON_ERROR_STOP=1", *_pg_arguments(url), "-f", _used(cached)])
        else:
            manage(env, "migrate", "--noinput")
            built = cached.with_suffix(f".{os.getpid()}.tmp")
            run([postgres_bin() / "pg_dump", "--no-owner", "--no-privileges", *_pg_arguments(url), "-f", built])
            _publish(built, cached)
    else:
        target = Path(dj_database_url.parse(url)["NAME"])
        cached = CACHE_DIR / f"sqlite-{migrations_key()}.sqlite3"
        if not cached.exists():
            built = cached.with_suffix(f".{os.getpid()}.tmp")
            manage(django_environment(f"sqlite:///{built}"), "migrate", "--noinput")
            _publish(built, cached)
        with (
            contextlib.closing(sqlite3.connect(_used(cached))) as source,
            contextlib.closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
    run([PYTHON, "-c", "import django; django.setup(); from tests.production import seed; seed()"], env)
    # Production queues its tasks (search indexing among them): a worker runs them, as in a deployment.
    manage(env, "db_worker", "--batch", "--no-startup-delay", "--interval=0", "--no-reload")


def seed():
    """The site the tests visit: home pages in every language, the expression-of-interest form and
    the newsletter page (English and Turkish), and an administrator. Runs in the server's settings."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from wagtail.models import Page, Site

    from core.translation import synchronise_trees, translate
    from tests.application_factories import TR_FORM, ExpressionOfInterestPageFactory
    from tests.factories import HOME_TITLES, HomePageFactory, locale
    from tests.newsletter_factories import NewsletterIndexPageFactory
    from tests.supporter_factories import TR_INDEX, SupporterIndexPageFactory

    with transaction.atomic():
        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()
        home = HomePageFactory(parent=root, slug="home", locale=locale("en"))
        Site.objects.all().delete()
        Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True, site_name="Test")
        for code, title in HOME_TITLES.items():
            if code != "en":
                translate(home, locale(code), {"Home": title})
        index = SupporterIndexPageFactory(parent=home)
        translate(index, locale("tr"), TR_INDEX)
        form_page = ExpressionOfInterestPageFactory(parent=index)
        translate(form_page, locale("tr"), TR_FORM)
        newsletter = NewsletterIndexPageFactory(parent=home)
        translate(newsletter, locale("tr"), {"Newsletter": "Bülten", "newsletter": "bulten"})
        synchronise_trees()
        get_user_model().objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)


def collected_static():
    """A STATIC_ROOT filled by collectstatic with the production storage (hashed names, manifest)."""
    digest = hashlib.sha256((BASE_DIR / "uv.lock").read_bytes())
    for folder in (BASE_DIR / "static", *BASE_DIR.glob("*/static"), *BASE_DIR.glob("network/*/static")):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(BASE_DIR)).encode())
                digest.update(path.read_bytes())
    final = CACHE_DIR / f"static-{digest.hexdigest()[:16]}"
    if not final.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        built = Path(tempfile.mkdtemp(prefix="static-", dir=CACHE_DIR))
        manage({**django_environment("sqlite://:memory:"), "STATIC_ROOT": str(built)}, "collectstatic", "--noinput")
        _publish(built, final)
    return _used(final)


# The server ----------------------------------------------------------------------------------

# Variables of the developer's or the CI's environment that would point the server elsewhere.
FOREIGN_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "VARNISH_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_BACKEND",
    "TASK_BACKEND",
    "CACHE_DIR",
    "STATIC_ROOT",
    "DJANGO_SETTINGS_MODULE",
}


def django_environment(database_url, **overrides):
    """The environment of a production process using `database_url`."""
    env = {key: value for key, value in os.environ.items() if key not in FOREIGN_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(BASE_DIR),
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class ProductionServer:
    """gunicorn serving cms.wsgi with 2 sync workers; `environment` adds to or overrides the defaults."""

    def __init__(self, database_url, workdir, *, workers=2, **environment):
        self.port = free_port()
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self.log_path = self.workdir / f"gunicorn-{self.port}.log"
        self.env = django_environment(
            database_url,
            STATIC_ROOT=collected_static(),
            CACHE_DIR=self.workdir / "cache",
            MEDIA_ROOT=self.workdir / "media",
            PRIVATE_MEDIA_ROOT=self.workdir / "private",
            BASE_URL=self.base_url,
            **environment,
        )
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            "cms.wsgi:application",
            f"--workers={self.workers}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{self.port}",
            "--timeout=60",
            "--graceful-timeout=5",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        ready = wait_until(lambda: self._answers("/robots.txt") and len(self.worker_pids()) == self.workers, 60)
        if not ready:
            self.stop()
            raise RuntimeError(f"gunicorn did not start:\n{self.log()}")
        return self

    def _answers(self, path):
        try:
            return Browser(self.base_url).get(path).status == 200
        except OSError:
            return False

    def worker_pids(self):
        """The pids of the master's worker processes (a restarted worker gets a new one)."""
        if self.process is None:
            return set()
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.add(int(stat.parent.name))
        return pids

    def run_task_worker(self):
        """django-tasks' database worker, in the server's environment (for TASK_BACKEND=django_tasks_db...)."""
        with self.log_path.open("ab") as log:
            return subprocess.Popen(  # noqa: S603
                [PYTHON, "manage.py", "db_worker", "--interval=0.2", "--no-startup-delay", "--no-reload"],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def log(self):
        return self.log_path.read_text(errors="replace")[-6000:] if self.log_path.exists() else ""

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


# The client ----------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: Message
    text: str

    def header(self, name):
        return self.headers.get(name)

    def csrf_token(self):
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        assert found, f"no CSRF token in the page:\n{self.text[:2000]}"
        return found.group(1)

    def form_action(self, css_class):
        """The action of the page's <form class="... css_class ...">."""
        for tag in re.findall(r"<form\b[^>]*>", self.text):
            classes = re.search(r'class="([^"]*)"', tag)
            if classes and css_class in classes.group(1).split():
                return html.unescape(re.search(r'action="([^"]*)"', tag).group(1))
        raise AssertionError(f"no form of class {css_class} in the page:\n{self.text[:2000]}")


class Browser:
    """One visitor: keeps its cookies (the Secure ones too: the tests speak plain HTTP on loopback)."""

    def __init__(self, base_url, *, language="en"):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.base_url = base_url
        self.language = language
        self.cookies = {}

    def request(self, method, path, data=None, headers=None, timeout=30):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Language": self.language, **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(answer.status, answer.headers, text)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def post_form(self, form_path, data, *, action=None, form_class=None, **kwargs):
        """Load the page of a form, then post `data` with the page's CSRF token to `action` (by
        default the action of the form of class `form_class`, or the page itself)."""
        page = self.get(form_path)
        assert page.status == 200, (page.status, page.text[:500])
        if action is None:
            action = page.form_action(form_class) if form_class else form_path
        return self.post(action, {**data, "csrfmiddlewaretoken": page.csrf_token()}, **kwargs)

    def log_in_to_admin(self, username=ADMIN_USERNAME, password=ADMIN_PASSWORD):
        answer = self.post_form("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
        assert answer.status == 302 and answer.header("Location") == "/admin/", (answer.status, answer.text[:1000])
        return answer
