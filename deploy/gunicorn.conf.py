"""gunicorn's settings for one tipguide app server: the systemd unit, the container image and the
cluster test all start it with `gunicorn --config deploy/gunicorn.conf.py`."""

import os

wsgi_app = "tipguide.wsgi:application"
bind = os.environ.get("TIPGUIDE_BIND", "127.0.0.1:8000")
# Synchronous workers: nginx buffers slow clients' requests and answers, so a worker is busy only
# while Django works. Two per core keeps a core busy while the other waits for PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
timeout = 30
graceful_timeout = 20
# A worker is replaced now and then, so no slow leak grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# Tracebacks and gunicorn's own messages go to stderr (the journal, the container's log); nginx
# keeps the access log.
errorlog = "-"
