#!/usr/bin/env bash
# Follows "Keycloak, step by step" in docs/oidc.md against a real Keycloak and the
# sample WAR on Payara Micro, and drives the browser's sign-in and sign-out with
# curl. See README.md beside this file. Not part of the Maven build, not run by CI.
#
# Environment (all optional):
#   KEYCLOAK_JAVA_HOME  Java for Keycloak (17 or newer, 21+ recommended by Keycloak);
#                       falls back to JAVA_HOME, then to java on PATH
#   KEYCLOAK_VERSION    Keycloak distribution from Maven (default 26.7.3)
#   KEEP_RUNNING=1      leave Keycloak and Payara running at the end (stop them yourself)
set -euo pipefail

KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
KC_PORT=8180
APP_PORT=18180
KC=http://localhost:$KC_PORT
APP=http://localhost:$APP_PORT
ISSUER=$KC/realms/shop
CALLBACK=$APP/auth/oidc/callback
POST_LOGOUT=$APP/
BACKCHANNEL=$APP/auth/oidc/backchannel-logout
USER_NAME=alice
USER_PASSWORD=alice-Pa55word-$RANDOM$RANDOM
ADMIN_PASSWORD=admin-$RANDOM$RANDOM$RANDOM

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$HERE/target
KC_HOME=$WORK/keycloak-$KEYCLOAK_VERSION
JAR=$WORK/jar                  # the browser's cookie jar
LOGS=$WORK/logs
START=$(date +%s)

KC_JAVA_HOME=${KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}
if [[ -n $KC_JAVA_HOME ]]; then KC_JAVA=$KC_JAVA_HOME/bin/java; else KC_JAVA=$(command -v java); fi
APP_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

for tool in curl mvn openssl base64 tar sed grep awk setsid; do
    command -v "$tool" >/dev/null || { echo "walkthrough: needs $tool on PATH" >&2; exit 2; }
done

PASSED=0
FAILED=0
pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }
check() { # check "description" command...
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
die() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); summary; exit 1; }
summary() {
    echo "walkthrough: $PASSED passed, $FAILED failed in $(( $(date +%s) - START )) s (Keycloak $KEYCLOAK_VERSION)"
}
log() { echo "walkthrough: $*"; }

