"""gunicorn for the site: `gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 cms.wsgi:application`.

One file for every web process (systemd's network-site-web@PORT.service, `make stack`); the port
comes from the command line, everything else from here or from the environment:

- GUNICORN_WORKERS (default: 2 per core, plus one) processes of GUNICORN_THREADS threads each
  (default 4): a request waiting on PostgreSQL or Redis holds a thread, not a process.
- GUNICORN_TIMEOUT (default 60 s) before a silent worker is killed and replaced;
  GUNICORN_GRACEFUL_TIMEOUT (default 20 s) for requests under way at a restart.
- GUNICORN_MAX_REQUESTS (default 2000) requests before a worker is replaced, jittered by up to
  an eighth so that the workers of a process are not all replaced at once.
- GUNICORN_ACCESS_LOG (default `-`, standard output: journald under systemd): one JSON object
  per request (deploy/access_log.py).
"""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"

workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# nginx keeps connections to the application servers open (its upstream's `keepalive`); they
# must outlive its idle ones, or a request may be sent on a connection gunicorn is closing.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))

max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 8

# The proxy in front (nginx, on this machine) says whether the visitor used HTTPS
# (X-Forwarded-Proto); only its address is believed. The visitor's own address reaches Django as
# X-Real-IP (CLIENT_IP_HEADER=HTTP_X_REAL_IP), set by nginx.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "deploy.access_log.JsonAccessLogger"

# Processes are managed by systemd (or deploy/stack.py), not through gunicorn's control socket,
# whose default path would be shared by the two processes of one machine.
control_socket_disable = True

# Load the application in the master: workers share its memory and start in a fraction of the time.
preload_app = True
