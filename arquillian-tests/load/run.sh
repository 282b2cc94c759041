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
#   filter /filter/api/... the sample in filter mode (ssrguard.auth.adapter=filter): no
#                        mechanism, AuthFilter authenticates and enforces, as on Tomcat
#   off   /off/api/...   a control: the sample with every feature of the pack off (the
#                        application's own weight and the container's filter calls)
#   sfloor /sfloor/api/... a control: the sample, the pack off, the floor's mechanism in it
#   Tomcat (no Jakarta Security: SSR Guard's AuthFilter authenticates)
#   tc-bare, tc-full     the same two cases on Tomcat, where the pack's own cost shows
#   tc-static            a control: bare plus a filter writing the full chain's response
#                        headers with fixed values (the bytes any pack must write)
#   WildFly (standalone-microprofile.xml)
#   wf-bare, wf-full, wf-floor, wf-filter, wf-off, wf-sfloor  as on Payara
#   wf-peer              the same endpoints behind WildFly's own MicroProfile JWT (SmallRye JWT)
#   Tomcat 11 (Spring Security 7 needs Servlet 6.1)
#   t11-bare, t11-full   as on Tomcat 10.1
#   t11-spring           the same endpoints behind Spring Security 7 (resource server, JWT
#                        from the access cookie, default headers, cookie CSRF on the POST)
# then records a short JFR profile of the full chain on each server and summarises it.
#
# Settings (environment): LOAD_PORT (18081, Payara), LOAD_TOMCAT_PORT (18082),
# LOAD_WILDFLY_PORT (18084; WildFly also binds that +360 for HTTPS and +10 for AJP, 19990/19993 for
# management and 18712/18713 for its transaction manager), LOAD_TOMCAT11_PORT (18085),
# LOAD_ROUNDS (3), LOAD_DURATION (10, seconds per case and round), LOAD_WARMUP (10,
# seconds per case), LOAD_CONNECTIONS (16), LOAD_THREADS (1, wrk threads),
# LOAD_JFR_SECONDS (20, 0 = no profile), LOAD_SKIP_BUILD (1 = reuse the last build),
# LOAD_HEAP (512m, each server), LOAD_CASES (all; a space-separated subset),
# LOAD_PROFILE (a space-separated list of cases, each recorded on its own for LOAD_JFR_SECONDS
# instead of the default full-chain profile, with a summary each, so that two cases, the full
# chain and the floor say, compare package by package).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT=${LOAD_PORT:-18081}
TC_PORT=${LOAD_TOMCAT_PORT:-18082}
WF_PORT=${LOAD_WILDFLY_PORT:-18084}
T11_PORT=${LOAD_TOMCAT11_PORT:-18085}
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
WF_BASE=http://127.0.0.1:$WF_PORT
T11_BASE=http://127.0.0.1:$T11_PORT
SPRING_WAR=$ROOT/arquillian-tests/load/spring/target/load-benchmark-spring.war
UA="ssrguard-load-benchmark/1.0"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=${JAVA_HOME:+$JAVA_HOME/bin/}jar

NAME="load benchmark"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# --- tools ---------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  die "wrk is missing. It is a Debian/Ubuntu package: apt-get install -y wrk (run apt-get update first if needed); on macOS: brew install wrk."
fi
for tool in curl "$JAVA" "$JAR"; do
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
         "$TARGET/load-benchmark-static.war" "$TARGET/load-benchmark-peer-wildfly.war" "$TARGET/wildfly.zip" \
         "$TARGET/tomcat11.tar.gz" "$SPRING_WAR" \
         "$TARGET/payara-micro.jar" "$TARGET/load-keys/ssrguard.jwks"; do
  [ -f "$f" ] || die "$f is missing: run without LOAD_SKIP_BUILD"
done