KC_PID=
APP_PID=
stop() {
    local pid=$1
    [[ -n $pid ]] || return 0
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
    kill -9 -- "-$pid" 2>/dev/null || true
}
cleanup() {
    if [[ ${KEEP_RUNNING:-} == 1 ]]; then
        log "left running: Keycloak (process group $KC_PID), Payara Micro (process group $APP_PID)"
        return
    fi
    stop "$APP_PID"
    stop "$KC_PID"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A command that fails outside a check (kcadm, curl) ends the run under set -e; say where.
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND exited with $? (logs: $LOGS)"' ERR

in_use() { curl -s -o /dev/null --max-time 2 "http://localhost:$1/" ; }
in_use "$KC_PORT" && { echo "walkthrough: port $KC_PORT is in use; stop what runs there" >&2; exit 2; }
in_use "$APP_PORT" && { echo "walkthrough: port $APP_PORT is in use; stop what runs there" >&2; exit 2; }

# --- helpers ---------------------------------------------------------------
# header FILE NAME: the value of a response header (last one wins).
header() { grep -i "^$2:" "$1" | tail -1 | sed -e 's/^[^:]*: *//' -e 's/\r$//'; }
status() { head -1 "$1" | awk '{print $2}'; }
# query URL NAME: a query parameter, still URL-encoded.
query() { sed -n "s/.*[?&]$2=\([^&#]*\).*/\1/p" <<<"$1"; }
urldecode() { local s=${1//+/ }; printf '%b' "${s//%/\\x}"; }
# jwt_payload TOKEN: the decoded JSON payload of a JWT.
jwt_payload() {
    local p
    p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
    while (( ${#p} % 4 )); do p="$p="; done
    base64 -d <<<"$p"
}
# json_string JSON NAME: the value of a top-level string member.
json_string() { sed -n "s/.*\"$2\" *: *\"\([^\"]*\)\".*/\1/p" <<<"$1" | head -1; }
# realm_roles JSON: the strings of realm_access.roles, one a line.
realm_roles() { grep -o '"realm_access" *: *{ *"roles" *: *\[[^]]*\]' <<<"$1" | sed 's/.*\[//; s/\]//' | tr ',' '\n' | tr -d '" '; }
has_line() { grep -qx -- "$2" <<<"$1"; }
# A browser request with the cookie jar: browse METHOD URL OUT [curl args...]; headers in OUT.h, body in OUT.b
browse() {
    local method=$1 url=$2 out=$3; shift 3
    curl -s -X "$method" -c "$JAR" -b "$JAR" -D "$out.h" -o "$out.b" "$@" "$url"
    expire_cookies "$out.h"
}
# Drops from the jar the cookies a response deleted (Max-Age=0), as a browser does:
# curl 7.88 keeps all but one of several deleted in one response (curl issue 10677).
expire_cookies() {
    local name
    for name in $(grep -i '^set-cookie:' "$1" | sed 's/^[^:]*: *\([^=]*\)=.*/\1/' | sort -u); do
        if [[ -z $(grep -i "^set-cookie: *$name=" "$1" | grep -iv 'max-age=0' || true) ]]; then
            awk -F'\t' -v n="$name" '$6 != n' "$JAR" >"$JAR.tmp" && mv "$JAR.tmp" "$JAR"
        fi
    done
}
kcadm() { "$KC_HOME/bin/kcadm.sh" "$@" --config "$WORK/kcadm.config" 2>>"$LOGS/kcadm.log"; }

# --- 1. Keycloak and Payara Micro from Maven ---------------------------------
mkdir -p "$WORK" "$LOGS"
cd "$WORK"
rm -f "$JAR" "$WORK/kcadm.config" "$LOGS"/*
log "Java for Keycloak: $("$KC_JAVA" -version 2>&1 | head -1)"
TARBALL=$WORK/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz
if [[ ! -f $TARBALL ]]; then
    log "downloading Keycloak $KEYCLOAK_VERSION (about 170 MB) through Maven"
    mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
        -DoutputDirectory="$WORK" >"$LOGS/download.log" 2>&1 || { cat "$LOGS/download.log"; die "download of Keycloak"; }
fi
PAYARA_VERSION=$(sed -n 's:.*<payara-micro.version>\(.*\)</payara-micro.version>.*:\1:p' "$ROOT/pom.xml")
PAYARA_JAR=$WORK/payara-micro-$PAYARA_VERSION.jar
if [[ ! -f $PAYARA_JAR ]]; then
    log "downloading Payara Micro $PAYARA_VERSION through Maven"
    mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" \
        -DoutputDirectory="$WORK" >>"$LOGS/download.log" 2>&1 || { cat "$LOGS/download.log"; die "download of Payara Micro"; }
fi
# A fresh Keycloak every run: its dev database lives inside the unpacked directory.
rm -rf "$KC_HOME" "$WORK/payara-root"
tar xzf "$TARBALL" -C "$WORK"

log "starting Keycloak on port $KC_PORT"
JAVA_HOME=${KC_JAVA_HOME:-${JAVA_HOME:-}} KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    setsid "$KC_HOME/bin/kc.sh" start-dev --http-port "$KC_PORT" >"$LOGS/keycloak.log" 2>&1 </dev/null &
KC_PID=$!

# --- 2. the sample WAR (package, never install) -------------------------------
log "building the sample WAR"
(cd "$ROOT" && mvn -B -q -pl war-sample -am package -DskipTests) >"$LOGS/build.log" 2>&1 \
    || { tail -50 "$LOGS/build.log"; die "mvn package of war-sample"; }
WAR=$ROOT/war-sample/target/ssrguard-sample.war
check "sample WAR built" test -f "$WAR"

for i in $(seq 1 180); do
    curl -sf -o /dev/null "$KC/realms/master/.well-known/openid-configuration" && break
    kill -0 "$KC_PID" 2>/dev/null || { tail -30 "$LOGS/keycloak.log"; die "Keycloak stopped while starting"; }
    sleep 1
done
curl -sf -o /dev/null "$KC/realms/master/.well-known/openid-configuration" || die "Keycloak did not start within 180 s"
pass "Keycloak $(sed -n 's/.*Keycloak \([0-9.]*\) on JVM.*/\1/p' "$LOGS/keycloak.log" | head -1) started in $(( $(date +%s) - START )) s since the script began"

# --- 3. configure Keycloak as the documented steps say (admin CLI) ------------
JAVA_HOME=${KC_JAVA_HOME:-${JAVA_HOME:-}} kcadm config credentials --server "$KC" --realm master \
    --user admin --password "$ADMIN_PASSWORD" >"$LOGS/kcadm.log" 2>&1 || die "kcadm login"
export JAVA_HOME=${KC_JAVA_HOME:-${JAVA_HOME:-}}

# Step 1: realm shop.
kcadm create realms -s realm=shop -s enabled=true >>"$LOGS/kcadm.log" 2>&1
DISCOVERY=$(curl -sf "$ISSUER/.well-known/openid-configuration")
check "step 1: realm shop, issuer $ISSUER" test "$(json_string "$DISCOVERY" issuer)" = "$ISSUER"

# Steps 2 and 3: confidential client, standard flow only, PKCE S256, the two URIs.
CLIENT_ID=$(kcadm create clients -r shop -i \
    -s clientId=shop-web -s protocol=openid-connect -s publicClient=false \
    -s standardFlowEnabled=true -s directAccessGrantsEnabled=false -s implicitFlowEnabled=false \
    -s serviceAccountsEnabled=false \
    -s "redirectUris=[\"$CALLBACK\"]" \
    -s "attributes.\"post.logout.redirect.uris\"=$POST_LOGOUT" \
    -s 'attributes."pkce.code.challenge.method"=S256' \
    -s frontchannelLogout=false \
    -s "attributes.\"backchannel.logout.url\"=$BACKCHANNEL" \
    -s 'attributes."backchannel.logout.session.required"=true')
CLIENT_JSON=$(kcadm get "clients/$CLIENT_ID" -r shop)
client_is() { local f; for f in "$@"; do grep -qF "$f" <<<"$CLIENT_JSON" || return 1; done; }
check "step 2: client shop-web is confidential, standard flow only, PKCE S256" \
    client_is '"publicClient" : false' '"standardFlowEnabled" : true' '"directAccessGrantsEnabled" : false' \
    '"implicitFlowEnabled" : false' '"serviceAccountsEnabled" : false' '"pkce.code.challenge.method" : "S256"'
check "step 3: redirect URI $CALLBACK, post logout redirect URI $POST_LOGOUT" \
    client_is "\"$CALLBACK\"" "\"post.logout.redirect.uris\" : \"$POST_LOGOUT\""
check "step 3: front channel logout Off, backchannel logout URL $BACKCHANNEL, session required On" \
    client_is '"frontchannelLogout" : false' "\"backchannel.logout.url\" : \"$BACKCHANNEL\"" \
    '"backchannel.logout.session.required" : "true"'

# Step 4: the client secret (Credentials tab).
SECRET=$(kcadm get "clients/$CLIENT_ID/client-secret" -r shop --fields value --format csv --noquotes)
check "step 4: client secret readable (${#SECRET} characters)" test -n "$SECRET"

# Step 5: realm roles user and admin, assigned to a user.
kcadm create roles -r shop -s name=user >>"$LOGS/kcadm.log" 2>&1
kcadm create roles -r shop -s name=admin >>"$LOGS/kcadm.log" 2>&1
kcadm create users -r shop -s username=$USER_NAME -s enabled=true -s email=$USER_NAME@shop.example \
    -s emailVerified=true -s firstName=Alice -s lastName=Shopper >>"$LOGS/kcadm.log" 2>&1
kcadm set-password -r shop --username $USER_NAME --new-password "$USER_PASSWORD" >>"$LOGS/kcadm.log" 2>&1
kcadm add-roles -r shop --uusername $USER_NAME --rolename user --rolename admin >>"$LOGS/kcadm.log" 2>&1
USER_ROLES=$(kcadm get-roles -r shop --uusername $USER_NAME --fields name)
check "step 5: user $USER_NAME has realm roles user and admin" \
    bash -c 'grep -q "\"admin\"" <<<"$1" && grep -q "\"user\"" <<<"$1"' _ "$USER_ROLES"

# What step 5 assumes of Keycloak's defaults.
ROLES_SCOPE=$(kcadm get client-scopes -r shop --fields id,name --format csv --noquotes | awk -F, '$2=="roles"{print $1}')
check "documented assumption: client scope 'roles' exists" test -n "$ROLES_SCOPE"
check "documented assumption: 'roles' is a default client scope of shop-web" \
    grep -q '"roles"' <<<"$(kcadm get "clients/$CLIENT_ID/default-client-scopes" -r shop --fields name)"
MAPPER=$(kcadm get "client-scopes/$ROLES_SCOPE/protocol-mappers/models" -r shop --fields id,name --format csv --noquotes \
    | awk -F, '$2=="realm roles"{print $1}')
MAPPER_JSON=$(kcadm get "client-scopes/$ROLES_SCOPE/protocol-mappers/models/$MAPPER" -r shop)
check "documented assumption: mapper 'realm roles' writes claim realm_access.roles" \
    grep -q '"claim.name" : "realm_access.roles"' <<<"$MAPPER_JSON"
check "documented assumption: its 'Add to ID token' is Off by default (so step 5 must turn it On)" \
    bash -c '! grep -q "\"id.token.claim\" : \"true\"" <<<"$1"' _ "$MAPPER_JSON"

# id_token_roles: a code flow of our own (PKCE S256, secret), prints the ID token's payload.
# Uses the browser's cookie jar, so needs a Keycloak session or signs in on the form.
id_token_payload() {
    local verifier challenge state url code body
    verifier=$(openssl rand -base64 48 | tr -d '=+/\n' | cut -c1-64)
    challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
    state=$RANDOM$RANDOM
    url="$ISSUER/protocol/openid-connect/auth?client_id=shop-web&response_type=code&scope=openid&state=$state"
    url+="&nonce=$RANDOM&redirect_uri=$(printf '%s' "$CALLBACK" | sed 's/:/%3A/g; s#/#%2F#g')"
    url+="&code_challenge=$challenge&code_challenge_method=S256"
    browse GET "$url" "$WORK/own1"
    if [[ $(status "$WORK/own1.h") == 200 ]]; then
        submit_login "$WORK/own1.b" "$WORK/own1"
    fi
    code=$(query "$(header "$WORK/own1.h" location)" code)
    [[ -n $code ]] || { echo "{}"; return; }
    body=$(curl -s -u "shop-web:$SECRET" -d grant_type=authorization_code -d "code=$code" \
        --data-urlencode "redirect_uri=$CALLBACK" -d "code_verifier=$verifier" \
        "$ISSUER/protocol/openid-connect/token")
    jwt_payload "$(json_string "$body" id_token)"
}
# submit_login PAGE OUT: posts the user's name and password to the login form in PAGE.
submit_login() {
    local action
    action=$(grep -o '<form[^>]*id="kc-form-login"[^>]*>' "$1" | grep -o 'action="[^"]*"' \
        | sed -e 's/^action="//' -e 's/"$//' -e 's/&amp;/\&/g')
    [[ -n $action ]] || return 0
    browse POST "$action" "$2" --data-urlencode "username=$USER_NAME" \
        --data-urlencode "password=$USER_PASSWORD" --data-urlencode credentialId=
}

PAYLOAD=$(id_token_payload)
check "our own code flow got an ID token for $USER_NAME" \
    test "$(json_string "$PAYLOAD" preferred_username)" = "$USER_NAME"
check "with Keycloak's default mapper the ID token has no realm_access.roles" \
    test -z "$(realm_roles "$PAYLOAD")"
rm -f "$JAR"   # a new browser: the next sign-in goes through the login form again

# Step 5, last part: Client scopes -> roles -> Mappers -> realm roles -> Add to ID token On.
kcadm update "client-scopes/$ROLES_SCOPE/protocol-mappers/models/$MAPPER" -r shop --merge \
    -s 'config."id.token.claim"=true' >>"$LOGS/kcadm.log" 2>&1
check "step 5: realm roles mapper's 'Add to ID token' switched On" \
    grep -q '"id.token.claim" : "true"' <<<"$(kcadm get "client-scopes/$ROLES_SCOPE/protocol-mappers/models/$MAPPER" -r shop)"

# --- 4. the sample on Payara Micro, step 6's settings from the environment ----
log "starting the sample on Payara Micro, port $APP_PORT, context root /"
mkdir -p "$WORK/payara-root"
SSRGUARD_OIDC_ENABLED=true \
SSRGUARD_OIDC_ISSUER=$ISSUER \
SSRGUARD_OIDC_CLIENT_ID=shop-web \
SSRGUARD_OIDC_CLIENT_SECRET=$SECRET \
SSRGUARD_OIDC_GROUPS_CLAIM=realm_access.roles \
SSRGUARD_OIDC_PROVIDER_LOGOUT=true \
    setsid "$APP_JAVA" -Dmp.config.profile=dev -jar "$PAYARA_JAR" --nocluster --port "$APP_PORT" \
    --contextroot / --deploy "$WAR" --rootDir "$WORK/payara-root" >"$LOGS/payara.log" 2>&1 </dev/null &
APP_PID=$!
for i in $(seq 1 180); do
    # 302 once the provider's configuration has loaded; 503 before; nothing before deployment
    code=$(curl -s -o /dev/null -w '%{http_code}' "$APP/auth/oidc/login" || true)
    [[ $code == 302 ]] && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$LOGS/payara.log"; die "Payara Micro stopped while starting"; }
    sleep 1
done
[[ $code == 302 ]] || { tail -30 "$LOGS/payara.log"; die "sample's /auth/oidc/login did not answer 302 within 180 s (last: $code)"; }
pass "sample deployed, provider loaded ($(grep -o 'provider [^ ]* loaded[^[]*' "$LOGS/payara.log" | head -1 | sed 's/ *$//'))"

# --- 5. the browser's sign-in ------------------------------------------------
browse GET "$APP/auth/oidc/login?returnTo=/api/profile" "$WORK/s1"
AUTH_URL=$(header "$WORK/s1.h" location)
check "GET /auth/oidc/login answers 302 to Keycloak's authorization endpoint" \
    test "$(status "$WORK/s1.h")" = 302 -a "${AUTH_URL%%\?*}" = "$ISSUER/protocol/openid-connect/auth"
check "the authorization request has PKCE S256, state, nonce and redirect_uri $CALLBACK" \
    test "$(query "$AUTH_URL" code_challenge_method)" = S256 -a -n "$(query "$AUTH_URL" state)" \
    -a -n "$(query "$AUTH_URL" nonce)" -a "$(urldecode "$(query "$AUTH_URL" redirect_uri)")" = "$CALLBACK"

browse GET "$AUTH_URL" "$WORK/s2"
check "Keycloak shows its login form" grep -q 'id="kc-form-login"' "$WORK/s2.b"
submit_login "$WORK/s2.b" "$WORK/s3"
BACK=$(header "$WORK/s3.h" location)
check "posting the form answers 302 to the sample's callback with code and state" \
    test "$(status "$WORK/s3.h")" = 302 -a "${BACK%%\?*}" = "$CALLBACK" -a -n "$(query "$BACK" code)"

browse GET "$BACK" "$WORK/s4"
check "the callback sets the access cookie and answers 302 to returnTo /api/profile" \
    test "$(status "$WORK/s4.h")" = 302 -a "$(header "$WORK/s4.h" location)" = /api/profile \
    -a -n "$(grep -i '^set-cookie: ssrguard-at=' "$WORK/s4.h")"
[[ $(status "$WORK/s4.h") == 302 ]] || cat "$WORK/s4.b"

browse GET "$APP/auth/me" "$WORK/me"
ME=$(cat "$WORK/me.b")
log "GET /auth/me: $ME"
check "GET /auth/me names $USER_NAME" test "$(json_string "$ME" name)" = $USER_NAME
GROUPS_LIST=$(grep -o '"groups" *: *\[[^]]*\]' <<<"$ME" | sed 's/.*\[//; s/\]//' | tr ',' '\n' | tr -d '" ')
check "GET /auth/me has groups user and admin (realm roles)" \
    bash -c 'grep -qx user <<<"$1" && grep -qx admin <<<"$1"' _ "$GROUPS_LIST"
browse GET "$APP/api/profile" "$WORK/profile"
log "GET /api/profile: $(cat "$WORK/profile.b")"
check "GET /api/profile (role user) answers 200 with admin true" \
    test "$(status "$WORK/profile.h")" = 200 -a -n "$(grep -o '"admin":true' "$WORK/profile.b")"
browse GET "$APP/api/admin" "$WORK/admin"
check "GET /api/admin (role admin) answers 200" test "$(status "$WORK/admin.h")" = 200

PAYLOAD=$(id_token_payload)
ID_ROLES=$(realm_roles "$PAYLOAD")
log "ID token realm_access.roles: $(tr '\n' ' ' <<<"$ID_ROLES")"
check "with 'Add to ID token' On the ID token carries realm_access.roles user and admin" \
    bash -c 'grep -qx user <<<"$1" && grep -qx admin <<<"$1"' _ "$ID_ROLES"
check "documented assumption: Keycloak's ID token carries sid (what back-channel logout names)" \
    test -n "$(json_string "$PAYLOAD" sid)"

# --- 6. sign-out, and the provider's logout ----------------------------------
browse GET "$APP/auth/csrf" "$WORK/csrf"
TOKEN=$(json_string "$(cat "$WORK/csrf.b")" token)
check "GET /auth/csrf gives the token that is also the CSRF cookie" \
    test -n "$TOKEN" -a "$(awk '$6=="ssrguard-csrf"{print $7}' "$JAR")" = "$TOKEN"
browse POST "$APP/auth/oidc/logout" "$WORK/logout" -H "Origin: $APP" -H "X-XSRF-TOKEN: $TOKEN"
LOGOUT=$(cat "$WORK/logout.b")
log "POST /auth/oidc/logout: $LOGOUT"
PROVIDER_LOGOUT=$(json_string "$LOGOUT" providerLogout)
check "POST /auth/oidc/logout answers 200 with providerLogout at Keycloak's end_session_endpoint" \
    test "$(status "$WORK/logout.h")" = 200 -a "${PROVIDER_LOGOUT%%\?*}" = "$(json_string "$DISCOVERY" end_session_endpoint)"
check "providerLogout carries client_id shop-web and post_logout_redirect_uri $POST_LOGOUT" \
    test "$(query "$PROVIDER_LOGOUT" client_id)" = shop-web \
    -a "$(urldecode "$(query "$PROVIDER_LOGOUT" post_logout_redirect_uri)")" = "$POST_LOGOUT"
HINT=$(jwt_payload "$(urldecode "$(query "$PROVIDER_LOGOUT" id_token_hint)")")
check "providerLogout carries id_token_hint: the ID token of this sign-in (preferred_username $USER_NAME)" \
    test "$(json_string "$HINT" preferred_username)" = "$USER_NAME" -a "$(json_string "$HINT" iss)" = "$ISSUER"
browse GET "$APP/auth/me" "$WORK/me2"
check "GET /auth/me answers 401 after the sign-out" test "$(status "$WORK/me2.h")" = 401

# With id_token_hint, Keycloak ends its session at once: no "Do you want to log out?" page.
browse GET "$PROVIDER_LOGOUT" "$WORK/kl1"
check "Keycloak ends its session without asking and redirects to $POST_LOGOUT" \
    test "$(status "$WORK/kl1.h")" = 302 -a "$(header "$WORK/kl1.h" location)" = "$POST_LOGOUT" \
    -a -z "$(grep -o 'name="confirmLogout"' "$WORK/kl1.b")"
browse GET "$AUTH_URL" "$WORK/kl3"
check "a new sign-in at Keycloak asks for the password again" grep -q 'id="kc-form-login"' "$WORK/kl3.b"

# --- 7. back-channel logout: Keycloak ends the session, the sample's ends too --
rm -f "$JAR"   # a new browser
sign_in() { # signs the browser in through the sample, as in part 5
    browse GET "$APP/auth/oidc/login?returnTo=/" "$WORK/b1"
    browse GET "$(header "$WORK/b1.h" location)" "$WORK/b2"
    submit_login "$WORK/b2.b" "$WORK/b3"
    browse GET "$(header "$WORK/b3.h" location)" "$WORK/b4"
}
# renews: drops the access cookie from the jar, as if it had expired, and asks /auth/me,
# which renews it from the refresh cookie; prints the status.
renews() {
    awk -F'\t' '$6 != "ssrguard-at"' "$JAR" >"$JAR.tmp" && mv "$JAR.tmp" "$JAR"
    browse GET "$APP/auth/me" "$WORK/renew"
    status "$WORK/renew.h"
}
USER_ID=$(kcadm get users -r shop -q exact=true -q "username=$USER_NAME" --fields id --format csv --noquotes)
# the access cookie's value in the jar (dev profile: no __Host- prefix)
access_cookie() { awk -F'\t' '$6=="ssrguard-at"{print $7}' "$JAR"; }
# with_access TOKEN: the status of /auth/me for a client holding only that access token
with_access() { curl -s -o /dev/null -w '%{http_code}' -b "ssrguard-at=$1" "$APP/auth/me"; }
ended_lines() { grep -c 'back-channel logout from the provider ended 1 session' "$LOGS/payara.log" || true; }
# provider_ends HOW COMMAND...: signs in through the sample, lets Keycloak end the session
# with COMMAND (an administrator's action), and checks that Keycloak's logout token ended
# the sample's session: the old access token refused within the bound (2 s), the refresh
# cookie refused.
provider_ends() {
    local how=$1 access before after waited status
    shift
    rm -f "$JAR"   # a new browser
    sign_in
    access=$(access_cookie)
    check "$how: signed in through the sample, the access token alone answers 200" \
        test -n "$access" -a "$(with_access "$access")" = 200
    before=$(ended_lines)
    "$@" >>"$LOGS/kcadm.log" 2>&1
    local t0
    t0=$(date +%s%N)
    for _ in $(seq 1 100); do
        after=$(ended_lines)
        (( after > before )) && break
        sleep 0.1
    done
    check "$how: Keycloak's logout token reached the sample and ended 1 session (payara.log)" \
        test "$after" -gt "$before"
    for _ in $(seq 1 20); do
        status=$(with_access "$access")
        [[ $status == 401 ]] && break
        sleep 0.1
    done
    waited=$(( ($(date +%s%N) - t0) / 1000000 ))
    check "$how: the old access token is refused (401) within the 2 s bound ($waited ms after the logout was seen)" \
        test "$status" = 401 -a "$waited" -le 2000
    check "$how: the session can no longer be renewed from its refresh cookie (401)" test "$(renews)" = 401
}
# An administrator ends all of alice's Keycloak sessions (Admin REST API POST
# /admin/realms/shop/users/{id}/logout; the Admin CLI's documented form, whose body the
# server ignores). Keycloak posts a logout token to every client of those sessions that
# has a backchannel logout URL.
provider_ends "Users -> alice -> Sign out" kcadm create "users/$USER_ID/logout" -r shop -s realm=shop -s "user=$USER_ID"
# An administrator deletes the one session (Sessions tab -> Sign out; DELETE /admin/realms/shop/sessions/{id}).
delete_session() {
    local session
    session=$(kcadm get "users/$USER_ID/sessions" -r shop --fields id --format csv --noquotes | head -1)
    [[ -n $session ]] || { echo "no Keycloak session of $USER_NAME" >&2; return 1; }
    kcadm delete "sessions/$session" -r shop
}
provider_ends "Sessions -> the session -> Sign out" delete_session
check "no back-channel logout was refused" bash -c '! grep -q "back-channel logout refused" "$1"' _ "$LOGS/payara.log"

summary
[[ $FAILED == 0 ]]
