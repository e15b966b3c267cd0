#!/usr/bin/env bash
# National-scale benchmark: build a Tuban-only and a whole-country data set on a throwaway
# PostgreSQL 15 cluster, measure the main pages on each against gunicorn (loopback), then a
# 50-staff-user load run on the national data. Results: bench/national/results-*.json.
# Usage: bash bench/national/run.sh        (about 25 minutes on 2 cores)
# Knobs: REPEAT (timed requests per page, 20), COLD (cold samples, 5), USERS (50), DURATION (60).
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true
cd "$(dirname "$0")/../.."
PGBIN=/usr/lib/postgresql/15/bin
PY=.venv/bin/python
OUT=bench/national
WORK=$(mktemp -d /tmp/kimtrack-national.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$WORK"
PGPORT=55440; PORT=8124
cleanup() {
  [ -n "${GUNICORN_PID:-}" ] && kill "$GUNICORN_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# A modest production-like server: 256 MB shared buffers, fsync on.
as_pg "$PGBIN/initdb" -D "$WORK/pg" -U kimtrack -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
PGOPTS="-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=16MB"
PGOPTS="$PGOPTS -c effective_cache_size=4GB -c max_connections=100"
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "$PGOPTS" start >/dev/null
PG_RESTART="$( [ "$(id -u)" = 0 ] && echo "runuser -u postgres -- " )$PGBIN/pg_ctl -D $WORK/pg -w -m fast restart -o '$PGOPTS' -l $WORK/pg.log"

export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static" DEBUG=false LOG_LEVEL=WARNING OCR_ENABLED=false
export SECRET_KEY="bench-$(date +%s)-not-for-production-0123456789abcdef" ALLOWED_HOSTS=127.0.0.1,testserver
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
$PY manage.py collectstatic --noinput -v 0

serve() {  # serve DATABASE_URL with gunicorn; $1 workers, $2 threads
  .venv/bin/gunicorn kimtrack.wsgi -c gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers "$1" --threads "$2" \
    --max-requests 0 > "$WORK/gunicorn.log" 2>&1 &
  GUNICORN_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.5; done
  echo "gunicorn did not start"; cat "$WORK/gunicorn.log"; exit 1
}
stop_serving() { kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true; GUNICORN_PID=; }

for set in tuban national; do
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p $PGPORT -U kimtrack "kimtrack_$set"
  export DATABASE_URL="postgres://kimtrack@127.0.0.1:$PGPORT/kimtrack_$set"
  area=$([ "$set" = tuban ] && echo 35.23 || echo "")
  echo "== building the $set data set"
  /usr/bin/time -o "$WORK/build-$set.time" -v $PY -m bench.national.build --area "$area" | tee "$OUT/build-$set.txt"
  grep -E "Maximum resident|Elapsed" "$WORK/build-$set.time" | tee -a "$OUT/build-$set.txt"
  echo "== measuring pages on $set (1 worker, 1 thread)"
  serve 1 1
  $PY -m bench.national.measure --base "http://127.0.0.1:$PORT" --gunicorn-pid "$GUNICORN_PID" \
    --pg-restart "$PG_RESTART" --label "$set" --repeat "${REPEAT:-20}" --cold "${COLD:-5}" \
    --out "$OUT/results-$set.json"
  stop_serving
done

echo "== load: ${USERS:-50} staff users for ${DURATION:-60} s on the national data (make serve's workers)"
echo "beban-$(date +%s)-Sandi-Uji" > "$WORK/password"
for i in $(seq 0 $(( ${USERS:-50} - 1 ))); do
  $PY manage.py add_account "beban_staf_$i" --role staf --area 35.23 --password-stdin < "$WORK/password" >/dev/null
done
serve "$(( $(nproc) * 2 + 1 ))" 2
$PY bench/load.py --base "http://127.0.0.1:$PORT" --users "${USERS:-50}" --duration "${DURATION:-60}" \
  --password-file "$WORK/password" --think "${THINK:-1,3}" --ramp "${RAMP:-10}" --staff-only \
  --json "$OUT/results-load-national.json"
stop_serving
$PY -m bench.national.compare "$OUT/results-tuban.json" "$OUT/results-national.json" | tee "$OUT/summary.txt"
