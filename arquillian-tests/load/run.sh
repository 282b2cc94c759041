#!/usr/bin/env bash
# SSR Guard load benchmark (see README.md beside this script).
#
# Builds the sample and the benchmark WARs (mvn package -Pload, never install), starts
# ONE Payara Micro with four applications and ONE Tomcat with two, and drives them over
# loopback with wrk, interleaving the cases round by round so that the machine's noise
# falls on all of them:
#   Payara Micro
#   bare  /bare/api/...  the sample's endpoints with no security at all
#   full  /api/...       the sample: SSR Guard's mechanism (ES256 access cookie) and every
#                        filter of the test profile (headers, CSP nonce, gate, guard, CSRF)
#   peer  /peer/api/...  the same endpoints behind Payara's own MicroProfile JWT, reading
#                        the same ES256 access token (Authorization: Bearer)
#   floor /floor/api/... a control: the same endpoints behind a Jakarta Security mechanism
#                        that checks nothing (what Payara charges any mechanism)
#   Tomcat (no Jakarta Security: SSR Guard's AuthFilter authenticates)
#   tc-bare, tc-full     the same two cases on Tomcat, where the pack's own cost shows
# then records a short JFR profile of the full chain on each server and summarises it.
#
# Settings (environment): LOAD_PORT (18081, Payara), LOAD_TOMCAT_PORT (18082),
# LOAD_ROUNDS (3), LOAD_DURATION (10, seconds per case and round), LOAD_WARMUP (10,
# seconds per case), LOAD_CONNECTIONS (16), LOAD_THREADS (1, wrk threads),
# LOAD_JFR_SECONDS (20, 0 = no profile), LOAD_SKIP_BUILD (1 = reuse the last build),
# LOAD_HEAP (512m, each server), LOAD_CASES (all; a space-separated subset).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT=${LOAD_PORT:-18081}
TC_PORT=${LOAD_TOMCAT_PORT:-18082}
ROUNDS=${LOAD_ROUNDS:-3}
DURATION=${LOAD_DURATION:-10}
WARMUP=${LOAD_WARMUP:-10}
CONNECTIONS=${LOAD_CONNECTIONS:-16}
THREADS=${LOAD_THREADS:-1}
JFR_SECONDS=${LOAD_JFR_SECONDS:-20}
HEAP=${LOAD_HEAP:-512m}
TARGET=$HERE/target
RUN=$TARGET/load-run
OUT=$TARGET/load-results
BASE=http://127.0.0.1:$PORT
TC_BASE=http://127.0.0.1:$TC_PORT
UA="ssrguard-load-benchmark/1.0"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

NAME="load benchmark"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# --- tools ---------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  die "wrk is missing. It is a Debian/Ubuntu package: apt-get install -y wrk (run apt-get update first if needed); on macOS: brew install wrk."
fi
for tool in curl "$JAVA"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
if [ "$JFR_SECONDS" != 0 ] && ! command -v "$JCMD" >/dev/null 2>&1; then
  say "jcmd not found: the JFR profile is skipped"
  JFR_SECONDS=0
fi

# --- build ---------------------------------------------------------------------------
build
SAMPLE_WAR=$ROOT/war-sample/target/ssrguard-sample.war
SAMPLE_TOMCAT_WAR=$ROOT/war-sample/target/ssrguard-sample-tomcat.war
for f in "$SAMPLE_WAR" "$SAMPLE_TOMCAT_WAR" "$TARGET/tomcat.tar.gz" "$TARGET/load-benchmark.war" "$TARGET/load-benchmark-peer.war" "$TARGET/load-benchmark-floor.war" \
         "$TARGET/payara-micro.jar" "$TARGET/load-keys/ssrguard.jwks"; do
  [ -f "$f" ] || die "$f is missing: run without LOAD_SKIP_BUILD"
done

