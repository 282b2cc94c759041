#!/usr/bin/env bash
# SSR Guard load benchmark (see README.md beside this script).
#
# Builds the sample and the two benchmark WARs (mvn package -Pload, never install),
# starts ONE Payara Micro with three applications and drives it over loopback with wrk,
# interleaving the cases round by round so that the machine's noise falls on all of them:
#   bare  /bare/api/...  the same endpoints with no security at all
#   full  /api/...       the sample: SSR Guard's mechanism (ES256 access cookie) and every
#                        filter of the test profile (headers, CSP nonce, gate, guard, CSRF)
#   peer  /peer/api/...  the same endpoints behind Payara's own MicroProfile JWT, reading
#                        the same ES256 access token (Authorization: Bearer)
#   floor /floor/api/... a control: the same endpoints behind a Jakarta Security mechanism
#                        that checks nothing (what Payara charges any mechanism)
# then records a short JFR profile of the full chain and summarises it.
#
# Settings (environment): LOAD_PORT (18081), LOAD_ROUNDS (3), LOAD_DURATION (10, seconds
# per case and round), LOAD_WARMUP (10, seconds per case), LOAD_CONNECTIONS (16),
# LOAD_THREADS (1, wrk threads), LOAD_JFR_SECONDS (20, 0 = no profile),
# LOAD_SKIP_BUILD (1 = reuse the last build), LOAD_HEAP (512m).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT=${LOAD_PORT:-18081}
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
UA="ssrguard-load-benchmark/1.0"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

say() { printf '%s\n' "$*" >&2; }
die() { say "load benchmark: $*"; exit 1; }

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
if [ "${LOAD_SKIP_BUILD:-0}" != 1 ]; then
  say "building (mvn package -Pload; about a minute) ..."
  (cd "$ROOT" && mvn -B -q package -DskipTests -Pload -pl arquillian-tests/load -am) \
    || die "the build failed"
fi
SAMPLE_WAR=$ROOT/war-sample/target/ssrguard-sample.war
for f in "$SAMPLE_WAR" "$TARGET/load-benchmark.war" "$TARGET/load-benchmark-peer.war" "$TARGET/load-benchmark-floor.war" \
         "$TARGET/payara-micro.jar" "$TARGET/load-keys/ssrguard.jwks"; do
  [ -f "$f" ] || die "$f is missing: run without LOAD_SKIP_BUILD"
done

rm -rf "$RUN" "$OUT"
mkdir -p "$RUN/apps" "$OUT"
# Context roots from the file names: ROOT -> /, bare -> /bare, peer -> /peer.
cp "$SAMPLE_WAR" "$RUN/apps/ROOT.war"
cp "$TARGET/load-benchmark.war" "$RUN/apps/bare.war"
cp "$TARGET/load-benchmark-peer.war" "$RUN/apps/peer.war"
cp "$TARGET/load-benchmark-floor.war" "$RUN/apps/floor.war"

# --- Payara Micro ----------------------------------------------------------------------
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

random_key() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }

say "starting Payara Micro on port $PORT ..."
# The sample runs in the test profile (every feature on). Secrets come from the
# environment the way an operator gives them; the ES256 key is the one the peer trusts.
# The access token lives 30 minutes so that no refresh happens during the run.
SSRGUARD_KEYS_JWKS=$(cat "$TARGET/load-keys/ssrguard.jwks") \
SSRGUARD_GUARD_SECRETS=$(random_key) \
SSRGUARD_CSRF_KEYS=$(random_key) \
SSRGUARD_AUTH_ACCESS_TOKEN_TTL=PT30M \
  "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -Dmp.config.profile=test \
    -jar "$TARGET/payara-micro.jar" --nocluster --port "$PORT" \
    --deploymentDir "$RUN/apps" --rootDir "$RUN/payara-root" \
    >"$OUT/payara.log" 2>&1 &
PID=$!

status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

ready=
for _ in $(seq 1 150); do
  kill -0 "$PID" 2>/dev/null || { tail -40 "$OUT/payara.log" >&2; die "Payara Micro exited during start"; }
  if [ "$(status "$BASE/health")" = 200 ] && [ "$(status "$BASE/auth/csrf")" = 200 ] \
     && [ "$(status "$BASE/bare/api/profile")" = 200 ] \
     && [ "$(status "$BASE/peer/api/profile")" = 401 ] && [ "$(status "$BASE/floor/api/profile")" = 401 ]; then
    ready=1; break
  fi
  sleep 2
