"""The production stack on this machine, on loopback ports: `make stack`, `make stack-stop`.

    visitor -> nginx :8080 -+-> static and media files
                            +-> GET/HEAD -> Varnish :8081 -> nginx :8082 -+
                            +-> POST, admin -----------------------------+-> gunicorn :8101, :8102
    gunicorn, the task worker (manage.py db_worker) -> PostgreSQL :5432, Redis :6379
    publishing -> PURGE -> Varnish :8081

Debian's nginx and varnishd (`apt-get install -y nginx varnish`) run as ordinary processes with
configurations rendered from deploy/ into var/stack/; gunicorn runs with deploy/gunicorn.conf.py.
Every process writes its pid in var/stack/, and `stop` ends exactly those processes.

    python -m deploy.stack start     # create, migrate and fill the database, then start everything
    python -m deploy.stack status
    python -m deploy.stack stop
    python -m deploy.stack render    # network-site.conf with the values of a server (see --help)

The ports, the database and Redis come from STACK_PUBLIC_PORT (8080), STACK_DATABASE_URL
(postgres://postgres@127.0.0.1:5432/network_stack) and STACK_REDIS_URL (redis://127.0.0.1:6379/1).
tests/test_stack.py runs the same `Stack` on ports and a database of its own.
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = BASE_DIR / "deploy"
PYTHON = sys.executable
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
NGINX_MODULE_DIRS = (Path("/usr/lib/nginx/modules"), Path("/usr/share/nginx/modules"))


def render(template, **values):
    """`template` with each `{{name}}` replaced by values[name]; a name without a value is an error."""

    def value(match):
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for {{{{{name}}}}} in the template")
        return str(values[name])

    return re.sub(r"\{\{(\w+)\}\}", value, template)


def site_configuration(
    *, public_listen, server_name, varnish_port, app_port, web_ports, static_root, media_root, log_dir
):
    """deploy/nginx/network-site.conf with the given ports and folders."""
    return render(
        (DEPLOY_DIR / "nginx" / "network-site.conf").read_text(),
        public_listen=public_listen,
        public_port=public_listen.rsplit(":", 1)[-1],
        server_name=server_name,
        varnish_address=f"127.0.0.1:{varnish_port}",
        app_listen=f"127.0.0.1:{app_port}",
        app_server_list=", ".join(f"127.0.0.1:{port}" for port in web_ports),
        app_servers="\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in web_ports),
        static_root=Path(static_root),
        media_root=Path(media_root),
        log_dir=Path(log_dir),
        proxy_include=DEPLOY_DIR / "nginx" / "proxy.conf",
    )


def varnish_configuration(app_port):
    """deploy/varnish/default.vcl with its backend on nginx's application listener."""
    vcl = (DEPLOY_DIR / "varnish" / "default.vcl").read_text()
    backend = '.port = "8000";'
    if backend not in vcl:
        raise ValueError(f"deploy/varnish/default.vcl no longer says {backend}")
    return vcl.replace(backend, f'.port = "{app_port}";')


def brotli_modules():
    """The paths of nginx's brotli modules, when both are installed; else an empty list."""
    for folder in NGINX_MODULE_DIRS:
        found = [folder / name for name in BROTLI_MODULES]
        if all(path.exists() for path in found):
            return found
    return []


def running(pid, marker):
    """Whether process `pid` runs and its command line contains `marker` (not a reused pid)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return marker in command


def wait_until(condition, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def accepts(port):
    """Whether something listens on `port` of 127.0.0.1."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


