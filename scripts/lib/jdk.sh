# Sourced by Baton's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# JAVA_HOME wins when it is one; otherwise the newest JDK under /usr/lib/jvm.

baton_java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
  fi
}

baton_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    local major
    major=$(baton_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      return 0
    fi
    echo "baton: JAVA_HOME=$JAVA_HOME is not a JDK >= 21 (found '${major:-none}'); looking under /usr/lib/jvm" >&2
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [ -d "$dir" ] && [ ! -L "$dir" ] || continue
    major=$(baton_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "baton: no JDK >= 21 found. Set JAVA_HOME to one, or install one under /usr/lib/jvm (e.g. apt-get install openjdk-21-jdk)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

baton_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries touch sun.misc.Unsafe; newer JDKs warn about it on every run.
if [ "$(baton_java_major "$JAVA_HOME")" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
