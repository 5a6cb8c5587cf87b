"""The files of deploy/: the environment template, nginx, systemd, gunicorn, and media on S3.

The settings read the environment at import, so what depends on variables runs in a child
process (`settings_in_child`). No S3 server is involved: django-storages builds its client and
signs links without a network.
"""

import ast
import json
import multiprocessing
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

from deploy.stack import render, site_configuration, varnish_configuration
from tests.services import require

pytestmark = pytest.mark.backend_independent

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = BASE_DIR / "deploy"
ENV_EXAMPLE = DEPLOY_DIR / "env.example"
#: Read by libraries from the environment rather than by our settings' own code.
READ_BY_LIBRARIES = {"DATABASE_URL": "dj_database_url.config()", "DJANGO_SETTINGS_MODULE": "Django"}


def variables_read(path):
    """The names of the environment variables a Python file reads: os.environ.get("X"),
    os.environ["X"], env_bool("X"), env_list("X")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = ast.unparse(node.func)
            if function in {"os.environ.get", "env_bool", "env_list"}:
                names.add(node.args[0].value)
        is_item = isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
        if is_item and ast.unparse(node.value) == "os.environ":
            names.add(node.slice.value)
    return names


def env_example_variables():
    """The variables of deploy/env.example, set or commented out (`# NAME=value`)."""
    return set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))


def readme_variables():
    """The variables named in the README's Configuration table (not the `*_RATE` patterns)."""
    readme = (BASE_DIR / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    read = set(READ_BY_LIBRARIES)
    for path in [*sorted((BASE_DIR / "cms" / "settings").glob("*.py")), DEPLOY_DIR / "gunicorn.conf.py"]:
        read |= variables_read(path)
    assert {"SECRET_KEY", "CSP_FRAME_SOURCES", "AWS_STORAGE_BUCKET_NAME", "GUNICORN_WORKERS"} <= read
    assert read - env_example_variables() == set()


def test_env_example_lists_every_variable_of_the_readme():
    documented = readme_variables()
    assert {"DATABASE_URL", "VARNISH_URL", "CLIENT_IP_HEADER"} <= documented
    assert documented - env_example_variables() == set()


def test_env_example_is_a_systemd_environment_file():
    """Each line is blank, a comment, or NAME=value, and what is set in production is set."""
    lines = ENV_EXAMPLE.read_text().splitlines()
    assert all(not line or line.startswith("#") or re.fullmatch(r"[A-Z][A-Z0-9_]*=\S.*", line) for line in lines)
    settings = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert settings["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert settings["TASK_BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert settings["CLIENT_IP_HEADER"] == "HTTP_X_REAL_IP"
    assert settings["SECRET_KEY"] == "CHANGE-ME"


# nginx -------------------------------------------------------------------------------------------


def production_site(**overrides):
    values = {
        "public_listen": "80",
        "server_name": "network.example.org",
        "varnish_port": 6081,
        "app_port": 8000,
        "web_ports": (8001, 8002),
        "static_root": "/srv/network-site/var/static",
        "media_root": "/srv/network-site/var/media",
        "log_dir": "/var/log/nginx",
    }
    return site_configuration(**{**values, **overrides})


def test_render_replaces_every_placeholder_and_refuses_unknown_ones():
    assert render("listen {{port}}; {{port}}", port=8080) == "listen 8080; 8080"
    with pytest.raises(KeyError, match="missing"):
        render("{{missing}}")
    assert "{{" not in production_site()


def test_nginx_refuses_bodies_larger_than_the_largest_upload_only(settings):
    limit = re.findall(r"client_max_body_size (\d+)m;", production_site())
    assert limit and set(limit) == {limit[0]}
    largest_upload = max(
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.APPLICATION_AGREEMENT_MAX_SIZE,
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    )
    # Room for the rest of the form around the file, but not twice the file.
    assert largest_upload < int(limit[0]) * 1024 * 1024 < 2 * largest_upload


def test_nginx_retries_only_what_may_be_retried_and_sets_the_address_the_site_reads(settings):
    site = production_site()
    proxy = (DEPLOY_DIR / "nginx" / "proxy.conf").read_text()
    assert "proxy_next_upstream error timeout http_502 http_503;" in proxy
    assert "non_idempotent" not in site + proxy  # nginx's default: a POST is never sent twice
    assert "server 127.0.0.1:8001 " in site and "server 127.0.0.1:8002 " in site
    assert "server 127.0.0.1:6081;" in site
    # What CLIENT_IP_HEADER=HTTP_X_REAL_IP (deploy/env.example) reads, set from the connection.
    assert site.count("proxy_set_header X-Real-IP $remote_addr;") == 2
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    # Documents are served by Django only (view restrictions).
    assert re.search(r"location /media/documents/ \{\s*return 404;", site)


def test_the_varnish_backend_is_the_application_listener_of_nginx():
    assert '.port = "8000";' in (DEPLOY_DIR / "varnish" / "default.vcl").read_text()
    assert '.port = "9123";' in varnish_configuration(9123)
    assert "listen 127.0.0.1:8000;" in production_site()


def test_nginx_accepts_the_stack_configuration(tmp_path):
    require(None if shutil.which("nginx") else "nginx is not installed (apt-get install -y nginx)", "nginx -t")
    from deploy.stack import Stack

    stack = Stack(root=tmp_path / "stack", public_port=18080, varnish_port=18081, app_port=18082)
    stack.write_configurations()
    result = subprocess.run(  # noqa: S603
        [shutil.which("nginx"), "-t", "-p", str(stack.nginx_dir), "-c", str(stack.nginx_dir / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# systemd -----------------------------------------------------------------------------------------


def test_every_timer_starts_a_service_that_runs_an_existing_command():
    folder = DEPLOY_DIR / "systemd"
    timers = sorted(folder.glob("*.timer"))
    commands = get_commands()
    ran = set()
    for timer in timers:
        service = timer.with_suffix(".service")
        assert service.exists(), service
        command = re.search(r"^ExecStart=\S+ manage\.py (\w+)", service.read_text(), flags=re.MULTILINE).group(1)
        assert command in commands
        assert "Type=oneshot" in service.read_text()
        assert re.search(r"^OnCalendar=\S", timer.read_text(), flags=re.MULTILINE)
        ran.add(command)
    assert ran == {"send_pending_emails", "resume_newsletter_sends", "fetch_feeds", "clearsessions"}
    worker = (folder / "network-site-worker.service").read_text()
    assert "manage.py db_worker" in worker
    web = (folder / "network-site-web@.service").read_text()
    assert "--config deploy/gunicorn.conf.py --bind 127.0.0.1:%i" in web


# gunicorn ----------------------------------------------------------------------------------------


def gunicorn_config(**environment):
    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "--print-config"],
        cwd=BASE_DIR,
        # The configuration preloads the application: the test settings need no secrets.
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.test", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, flags=re.MULTILINE))


def test_gunicorn_sizes_itself_from_the_cores_unless_told():
    config = gunicorn_config()
    assert int(config["workers"]) == multiprocessing.cpu_count() * 2 + 1
    assert config["worker_class"] == "gthread"
    assert int(config["max_requests_jitter"]) > 0
    assert config["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    assert config["logger_class"] == "deploy.access_log.JsonAccessLogger"
    told = gunicorn_config(GUNICORN_WORKERS="3", GUNICORN_THREADS="2")
    assert (told["workers"], told["threads"]) == ("3", "2")


# Media on S3 -------------------------------------------------------------------------------------

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__qualname__}",
    "bucket": getattr(storage, "bucket_name", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "url": storage.url("images/example.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "private_root": str(settings.PRIVATE_MEDIA_ROOT),
}))
"""


def settings_in_child(**environment):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 60,
        "PYTHONPATH": str(BASE_DIR),
        **environment,
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "network-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "secret-example",
}


def test_media_stay_on_the_file_system_without_s3_variables():
    found = settings_in_child()
    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["url"] == "/media/images/example.jpg"


def test_the_bucket_switches_media_to_s3_with_signed_links_to_its_endpoint():
    found = settings_in_child(**S3_ENVIRONMENT)
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert (found["bucket"], found["endpoint"]) == ("network-media", "https://objects.example.net")
    assert found["url"].startswith("https://objects.example.net/network-media/images/example.jpg?")
    assert "Signature=" in found["url"] or "X-Amz-Signature=" in found["url"]
    # Pages may show the bucket's images; signed agreements stay on the local disk.
    assert "https://objects.example.net" in found["img_src"]
    assert found["private_root"].endswith("var/private")


def test_a_custom_domain_gives_plain_links_on_that_domain():
    found = settings_in_child(**S3_ENVIRONMENT, AWS_S3_CUSTOM_DOMAIN="media.example.org", MEDIA_STORAGE="s3")
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert found["url"] == "https://media.example.org/images/example.jpg"
    assert "https://media.example.org" in found["img_src"]


def test_s3_without_a_bucket_is_refused():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "x" * 60}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env={**env, "MEDIA_STORAGE": "s3", "PYTHONPATH": str(BASE_DIR)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in result.stderr
