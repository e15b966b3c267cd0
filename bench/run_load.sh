#!/usr/bin/env bash
# Load test of the production-like stack: a throwaway PostgreSQL 15 cluster, gunicorn (make serve's
# settings), Tuban demo data, 30 simulated users for 60 s on loopback. Usage: bash bench/run_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-30}; DURATION=${DURATION:-60}; PORT=${PORT:-8123}
WORK=$(mktemp -d /tmp/kimtrack-load.XXXXXX)
source bench/pg.sh
PGPORT=55433
cleanup() {
  [ -n "${GUNICORN_PID:-}" ] && kill "$GUNICORN_PID" 2>/dev/null || true
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
pg_start "$PGPORT"
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p $PGPORT -U kimtrack kimtrack

export DATABASE_URL="postgres://kimtrack@127.0.0.1:$PGPORT/kimtrack" MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export DEBUG=false SECRET_KEY="load-test-$(date +%s)-not-for-production-0123456789abcdef" ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false LOG_LEVEL=WARNING PORT
PY=.venv/bin/python
$PY manage.py migrate -v 0
$PY manage.py collectstatic --noinput -v 0
$PY manage.py load_regions >/dev/null
$PY manage.py load_demo >/dev/null
echo "beban-$(date +%s)-Sandi-Uji" > "$WORK/password"
for i in $(seq 0 $((USERS / 3 - 1))); do
  district=$(printf "35.23.%02d" $(( (i % 10) + 1 )))
  $PY manage.py add_account "beban_kec_$i" --role kecamatan --area "$district" --password-stdin < "$WORK/password" >/dev/null
done
for i in $(seq $((USERS / 3)) $((2 * USERS / 3 - 1))); do
  $PY manage.py add_account "beban_staf_$i" --role staf --area 35.23 --password-stdin < "$WORK/password" >/dev/null
done
.venv/bin/gunicorn kimtrack.wsgi -c gunicorn.conf.py --bind "127.0.0.1:$PORT" > "$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
echo "== $USERS users, $DURATION s, $(nproc) cores, workers: ${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}"
$PY bench/load.py --base "http://127.0.0.1:$PORT" --users "$USERS" --duration "$DURATION" \
  --password-file "$WORK/password" --think "${THINK:-1,3}" --ramp "${RAMP:-10}" \
  --json "${RESULT:-bench/results-load.json}"
