#!/bin/bash
# Per-thread CPU seconds (user + system) of a command, read from /proc every 0.1 s until it exits.
# Usage: bench/thread-cpu.sh node --import tsx src/cli/main.ts import --quiet FILES…
"$@" > /dev/null 2>&1 &
pid=$!
declare -A cpu name
while kill -0 $pid 2>/dev/null; do
  for f in /proc/$pid/task/*/stat; do
    read -r line < $f 2>/dev/null || continue
    tid=${line%% *}; rest=${line#*) }; comm=${line#*(}; comm=${comm%%)*}
    set -- $rest
    t=$(( ${12} + ${13} ))
    cpu[$tid]=$t; name[$tid]=$comm
  done
  sleep 0.1
done
total=0
for tid in "${!cpu[@]}"; do total=$((total + cpu[$tid])); [ ${cpu[$tid]} -ge 20 ] && echo "thread $tid ${name[$tid]}: $(echo "scale=2; ${cpu[$tid]}/100" | bc) s"; done
echo "total (threads seen): $(echo "scale=2; $total/100" | bc) s"
