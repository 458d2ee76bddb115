#!/usr/bin/env bash
# Build the container image and check it against a PostgreSQL and a Redis on this machine,
# printing one "pass" or "FAIL" line per check. By hand only: CI has no Docker daemon.
#
#   sudo FINDER_CHECK_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/docker_check \
#        FINDER_CHECK_REDIS_URL=redis://127.0.0.1:6379/5 deploy/check-image.sh
#
# The database should be empty (the release step is checked on it) and port 8000 free.
# Containers share the host's network.
#
# When python:3.12-slim-bookworm cannot be pulled, a substitute base is made once with
# debootstrap: Debian bookworm's Python (3.11, not 3.12) in a virtualenv at /usr/local, so
# `python`, `pip` and the console scripts pip installs are on PATH as in the official image.
# It trusts the CA certificates added to this machine (/usr/local/share/ca-certificates), so a
# build behind a TLS-inspecting proxy can reach PyPI. Needs root, debootstrap, curl and python3.
set -u
cd "$(dirname "$0")/.."

DATABASE_URL=${FINDER_CHECK_DATABASE_URL:?set FINDER_CHECK_DATABASE_URL to an empty database}
REDIS_URL=${FINDER_CHECK_REDIS_URL:?set FINDER_CHECK_REDIS_URL}
BASE=python:3.12-slim-bookworm
SUBSTITUTE=finder-check/python-bookworm:local
IMAGE=finder:check
HOST=meetings.example.org
failures=0
work=$(mktemp -d)
remove_containers() { docker rm -f finder-check-web finder-check-worker finder-check-nosecret >/dev/null 2>&1; }
remove_containers
# Logs and responses stay in $work when a check fails.
trap 'remove_containers; if [ "$failures" = 0 ]; then rm -rf "$work"; else echo "details: $work"; fi' EXIT

result() {  # result NAME STATUS [DETAIL]
    if [ "$2" = 0 ]; then echo "pass  $1${3:+ ($3)}"; else echo "FAIL  $1${3:+ ($3)}"; failures=$((failures + 1)); fi
}

make_substitute_base() {
    local root="$work/rootfs"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || return 1
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -c '
        apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-venv ca-certificates \
        && update-ca-certificates && apt-get clean && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
        && python3 -m venv /usr/local' >"$work/base.log" 2>&1 || return 1
    : >"$root/etc/resolv.conf"
    tar -C "$root" -c . | docker import -c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
        -c 'ENV LANG=C.UTF-8' -c 'CMD ["python3"]' - "$SUBSTITUTE" >/dev/null
}

# 1. The base image
if docker image inspect "$BASE" >/dev/null 2>&1 || docker pull -q "$BASE" >/dev/null 2>&1; then
    echo "base  $BASE"
elif docker image inspect "$SUBSTITUTE" >/dev/null 2>&1 || make_substitute_base; then
    echo "base  $SUBSTITUTE (substitute: $BASE could not be pulled; Python $(docker run --rm "$SUBSTITUTE" python -c 'import platform; print(platform.python_version())'))"
    BASE=$SUBSTITUTE
else
    echo "FAIL  substitute base"; failures=1; exit 1
fi

# 2. The build
start=$(date +%s)
if docker build --force-rm --network host --build-arg PYTHON_IMAGE="$BASE" -t "$IMAGE" . >"$work/build.log" 2>&1; then
    result "docker build" 0 "$(($(date +%s) - start)) s, $(docker image inspect "$IMAGE" --format '{{.Size}}') bytes"
else
    result "docker build" 1 "see build.log"; exit 1
fi

# 3. Runs, with compose.yaml's environment pointed at this machine's services
cat >"$work/env" <<EOF
FINDER_ENV=production
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
FINDER_BASE_URL=https://$HOST
FINDER_PROXY_COUNT=1
DATABASE_URL=$DATABASE_URL
RATELIMIT_STORAGE_URI=$REDIS_URL
MAIL_FROM=Meeting finder <no-reply@example.org>
GUNICORN_WORKERS=2
EOF
run() { docker run --network host --env-file "$work/env" "$@"; }

