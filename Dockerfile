# finder: the web app (gunicorn) and, with another command, the worker and the release step.
# Build: docker build -t finder .      Run everything: docker compose up (see compose.yaml).
# The base is an argument only so a check can substitute a locally built one when Docker Hub
# is out of reach (deploy/check-image.sh); a normal build uses this default.
ARG PYTHON_IMAGE=python:3.12-slim-bookworm
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FINDER_ENV=production \
    FINDER_INSTANCE_PATH=/var/lib/finder

RUN useradd --system --uid 10001 --home-dir /srv/finder --shell /usr/sbin/nologin finder \
 && mkdir -p /srv/finder /var/lib/finder \
 && chown finder:finder /srv/finder /var/lib/finder

# Installed as a package (seeds/ ships inside it as finder.seeds), then the sources removed,
# so nothing imports the unpackaged tree by accident.
COPY pyproject.toml README.md /tmp/src/
COPY finder /tmp/src/finder
COPY seeds /tmp/src/seeds
RUN pip install '/tmp/src[deploy]' && rm -rf /tmp/src

WORKDIR /srv/finder
COPY gunicorn.conf.py ./

USER finder
EXPOSE 8000
# /healthz answers only to the site's own host name (TRUSTED_HOSTS), so the check sends it, on
# the port gunicorn listens on (GUNICORN_BIND, as gunicorn.conf.py reads it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.parse, urllib.request; host = urllib.parse.urlsplit(os.environ['FINDER_BASE_URL']).hostname; port = os.environ.get('GUNICORN_BIND', '0.0.0.0:8000').rpartition(':')[2]; urllib.request.urlopen(urllib.request.Request(f'http://127.0.0.1:{port}/healthz', headers={'Host': host}), timeout=4)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