for port in "$PORT" "$TC_PORT"; do
  [ "$(status "http://127.0.0.1:$port/")" = 000 ] || die "port $port is in use (another run?): set LOAD_PORT / LOAD_TOMCAT_PORT"
done
rm -rf "$RUN" "$OUT"
mkdir -p "$RUN/apps" "$OUT"
# Context roots from the file names: ROOT -> /, bare -> /bare, peer -> /peer.
cp "$SAMPLE_WAR" "$RUN/apps/ROOT.war"
cp "$TARGET/load-benchmark.war" "$RUN/apps/bare.war"
cp "$TARGET/load-benchmark-peer.war" "$RUN/apps/peer.war"
cp "$TARGET/load-benchmark-floor.war" "$RUN/apps/floor.war"

# --- the servers -------------------------------------------------------------------------
PID=
TC_PID=
cleanup() { stop "$PID"; stop "$TC_PID"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Both samples run in the test profile (every feature on). Secrets come from the
# environment the way an operator gives them; the ES256 key is the one the peer trusts.
# The access token lives 30 minutes so that no refresh happens during the run.
export SSRGUARD_KEYS_JWKS SSRGUARD_GUARD_SECRETS SSRGUARD_CSRF_KEYS SSRGUARD_AUTH_ACCESS_TOKEN_TTL=PT30M
SSRGUARD_KEYS_JWKS=$(cat "$TARGET/load-keys/ssrguard.jwks")
SSRGUARD_GUARD_SECRETS=$(random_key)
SSRGUARD_CSRF_KEYS=$(random_key)

say "starting Payara Micro on port $PORT ..."
"$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -Dmp.config.profile=test \
  -jar "$TARGET/payara-micro.jar" --nocluster --port "$PORT" \
  --deploymentDir "$RUN/apps" --rootDir "$RUN/payara-root" \
  >"$OUT/payara.log" 2>&1 &
PID=$!

# Tomcat from its own distribution, with a server.xml of one plain HTTP connector and no
# access log (Payara Micro writes none either); the sample's Tomcat WAR at /, bare at /bare.
say "starting Tomcat on port $TC_PORT ..."
tar -xzf "$TARGET/tomcat.tar.gz" -C "$RUN"
TC=$(echo "$RUN"/apache-tomcat-*)
rm -rf "$TC/webapps" && mkdir -p "$TC/webapps"
cp "$SAMPLE_TOMCAT_WAR" "$TC/webapps/ROOT.war"
cp "$TARGET/load-benchmark.war" "$TC/webapps/bare.war"
cat >"$TC/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="$TC_PORT" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
    </Engine>
  </Service>
</Server>
XML
"$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -Dmp.config.profile=test \
  -Dcatalina.home="$TC" -Dcatalina.base="$TC" -Djava.io.tmpdir="$TC/temp" \
  -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
  -Djava.util.logging.config.file="$TC/conf/logging.properties" \
  -cp "$TC/bin/bootstrap.jar:$TC/bin/tomcat-juli.jar" org.apache.catalina.startup.Bootstrap start \
  >"$OUT/tomcat.log" 2>&1 &
TC_PID=$!

servers_ready() {
  [ "$(status "$BASE/health")" = 200 ] && [ "$(status "$BASE/auth/csrf")" = 200 ] \
    && [ "$(status "$BASE/bare/api/profile")" = 200 ] \
    && [ "$(status "$BASE/peer/api/profile")" = 401 ] && [ "$(status "$BASE/floor/api/profile")" = 401 ] \
    && [ "$(status "$TC_BASE/health")" = 200 ] && [ "$(status "$TC_BASE/bare/api/profile")" = 200 ]
}
wait_ready servers_ready "$PID" "$OUT/payara.log" "$TC_PID" "$OUT/tomcat.log"

# --- sign in as a browser would ----------------------------------------------------------
header() { { grep -i "^$1:" "$2" || true; } | head -1 | sed -e 's/^[^:]*: *//' | tr -d '\r'; }
cookies() { { grep -i '^set-cookie:' "$1" || true; } | sed -e 's/^[^:]*: *//' -e 's/;.*//' | tr -d '\r'; }

# sign_in BASE NAME: signs in as alice and sets COOKIE_NAME (every cookie the browser now
# holds: access, refresh, CSRF), XSRF_NAME and ACCESS_NAME (the access token).
sign_in() {
  local base=$1 name=$2 status anon_cookie anon_token cookie xsrf access
  status=$(curl -s -D "$OUT/csrf-$name.headers" -o "$OUT/csrf-$name.body" -w '%{http_code}' -A "$UA" "$base/auth/csrf")
  [ "$status" = 200 ] || die "GET $base/auth/csrf answered $status (see the server logs in $OUT)"
  anon_cookie=$(cookies "$OUT/csrf-$name.headers" | paste -sd ';' - | sed 's/;/; /g')
  anon_token=$(header X-XSRF-TOKEN "$OUT/csrf-$name.headers")
  [ -n "$anon_token" ] || die "GET $base/auth/csrf gave no X-XSRF-TOKEN"
  status=$(curl -s -D "$OUT/login-$name.headers" -o "$OUT/login-$name.body" -w '%{http_code}' -A "$UA" \
    -H "Cookie: $anon_cookie" -H "X-XSRF-TOKEN: $anon_token" -H 'Content-Type: application/json' \
    --data '{"username":"alice","password":"alice123","rememberMe":false}' "$base/auth/login")
  [ "$status" = 200 ] || die "login at $base answered $status: $(cat "$OUT/login-$name.body")"
  cookie=$(cookies "$OUT/login-$name.headers" | paste -sd ';' - | sed 's/;/; /g')
  xsrf=$(header X-XSRF-TOKEN "$OUT/login-$name.headers")
  access=$(cookies "$OUT/login-$name.headers" | grep -- '-ssrguard-at=' | sed 's/^[^=]*=//')
  [ -n "$access" ] || die "login at $base set no access cookie"
  [ -n "$xsrf" ] || die "login at $base gave no fresh X-XSRF-TOKEN"
  printf -v "COOKIE_$name" '%s' "$cookie"
  printf -v "XSRF_$name" '%s' "$xsrf"
  printf -v "ACCESS_$name" '%s' "$access"
}
sign_in "$BASE" payara
sign_in "$TC_BASE" tomcat

cat >"$RUN/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"text":"a note from the load benchmark"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# --- the cases -----------------------------------------------------------------------------
ALL_CASES="bare-get full-get peer-get floor-get tc-bare-get tc-full-get bare-post full-post peer-post tc-bare-post tc-full-post"
CASES=${LOAD_CASES:-$ALL_CASES}
for c in $CASES; do
  case " $ALL_CASES " in *" $c "*) ;; *) die "unknown case '$c' in LOAD_CASES (cases: $ALL_CASES)" ;; esac
