#!/usr/bin/env bash
# A throw-away PostgreSQL server for the log-store tests (loopback only, trust auth, temp data dir).
#
#   eval "$(bash scripts/start-postgres.sh start [DIR])"   # installs postgresql with apt-get if missing,
#                                                          # prints the exports below
#   bash scripts/start-postgres.sh stop [DIR]               # stops the server and removes DIR
#   bash scripts/start-postgres.sh ctl DIR stop|start       # stop/start the same server (same port, data)
#   bash scripts/start-postgres.sh ctl DIR freeze|thaw      # SIGSTOP/SIGCONT the server and its backends: it
#                                                          # accepts connections and answers nothing
#
# Printed on start:
#   export SAFE_REPLY_TEST_PG_DSN=postgresql://postgres@127.0.0.1:PORT/safe_reply_test   (the tests read this)
#   export SAFE_REPLY_PG_DSN=<the same>                    (a `backend: postgres` log reads this)
#   export SAFE_REPLY_TEST_PG_CTL='bash <this script> ctl DIR'   (tests append stop / start / freeze / thaw)
# DIR defaults to $SAFE_REPLY_PG_DIR or ${TMPDIR:-/tmp}/safe-reply-pg. Runs the server as the
# `postgres` user when started as root (PostgreSQL refuses to run as root).
set -euo pipefail

SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
DEFAULT_DIR="${SAFE_REPLY_PG_DIR:-${TMPDIR:-/tmp}/safe-reply-pg}"

log() { echo "start-postgres: $*" >&2; }

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -z "$dir" ]]; then
        log "installing postgresql with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    echo "$dir"
}

as_pg() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

signal_server() {  # signal_server DIR SIGNAL: the postmaster of DIR and every process it started
    local postmaster
    postmaster="$(head -n 1 "$1/data/postmaster.pid")"
    # shellcheck disable=SC2046  # one pid per word
    kill "-$2" "$postmaster" $(pgrep -P "$postmaster" || true)
}

server() {  # server DIR stop|start|freeze|thaw
    local dir="$1" what="$2" bin
    bin="$(pg_bin)"
    case "$what" in
        start) as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >&2 ;;
        stop) as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 ;;
        freeze) signal_server "$dir" STOP ;;
        thaw) signal_server "$dir" CONT ;;
        *) log "unknown server command '$what' (use stop, start, freeze or thaw)"; exit 2 ;;
    esac
}

start() {
    local dir="${1:-$DEFAULT_DIR}" bin port
    bin="$(pg_bin)"
    if [[ -f "$dir/port" ]] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        port="$(cat "$dir/port")"
        log "already running on 127.0.0.1:$port ($dir)"
    else
        rm -rf "$dir"
        mkdir -p "$dir"
        if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; fi
        as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        port="$(free_port)"
        echo "$port" > "$dir/port"
        {
            echo "listen_addresses = '127.0.0.1'"
            echo "port = $port"
            echo "unix_socket_directories = '$dir'"
            echo "fsync = on"
            echo "synchronous_commit = on"
        } >> "$dir/data/postgresql.conf"
        server "$dir" start
        as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres safe_reply_test
        log "running on 127.0.0.1:$port, data in $dir"
    fi
    echo "export SAFE_REPLY_TEST_PG_DSN=postgresql://postgres@127.0.0.1:$port/safe_reply_test"
    # What a `backend: postgres` log reads (log.dsn_env's default): a bot started here logs to this server.
    echo "export SAFE_REPLY_PG_DSN=postgresql://postgres@127.0.0.1:$port/safe_reply_test"
    echo "export SAFE_REPLY_TEST_PG_CTL='bash $SCRIPT ctl $dir'"
}

stop() {
    local dir="${1:-$DEFAULT_DIR}"
    if [[ -d "$dir/data" ]]; then
        server "$dir" stop || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    ctl) server "${2:?ctl needs the server folder}" "${3:?ctl needs stop, start, freeze or thaw}" ;;
    *) echo "usage: $0 start [DIR] | stop [DIR] | ctl DIR stop|start|freeze|thaw" >&2; exit 2 ;;
esac