for port in "$PORT" "$TC_PORT" "$WF_PORT" "$T11_PORT"; do
  [ "$(status "http://127.0.0.1:$port/")" = 000 ] || die "port $port is in use (another run?): set LOAD_PORT / LOAD_TOMCAT_PORT  / LOAD_WILDFLY_PORT / LOAD_TOMCAT11_PORT"
done
rm -rf "$RUN" "$OUT"
mkdir -p "$RUN/apps" "$OUT"
# Context roots from the file names: ROOT -> /, bare -> /bare, peer -> /peer.
cp "$SAMPLE_WAR" "$RUN/apps/ROOT.war"
cp "$TARGET/load-benchmark.war" "$RUN/apps/bare.war"
cp "$TARGET/load-benchmark-peer.war" "$RUN/apps/peer.war"
cp "$TARGET/load-benchmark-floor.war" "$RUN/apps/floor.war"

# sample_variant NAME WEB_XML SETTINGS: the sample's WAR with WEB_XML as its web.xml, what
# $RUN/NAME-war/war/WEB-INF already holds, and SETTINGS (properties lines) in a jar of its own
# with a high ordinal, the way an operator's configuration layer adds settings to one
# application; written to $RUN/NAME.war and deployed on Payara as /NAME.
sample_variant() {
  local dir="$RUN/$1-war"
  mkdir -p "$dir/settings/META-INF" "$dir/war/WEB-INF/lib"
  printf 'config_ordinal=500\n%s' "$3" >"$dir/settings/META-INF/microprofile-config.properties"
  "$JAR" --create --file "$dir/war/WEB-INF/lib/$1-settings.jar" -C "$dir/settings" META-INF
  cp "$2" "$dir/war/WEB-INF/web.xml"
  cp "$SAMPLE_WAR" "$RUN/$1.war"
  "$JAR" --update --file "$RUN/$1.war" -C "$dir/war" WEB-INF
  cp "$RUN/$1.war" "$RUN/apps/$1.war"
}
TOMCAT_WEB_XML=$ROOT/war-sample/src/main/tomcat/web.xml

# The sample in filter mode: the Tomcat WAR's web.xml (AuthFilter declared, the access rules
# in ssrguard.auth.constraints instead of <security-constraint>s) and ssrguard.auth.adapter=filter.
sample_variant filter "$TOMCAT_WEB_XML" $'ssrguard.auth.adapter=filter\n'
FILTER_WAR=$RUN/filter.war

# A control: the sample with every feature of the pack switched off (no mechanism; its
# filters, declared as in the Tomcat WAR's web.xml, pass each request on), so that the
# sample application's own weight and the container's filter calls show apart from the
# pack's work.
PACK_OFF=
for feature in auth csrf csp headers gate guard passkeys oidc faces; do
  PACK_OFF="${PACK_OFF}ssrguard.$feature.enabled=false"$'\n'
done
sample_variant off "$TOMCAT_WEB_XML" "$PACK_OFF"
OFF_WAR=$RUN/off.war

# A control: the floor's do-nothing mechanism in the sample itself (its own web.xml and
# constraints, every feature of the pack off as above, TrustingMechanism added from the
# floor WAR): what any mechanism costs this application, against which full is the pack's
# whole cost. The floor WAR is the bare WAR's two servlets, a much lighter application.
mkdir -p "$RUN/sfloor-war/war"
(cd "$RUN/sfloor-war/war" && "$JAR" xf "$TARGET/load-benchmark-floor.war" WEB-INF/classes/io/ssrguard/bench/floor/TrustingMechanism.class)
sample_variant sfloor "$ROOT/war-sample/src/main/webapp/WEB-INF/web.xml" "$PACK_OFF"
SFLOOR_WAR=$RUN/sfloor.war

# --- the servers -------------------------------------------------------------------------
PID=
TC_PID=
WF_PID=
WF_SH_PID=
T11_PID=
cleanup() { stop "$PID"; stop "$TC_PID"; stop "$T11_PID"; stop "$WF_PID"; stop "$WF_SH_PID"; }
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
# unpack_tomcat ARCHIVE DIR PORT: a Tomcat in DIR with that server.xml and no webapps yet.
unpack_tomcat() {
  mkdir -p "$2"
  tar -xzf "$1" -C "$2" --strip-components=1
  rm -rf "$2/webapps" && mkdir -p "$2/webapps"
  cat >"$2/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="$3" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
    </Engine>
  </Service>
</Server>
XML
}
# start_tomcat DIR LOG [JVM OPTIONS...]: starts it in the background (its pid in $!).
start_tomcat() {
  local dir=$1 log=$2
  shift 2
  "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -Dmp.config.profile=test \
    -Dcatalina.home="$dir" -Dcatalina.base="$dir" -Djava.io.tmpdir="$dir/temp" \
    -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
    -Djava.util.logging.config.file="$dir/conf/logging.properties" "$@" \
    -cp "$dir/bin/bootstrap.jar:$dir/bin/tomcat-juli.jar" org.apache.catalina.startup.Bootstrap start \
    >"$log" 2>&1 &
}
say "starting Tomcat on port $TC_PORT ..."
TC=$RUN/tomcat
unpack_tomcat "$TARGET/tomcat.tar.gz" "$TC" "$TC_PORT"
cp "$SAMPLE_TOMCAT_WAR" "$TC/webapps/ROOT.war"
cp "$TARGET/load-benchmark.war" "$TC/webapps/bare.war"
cp "$TARGET/load-benchmark-static.war" "$TC/webapps/static.war"
start_tomcat "$TC" "$OUT/tomcat.log" -Dbench.static-headers="$RUN/static-headers.txt"
TC_PID=$!

# Tomcat 11: bare, the sample (a Servlet 6.0 application runs there unchanged) and Spring
# Security, which verifies the same ES256 tokens with the public JWK set of the peers.
say "starting Tomcat 11 on port $T11_PORT ..."
T11=$RUN/tomcat11
unpack_tomcat "$TARGET/tomcat11.tar.gz" "$T11" "$T11_PORT"
cp "$SAMPLE_TOMCAT_WAR" "$T11/webapps/ROOT.war"
cp "$TARGET/load-benchmark.war" "$T11/webapps/bare.war"
cp "$SPRING_WAR" "$T11/webapps/spring.war"
start_tomcat "$T11" "$OUT/tomcat11.log" -Dbench.jwks="$TARGET/load-keys/peer/publicKey.jwks"
T11_PID=$!

# WildFly from its own distribution on standalone-microprofile.xml (which has both
# ee-security and SmallRye JWT), changed offline by its own CLI: Jakarta Faces added
# (that configuration leaves it out; the sample has a Faces page), the one line every
# application mechanism needs (integrated-jaspi off, see README.md), no welcome
# content at / if the configuration has any (the sample is the root application), and the transaction manager's
# fixed ports moved out of the way of the container tests.
say "starting WildFly on port $WF_PORT ..."
unzip -q "$TARGET/wildfly.zip" -d "$RUN"
WF=$(echo "$RUN"/wildfly-*)
cat >"$RUN/wildfly.cli" <<CLI
embed-server --server-config=standalone-microprofile.xml --std-out=discard
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)
if (outcome != success) of /extension=org.jboss.as.jsf:read-resource
    /extension=org.jboss.as.jsf:add
