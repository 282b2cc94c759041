#!/usr/bin/env bash
# Runs the README's first command (the sample on Payara Micro) and the curl session after
# it, both read from README.md itself, and checks what the README promises: a CSRF token,
# the login as alice with the session cookies, /api/profile showing alice (and admin with
# the admin role), the site gate sending a browser from / to the sign-in page the README
# names, and that page served. The README's command runs with two properties of the run
# profile added: another port (-Dsample.port) and no data grid (-Dsample.data-grid, whose
# Hazelcast would listen on port 6900), so that the check neither needs nor holds a fixed
# port. Payara Micro is stopped at the end, also when a check fails. CI runs it after
# `mvn -B verify`.
#
# Environment (all optional):
#   README_CHECK_PORT   the port for the sample (default 48080)
#   README_CHECK_WAIT   seconds to wait for the sample to answer (default 240)
#   MAVEN_ARGS          extra Maven arguments, e.g. "-o" offline, "-B" for CI logs
set -euo pipefail

PORT=${README_CHECK_PORT:-48080}
WAIT=${README_CHECK_WAIT:-240}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
README=$ROOT/README.md
WORK=$HERE/target/readme-check
LOG=$WORK/payara.log
START=$(date +%s)

for tool in curl mvn sed awk grep ss setsid pgrep; do
    command -v "$tool" >/dev/null || { echo "readme-check: needs $tool on PATH" >&2; exit 2; }
done

