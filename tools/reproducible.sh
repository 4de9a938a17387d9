#!/usr/bin/env bash
# Reproducible builds: packages the published modules twice, from two copies of the work tree at two
# different paths, and fails unless every jar (main, sources, javadoc, the CLI's executable jar) comes out
# byte-identical. The pom's project.build.outputTimestamp is what makes it hold. From the root:
#   bash tools/reproducible.sh [MAVEN_OPTIONS]
# e.g. -Dproject.build.outputTimestamp= (no fixed time) shows it failing.
# Tests are neither compiled nor run (they change no published byte); .ci/run calls this after the verify.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/reproducible.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The modules that are never published (publish.skip) stay out, the starter's test modules too (they make no
# jar); the BOM is a pom and has no jar.
never_published='!qrcode-benchmarks,!qrcode-it,!examples/spring-boot-login,!qrcode-spring-boot-starter-tests,!qrcode-spring-boot-starter-tests/boot35,!qrcode-spring-boot-starter-tests/boot40,!qrcode-spring-boot-starter-tests/boot41'
options=("$@")

build() {
  local copy="$work/$1"
  mkdir -p "$copy"
  # The tracked and the new files as they are now (commit or not), without target/ or anything ignored.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard \
    | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$copy"
  if ! (cd "$copy" && mvn -B -q package -pl "$never_published" -Dmaven.test.skip=true -Djacoco.skip=true "${options[@]}") \
      > "$work/$1.log" 2>&1; then
    cat "$work/$1.log" >&2
    echo "reproducible: build $1 failed" >&2
    exit 1
  fi
  (cd "$copy" && find . -path '*/target/*.jar' -not -path '*/target/*/*' | sort)
}

first=$(build a)
second=$(build b)
if [ -z "$first" ]; then
  echo "reproducible: the build made no jar" >&2
  exit 1
fi
if [ "$first" != "$second" ]; then
  echo "reproducible: the two builds made different sets of jars" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi

# One line per archive entry: its name, time to the second, size and CRC.
entries() {
  join <(zipinfo -T "$1" | awk '$1 ~ /^[-d]/ {print $8, $7, $4}' | sort) \
       <(unzip -lv "$1" | awk 'length($7) == 8 && $7 ~ /^[0-9a-f]+$/ {print $8, $7}' | sort)
}

differ=0
count=0
while read -r jar; do
  count=$((count + 1))
  if ! cmp -s "$work/a/$jar" "$work/b/$jar"; then
    differ=1
    echo "reproducible: $jar differs between two builds; its entries that differ (name, time, size, CRC):" >&2
    diff <(entries "$work/a/$jar") <(entries "$work/b/$jar") | head -20 >&2 || true
  fi
done <<< "$first"

if [ "$differ" != 0 ]; then
  exit 1
fi
echo "reproducible: $count jars, byte-identical in two builds"
(cd "$work/a" && sha256sum $first)
