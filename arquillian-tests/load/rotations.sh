#!/usr/bin/env bash
# Refresh-token rotations per second against PostgreSQL, in one run: at the store
# (RefreshTokenService on the JDBC store through a connection pool), over HTTP
# (POST /auth/refresh on the sample deployed on Payara Micro, its refresh store on the
# same PostgreSQL), and pgbench's TPC-B-like TPS on the same database, for 1, 8 and 32
# concurrent clients. See README.md beside this script.
#
# Settings (environment): ROT_ALG (ES256; or EdDSA, RS256, HS256: the algorithm the
# server signs access tokens with, a fresh key from the pack's own JwksGenerator),
# JAVA_HOME (the JDK of the server and of the store-level run), ROT_JFR (1 = record a
# JFR profile of the server into the results folder, server.jfr), ROT_PORT (18083, Payara Micro), ROT_CLIENTS (1,8,32),
# ROT_SECONDS (10, measured per client count and kind), ROT_WARMUP (3), ROT_HEAP (512m),
# ROT_PG_HOST (127.0.0.1), ROT_PG_PORT (5432), ROT_PG_DATABASE (test), ROT_PG_USER
# (postgres), PGPASSWORD (if the database needs one), LOAD_SKIP_BUILD (1 = reuse the
# last build of run.sh or this script).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ALG=${ROT_ALG:-ES256}
PORT=${ROT_PORT:-18083}
CLIENTS=${ROT_CLIENTS:-1,8,32}
SECONDS_PER_RUN=${ROT_SECONDS:-10}
WARMUP=${ROT_WARMUP:-3}
HEAP=${ROT_HEAP:-512m}
JFR=${ROT_JFR:-0}
PG_HOST=${ROT_PG_HOST:-127.0.0.1}
PG_PORT=${ROT_PG_PORT:-5432}
PG_DATABASE=${ROT_PG_DATABASE:-test}
PG_USER=${ROT_PG_USER:-postgres}
SCHEMA=ssrguard_bench_http
TARGET=$HERE/target
RUN=$TARGET/rotations-run
OUT=$TARGET/rotations-results
BASE=http://127.0.0.1:$PORT
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

NAME="rotation benchmark"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

for tool in curl psql pgbench "$JAVA" mvn; do
  command -v "$tool" >/dev/null 2>&1 \
    || die "$tool is missing (psql: Debian/Ubuntu package postgresql-client; pgbench: the server package, e.g. postgresql-15)"
done
psql_run() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" "$@"; }
psql_run -c 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $PG_HOST:$PG_PORT, database $PG_DATABASE, user $PG_USER"

build
SAMPLE_WAR=$ROOT/war-sample/target/ssrguard-sample.war
for f in "$SAMPLE_WAR" "$TARGET/payara-micro.jar" "$TARGET/postgresql.jar" "$TARGET/load-keys/ssrguard.jwks"; do
  [ -f "$f" ] || die "$f is missing: run without LOAD_SKIP_BUILD"
done

[ "$(status "$BASE/")" = 000 ] || die "port $PORT is in use (another run?): set ROT_PORT"
rm -rf "$RUN" "$OUT"
mkdir -p "$RUN/apps" "$OUT"
cp "$SAMPLE_WAR" "$RUN/apps/ROOT.war"

# The signing key: the build's ES256 key, or one the pack's own generator makes for ROT_ALG
# (JwksGenerator, run from the sample's own libraries, validates it as a deployment would).
case "$ALG" in
  ES256) JWKS=$(cat "$TARGET/load-keys/ssrguard.jwks") ;;
  EdDSA | RS256 | HS256)
    mkdir -p "$RUN/keygen"
    (cd "$RUN/keygen" && unzip -q -o "$SAMPLE_WAR" 'WEB-INF/lib/*.jar') \
      || die "cannot unpack the sample's libraries (unzip is needed for ROT_ALG=$ALG)"
    JWKS=$("$JAVA" -cp "$RUN/keygen/WEB-INF/lib/*" io.ssrguard.keys.JwksGenerator "$ALG" "rot-$ALG") \
      || die "cannot generate an $ALG key"
    ;;
  *) die "ROT_ALG is ES256, EdDSA, RS256 or HS256, not $ALG" ;;
esac

# The application's refresh store lives in its own schema, dropped at the end; the
# store-level benchmark and pgbench use another scratch schema of their own.
psql_run -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"

