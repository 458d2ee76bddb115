"""gunicorn settings for finder (read from the working directory, or with -c gunicorn.conf.py).

Each setting can be overridden by an environment variable named below. Logs go to stdout in the
app's one format (finder/logs.py), access lines included, with search text and status links
redacted by the app's filter (finder/web/log_privacy.py)."""

import os

from finder.logs import FORMAT

wsgi_app = "finder:create_app()"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# Threads let a worker serve other people while one request waits on the database.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (with jitter), bounding any slow leak.
max_requests = 2000
max_requests_jitter = 200
# The proxy in front sets X-Forwarded-*; the app reads them (FINDER_PROXY_COUNT), not gunicorn.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"finder": {"format": FORMAT}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "finder",
                   "stream": "ext://sys.stdout"},
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": True},
    },
}
