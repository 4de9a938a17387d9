#!/usr/bin/env bash
# Runs every benchmark scenario and rewrites docs/benchmarks.md from the results (nothing in that page is
# typed by hand). From the repository root:   bash bench/run.sh
# About 13 to 14 minutes on 2 cores (budget: 15). Needs JDK 17+, Maven 3.8+ and python3. Results: qrcode-benchmarks/target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/qrcode-benchmarks/target/bench"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "n/a")
SECONDS=0

step() { printf '\n==> [%3ds] %s\n' "$SECONDS" "$*"; }

step "build: the benchmarks and everything they need, and the command line's jar (tests skipped: mvn verify runs them)"
mvn -B -q -pl qrcode-benchmarks -am package -DskipTests -Djacoco.skip=true
rm -rf "$OUT" && mkdir -p "$OUT"
CP="$ROOT/qrcode-benchmarks/target/classes:$(cat "$ROOT/qrcode-benchmarks/target/classpath.txt")"
JAR="$ROOT/qrcode-cli/target/qrcode.jar"
QUIET=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
JMH=(java "$QUIET" -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "-Xms1g -Xmx1g $QUIET")

step "scenario 5: retained bytes per cached code (qrcode-adapter-cache, profile memory-footprint)"
mvn -B -q -pl qrcode-adapter-cache -am process-test-classes -Pmemory-footprint -Djacoco.skip=true | tee "$OUT/memory.log" | grep -E 'retained|codes:'

step "scenario 1: cached hit vs bare Caffeine (JMH)"
"${JMH[@]}" 'CachedHitBenchmark' -f 2 -wi 10 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$OUT/jmh-cached.json" | grep -E '^(Benchmark|CachedHit)'

step "scenario 2: cold create, Feign vs the plain HttpClient 5 loop vs WxJava (java.net.http, HttpURLConnection for reference), 1 and 16 threads (JMH)"
"${JMH[@]}" 'ColdCreate(OneThread|SixteenThreads)' -f 1 -wi 15 -w 2s -i 5 -r 2s -prof gc -rf json -rff "$OUT/jmh-create.json" | grep -E '^(Benchmark|ColdCreate)'

step "scenario 4: encrypted scan push, handler vs WxJava fromEncryptedXml (JMH)"
"${JMH[@]}" 'EventHandlingBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc -rf json -rff "$OUT/jmh-events.json" | grep -E '^(Benchmark|EventHandling)'

step "scenario 3: 1,000 concurrent identical requests (15 rounds after 5 warm-up rounds; 1-caller rounds as baseline)"
java "$QUIET" -Xms1g -Xmx1g -cp "$CP" io.github.wechatqr.bench.ConcurrentIdenticalRequests 15 5 1000 "$OUT/concurrent.json"
java "$QUIET" -Xms1g -Xmx1g -cp "$CP" io.github.wechatqr.bench.ConcurrentIdenticalRequests 15 5 1 "$OUT/concurrent-single.json"

step "scenario 6: batch of 10,000 at concurrency 16, qrcode batch engine vs the plain HttpClient 5 loop (java.net.http loop for reference; after 1,000-code warm-up passes)"
java "$QUIET" -Xms1g -Xmx1g -cp "$CP" io.github.wechatqr.bench.BatchComparison 10000 16 1000 "$OUT/batch.json"

step "scenario 7: qrcode demo wall time, JVM start included (5 runs each; baseline: qrcode --version)"
python3 bench/timeit.py "$OUT/demo.json" 5 -- java -jar "$JAR" demo --out '{tmp}'
python3 bench/timeit.py "$OUT/version.json" 5 -- java -jar "$JAR" --version
# For reference only (a plain `java -jar` cannot take JVM flags from the jar): C1 only, and an AppCDS archive.
python3 bench/timeit.py "$OUT/demo-c1.json" 5 -- java -XX:TieredStopAtLevel=1 -jar "$JAR" demo --out '{tmp}'
java -XX:ArchiveClassesAtExit="$OUT/qrcode.jsa" -jar "$JAR" demo --out "$OUT/cds-demo" > /dev/null 2>&1
python3 bench/timeit.py "$OUT/demo-cds.json" 5 -- java -XX:SharedArchiveFile="$OUT/qrcode.jsa" -XX:TieredStopAtLevel=1 -jar "$JAR" demo --out '{tmp}'

step "profile: where a cold create's CPU goes, gateway and HttpClient 5 loop (JMH with JFR, 1 thread)"
bash bench/profile.sh

step "report: docs/benchmarks.md"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "n/a")
python3 bench/report.py "$OUT" "$ROOT/docs/benchmarks.md" \
  --started "$STARTED" --elapsed "$SECONDS" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" \
  --command "bash bench/run.sh"
step "done in ${SECONDS}s"
