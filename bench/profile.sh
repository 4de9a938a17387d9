#!/usr/bin/env bash
# Where a cold create's CPU goes, for the gateway and for the plain HttpClient 5 loop: JMH's JFR profiler
# records the measured iterations of ColdCreateOneThread (1 thread), and bench/profile.py sorts the benchmark
# thread's execution and allocation samples by layer (the innermost frame that is not the JDK's own). bench/run.sh calls it;
# on its own, after a run.sh build:   bash bench/profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/qrcode-benchmarks/target/bench"
CP="$ROOT/qrcode-benchmarks/target/classes:$(cat "$ROOT/qrcode-benchmarks/target/classpath.txt")"
QUIET=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
mkdir -p "$OUT/jfr"
# JFR's own "profile" settings, sampling every millisecond (not 10) and up to 5,000 allocations a second, so
# that ten seconds of one thread give enough samples to tell the layers apart.
JFC="$OUT/jfr/dense.jfc"
sed -e 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">1 ms</setting>|' \
    -e 's|<setting name="throttle" control="allocation-profiling">300/s</setting>|<setting name="throttle" control="allocation-profiling">5000/s</setting>|' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
for client in feign rawHc5; do
  java "$QUIET" -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "-Xms1g -Xmx1g $QUIET" \
    "ColdCreateOneThread.$client\$" -f 1 -wi 10 -w 2s -i 5 -r 2s \
    -prof "jfr:dir=$OUT/jfr/$client;configName=$JFC" -rf json -rff "$OUT/jfr/$client.json" | grep -E '^(Benchmark|ColdCreate)'
  jfr print --events jdk.ExecutionSample,jdk.ObjectAllocationSample --stack-depth 96 "$(find "$OUT/jfr/$client" -name '*.jfr' | head -1)" > "$OUT/jfr/$client.txt"
done
python3 bench/profile.py "$OUT/jfr" > "$OUT/profile.json"