end-if
if (outcome != success) of /subsystem=jsf:read-resource
    /subsystem=jsf:add
end-if
if (outcome == success) of /subsystem=undertow/server=default-server/host=default-host/location=\/:read-resource
    /subsystem=undertow/server=default-server/host=default-host/location=\/:remove
end-if
/socket-binding-group=standard-sockets/socket-binding=txn-recovery-environment:write-attribute(name=port,value=18712)
/socket-binding-group=standard-sockets/socket-binding=txn-status-manager:write-attribute(name=port,value=18713)
stop-embedded-server
CLI
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")} \
  "$WF/bin/jboss-cli.sh" --file="$RUN/wildfly.cli" >"$OUT/wildfly-cli.log" 2>&1 \
  || die "configuring WildFly failed: $(tail -5 "$OUT/wildfly-cli.log")"
cp "$SAMPLE_WAR" "$WF/standalone/deployments/ROOT.war"
cp "$TARGET/load-benchmark.war" "$WF/standalone/deployments/bare.war"
cp "$TARGET/load-benchmark-floor.war" "$WF/standalone/deployments/floor.war"
cp "$TARGET/load-benchmark-peer-wildfly.war" "$WF/standalone/deployments/peer.war"
cp "$FILTER_WAR" "$WF/standalone/deployments/filter.war"
cp "$OFF_WAR" "$WF/standalone/deployments/off.war"
cp "$SFLOOR_WAR" "$WF/standalone/deployments/sfloor.war"
# The JVM options standalone.conf would set, with the same heap as the other servers.
JAVA_OPTS="-Xms$HEAP -Xmx$HEAP -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true -Djboss.modules.system.pkgs=org.jboss.byteman -Dmp.config.profile=test" \
  "$WF/bin/standalone.sh" -c standalone-microprofile.xml -Djboss.bind.address=127.0.0.1 \
  -Djboss.http.port="$WF_PORT" -Djboss.https.port=$(( WF_PORT + 360 )) -Djboss.ajp.port=$(( WF_PORT + 10 )) \
  -Djboss.management.http.port=19990 -Djboss.management.https.port=19993 \
  >"$OUT/wildfly.log" 2>&1 &
