#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: a temp folder, 127.0.0.1 only, a free port,
# trust auth, superuser `postgres`. Nothing is left behind after `stop`.
#
#   url=$(.ci/pg-throwaway.sh start)        # prints postgres://postgres@127.0.0.1:PORT/postgres on stdout
#   TEST_DATABASE_URL=$url npm test
#   .ci/pg-throwaway.sh stop                 # stops and deletes the cluster of the last `start`
#
# Several clusters at once: choose the folder yourself (it must not exist yet or be empty) and pass it to stop:
#   PG_THROWAWAY_DIR=$(mktemp -d) .ci/pg-throwaway.sh start ; .ci/pg-throwaway.sh stop "$PG_THROWAWAY_DIR"
#
# Environment:
#   PG_THROWAWAY_DIR   folder of the cluster (default: a new mktemp -d)
#   PG_THROWAWAY_FAST  1 (default) = fsync/synchronous_commit/full_page_writes off, for tests;
#                      0 = PostgreSQL's durable defaults, for honest benchmark figures
#   PG_THROWAWAY_PORT  port to use (default: a free one)
#   PG_BIN             folder with initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#   PG_THROWAWAY_INSTALL=1  apt-get install postgresql when the binaries are missing (root only)
#
# As root the server runs as the `postgres` user (initdb refuses root); otherwise as the current user.
set -euo pipefail

LAST_FILE="${TMPDIR:-/tmp}/jiceng-pg-throwaway.last"

log() { echo "pg-throwaway: $*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$found" && -x "$found/initdb" ]] && echo "$found"
}

install_pg() {
  [[ $EUID -eq 0 ]] || die "PostgreSQL binaries not found and not root: install postgresql (apt-get install postgresql postgresql-contrib)"
  log "installing postgresql from apt"
  # No default 'main' cluster on port 5432: we only want the binaries.
  if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql postgresql-contrib >&2
}

# Run a command as the cluster's owner, from inside the cluster folder (postgres cannot read root's cwd).
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd "$DIR" && runuser -u postgres -- "$@")
  else
    (cd "$DIR" && "$@")
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

cmd_start() {
  local bin
  bin=$(find_bin || true)
  if [[ -z "$bin" ]]; then
    [[ "${PG_THROWAWAY_INSTALL:-0}" == 1 ]] || die "no /usr/lib/postgresql/*/bin/initdb (set PG_THROWAWAY_INSTALL=1 to apt-get install it, or PG_BIN)"
    install_pg
    bin=$(find_bin) || die "initdb still missing after install"
  fi

  DIR="${PG_THROWAWAY_DIR:-}"
  if [[ -z "$DIR" ]]; then DIR=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-pg.XXXXXX"); fi
  mkdir -p "$DIR"
  [[ -z "$(ls -A "$DIR")" ]] || die "$DIR is not empty"
  DIR=$(cd "$DIR" && pwd)
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user (install the postgresql package)"
    chown postgres:postgres "$DIR"
    chmod 700 "$DIR"
  fi
  echo "$DIR" > "$LAST_FILE"

  as_owner "$bin/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; die "initdb failed"; }

  local opts="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c max_connections=200"
  if [[ "${PG_THROWAWAY_FAST:-1}" == 1 ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi

  local port attempt
  for attempt in 1 2 3 4 5; do
    port="${PG_THROWAWAY_PORT:-$(free_port)}"
    if as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$opts -c port=$port" start >/dev/null 2>&1; then
      echo "$port" > "$DIR/port"
      local url="postgres://postgres@127.0.0.1:$port/postgres"
      echo "$url" > "$DIR/url"
      log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port in $DIR (stop: $0 stop $DIR)"
      echo "$url"
      return 0
    fi
    log "start on port $port failed (attempt $attempt)"
    [[ -z "${PG_THROWAWAY_PORT:-}" ]] || break
  done
  tail -n 20 "$DIR/server.log" >&2 || true
  die "could not start PostgreSQL (log: $DIR/server.log)"
}

cmd_stop() {
  DIR="${1:-${PG_THROWAWAY_DIR:-}}"
  if [[ -z "$DIR" && -f "$LAST_FILE" ]]; then DIR=$(cat "$LAST_FILE"); fi
  [[ -n "$DIR" ]] || die "which cluster? pass its folder"
  [[ -d "$DIR" ]] || { log "$DIR already gone"; return 0; }
  if [[ -f "$DIR/data/postmaster.pid" ]]; then
    local bin
    bin=$(find_bin || true)
    if [[ -n "$bin" ]] && as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      :
    else
      # pg_ctl failed: end this cluster's postmaster (and only it) by its pid.
      local pid
      pid=$(head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null || true)
      if [[ "$pid" =~ ^[0-9]+$ ]]; then
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  rm -rf "$DIR"
  if [[ -f "$LAST_FILE" && "$(cat "$LAST_FILE")" == "$DIR" ]]; then rm -f "$LAST_FILE"; fi
  log "stopped and removed $DIR"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) shift; cmd_stop "${1:-}" ;;
  *) echo "usage: $0 start | stop [dir]" >&2; exit 2 ;;
esac
