#!/usr/bin/env bash
# Runs the benchmarks and writes benchmarks/results/ (JMH JSON, storm and CLI tables, the storm plot).
#   benchmarks/run.sh short   # about 10 minutes on 2 cores
#   benchmarks/run.sh full    # JMH defaults of each benchmark, 30 s storms, a 1 GB log (about 45 minutes)
# Then: python3 benchmarks/report.py benchmarks/results > benchmarks/results/tables.md
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-short}
out=benchmarks/results
mkdir -p "$out"
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
if [ "$mode" = short ]; then
  # average time gets the longer measurement (its ratios are the headline); percentiles need fewer seconds.
  # 3 s of warm-up: a flood of never-seen failures spends the model-time burst (2 s) first, then its share
  jmh=(-f 1 -wi 3 -w 1 -i 3 -r 2)
  jmh_sample=(-f 1 -wi 2 -w 1 -i 2 -r 1)
  jmh_latency=(-f 1 -wi 2 -w 1 -i 2 -r 2)
  storm=(--seconds 8 --threads 2)
  mb=200
else
  jmh=()
  jmh_sample=()
  jmh_latency=()
  storm=(--seconds 30 --threads 2)
  mb=1024
fi
# the console goes to a file too: each diagnosing trial prints the share of its events that were enriched
java -jar "$jar" LoggingThreadBenchmark "${jmh[@]}" -bm avgt -tu ns -rf json -rff "$out/logging-thread.json" \
  | tee "$out/logging-thread.log"
java -jar "$jar" LoggingThreadBenchmark "${jmh_sample[@]}" -bm sample -tu ns -rf json -rff "$out/logging-thread-sample.json"
java -jar "$jar" DiagnosisLatencyBenchmark "${jmh_latency[@]}" -bm sample -tu us -rf json -rff "$out/latency.json"
# storms (Logback unless --framework log4j2): cold (none of the K failures seen before; the JVM warmed up on other
# failures) and warm (the K failures diagnosed before), with Logback's default overflow policy (ENRICH_CACHED:
# logging threads enrich known failures themselves on a full queue) and with PASS_THROUGH (every event that finds
# the queue full goes on unenriched)
java -Xmx1g -cp "$jar" io.logdx.benchmarks.StormBenchmark "${storm[@]}" --k 10,1000,100000 --out "$out"
java -Xmx1g -cp "$jar" io.logdx.benchmarks.StormBenchmark "${storm[@]}" --k 10,1000 --warm --out "$out"
java -Xmx1g -cp "$jar" io.logdx.benchmarks.StormBenchmark "${storm[@]}" --k 10,1000,100000 --policy PASS_THROUGH --out "$out"
java -Xmx1g -cp "$jar" io.logdx.benchmarks.StormBenchmark "${storm[@]}" --k 10,1000 --policy PASS_THROUGH --warm --out "$out"
java -Xmx1g -cp "$jar" io.logdx.benchmarks.StormBenchmark "${storm[@]}" --k 10,1000,100000 --rate 20000 --out "$out"
# a known incident on both frameworks, each with its default policy: 1 000 failures diagnosed before, 8 unpaced
# threads (storm-warm-8-threads.md, storm-log4j2-warm-8-threads.md)
for framework in logback log4j2; do
  java -Xmx1g -cp "$jar" io.logdx.benchmarks.StormBenchmark "${storm[@]}" --threads 8 --k 1000 --warm \
    --framework "$framework" --out "$out"
done
java -Xmx512m -cp "$jar" io.logdx.benchmarks.CliThroughputBenchmark --mb "$mb" --out "$out"