WF_SH_PID=$!
# standalone.sh runs the server's JVM as its child: that JVM is what is measured and stopped.
# It runs short `java -version` probes as children first; only the server runs jboss-modules.jar.
for _ in $(seq 1 60); do
  WF_PID=$(pgrep -P "$WF_SH_PID" -f 'jboss-modules\.jar' || true)
  [ -n "$WF_PID" ] && break
  kill -0 "$WF_SH_PID" 2>/dev/null || { tail -40 "$OUT/wildfly.log" >&2; die "WildFly exited during start"; }
  sleep 1
done
[ -n "$WF_PID" ] || die "WildFly's JVM did not start (see $OUT/wildfly.log)"

servers_ready() {
  [ "$(status "$BASE/health")" = 200 ] && [ "$(status "$BASE/auth/csrf")" = 200 ] \
    && [ "$(status "$BASE/bare/api/profile")" = 200 ] \
    && [ "$(status "$BASE/peer/api/profile")" = 401 ] && [ "$(status "$BASE/floor/api/profile")" = 401 ] \
    && [ "$(status "$BASE/filter/auth/csrf")" = 200 ] \
    && [ "$(status "$TC_BASE/health")" = 200 ] && [ "$(status "$TC_BASE/bare/api/profile")" = 200 ] \
    && [ "$(status "$WF_BASE/health")" = 200 ] && [ "$(status "$WF_BASE/auth/csrf")" = 200 ] \
    && [ "$(status "$WF_BASE/bare/api/profile")" = 200 ] \
    && [ "$(status "$WF_BASE/peer/api/profile")" = 401 ] && [ "$(status "$WF_BASE/floor/api/profile")" = 401 ] \
    && [ "$(status "$WF_BASE/filter/auth/csrf")" = 200 ] \
    && [ "$(status "$T11_BASE/health")" = 200 ] && [ "$(status "$T11_BASE/bare/api/profile")" = 200 ] \
    && [ "$(status "$T11_BASE/spring/api/profile")" = 401 ]
}
wait_ready servers_ready "$PID" "$OUT/payara.log" "$TC_PID" "$OUT/tomcat.log" "$WF_PID" "$OUT/wildfly.log" \
  "$T11_PID" "$OUT/tomcat11.log"

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
sign_in "$WF_BASE" wildfly
sign_in "$BASE/filter" payara_filter
sign_in "$WF_BASE/filter" wildfly_filter
sign_in "$T11_BASE" tomcat11
# Spring Security's cookie CSRF repository takes any token the XSRF-TOKEN cookie and the
# X-XSRF-TOKEN header agree on (double submit); a script would have read it from the cookie.
SPRING_XSRF=$(cat /proc/sys/kernel/random/uuid)