def answers(url, timeout=2):
    """Whether `url` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@dataclass
class Process:
    """One process of the stack: its pid file, and a marker of its command line."""

    name: str
    pid_file: Path
    marker: str

    def pid(self):
        with contextlib.suppress(OSError, ValueError):
            pid = int(self.pid_file.read_text().strip())
            if running(pid, self.marker):
                return pid
        return None

    def terminate(self):
        """Send SIGTERM; the pid it was sent to, or None when the process was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return None
        os.kill(pid, signal.SIGTERM)
        return pid

    def wait(self, pid, timeout=20):
        """Wait for `pid` to end, then SIGKILL its process group if it is still running."""
        if not wait_until(lambda: not running(pid, self.marker), timeout):
            with contextlib.suppress(ProcessLookupError):
                if os.getpgid(pid) == pid:  # a process group of its own (gunicorn and its workers)
                    os.killpg(pid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
            wait_until(lambda: not running(pid, self.marker), 5)
        self.pid_file.unlink(missing_ok=True)


@dataclass
class Stack:
    """nginx, Varnish, gunicorn on `web_ports` and one task worker, with everything under `root`."""

    root: Path = BASE_DIR / "var" / "stack"
    public_port: int = 8080
    varnish_port: int = 8081
    app_port: int = 8082
    web_ports: tuple = (8101, 8102)
    database_url: str = "postgres://postgres@127.0.0.1:5432/network_stack"
    redis_url: str = "redis://127.0.0.1:6379/1"
    static_root: Path = None
    gunicorn_workers: int = 2
    gunicorn_threads: int = 4
    #: Added to (or replacing) the environment of the application's processes.
    environment: dict = field(default_factory=dict)

    def __post_init__(self):
        self.root = Path(self.root).resolve()
        self.static_root = Path(self.static_root) if self.static_root else self.root / "static"
        self.media_root = self.root / "media"
        self.private_media_root = self.root / "private"
        self.log_dir = self.root / "log"
        self.nginx_dir = self.root / "nginx"
        self.varnish_dir = self.root / "varnish"

    # Addresses -------------------------------------------------------------------------------

    @property
    def url(self):
        return f"http://127.0.0.1:{self.public_port}"

    @property
    def varnish_url(self):
        return f"http://127.0.0.1:{self.varnish_port}"

    def web_url(self, port):
        return f"http://127.0.0.1:{port}"

    # The processes ---------------------------------------------------------------------------

    def web_process(self, port):
        pid_file = self.root / f"web-{port}.pid"
        return Process(f"gunicorn :{port}", pid_file, str(pid_file))

    @property
    def worker_process(self):
        return Process("task worker", self.root / "worker.pid", "db_worker")

    @property
    def varnish_process(self):
        return Process("varnishd", self.root / "varnish.pid", str(self.varnish_dir))

    @property
    def nginx_process(self):
        return Process("nginx", self.root / "nginx.pid", str(self.nginx_dir))

    def processes(self):
        return [
            self.nginx_process,
            self.varnish_process,
            *(self.web_process(port) for port in self.web_ports),
            self.worker_process,
        ]

    # The application's environment -----------------------------------------------------------

    def secret_key(self):
        """A secret key of the stack's own, kept across restarts (sessions outlive them)."""
        path = self.root / "secret-key"
        if not path.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def env(self):
        """The environment of every application process, as deploy/env.example sets it on a server
        (plain HTTP on loopback: no HTTPS redirect and no HSTS)."""
        origins = [f"http://127.0.0.1:{self.public_port}", f"http://localhost:{self.public_port}"]
        values = {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": self.secret_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": ",".join(origins),
            "BASE_URL": self.url,
            "DATABASE_URL": self.database_url,
            "DB_CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis_url,
            "VARNISH_URL": self.varnish_url,
            "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.media_root),
            "PRIVATE_MEDIA_ROOT": str(self.private_media_root),
            "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "GUNICORN_WORKERS": str(self.gunicorn_workers),
            "GUNICORN_THREADS": str(self.gunicorn_threads),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(BASE_DIR),
        }
        inherited = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "TZ"}}
        return {**inherited, **values, **{key: str(value) for key, value in self.environment.items()}}

    def manage(self, *arguments, timeout=900):
        result = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *arguments],
            cwd=BASE_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    # Preparing -------------------------------------------------------------------------------

    def create_database(self):
        """Create the PostgreSQL database of `database_url` if it does not exist yet."""
        import dj_database_url
        import psycopg
        from psycopg import sql

        config = dj_database_url.parse(self.database_url)
        with psycopg.connect(
            host=config["HOST"],
            port=config["PORT"] or 5432,
            user=config["USER"],
            password=config["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))

    def prepare(self):
        """The database created, migrated and with the demo content; the static files collected."""
        self.create_database()
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput")

    # Starting and stopping --------------------------------------------------------------------

    def write_configurations(self):
        for folder in (self.log_dir, self.nginx_dir / "temp", self.media_root, self.private_media_root):
            folder.mkdir(parents=True, exist_ok=True)
        (self.nginx_dir / "network-site.conf").write_text(
            site_configuration(
                public_listen=f"127.0.0.1:{self.public_port}",
                server_name="127.0.0.1 localhost",
                varnish_port=self.varnish_port,
                app_port=self.app_port,
                web_ports=self.web_ports,
                static_root=self.static_root,
                media_root=self.media_root,
                log_dir=self.log_dir,
            )
        )
        modules = brotli_modules()
        includes = [*([DEPLOY_DIR / "nginx" / "brotli.conf"] if modules else []), self.nginx_dir / "network-site.conf"]
        (self.nginx_dir / "nginx.conf").write_text(
            render(
                (DEPLOY_DIR / "nginx" / "nginx.conf").read_text(),
                load_modules="\n".join(f"load_module {path};" for path in modules),
                # Workers run as the user who owns the stack's files (as without root, where nginx
                # keeps its own user): the static and media folders need not be opened to others.
                user="user root;" if os.geteuid() == 0 else "",
                pid_file=self.nginx_process.pid_file,
                log_dir=self.log_dir,
                temp_dir=self.nginx_dir / "temp",
                http_includes="\n".join(f"    include {path};" for path in includes),
            )
        )
        (self.root / "varnish.vcl").write_text(varnish_configuration(self.app_port))

    def start_web(self, port):
        process = self.web_process(port)
        if process.pid():
            return
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            "--config",
            str(DEPLOY_DIR / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--pid",
            str(process.pid_file),
        ]
        with (self.log_dir / f"web-{port}.log").open("ab") as log:
            subprocess.Popen(command, cwd=BASE_DIR, env=self.env(), stdout=log, stderr=log, start_new_session=True)  # noqa: S603
        if not wait_until(lambda: answers(f"{self.web_url(port)}/health/ready"), 60):
            raise RuntimeError(f"gunicorn on port {port} did not start:\n{self.log_tail(f'web-{port}.log')}")

    def start_worker(self):
        process = self.worker_process
        if process.pid():
            return
        command = [PYTHON, "manage.py", "db_worker", "--interval=0.5", "--no-startup-delay", "--no-reload"]
        with (self.log_dir / "worker.log").open("ab") as log:
            worker = subprocess.Popen(  # noqa: S603
                command, cwd=BASE_DIR, env=self.env(), stdout=log, stderr=log, start_new_session=True
            )
        process.pid_file.write_text(f"{worker.pid}\n")

    def start_varnish(self):
        if self.varnish_process.pid():
            return
        command = [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-n",
            str(self.varnish_dir),
            "-a",
            f"127.0.0.1:{self.varnish_port}",
            "-T",
            "127.0.0.1:0",
            "-f",
            str(self.root / "varnish.vcl"),
            "-s",
            "malloc,128m",
            "-P",
            str(self.varnish_process.pid_file),
        ]
        if os.geteuid() == 0:
            # No separate varnish user, as for nginx: it reads the stack's files as their owner.
            command += ["-j", "none"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)  # noqa: S603
        # Its backend, nginx, starts next: listening is all that can be asked of it yet.
        if result.returncode or not wait_until(lambda: accepts(self.varnish_port), 30):
            raise RuntimeError(f"varnishd did not start:\n{result.stdout}{result.stderr}")

    def start_nginx(self):
        if self.nginx_process.pid():
            return
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        command = [nginx, "-p", str(self.nginx_dir), "-c", str(self.nginx_dir / "nginx.conf")]
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)  # noqa: S603
        # The whole way: nginx, Varnish, nginx again, gunicorn.
        if result.returncode or not wait_until(lambda: answers(f"{self.url}/health/live"), 30):
            raise RuntimeError(f"nginx did not start:\n{result.stdout}{result.stderr}{self.log_tail('error.log')}")

    def start(self):
        """Start every process that is not running yet; the database must be ready (`prepare`)."""
        self.write_configurations()
        for port in self.web_ports:
            self.start_web(port)
        self.start_worker()
        self.start_varnish()
        self.start_nginx()
        return self

    def stop(self):
        """End the processes named by the pid files, the visitors' side first; the names of those
        that were running."""
        stopped = []
        for group in ([self.nginx_process, self.varnish_process], self.processes()[2:]):
            # Each group at once: the application's processes take seconds to finish their requests.
            signalled = [(process, process.terminate()) for process in group]
            for process, pid in signalled:
                if pid is not None:
                    process.wait(pid)
                    stopped.append(process.name)
        return stopped

    def status(self):
        return {process.name: process.pid() for process in self.processes()}

    def log_tail(self, name, size=4000):
        path = self.log_dir / name
        return path.read_text(errors="replace")[-size:] if path.exists() else ""

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info):
        self.stop()


