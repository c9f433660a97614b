#!/bin/sh
# Runs the trainer from the reactor build (nothing is installed into ~/.m2).
#   trainer/trainer.sh generate --out trainer/target/generated.jsonl
#   trainer/trainer.sh train ...      (see trainer/README.md for the full command)
#   trainer/trainer.sh evaluate --data ../shared/eval/dev.jsonl [--pred OUT.jsonl]
set -e
cd "$(dirname "$0")/.."
CP_FILE=trainer/target/classpath.txt
if [ -z "$TRAINER_NO_BUILD" ] || [ ! -f "$CP_FILE" ]; then
  mvn -B -o -q -pl trainer -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" >&2
fi
# The class path goes through an argument file: onnxruntime 1.29 crashed (SIGSEGV while creating its environment)
# when the java command line itself was long (about 4 KB of -cp), here and with padding of made-up entries alike.
ARGS_FILE=trainer/target/java-args.txt
echo "-cp trainer/target/classes:$(cat "$CP_FILE")" > "$ARGS_FILE"
# -XX:-OmitStackTraceInFastThrow: generated failures keep message and trace however hot the failing method is
exec java -Xmx3g -XX:-OmitStackTraceInFastThrow -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Djava.awt.headless=true \
  @"$ARGS_FILE" io.logdx.trainer.Trainer "$@"