run --rm "$IMAGE" flask --app finder db upgrade >"$work/release.log" 2>&1
result "release step: flask --app finder db upgrade" $?

if curl -s -o /dev/null --max-time 2 http://127.0.0.1:8000/; then
    echo "FAIL  something already answers on port 8000"; failures=1; exit 1
fi
run -d --name finder-check-web "$IMAGE" >/dev/null
for _ in $(seq 60); do curl -fs -o /dev/null -H "Host: $HOST" http://127.0.0.1:8000/healthz && break; sleep 1; done
get() { curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@"; }
[ "$(get -H "Host: $HOST" http://127.0.0.1:8000/healthz)" = 200 ] && grep -q '"status": *"ok"' "$work/body"
result "web: /healthz 200 {\"status\": \"ok\"}" $?
[ "$(get -H "Host: $HOST" 'http://127.0.0.1:8000/meetings?near=LS1+4AP')" = 200 ]
result "web: a search, /meetings?near=LS1+4AP 200" $?
grep -qi '^strict-transport-security:' "$work/headers"
result "web: Strict-Transport-Security header" $?
grep -i '^set-cookie: session=' "$work/headers" | grep -qi '; secure'
result "web: session cookie Secure" $?
[ "$(get -H 'Host: forged.example.com' http://127.0.0.1:8000/healthz)" = 400 ]
result "web: forged Host 400" $?
uids=$(docker top finder-check-web -eo uid,pid | awk 'NR > 1 { print $1 }' | sort -u)
[ "$uids" = 10001 ]
result "web: every process runs as uid 10001" $? "$(echo $uids)"
for _ in $(seq 90); do
    health=$(docker inspect finder-check-web --format '{{.State.Health.Status}}')
    [ "$health" = starting ] || break; sleep 1
done
[ "$health" = healthy ]
result "web: HEALTHCHECK status healthy" $? "$health"
docker logs finder-check-web >"$work/web.out" 2>"$work/web.err"
format='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8},[0-9]{3} [A-Z]+ \[[0-9]+\] [A-Za-z0-9_.]+: '
[ -s "$work/web.out" ] && [ ! -s "$work/web.err" ] && ! grep -Evq "$format" "$work/web.out" \
    && grep -q 'GET /meetings?\[redacted\]' "$work/web.out"
result "web: logs on stdout only, one format, search text redacted" $?
docker rm -f finder-check-web >/dev/null

run -d --init --no-healthcheck --name finder-check-worker "$IMAGE" flask --app finder worker >/dev/null
sleep 15
[ "$(docker inspect finder-check-worker --format '{{.State.Running}}')" = true ]
result "worker: running after 15 s" $?
start=$(date +%s)
docker stop finder-check-worker >/dev/null
[ $(($(date +%s) - start)) -lt 5 ]
result "worker: stops on SIGTERM (with init, as in compose.yaml)" $? "$(($(date +%s) - start)) s"
docker rm -f finder-check-worker >/dev/null
run --rm "$IMAGE" flask --app finder worker --once >/dev/null 2>&1
result "worker --once exits 0" $?

grep -v '^SECRET_KEY=' "$work/env" >"$work/env-nosecret"
# Bounded: if the app ever started without a secret, the check must fail, not wait forever.
timeout 60 docker run --rm --name finder-check-nosecret --network host \
  --env-file "$work/env-nosecret" -e GUNICORN_BIND=127.0.0.1:8099 "$IMAGE" >"$work/nosecret.log" 2>&1
status=$?
[ "$status" != 0 ] && grep -q 'Set SECRET_KEY' "$work/nosecret.log"
result "web without SECRET_KEY: refused, says to set SECRET_KEY" $? "exit $status"

echo "$failures check(s) failed"
[ "$failures" = 0 ]