PID=
cleanup() {
  stop "$PID"
  psql_run -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A connection pool the way an operator declares one on Payara: the driver on the server's
# class path, a pool and a JNDI resource created before the application deploys.
# Payara's pool insists on a password; PostgreSQL's trust authentication ignores it.
PROPERTIES="serverName=$PG_HOST:portNumber=$PG_PORT:databaseName=$PG_DATABASE:user=$PG_USER:password=${PGPASSWORD:-unused}:currentSchema=$SCHEMA"
cat >"$RUN/postboot.asadmin" <<ASADMIN
create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource --restype=javax.sql.DataSource --steadypoolsize=32 --maxpoolsize=64 --isconnectvalidatereq=true --validationmethod=meta-data --failconnection=true --property $PROPERTIES ssrguard-bench-pool
create-jdbc-resource --connectionpoolid=ssrguard-bench-pool jdbc/ssrguard-bench
ASADMIN

say "starting Payara Micro on port $PORT (refresh store: PostgreSQL, schema $SCHEMA; access tokens $ALG; $("$JAVA" -version 2>&1 | head -1)) ..."
SSRGUARD_KEYS_JWKS=$JWKS \
SSRGUARD_AUTH_ALGORITHMS=$ALG \
SSRGUARD_GUARD_SECRETS=$(random_key) \
SSRGUARD_CSRF_KEYS=$(random_key) \
SSRGUARD_REFRESH_SECRET=$(random_key) \
SSRGUARD_REFRESH_STORE=jdbc \
SSRGUARD_REFRESH_DATASOURCE=jdbc/ssrguard-bench \
  "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -Dmp.config.profile=test \
    -jar "$TARGET/payara-micro.jar" --nocluster --port "$PORT" \
    --addLibs "$TARGET/postgresql.jar" --postbootcommandfile "$RUN/postboot.asadmin" \
    --deploymentDir "$RUN/apps" --rootDir "$RUN/payara-root" \
    >"$OUT/payara.log" 2>&1 &
PID=$!

sample_ready() { [ "$(status "$BASE/health")" = 200 ] && [ "$(status "$BASE/auth/csrf")" = 200 ]; }
wait_ready sample_ready "$PID" "$OUT/payara.log"

# The server's CPU time (user + system, all threads) from /proc, read once it is ready and
# again at the end: only the HTTP clients load it in between, so the difference divided by
# the rotations in its store is its CPU per rotation (sign-ins and JIT threads included).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat" 2>/dev/null || echo 0; }
CPU_START=$(cpu_ticks)
# The profile, when asked for, covers the same span: started once the server is ready (its
# start-up left out), written when the clients are done.
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
if [ "$JFR" = 1 ]; then
  "$JCMD" "$PID" JFR.start name=rotations settings=profile >/dev/null || die "cannot start JFR ($JCMD)"
fi

(cd "$ROOT" && mvn -B -q -pl filters-api,filters-impl -Pbench,bench-refresh verify \
  -Dbench.args="--clients=$CLIENTS --seconds=$SECONDS_PER_RUN --warmup=$WARMUP --host=$PG_HOST --port=$PG_PORT --database=$PG_DATABASE --user=$PG_USER --http=$BASE/") \
  | tee "$OUT/results.txt" || die "the benchmark failed (see $OUT/payara.log)"

# Proof that the HTTP rotations went through PostgreSQL: the application's rows.
ROWS=$(psql_run -At -c "SELECT count(*) FROM $SCHEMA.ssrguard_refresh_token" 2>/dev/null || echo 0)
FAMILIES=$(psql_run -At -c "SELECT count(*) FROM $SCHEMA.ssrguard_refresh_family" 2>/dev/null || echo 0)
echo "the application's store in PostgreSQL ($SCHEMA): $ROWS refresh tokens in $FAMILIES families" | tee -a "$OUT/results.txt"
echo "access tokens signed with $ALG on $("$JAVA" -version 2>&1 | head -1)" | tee -a "$OUT/results.txt"
CPU_END=$(cpu_ticks)
if [ "$JFR" = 1 ]; then
  "$JCMD" "$PID" JFR.dump name=rotations filename="$OUT/server.jfr" >/dev/null \
    && say "server profile: $OUT/server.jfr (e.g. jfr view hot-methods, JDK 21 or later)"
fi
TICKS=$(getconf CLK_TCK 2>/dev/null || echo 100)
if [ "$CPU_END" -gt 0 ] && [ "$ROWS" -gt "$FAMILIES" ]; then
  awk -v t=$((CPU_END - CPU_START)) -v hz="$TICKS" -v n=$((ROWS - FAMILIES)) \
    'BEGIN { printf "server CPU while the HTTP clients ran: %.1f s for %d rotations, %.0f µs per rotation (sign-ins and JIT included)\n", t / hz, n, t / hz / n * 1e6 }' \
    | tee -a "$OUT/results.txt"
fi
[ "$ROWS" -gt "$FAMILIES" ] || die "the application's PostgreSQL store holds no rotated tokens: was it used?"