done
[ -n "$ready" ] || { tail -40 "$OUT/payara.log" >&2; die "Payara Micro not ready within 300 s"; }
say "ready."

# --- sign in as a browser would ----------------------------------------------------------
header() { { grep -i "^$1:" "$2" || true; } | head -1 | sed -e 's/^[^:]*: *//' | tr -d '\r'; }
cookies() { { grep -i '^set-cookie:' "$1" || true; } | sed -e 's/^[^:]*: *//' -e 's/;.*//' | tr -d '\r'; }

CSRF_STATUS=$(curl -s -D "$OUT/csrf.headers" -o "$OUT/csrf.body" -w '%{http_code}' -A "$UA" "$BASE/auth/csrf")
[ "$CSRF_STATUS" = 200 ] || die "GET /auth/csrf answered $CSRF_STATUS (see $OUT/payara.log)"
ANON_COOKIE=$(cookies "$OUT/csrf.headers" | paste -sd ';' - | sed 's/;/; /g')
ANON_TOKEN=$(header X-XSRF-TOKEN "$OUT/csrf.headers")
[ -n "$ANON_TOKEN" ] || die "GET /auth/csrf gave no X-XSRF-TOKEN"
LOGIN_STATUS=$(curl -s -D "$OUT/login.headers" -o "$OUT/login.body" -w '%{http_code}' -A "$UA" \
  -H "Cookie: $ANON_COOKIE" -H "X-XSRF-TOKEN: $ANON_TOKEN" -H 'Content-Type: application/json' \
  --data '{"username":"alice","password":"alice123","rememberMe":false}' "$BASE/auth/login")
[ "$LOGIN_STATUS" = 200 ] || die "login answered $LOGIN_STATUS: $(cat "$OUT/login.body")"
# Every cookie the browser now holds (access, refresh, CSRF), sent on every request.
COOKIE=$(cookies "$OUT/login.headers" | paste -sd ';' - | sed 's/;/; /g')
XSRF=$(header X-XSRF-TOKEN "$OUT/login.headers")
ACCESS=$(cookies "$OUT/login.headers" | grep -- '-ssrguard-at=' | sed 's/^[^=]*=//')
[ -n "$ACCESS" ] || die "login set no access cookie"
[ -n "$XSRF" ] || die "login gave no fresh X-XSRF-TOKEN"

cat >"$RUN/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"text":"a note from the load benchmark"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# --- the cases -----------------------------------------------------------------------------
CASES="bare-get full-get peer-get floor-get bare-post full-post peer-post"
case_url() {
  case $1 in
    bare-get) echo "$BASE/bare/api/profile" ;;  full-get) echo "$BASE/api/profile" ;;
    peer-get) echo "$BASE/peer/api/profile" ;;  bare-post) echo "$BASE/bare/api/notes" ;;
    full-post) echo "$BASE/api/notes" ;;        peer-post) echo "$BASE/peer/api/notes" ;;
    floor-get) echo "$BASE/floor/api/profile" ;;
  esac
}
# The request headers of a case, one per line. Bare gets exactly what the full chain
# gets, so both parse the same bytes; the peer gets the token as a bearer (see README).
case_headers() {
  echo "User-Agent: $UA"
  case $1 in
    peer-*) echo "Authorization: Bearer $ACCESS" ;;
    floor-*) echo "Cookie: $COOKIE"; echo "X-Bench-User: alice" ;;
    *) echo "Cookie: $COOKIE"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF" ;; esac ;;
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
for c in $CASES; do
  got=$(curl_case "$c")
  [ "$got" = "$(case_expected "$c")" ] || die "$c answered $got: $(head -c 300 "$OUT/check.body")"
done
[ "$(status -A "$UA" "$BASE/api/profile")" = 401 ] || die "full chain without a cookie is not 401"
[ "$(status -A "$UA" "$BASE/peer/api/profile")" = 401 ] || die "peer without a token is not 401"
[ "$(status -A "$UA" "$BASE/floor/api/profile")" = 401 ] || die "floor without its header is not 401"
[ "$(status -A "$UA" -H "Cookie: $COOKIE" -H 'Content-Type: application/json' --data '{}' "$BASE/api/notes")" = 403 ] \
  || die "full-chain POST without the CSRF header is not 403"