PASSED=0
log() { echo "readme-check: $*"; }
pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
elapsed() { echo "$(( $(date +%s) - START )) s"; }
# A failed check ends the run: what follows depends on it.
fail() {
    echo "FAIL: $*" >&2
    echo "readme-check: $PASSED passed, then failed after $(elapsed) (files in $WORK)" >&2
    exit 1
}
check() { # check "description" command...
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
log_tail() { [[ -f $LOG ]] && { echo "--- last 40 lines of $LOG" >&2; tail -40 "$LOG" >&2; echo "---" >&2; } || true; }

# --- what the README says --------------------------------------------------------
# bash_block N: the lines of the README's Nth ```bash block.
bash_block() {
    awk -v n="$1" '/^```/ { if (inside) { inside = 0; next } if ($0 == "```bash") { count++; inside = (count == n); next } }
                   inside { print }' "$README"
}
# The README as one line, so that a sentence broken over lines can be matched.
PROSE=$(tr '\n' ' ' <"$README")

RUN_LINE=$(bash_block 1 | grep -m1 -v '^[[:space:]]*\(#\|$\)' || true)
RUN_COMMAND=$(sed 's/[[:space:]]\{1,\}#.*$//' <<<"$RUN_LINE")
[[ $RUN_COMMAND == "mvn "*" -Prun "* ]] \
    || fail "README's first command is not the sample's run command (mvn ... -Prun ...): '$RUN_COMMAND'"
README_URL=$(sed -n 's|.*\(http://localhost:[0-9]\{1,\}\).*|\1|p' <<<"$RUN_LINE")
[[ -n $README_URL ]] || fail "README's first command does not say where the sample answers (http://localhost:PORT): '$RUN_LINE'"
SESSION=$(bash_block 2)
grep -q "curl .*$README_URL/" <<<"$SESSION" \
    || fail "README's second bash block is not a curl session against $README_URL"
# "open http://localhost:8080/ (the site gate sends you to the pack's sign-in page, `/auth/sign-in`)"
read -r OPEN_URL SIGN_IN < <(sed -n \
    's|.*open \(http://localhost:[0-9]*/[^ ]*\) (the site gate sends you to [^)]*sign-in page, `\([^`]*\)`).*|\1 \2|p' <<<"$PROSE") || true
[[ -n ${OPEN_URL:-} && -n ${SIGN_IN:-} ]] \
    || fail "README no longer says 'open http://localhost:PORT/ (the site gate sends you to the pack's sign-in page, \`PATH\`)'"
# "sign in as `alice` / `alice123` (group `user`) or `admin` / `admin123` (groups `user`, `admin`)"
read -r USER_NAME USER_PASSWORD ADMIN_NAME ADMIN_PASSWORD < <(sed -n \
    's|.*sign in as `\([^`]*\)` / `\([^`]*\)` (group `user`) *or `\([^`]*\)` / `\([^`]*\)` (groups `user`, `admin`).*|\1 \2 \3 \4|p' <<<"$PROSE") || true
[[ -n ${ADMIN_PASSWORD:-} ]] || fail "README no longer names the sample's two users as 'sign in as \`U\` / \`P\` (group \`user\`) or ...'"
grep -qF "\"username\":\"$USER_NAME\",\"password\":\"$USER_PASSWORD\"" <<<"$SESSION" \
    || fail "README's curl session does not sign in as $USER_NAME / $USER_PASSWORD, the user the README names"
DEFAULT_PORT=$(sed -n 's:.*<sample.port>\(.*\)</sample.port>.*:\1:p' "$HERE/pom.xml")
check "README's address $README_URL is the run profile's default port ($DEFAULT_PORT)" \
    test "$README_URL" = "http://localhost:$DEFAULT_PORT"
APP=http://localhost:$PORT

# --- start it, on $PORT --------------------------------------------------------------
if curl -s -o /dev/null --max-time 2 "$APP/"; then
    echo "readme-check: port $PORT is in use; stop what runs there or set README_CHECK_PORT" >&2
    exit 2
fi
mkdir -p "$WORK"
rm -rf "${WORK:?}"/*

APP_PID=
stop() {
    [[ -n $APP_PID ]] || return 0
    local pid=$APP_PID
    APP_PID=
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do pgrep -g "$pid" >/dev/null || break; sleep 1; done
    if pgrep -g "$pid" >/dev/null; then
        echo "readme-check: Payara Micro did not stop within 30 s of SIGTERM; killing it" >&2
        kill -KILL -- "-$pid" 2>/dev/null || true
        sleep 1
    fi
    if pgrep -g "$pid" >/dev/null; then
        echo "FAIL: processes of the run are left: $(pgrep -a -g "$pid")" >&2
        return 1
    fi
    if ss -Hltn "sport = :$PORT" | grep -q .; then
        echo "FAIL: port $PORT still open after Payara Micro stopped" >&2
        return 1
    fi
    log "Payara Micro stopped, no process of the run left, port $PORT closed"
}
on_exit() {
    local rc=$?
    [[ $rc -eq 0 ]] || log_tail
    stop || rc=1
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND exited with $?" >&2' ERR

# MAVEN_ARGS is a list of words, as Maven 3.9 reads it; passed here for Maven 3.8, and
# emptied for the child so that Maven 3.9 does not add it a second time.
# shellcheck disable=SC2206
EXTRA=(${MAVEN_ARGS:-})
read -r -a COMMAND <<<"$RUN_COMMAND"
COMMAND+=(-Dsample.port="$PORT" -Dsample.data-grid=nohazelcast "${EXTRA[@]}")
log "starting the README's first command on port $PORT: ${COMMAND[*]}"
# setsid: Maven and the Payara Micro JVM it forks form one process group, stopped together.
(cd "$ROOT" && MAVEN_ARGS= exec setsid "${COMMAND[@]}") >"$LOG" 2>&1 </dev/null &
APP_PID=$!

DEADLINE=$(( $(date +%s) + WAIT ))
while (( $(date +%s) < DEADLINE )); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$APP/auth/csrf") == 200 ]] && break
    kill -0 "$APP_PID" 2>/dev/null || fail "the README's first command ended before the sample answered (log: $LOG)"
    sleep 1
done
[[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$APP/auth/csrf") == 200 ]] \
    || fail "the sample did not answer $APP/auth/csrf within $WAIT s (log: $LOG)"
STARTED=$(elapsed)
pass "the sample answers on $APP, $STARTED after the start (build included)"

# Payara Micro must open no port beside the HTTP one (Hazelcast, HTTPS, admin): those
# would be fixed ports, shared with every other run on the machine.
PIDS=$(pgrep -g "$APP_PID" | paste -sd'|')
PORTS=$(ss -Hltnp | grep -E "pid=($PIDS)," | awk '{print $4}' | sed 's/.*://' | sort -u | paste -sd' ')
check "the run listens on port $PORT only (listening: $PORTS)" test "$PORTS" = "$PORT"

# --- the README's curl session, as written but for the port ---------------------------
# session DIR USER PASSWORD: runs the README's block in DIR (its cookie jar is ./jar) as the
# user given; command N's output goes to DIR/out.N, its stderr to err.N, the jar after it to jar.N.
session() {
    local dir=$1 user=$2 password=$3 script=$1/session.sh n=0 command=
    mkdir -p "$dir"
    {
        echo "set -euo pipefail"
        while IFS= read -r line; do
            [[ -z $command && $line =~ ^[[:space:]]*(#|$) ]] && continue
            command+=$line$'\n'
            [[ $line == *\\ ]] && continue
            n=$((n + 1))
            echo "{"
            printf '%s' "$command"
            echo "} >out.$n 2>err.$n"
            echo "[ ! -f jar ] || cp jar jar.$n"
            command=
        done <<<"${SESSION//$README_URL/$APP}"
        # What the block leaves in the shell, for the checks below.
        echo 'printf %s "${TOKEN:-}" >token'
    } >"$script"
    sed -i "s|\"username\":\"$USER_NAME\",\"password\":\"$USER_PASSWORD\"|\"username\":\"$user\",\"password\":\"$password\"|" "$script"
    (cd "$dir" && bash "$script") || fail "README's curl session as $user failed (script: $script)"
}
status() { head -1 "$1" | awk '{print $2}'; }
# jar_cookies JAR [HttpOnly]: the names of the cookies in a curl cookie jar (lines of seven
# tab-separated fields; an HttpOnly cookie's line starts with #HttpOnly_), optionally only the HttpOnly ones.
jar_cookies() { awk -F'\t' -v only="${2:-}" 'NF == 7 && (only == "" || /^#HttpOnly_/) { print $6 }' "$1" | sort -u | paste -sd' '; }

S=$WORK/$USER_NAME
session "$S" "$USER_NAME" "$USER_PASSWORD"
check "curl .../auth/csrf gives a CSRF token: $(head -c 40 "$S/out.1")..." grep -q '"token":"[^"]\{20,\}"' "$S/out.1"
check "and a cookie, in the jar: $(jar_cookies "$S/jar.1")" test -n "$(jar_cookies "$S/jar.1")"
check "TOKEN=\$(...) holds it ($(wc -c <"$S/token") characters)" test -s "$S/token"
check "the login as $USER_NAME answers 200 (curl -i: $(head -1 "$S/out.3" | tr -d '\r'))" test "$(status "$S/out.3")" = 200
SESSION_COOKIES=$(comm -13 <(jar_cookies "$S/jar.1" | tr ' ' '\n') <(jar_cookies "$S/jar.3" | tr ' ' '\n') | paste -sd' ')
check "and puts the session cookies, access and refresh, into the jar: $SESSION_COOKIES" \
    test "$(wc -w <<<"$SESSION_COOKIES")" -ge 2
NEW_HTTP_ONLY=$(comm -13 <(jar_cookies "$S/jar.1" | tr ' ' '\n') <(jar_cookies "$S/jar.3" HttpOnly | tr ' ' '\n') | paste -sd' ')
check "  each of them HttpOnly" test "$NEW_HTTP_ONLY" = "$SESSION_COOKIES"
check "curl .../api/profile shows $USER_NAME without the admin role: $(cat "$S/out.4")" \
    grep -qx "{\"name\":\"$USER_NAME\",\"admin\":false}" "$S/out.4"

A=$WORK/$ADMIN_NAME
session "$A" "$ADMIN_NAME" "$ADMIN_PASSWORD"
check "the same session as $ADMIN_NAME / $ADMIN_PASSWORD: /api/profile shows the admin role: $(cat "$A/out.4")" \
    grep -qx "{\"name\":\"$ADMIN_NAME\",\"admin\":true}" "$A/out.4"

# --- opening / in a browser -------------------------------------------------------------
NAV=(-H 'Accept: text/html,application/xhtml+xml' -H 'Sec-Fetch-Mode: navigate' -H 'Sec-Fetch-Dest: document')
curl -s "${NAV[@]}" -D "$WORK/open.h" -o "$WORK/open.b" "${OPEN_URL/$README_URL/$APP}"
LOCATION=$(grep -i '^location:' "$WORK/open.h" | tail -1 | sed -e 's/^[^:]*: *//' -e 's/\r$//')
check "opening $OPEN_URL answers a redirect ($(head -1 "$WORK/open.h" | tr -d '\r'))" \
    grep -q '^HTTP/[0-9.]* 30[23] ' "$WORK/open.h"
TARGET=${LOCATION#"$APP"}
check "to the sign-in page the README names, $SIGN_IN (Location: $LOCATION)" \
    test "${TARGET%%\?*}" = "$SIGN_IN"
curl -s "${NAV[@]}" -D "$WORK/sign-in.h" -o "$WORK/sign-in.b" "$APP$TARGET"
check "the sign-in page answers 200 ($(head -1 "$WORK/sign-in.h" | tr -d '\r'))" test "$(status "$WORK/sign-in.h")" = 200
check "as HTML ($(grep -i '^content-type:' "$WORK/sign-in.h" | tr -d '\r'))" grep -qi '^content-type: *text/html' "$WORK/sign-in.h"
check "with a user name field" grep -q 'name="username"' "$WORK/sign-in.b"
check "and a password field" grep -q 'name="password"' "$WORK/sign-in.b"

CHECKED=$(elapsed)
trap - ERR
stop || fail "stopping Payara Micro"
log "$PASSED passed in $(elapsed) (sample answering after $STARTED, checks done after $CHECKED)"