cat >"$RUN/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"text":"a note from the load benchmark"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# --- the cases -----------------------------------------------------------------------------
ALL_CASES="bare-get full-get peer-get floor-get filter-get off-get sfloor-get tc-bare-get tc-static-get tc-full-get wf-bare-get wf-full-get wf-peer-get wf-floor-get wf-filter-get wf-off-get wf-sfloor-get"
ALL_CASES="$ALL_CASES t11-bare-get t11-full-get t11-spring-get"
ALL_CASES="$ALL_CASES bare-post full-post peer-post filter-post tc-bare-post tc-static-post tc-full-post wf-bare-post wf-full-post wf-peer-post wf-filter-post"
ALL_CASES="$ALL_CASES t11-bare-post t11-full-post t11-spring-post"
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
    filter-get) echo "$BASE/filter/api/profile" ;;  filter-post) echo "$BASE/filter/api/notes" ;;
    off-get) echo "$BASE/off/api/profile" ;;        wf-off-get) echo "$WF_BASE/off/api/profile" ;;
    sfloor-get) echo "$BASE/sfloor/api/profile" ;;  wf-sfloor-get) echo "$WF_BASE/sfloor/api/profile" ;;
    tc-bare-get) echo "$TC_BASE/bare/api/profile" ;; tc-full-get) echo "$TC_BASE/api/profile" ;;
    tc-bare-post) echo "$TC_BASE/bare/api/notes" ;;  tc-full-post) echo "$TC_BASE/api/notes" ;;
    tc-static-get) echo "$TC_BASE/static/api/profile" ;; tc-static-post) echo "$TC_BASE/static/api/notes" ;;
    wf-bare-get) echo "$WF_BASE/bare/api/profile" ;; wf-full-get) echo "$WF_BASE/api/profile" ;;
    wf-peer-get) echo "$WF_BASE/peer/api/profile" ;; wf-floor-get) echo "$WF_BASE/floor/api/profile" ;;
    wf-bare-post) echo "$WF_BASE/bare/api/notes" ;; wf-full-post) echo "$WF_BASE/api/notes" ;;
    wf-peer-post) echo "$WF_BASE/peer/api/notes" ;;
    wf-filter-get) echo "$WF_BASE/filter/api/profile" ;; wf-filter-post) echo "$WF_BASE/filter/api/notes" ;;
    t11-bare-get) echo "$T11_BASE/bare/api/profile" ;; t11-full-get) echo "$T11_BASE/api/profile" ;;
    t11-spring-get) echo "$T11_BASE/spring/api/profile" ;;
    t11-bare-post) echo "$T11_BASE/bare/api/notes" ;; t11-full-post) echo "$T11_BASE/api/notes" ;;
    t11-spring-post) echo "$T11_BASE/spring/api/notes" ;;
  esac
}
case_pid() { case $1 in tc-*) echo "$TC_PID" ;; wf-*) echo "$WF_PID" ;; t11-*) echo "$T11_PID" ;; *) echo "$PID" ;; esac; }
# The request headers of a case, one per line. Bare gets exactly what the full chain
# gets, so both parse the same bytes; the peer gets the token as a bearer (see docs/performance.md).
case_headers() {
  echo "User-Agent: $UA"
  case $1 in
    peer-*) echo "Authorization: Bearer $ACCESS_payara" ;;
    wf-peer-*) echo "Authorization: Bearer $ACCESS_wildfly" ;;
    wf-floor-*) echo "Cookie: $COOKIE_wildfly"; echo "X-Bench-User: alice" ;;
    wf-off-*) echo "Cookie: $COOKIE_wildfly" ;;
    off-*) echo "Cookie: $COOKIE_payara" ;;
    wf-sfloor-*) echo "Cookie: $COOKIE_wildfly"; echo "X-Bench-User: alice" ;;
    sfloor-*) echo "Cookie: $COOKIE_payara"; echo "X-Bench-User: alice" ;;
    wf-filter-*) echo "Cookie: $COOKIE_wildfly_filter"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF_wildfly_filter" ;; esac ;;
    wf-*) echo "Cookie: $COOKIE_wildfly"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF_wildfly" ;; esac ;;
    t11-spring-*) echo "Cookie: $COOKIE_tomcat11; XSRF-TOKEN=$SPRING_XSRF"; case $1 in *-post) echo "X-XSRF-TOKEN: $SPRING_XSRF" ;; esac ;;
    t11-*) echo "Cookie: $COOKIE_tomcat11"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF_tomcat11" ;; esac ;;
    floor-*) echo "Cookie: $COOKIE_payara"; echo "X-Bench-User: alice" ;;
    filter-*) echo "Cookie: $COOKIE_payara_filter"; case $1 in *-post) echo "X-XSRF-TOKEN: $XSRF_payara_filter" ;; esac ;;
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

# The static-headers control writes what the full chain on Tomcat wrote: every response
# header of a full-chain GET that bare does not send (cookies apart), with this response's values.
curl_case tc-full-get >/dev/null
curl_case tc-bare-get >/dev/null
header_names() { tr -d '\r' <"$1" | awk -F: 'NR > 1 && NF > 1 { print tolower($1) }'; }
tr -d '\r' <"$OUT/check-tc-full-get.headers" | awk -F: -v bare="$(header_names "$OUT/check-tc-bare-get.headers" | paste -sd ' ' -)" '
  BEGIN { n = split(bare, b, " "); for (i = 1; i <= n; i++) skip[b[i]] = 1; skip["set-cookie"] = 1 }
  NR > 1 && NF > 1 && !(tolower($1) in skip) { print }' >"$RUN/static-headers.txt"
[ -s "$RUN/static-headers.txt" ] || die "the full chain on Tomcat sent no header that bare does not"
cp "$RUN/static-headers.txt" "$OUT/static-headers.txt"

# Sanity: every case answers as expected, and the protected ones refuse without a credential.
for c in $ALL_CASES; do
  got=$(curl_case "$c")
  [ "$got" = "$(case_expected "$c")" ] || die "$c answered $got: $(head -c 300 "$OUT/check.body")"
