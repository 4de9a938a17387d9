#!/usr/bin/env bash
# Runs the concurrency-heavy test classes again and again on a loaded machine, under the C2 compiler, so that
# interleavings the usual C1-only test JVMs hide get their chance (issue 16's acceptance). From the root:
#   bash tools/stress.sh [RUNS]          # default 20 runs; stops at the first failing run
# Two busy loops keep both cores occupied for the whole run and end with it (BUSY=0 leaves them out, when
# another process, e.g. a CI run, already keeps the cores busy). Loopback only; bounded by RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
MODULES=qrcode-domain,qrcode-testkit,qrcode-adapter-cache,qrcode-adapter-feign,qrcode-adapter-events,qrcode-adapter-redis,qrcode-client,qrcode-it
CLASSES='SingleFlightTest,QrCodeServiceConcurrencyTest,InProcessAccessTokenStoreTest,CaffeineAccessTokenStoreTest,CaffeineQrCodeStoreTest,FeignQrCodeGatewayConcurrencyTest,NoRetriesBelowFeignTest,TransportLifecycleTest,RedisAccessTokenStoreTest,RedisAccessTokenStoreClusterTest,RedisCreationLockClusterTest,RedisCreationLockTest,DistributedLockTest,ClusterSimulationTest,ScanSessionsTest,InProcessScanSessionStoreTest,RedisScanSessionStoreTest,RedisPushLedgerTest,PushLedgerKitTest,SharedDedupTest,ScanSessionsAcrossInstancesTest,CallbackServerLimitsTest,InMemoryQrCodeStoreTest,CaffeineImageStoreTest,RedisQrCodeStoreTest,WeChatQrCodesAccountsTest'
LOG=target/stress; mkdir -p "$LOG"

mvn -B -q -pl "$MODULES" -am test-compile -Djacoco.skip=true
busy() { while :; do :; done; }
if [ "${BUSY:-1}" != 0 ]; then
  busy & B1=$!; busy & B2=$!
  trap 'kill $B1 $B2 2>/dev/null || true' EXIT
fi

for i in $(seq 1 "$RUNS"); do
  start=$SECONDS
  if mvn -B -o -pl "$MODULES" -am test -Djacoco.skip=true -Dtest="$CLASSES" \
      -Dsurefire.failIfNoSpecifiedTests=false -Dtest.jit=-XX:-TieredCompilation > "$LOG/run-$i.log" 2>&1; then
    tests=$(grep -h 'Tests run:' "$LOG/run-$i.log" | grep -v ' in ' | awk -F'[:,]' '{s+=$2} END {print s}')
    echo "run $i of $RUNS: passed ($tests tests, $((SECONDS - start)) s, load $(cut -d' ' -f1 /proc/loadavg))"
  else
    echo "run $i of $RUNS: FAILED, see $LOG/run-$i.log"; grep -E 'FAIL|Tests run:.*Failures: [1-9]' "$LOG/run-$i.log" | head
    exit 1
  fi
done
echo "all $RUNS runs passed"