def stack_from_environment():
    public = int(os.environ.get("STACK_PUBLIC_PORT", "8080"))
    return Stack(
        public_port=public,
        varnish_port=public + 1,
        app_port=public + 2,
        web_ports=(public + 21, public + 22),
        database_url=os.environ.get("STACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/network_stack"),
        redis_url=os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/1"),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m deploy.stack", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("start", help="prepare the database and start the stack")
    commands.add_parser("stop", help="stop what `start` started")
    commands.add_parser("status", help="which processes run")
    production = commands.add_parser("render", help="print network-site.conf for a server")
    production.add_argument("--server-name", default="example.org")
    production.add_argument("--listen", default="80", help="the visitors' address (default 80)")
    production.add_argument("--checkout", default="/srv/network-site", help="the site's folder on the server")
    production.add_argument("--web-ports", default="8001,8002", help="ports of the gunicorn processes")
    production.add_argument("--varnish-port", type=int, default=6081)
    production.add_argument("--app-port", type=int, default=8000, help="Varnish's backend (its VCL says 8000)")
    arguments = parser.parse_args(argv)

    if arguments.command == "render":
        checkout = Path(arguments.checkout)
        print(
            site_configuration(
                public_listen=arguments.listen,
                server_name=arguments.server_name,
                varnish_port=arguments.varnish_port,
                app_port=arguments.app_port,
                web_ports=[int(port) for port in arguments.web_ports.split(",")],
                static_root=checkout / "var" / "static",
                media_root=checkout / "var" / "media",
                log_dir="/var/log/nginx",
            ).replace(str(DEPLOY_DIR), str(checkout / "deploy"))
        )
        return 0

    stack = stack_from_environment()
    if arguments.command == "stop":
        stopped = stack.stop()
        print(f"Stopped: {', '.join(stopped)}." if stopped else "Nothing of the stack was running.")
    elif arguments.command == "status":
        for name, pid in stack.status().items():
            print(f"  {name:<16} {f'running, pid {pid}' if pid else 'stopped'}")
    else:
        print("Preparing the database and the static files...", flush=True)
        stack.prepare()
        try:
            stack.start()
        except RuntimeError as error:
            print(error, file=sys.stderr)
            stack.stop()
            return 1
        print(
            f"Site:     {stack.url}/    Admin: {stack.url}/admin/  (admin / network-admin)\n"
            f"Varnish:  {stack.varnish_url}/    gunicorn: "
            + ", ".join(stack.web_url(port) for port in stack.web_ports)
            + f"\nLogs and pid files: {stack.root}/    Stop: make stack-stop"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
