# Sourced by the benchmark scripts: a throwaway PostgreSQL 15 cluster in $WORK/pg (set WORK first).
PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# pg_start PORT [-c name=value ...]: create the cluster and serve it on 127.0.0.1:PORT; sets PGOPTS.
pg_start() {
  local port=$1
  shift
  if [ "$(id -u)" = 0 ]; then chown postgres: "$WORK"; fi
  as_pg "$PGBIN/initdb" -D "$WORK/pg" -U kimtrack -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  PGOPTS="-p $port -k $WORK -c listen_addresses=127.0.0.1 $*"
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "$PGOPTS" start >/dev/null
}

pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; }
