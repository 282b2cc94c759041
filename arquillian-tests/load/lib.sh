# Functions shared by run.sh and rotations.sh (sourced, not run). The caller sets
# ROOT (the repository), TARGET (this module's target), OUT (the results folder) and
# NAME (for messages).

say() { printf '%s\n' "$*" >&2; }
die() { say "$NAME: $*"; exit 1; }

# HTTP status of a request, or 000 when nothing answered.
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

random_key() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }

# Stops a process (TERM, then KILL after 30 s); nothing when it is gone already.
stop() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

# Builds the WARs, keys and servers of the -Pload profile (mvn package, never install),
# unless LOAD_SKIP_BUILD=1.
build() {
  if [ "${LOAD_SKIP_BUILD:-0}" != 1 ]; then
    say "building (mvn package -Pload; about a minute) ..."
    (cd "$ROOT" && mvn -B -q package -DskipTests -Pload -pl arquillian-tests/load,arquillian-tests/load/spring -am) \
      || die "the build failed"
  fi
}

# wait_ready CHECK PID LOG [PID LOG ...]: runs CHECK every 2 s until it succeeds (at most
# 300 s); stops with the log's tail when one of the servers exits or time runs out.
wait_ready() {
  local check=$1 i j
  shift
  for i in $(seq 1 150); do
    for ((j = 1; j <= $#; j += 2)); do
      local pid=${!j} k=$((j + 1))
      local log=${!k}
      kill -0 "$pid" 2>/dev/null || { tail -40 "$log" >&2; die "the server logging to $log exited during start"; }
    done
    if "$check"; then say "ready."; return 0; fi
    sleep 2
  done
  die "the servers were not ready within 300 s (logs: $OUT)"
}