done
for base in "$BASE" "$TC_BASE" "$WF_BASE" "$T11_BASE" "$T11_BASE/spring" "$BASE/filter" "$WF_BASE/filter"; do
  [ "$(status -A "$UA" "$base/api/profile")" = 401 ] || die "full chain at $base without a cookie is not 401"
done
for base in "$BASE" "$WF_BASE"; do
  [ "$(status -A "$UA" "$base/peer/api/profile")" = 401 ] || die "peer at $base without a token is not 401"
  [ "$(status -A "$UA" "$base/floor/api/profile")" = 401 ] || die "floor at $base without its header is not 401"
  [ "$(status -A "$UA" "$base/sfloor/api/profile")" = 401 ] || die "sample floor at $base without its header is not 401"
done
# One character of the signature changed (not the last: its low bits are padding a lenient decoder ignores).
tampered() { local t=$1 i=$(( ${#1} - 10 )) r=A; [ "${t:i:1}" = A ] && r=B; echo "${t:0:i}$r${t:i+1}"; }
[ "$(status -A "$UA" -H "Authorization: Bearer $(tampered "$ACCESS_wildfly")" "$WF_BASE/peer/api/profile")" = 401 ] \
  || die "peer on WildFly with a tampered signature is not 401: it does not verify"
grep -qi '^x-content-type-options:' "$OUT/check-tc-static-get.headers" || die "tc-static-get sent no static headers"
[ "$(status -A "$UA" -H "Cookie: __Host-ssrguard-at=$(tampered "$ACCESS_tomcat11")" "$T11_BASE/spring/api/profile")" = 401 ] \
  || die "Spring Security with a tampered signature is not 401: it does not verify"
[ "$(status -A "$UA" -H "Cookie: $COOKIE_tomcat11; XSRF-TOKEN=$SPRING_XSRF" -H 'Content-Type: application/json' --data '{}' "$T11_BASE/spring/api/notes")" = 403 ] \
  || die "Spring Security POST without the CSRF header is not 403"
grep -qi '^x-content-type-options:' "$OUT/check-t11-spring-get.headers" || die "Spring Security sent no default headers"
# Filter mode means no mechanism: each server said so when it vetoed it.
for log in "$OUT/payara.log" "$OUT/wildfly.log"; do
  grep -q 'ssrguard.auth.adapter=filter: the SSR Guard authentication mechanism is not installed' "$log" \
    || die "$log does not say that the filter-mode sample runs without the mechanism"
done
# A feature switched off through the environment (to measure what it costs) is not checked.
on() { [ "${1:-true}" != false ]; }
if on "${SSRGUARD_CSRF_ENABLED:-}"; then
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_payara" -H 'Content-Type: application/json' --data '{}' "$BASE/api/notes")" = 403 ] \
    || die "full-chain POST on Payara without the CSRF header is not 403"
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_tomcat" -H 'Content-Type: application/json' --data '{}' "$TC_BASE/api/notes")" = 403 ] \
    || die "full-chain POST on Tomcat without the CSRF header is not 403"
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_wildfly" -H 'Content-Type: application/json' --data '{}' "$WF_BASE/api/notes")" = 403 ] \
    || die "full-chain POST on WildFly without the CSRF header is not 403"
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_payara_filter" -H 'Content-Type: application/json' --data '{}' "$BASE/filter/api/notes")" = 403 ] \
    || die "filter-mode POST on Payara without the CSRF header is not 403"
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_wildfly_filter" -H 'Content-Type: application/json' --data '{}' "$WF_BASE/filter/api/notes")" = 403 ] \
    || die "filter-mode POST on WildFly without the CSRF header is not 403"
  [ "$(status -A "$UA" -H "Cookie: $COOKIE_tomcat11" -H 'Content-Type: application/json' --data '{}' "$T11_BASE/api/notes")" = 403 ] \
    || die "full-chain POST on Tomcat 11 without the CSRF header is not 403"
fi
for c in full-get tc-full-get wf-full-get t11-full-get filter-get wf-filter-get; do
  if on "${SSRGUARD_CSP_ENABLED:-}"; then
    grep -qi '^content-security-policy:.*nonce-' "$OUT/check-$c.headers" || die "$c sent no CSP nonce"
  fi
  if on "${SSRGUARD_HEADERS_ENABLED:-}"; then
    grep -qi '^x-content-type-options:' "$OUT/check-$c.headers" || die "$c sent no security headers"
  fi
