#!/usr/bin/env bash
# `npm run test:mongo` / `npm run test:postgres`: the whole integration suite on MongoDB or PostgreSQL
# (extra arguments go to jest, e.g. a test file). Each test file gets its own fresh database on the server.
#
# - mongodb: uses MONGODB_URI when set (a real mongod; a replica set also runs the transaction tests).
#   Otherwise it builds and starts the MongoDB wire-protocol emulator of ../shared/mongo-emulator
#   (no transactions, see its README) for the run, and stops it afterwards.
# - postgres: uses POSTGRES_URI when set (a role that may CREATE DATABASE). Otherwise it starts a throwaway
#   cluster under a temporary folder with initdb/pg_ctl (Debian: apt-get install postgresql), as the
#   `postgres` user when run as root, and removes it afterwards.
set -euo pipefail
lane=${1:?usage: test-lane.sh mongodb|postgres [jest args]}
shift
cd "$(dirname "$0")/.."

free_port() {
  node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

work=$(mktemp -d)
server_pid=''
pg_data=''
as_postgres=()
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_data" ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

case $lane in
  mongodb)
    if [ -z "${MONGODB_URI:-}" ]; then
      if [ ! -f ../shared/mongo-emulator/setup.sh ]; then
        cat >&2 <<'EOF'
MONGODB_URI is not set. Point the MongoDB lane at a server you can create databases on, e.g.
  MONGODB_URI=mongodb://127.0.0.1:27017 npm run test:mongo
  MONGODB_URI='mongodb://127.0.0.1:27017/?replicaSet=rs0' npm run test:mongo   # also runs the transaction tests
(In the project's CI a MongoDB wire-protocol emulator from ../shared/mongo-emulator stands in.)
EOF
        exit 2
      fi
      [ -f .cache/mongo-emulator/server.mjs ] || ../shared/mongo-emulator/setup.sh .cache/mongo-emulator
      port=$(free_port)
      : >"$work/emulator.log"
      CONGO_PORT=$port node .cache/mongo-emulator/server.mjs >"$work/emulator.log" 2>&1 &
      server_pid=$!
      for _ in $(seq 1 100); do
        grep -q CONGO_READY "$work/emulator.log" && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
        sleep 0.1
      done
      grep -q CONGO_READY "$work/emulator.log" || { echo "the MongoDB emulator did not start" >&2; exit 1; }
      # Polling server monitoring: the emulator sometimes breaks the driver's streaming "hello"
      # ("Server ended moreToCome unexpectedly"), which fails a connect at random.
      # A long connectTimeoutMS (in poll mode also the monitor's wait for "hello"): the emulator answers
      # one command at a time, and a 2,000-document insertMany with its unique-index checks can hold
      # it for 20 s on a loaded 2-core machine; the default 30 s timed out the monitor, and the driver
      # then failed the worker's in-flight queries (PoolClearedOnNetworkError).
      export MONGODB_URI="mongodb://127.0.0.1:$port/?serverMonitoringMode=poll&connectTimeoutMS=180000"
      # The emulator runs no $lookup pipelines (see database.ts).
      export MONGODB_JOIN_AGGREGATIONS=false MONGODB_PIPELINE_IN_SORT_LOOKUP=false
      echo "MongoDB lane: emulator at $MONGODB_URI (no transactions: the tests that need them skip)"
    else
      echo "MongoDB lane: $(echo "$MONGODB_URI" | sed -E 's#//[^@/]*@#//***@#')"
    fi
    ;;
  postgres)
    if [ -z "${POSTGRES_URI:-}" ]; then
      initdb_path=$(command -v initdb || ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
      if [ -z "$initdb_path" ]; then
        cat >&2 <<'EOF'
POSTGRES_URI is not set and no initdb was found. Either install PostgreSQL (Debian: apt-get install postgresql)
or point the lane at a server whose role may create databases, e.g.
  POSTGRES_URI=postgres://postgres:secret@127.0.0.1:5432/postgres npm run test:postgres
EOF
        exit 2
      fi
      pg_bin=$(dirname "$(readlink -f "$initdb_path")")
      if [ "$(id -u)" = 0 ]; then
        # initdb refuses to run as root.
        chown postgres "$work"
        as_postgres=(runuser -u postgres --)
      fi
      port=$(free_port)
      "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/data" -A trust -U postgres >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
      pg_data="$work/data"
      "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/server.log" -w \
        -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
      export POSTGRES_URI="postgres://postgres@127.0.0.1:$port/postgres"
      echo "Postgres lane: throwaway cluster at $POSTGRES_URI ($("$pg_bin/postgres" --version))"
    else
      echo "Postgres lane: $(echo "$POSTGRES_URI" | sed -E 's#//[^@/]*@#//***@#')"
    fi
    ;;
  *)
    echo "unknown lane $lane (mongodb or postgres)" >&2
    exit 2
    ;;
esac

# Not exec: the trap must stop the server afterwards.
TEST_DATABASE=$lane npm run test:int -- "$@"