done
case_url() {
  case $1 in
    bare-get) echo "$BASE/bare/api/profile" ;;  full-get) echo "$BASE/api/profile" ;;
    peer-get) echo "$BASE/peer/api/profile" ;;  bare-post) echo "$BASE/bare/api/notes" ;;
    full-post) echo "$BASE/api/notes" ;;        peer-post) echo "$BASE/peer/api/notes" ;;
    floor-get) echo "$BASE/floor/api/profile" ;;
    tc-bare-get) echo "$TC_BASE/bare/api/profile" ;; tc-full-get) echo "$TC_BASE/api/profile" ;;
    tc-bare-post) echo "$TC_BASE/bare/api/notes" ;;  tc-full-post) echo "$TC_BASE/api/notes" ;;
  esac
}
case_pid() { case $1 in tc-*) echo "$TC_PID" ;; *) echo "$PID" ;; esac; }
# The request headers of a case, one per line. Bare gets exactly what the full chain
# gets, so both parse the same bytes; the peer gets the token as a bearer (see docs/performance.md).
case_headers() {
  echo "User-Agent: $UA"
  case $1 in
    peer-*) echo "Authorization: Bearer $ACCESS_payara" ;;
    floor-*) echo "Cookie: $COOKIE_payara"; echo "X-Bench-User: alice" ;;
    tc-*) echo "Cookie: $COOKIE_tomcat"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF_tomcat" ;; esac ;;
    *) echo "Cookie: $COOKIE_payara"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF_payara" ;; esac ;;
  esac
}
case_expected() { case $1 in *-get) echo 200 ;; *-post) echo 201 ;; esac; }