done
say "checks passed: every case answers 200/201; full (every server), peers and floors refuse without credentials; CSRF refuses without a token; CSP nonce and headers present (what the environment switched off is not checked)."

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
# summarise RECORDING NAME: JfrSummary's report of a recording, into jfr-summary-NAME.txt.
summarise() {
  "$JAVA" "$HERE/src/tool/JfrSummary.java" "$1" >"$OUT/jfr-summary-$2.txt" 2>&1 \
    || say "the JFR summary failed: see $OUT/jfr-summary-$2.txt"
}
# profile SERVER PID GET-CASE POST-CASE
profile() {
  "$JCMD" "$2" JFR.start name=load settings=profile filename="$OUT/full-chain-$1.jfr" >/dev/null
  run_wrk "$3" "$JFR_SECONDS" "$OUT/jfr-$3.txt" >/dev/null
  run_wrk "$4" "$(( JFR_SECONDS / 2 ))" "$OUT/jfr-$4.txt" >/dev/null
  "$JCMD" "$2" JFR.stop name=load >/dev/null
  summarise "$OUT/full-chain-$1.jfr" "$1"
}
# profile_case CASE: one recording of one case, its Java threads sampled every 2 ms (the
# profile settings' 10 ms gives too few samples for a 10-20 s case). A server's first JFR
# recording starts JFR itself (class loading, recompilation), so each server is first
# recorded once for 5 s and that recording thrown away.
PRIMED=" "
profile_case() {
  local pid
  pid=$(case_pid "$1")
  case $PRIMED in *" $pid "*) ;; *)
    "$JCMD" "$pid" JFR.start name=prime settings=profile >/dev/null
    run_wrk "$1" 5 "$OUT/jfr-prime-$1.txt" >/dev/null
    "$JCMD" "$pid" JFR.stop name=prime >/dev/null
    PRIMED="$PRIMED$pid " ;;
  esac
  "$JCMD" "$pid" JFR.start name="case-$1" settings=profile 'jdk.ExecutionSample#period=2ms' \
    filename="$OUT/profile-$1.jfr" >/dev/null
  run_wrk "$1" "$JFR_SECONDS" "$OUT/jfr-$1.txt" >/dev/null
  "$JCMD" "$pid" JFR.stop name="case-$1" >/dev/null
  summarise "$OUT/profile-$1.jfr" "$1"
}
if [ "$JFR_SECONDS" != 0 ] && [ -n "${LOAD_PROFILE:-}" ]; then
  say "JFR: ${JFR_SECONDS} s for each of $LOAD_PROFILE, 'profile' settings ..."
  for c in $LOAD_PROFILE; do profile_case "$c"; done
elif [ "$JFR_SECONDS" != 0 ]; then
  say "JFR: ${JFR_SECONDS} s full-chain GET + $(( JFR_SECONDS / 2 )) s POST on each server, 'profile' settings ..."
  profile payara "$PID" full-get full-post
  profile tomcat "$TC_PID" tc-full-get tc-full-post
  profile wildfly "$WF_PID" wf-full-get wf-full-post
fi

# --- results ---------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" -v k="$2" '$1 == c { print $k }' "$OUT/rounds.txt" | median; }