grep -qi '^content-security-policy:.*nonce-' "$OUT/check-full-get.headers" || die "full chain sent no CSP nonce"
grep -qi '^x-content-type-options:' "$OUT/check-full-get.headers" || die "full chain sent no security headers"
say "checks passed: every case answers 200/201, full, peer and floor refuse without credentials, CSRF refuses without a token, CSP nonce and headers present."

# --- wrk -------------------------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat" 2>/dev/null || echo 0; }
TICKS_PER_S=$(getconf CLK_TCK)

# to_ms 812.34us | 1.20ms | 1.01s -> milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

# run_wrk CASE SECONDS OUTFILE -> prints "rps p50ms p99ms cpu_us_per_request"
run_wrk() {
  local args=(-t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 5s --latency)
  while IFS= read -r h; do args+=(-H "$h"); done < <(case_headers "$1")
  case $1 in *-post) args+=(-s "$RUN/post.lua") ;; esac
  local before after
  before=$(cpu_ticks)
  timeout $(( $2 + 30 )) wrk "${args[@]}" "$(case_url "$1")" >"$3" 2>&1 || die "wrk failed for $1: $(cat "$3")"
  after=$(cpu_ticks)
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

# --- JFR profile of the full chain ------------------------------------------------------------
if [ "$JFR_SECONDS" != 0 ]; then
  say "JFR: ${JFR_SECONDS} s full-chain GET + $(( JFR_SECONDS / 2 )) s POST under the 'profile' settings ..."
  "$JCMD" "$PID" JFR.start name=load settings=profile filename="$OUT/full-chain.jfr" >/dev/null
  run_wrk full-get "$JFR_SECONDS" "$OUT/jfr-full-get.txt" >/dev/null
  run_wrk full-post "$(( JFR_SECONDS / 2 ))" "$OUT/jfr-full-post.txt" >/dev/null
  "$JCMD" "$PID" JFR.stop name=load >/dev/null
  "$JAVA" "$HERE/src/tool/JfrSummary.java" "$OUT/full-chain.jfr" >"$OUT/jfr-summary.txt" 2>&1 \
    || say "the JFR summary failed: see $OUT/jfr-summary.txt"
fi

# --- results ---------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" -v k="$2" '$1 == c { print $k }' "$OUT/rounds.txt" | median; }

JDK=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
VM=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name/ {print $2}')
{
  echo "SSR Guard load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "JDK $JDK ($VM), Payara Micro, heap $HEAP; $(nproc) cores; wrk $THREADS thread(s), $CONNECTIONS connections, loopback"
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
  rg=$(ratio full-get bare-get); rp=$(ratio full-post bare-post)
  xg=$(ratio full-get peer-get); xp=$(ratio full-post peer-post)
  verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "holds" : "MISSED") }'; }
  echo "full / bare, GET:  $rg  (target >= 0.90: $(verdict "$rg" 0.90); stretch 0.95: $(verdict "$rg" 0.95))"
  echo "full / bare, POST: $rp  (target >= 0.90: $(verdict "$rp" 0.90); stretch 0.95: $(verdict "$rp" 0.95))"
  echo "full / peer, GET:  $xg  (target >= 5: $(verdict "$xg" 5))"
  echo "full / peer, POST: $xp  (target >= 5: $(verdict "$xp" 5))"
  echo "floor / bare, GET: $(ratio floor-get bare-get)  (no target: what Payara charges any Jakarta Security mechanism)"
  echo "full / floor, GET: $(ratio full-get floor-get)  (no target: SSR Guard's own share on top of that)"
  echo
  echo "per-round figures: $OUT/rounds.txt (case round req/s p50ms p99ms cpu-us/req)"
} | tee "$OUT/results.md"

if [ -s "$OUT/jfr-summary.txt" ]; then
  echo
  echo "JFR profile of the full chain ($OUT/full-chain.jfr):"
  cat "$OUT/jfr-summary.txt"
fi