curl_case() {
  local args=(-s -o "$OUT/check.body" -D "$OUT/check-$1.headers" -w '%{http_code}' --max-time 10)
  while IFS= read -r h; do args+=(-H "$h"); done < <(case_headers "$1")
  case $1 in *-post) args+=(-H 'Content-Type: application/json' --data '{"text":"check"}') ;; esac
  curl "${args[@]}" "$(case_url "$1")" || true
}

# Sanity: every case answers as expected, and the protected ones refuse without a credential.
for c in $ALL_CASES; do
  got=$(curl_case "$c")
  [ "$got" = "$(case_expected "$c")" ] || die "$c answered $got: $(head -c 300 "$OUT/check.body")"
done
for base in "$BASE" "$TC_BASE"; do
  [ "$(status -A "$UA" "$base/api/profile")" = 401 ] || die "full chain at $base without a cookie is not 401"
done
[ "$(status -A "$UA" "$BASE/peer/api/profile")" = 401 ] || die "peer without a token is not 401"
[ "$(status -A "$UA" "$BASE/floor/api/profile")" = 401 ] || die "floor without its header is not 401"
# A feature switched off through the environment (to measure what it costs) is not checked.
on() { [ "${1:-true}" != false ]; }
if on "${SSRGUARD_CSRF_ENABLED:-}"; then
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_payara" -H 'Content-Type: application/json' --data '{}' "$BASE/api/notes")" = 403 ] \
    || die "full-chain POST on Payara without the CSRF header is not 403"
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_tomcat" -H 'Content-Type: application/json' --data '{}' "$TC_BASE/api/notes")" = 403 ] \
    || die "full-chain POST on Tomcat without the CSRF header is not 403"
fi
for c in full-get tc-full-get; do
  if on "${SSRGUARD_CSP_ENABLED:-}"; then
    grep -qi '^content-security-policy:.*nonce-' "$OUT/check-$c.headers" || die "$c sent no CSP nonce"
  fi
  if on "${SSRGUARD_HEADERS_ENABLED:-}"; then
    grep -qi '^x-content-type-options:' "$OUT/check-$c.headers" || die "$c sent no security headers"
  fi
done
say "checks passed: every case answers 200/201; full (both servers), peer and floor refuse without credentials; CSRF refuses without a token; CSP nonce and headers present (what the environment switched off is not checked)."

# --- wrk -------------------------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
TICKS_PER_S=$(getconf CLK_TCK)

# to_ms 812.34us | 1.20ms | 1.01s -> milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

# run_wrk CASE SECONDS OUTFILE -> prints "rps p50ms p99ms cpu_us_per_request"
run_wrk() {
  local args=(-t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 5s --latency)
  while IFS= read -r h; do args+=(-H "$h"); done < <(case_headers "$1")
  case $1 in *-post) args+=(-s "$RUN/post.lua") ;; esac
  local before after pid
  pid=$(case_pid "$1")
  before=$(cpu_ticks "$pid")
  timeout $(( $2 + 30 )) wrk "${args[@]}" "$(case_url "$1")" >"$3" 2>&1 || die "wrk failed for $1: $(cat "$3")"
  after=$(cpu_ticks "$pid")
  if grep -q 'Non-2xx or 3xx responses' "$3"; then die "$1: $(grep 'Non-2xx' "$3") (see $3)"; fi
  local rps p50 p99 total
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$3")
  total=$(awk '/requests in/ {print $1}' "$3")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$3")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$3")")
  awk -v r="$rps" -v a="$p50" -v b="$p99" -v t="$total" -v d=$(( after - before )) -v hz="$TICKS_PER_S" \
    'BEGIN { printf "%s %s %s %.0f\n", r, a, b, (t > 0 ? d / hz * 1e6 / t : 0) }'
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "warm-up: ${WARMUP} s per case ..."
for c in $CASES; do run_wrk "$c" "$WARMUP" "$OUT/warmup-$c.txt" >/dev/null; done