JDK=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
VM=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name/ {print $2}')
tomcat_version() { "$JAVA" -cp "$1/lib/catalina.jar" org.apache.catalina.util.ServerInfo 2>/dev/null | awk '/^Server number/ {print $3}'; }
TC_VERSION=$(tomcat_version "$TC")
T11_VERSION=$(tomcat_version "$T11")
has() { case " $CASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
{
  echo "SSR Guard load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "JDK $JDK ($VM), Payara Micro, Tomcat $TC_VERSION and $T11_VERSION, $(basename "$WF"), heap $HEAP each; $(nproc) cores; wrk $THREADS thread(s), $CONNECTIONS connections, loopback"
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
  line "Payara full / peer, GET: " full-get peer-get 10
  line "Payara full / peer, POST:" full-post peer-post 10
  line "Payara floor / bare, GET:" floor-get bare-get "" "no target: what Payara charges any Jakarta Security mechanism"
  line "Payara full / floor, GET:" full-get floor-get 0.95
  line "Payara pack off / bare, GET:" off-get bare-get "" "no target: the sample application itself, the pack switched off"
  line "Payara filter / pack off, GET:" filter-get off-get "" "no target: the pack's own work in filter mode"
  line "Payara sample floor / pack off, GET:" sfloor-get off-get "" "no target: what a do-nothing mechanism costs the sample"
  line "Payara full / sample floor, GET:" full-get sfloor-get "" "no target: the pack's whole cost on the sample, mechanism included"
  line "Payara filter / bare, GET:  " filter-get bare-get "" "no target: the pack without any Jakarta Security mechanism"
  line "Payara filter / bare, POST: " filter-post bare-post "" "no target: the same on the POST"
  line "Payara filter / floor, GET: " filter-get floor-get "" "no target: above 1, filter mode beats any mechanism"
  line "Payara filter / full, GET:  " filter-get full-get "" "no target: the gain of filter mode"
  line "Payara filter / full, POST: " filter-post full-post "" "no target: the same on the POST"
  line "Tomcat full / bare, GET: " tc-full-get tc-bare-get 0.90
  line "Tomcat full / bare, POST:" tc-full-post tc-bare-post 0.90
  line "Tomcat static / bare, GET: " tc-static-get tc-bare-get "" "no target: what writing the headers costs the container"
  line "Tomcat static / bare, POST:" tc-static-post tc-bare-post "" "no target: the same on the POST"
  line "Tomcat full / static, GET: " tc-full-get tc-static-get 0.97
  line "Tomcat full / static, POST:" tc-full-post tc-static-post 0.97
  line "WildFly full / bare, GET: " wf-full-get wf-bare-get 0.90
  line "WildFly full / bare, POST:" wf-full-post wf-bare-post 0.90
  line "WildFly floor / bare, GET:" wf-floor-get wf-bare-get "" "no target: what WildFly charges any Jakarta Security mechanism"
  line "WildFly full / floor, GET:" wf-full-get wf-floor-get 0.95
  line "WildFly pack off / bare, GET:" wf-off-get wf-bare-get "" "no target: the sample application itself, the pack switched off"
  line "WildFly filter / pack off, GET:" wf-filter-get wf-off-get "" "no target: the pack's own work in filter mode"
  line "WildFly sample floor / pack off, GET:" wf-sfloor-get wf-off-get "" "no target: what a do-nothing mechanism costs the sample"
  line "WildFly full / sample floor, GET:" wf-full-get wf-sfloor-get "" "no target: the pack's whole cost on the sample, mechanism included"
  line "WildFly filter / bare, GET:  " wf-filter-get wf-bare-get "" "no target: the pack without any Jakarta Security mechanism"
  line "WildFly filter / bare, POST: " wf-filter-post wf-bare-post "" "no target: the same on the POST"
  line "WildFly filter / floor, GET: " wf-filter-get wf-floor-get "" "no target: above 1, filter mode beats any mechanism"
  line "WildFly filter / full, GET:  " wf-filter-get wf-full-get "" "no target: the gain of filter mode"
  line "WildFly filter / full, POST: " wf-filter-post wf-full-post "" "no target: the same on the POST"
  line "WildFly full / peer, GET: " wf-full-get wf-peer-get 10
  line "WildFly full / peer, POST:" wf-full-post wf-peer-post 10
  line "Tomcat 11 full / bare, GET: " t11-full-get t11-bare-get 0.90
  line "Tomcat 11 full / bare, POST:" t11-full-post t11-bare-post 0.90
  line "Tomcat 11 spring / bare, GET: " t11-spring-get t11-bare-get "" "no target: Spring Security's share"
  line "Tomcat 11 full / spring, GET: " t11-full-get t11-spring-get 10
  line "Tomcat 11 full / spring, POST:" t11-full-post t11-spring-post 10
  echo
  echo "per-round figures: $OUT/rounds.txt (case round req/s p50ms p99ms cpu-us/req)"
} | tee "$OUT/results.md"

for server in payara tomcat wildfly ${LOAD_PROFILE:-}; do
  if [ -s "$OUT/jfr-summary-$server.txt" ]; then
    echo
    case $server in
      payara|tomcat|wildfly) echo "JFR profile of the full chain on $server ($OUT/full-chain-$server.jfr):" ;;
      *) echo "JFR profile of $server alone ($OUT/profile-$server.jfr):" ;;
    esac
    cat "$OUT/jfr-summary-$server.txt"
  fi
done
