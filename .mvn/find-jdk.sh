# Sourced by ./mvnw, ./basicflow and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Order: JAVA_HOME if it is one, else the newest JDK >= 21 under /usr/lib/jvm.
# POSIX sh, because ./mvnw is a /bin/sh script.

basicflow_java_major() {
  # prints the feature version of the JDK at $1 (e.g. 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

basicflow_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(basicflow_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      return 0
    fi
  fi
  best=""
  best_major=0
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    major=$(basicflow_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "basicflow needs a JDK 21 or newer, and found none." >&2
    echo "  JAVA_HOME=${JAVA_HOME:-<unset>} is not a JDK >= 21, and /usr/lib/jvm holds none." >&2
    echo "  Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
