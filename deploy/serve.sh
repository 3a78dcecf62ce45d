#!/usr/bin/env bash
# `make serve`: the production settings on this machine, over plain HTTP on 127.0.0.1.
# DEBUG off, gunicorn (WEB_CONCURRENCY workers, default 2), whitenoise serving
# hashed, compressed static files collected here first.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

export DJANGO_SETTINGS_MODULE=eventsite.settings.prod
export DEBUG=0
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# The address in e-mailed links (manage your registration): this server's.
export EVENTSITE_BASE_URL="${EVENTSITE_BASE_URL:-http://127.0.0.1:${PORT:-8000}}"
# Loopback has no TLS; behind a TLS-terminating proxy keep the redirect on.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}"

if [ -z "${SECRET_KEY:-}" ]; then
  # For localhost only: a key made once and kept out of git. Real deployments set
  # SECRET_KEY themselves; the production settings refuse to start without it.
  key_file="${EVENTSITE_LOCAL_KEY_FILE:-.local-secret-key}"
  if [ ! -s "$key_file" ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$key_file")
    echo "serve: made a local SECRET_KEY in $key_file (localhost use only)" >&2
  fi
  SECRET_KEY="$(cat "$key_file")"
  export SECRET_KEY
fi

"$PY" manage.py collectstatic --no-input -v 0
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py import_event --if-absent data/side-event-2017-09-04-vienna.json
exec "$PY" -m gunicorn -c deploy/gunicorn.conf.py --bind "127.0.0.1:${PORT:-8000}" eventsite.wsgi
