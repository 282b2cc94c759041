#!/usr/bin/env bash
# Fuzzes every @FuzzTest of filters-impl in turn, one JVM each (Jazzer fuzzes one target per JVM).
#   filters-impl/fuzz.sh [seconds-per-target] [target ...]
# Run from anywhere; targets are Class#method, default all of them. A finding stops at its target
# with the crash file under filters-impl/src/test/resources/.../<Class>Inputs/<method>/
# (see docs/testing.md, "Fuzzing"); the script goes on with the next target and exits non-zero.
set -u
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    io.ssrguard.auth.AccessTokenFuzzTest#accessTokenCookie
    io.ssrguard.auth.AccessTokenFuzzTest#splitAccessCookies
    io.ssrguard.auth.LoginRequestFuzzTest#jsonBody
    io.ssrguard.auth.LoginRequestFuzzTest#formBody
    io.ssrguard.csrf.CsrfTokenFuzzTest#decode
    io.ssrguard.csrf.CsrfTokenFuzzTest#payloadJson
    io.ssrguard.csrf.CsrfTokenFuzzTest#formField
    io.ssrguard.csp.CspParsersFuzzTest#violationReport
    io.ssrguard.csp.CspParsersFuzzTest#policyText
    io.ssrguard.http.HttpParsersFuzzTest#origin
    io.ssrguard.http.HttpParsersFuzzTest#forwardedHeaders
    io.ssrguard.http.HttpParsersFuzzTest#pathPattern
    io.ssrguard.oidc.FlowStateFuzzTest#flowStateCookie
    io.ssrguard.refresh.RefreshTokenFormatFuzzTest#refreshCookie
  )
fi
failed=()
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  if ! mvn -B -q ${MAVEN_ARGS:-} verify -pl filters-api,filters-impl -am -Pfuzz -Dfuzz.seconds="$seconds" \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "findings or failures in: ${failed[*]}" >&2
  exit 1
fi
echo "all ${#targets[@]} targets fuzzed for ${seconds}s without a finding"