: >"$OUT/rounds.txt"
for r in $(seq 1 "$ROUNDS"); do
  for c in $CASES; do
    line=$(run_wrk "$c" "$DURATION" "$OUT/round$r-$c.txt")
    echo "$c $r $line" >>"$OUT/rounds.txt"
    say "round $r  $(printf '%-9s' "$c")  $line  (req/s p50ms p99ms cpu-us/req)"
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- JFR profile of the full chain on each server ---------------------------------------------
# profile SERVER PID GET-CASE POST-CASE
profile() {
  "$JCMD" "$2" JFR.start name=load settings=profile filename="$OUT/full-chain-$1.jfr" >/dev/null
  run_wrk "$3" "$JFR_SECONDS" "$OUT/jfr-$3.txt" >/dev/null
  run_wrk "$4" "$(( JFR_SECONDS / 2 ))" "$OUT/jfr-$4.txt" >/dev/null
  "$JCMD" "$2" JFR.stop name=load >/dev/null
  "$JAVA" "$HERE/src/tool/JfrSummary.java" "$OUT/full-chain-$1.jfr" >"$OUT/jfr-summary-$1.txt" 2>&1 \
    || say "the JFR summary failed: see $OUT/jfr-summary-$1.txt"
}
if [ "$JFR_SECONDS" != 0 ]; then
  say "JFR: ${JFR_SECONDS} s full-chain GET + $(( JFR_SECONDS / 2 )) s POST on each server, 'profile' settings ..."
  profile payara "$PID" full-get full-post
  profile tomcat "$TC_PID" tc-full-get tc-full-post
fi

# --- results ---------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" -v k="$2" '$1 == c { print $k }' "$OUT/rounds.txt" | median; }

JDK=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
VM=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name/ {print $2}')
TC_VERSION=$(basename "$TC" | sed 's/^apache-tomcat-//')
has() { case " $CASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
{
  echo "SSR Guard load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "JDK $JDK ($VM), Payara Micro and Tomcat $TC_VERSION, heap $HEAP each; $(nproc) cores; wrk $THREADS thread(s), $CONNECTIONS connections, loopback"
  echo "$ROUNDS interleaved rounds x ${DURATION} s per case after ${WARMUP} s warm-up each; medians over rounds"
  echo "load average (1/5/15 min) before: $LOAD_START, after: $LOAD_END"
  echo
  echo "| case | requests/s | p50 ms | p99 ms | server CPU µs/request |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for c in $CASES; do
    printf '| %s | %.0f | %.2f | %.2f | %.0f |\n' "$c" "$(col "$c" 3)" "$(col "$c" 4)" "$(col "$c" 5)" "$(col "$c" 6)"
  done
  echo
  ratio() { awk -v a="$(col "$1" 3)" -v b="$(col "$2" 3)" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
  verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "holds" : "MISSED") }'; }
  # line LABEL A B TARGET [NOTE]: the throughput ratio A / B, judged against TARGET when given
  line() {
    has "$2" && has "$3" || return 0
    local r; r=$(ratio "$2" "$3")
    if [ -n "$4" ]; then echo "$1 $r  (target >= $4: $(verdict "$r" "$4"))"; else echo "$1 $r  ($5)"; fi
  }
  line "Payara full / bare, GET: " full-get bare-get 0.90
  line "Payara full / bare, POST:" full-post bare-post 0.90
  line "Payara full / peer, GET: " full-get peer-get 5
  line "Payara full / peer, POST:" full-post peer-post 5
  line "Payara floor / bare, GET:" floor-get bare-get "" "no target: what Payara charges any Jakarta Security mechanism"
  line "Payara full / floor, GET:" full-get floor-get "" "no target: SSR Guard's own share on top of that"
  line "Tomcat full / bare, GET: " tc-full-get tc-bare-get 0.90
  line "Tomcat full / bare, POST:" tc-full-post tc-bare-post 0.90
  echo
  echo "per-round figures: $OUT/rounds.txt (case round req/s p50ms p99ms cpu-us/req)"
} | tee "$OUT/results.md"

for server in payara tomcat; do
  if [ -s "$OUT/jfr-summary-$server.txt" ]; then
    echo
    echo "JFR profile of the full chain on $server ($OUT/full-chain-$server.jfr):"
    cat "$OUT/jfr-summary-$server.txt"
  fi
done
