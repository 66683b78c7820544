#!/usr/bin/env bash
# The benchmark (issue 14): for each corpus size, the read floor (calamine
# alone, examples/read_floor.rs) and the full fresh run, then a re-run on
# unchanged inputs (recognised as unchanged, nothing recomputed), then the
# same re-run with --force (everything recomputed), in one invocation on the
# same machine; prints wall time, peak memory and the ratios to the floor
# (with VERBOSE=1 also each round, and the processor seconds of the floor and
# the fresh run). Run by hand, not by CI:
#
#   bench/run.sh            # the demo county (14 units), 94 units, 1,014 units
#   bench/run.sh 0 200      # chosen sizes: extra towns beside the demo's 14 units
#   PROFILE=debug bench/run.sh 0
#   ROUNDS=5 bench/run.sh   # rounds per size (default 3)
#
# A shared machine's speed drifts by a factor of two from one minute to the
# next, so each size is measured in rounds: the floor, a fresh run, the
# unchanged re-run and the --force re-run, one after the other, in each
# round. Each ratio is taken within its round; the table shows each
# column's median over the rounds and the highest peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${PROFILE:-release}"
flag=$([ "$profile" = release ] && echo --release || echo)
cargo build $flag --bin zhaoshang --example read_floor >&2
target_dir="${CARGO_TARGET_DIR:-target}"
bin="$target_dir/$profile/zhaoshang"
floor="$target_dir/$profile/examples/read_floor"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(0 80 1000)

# wall seconds, peak KB and processor seconds (user + system) of a command,
# from GNU time.
measure() {
  local t
  t=$(mktemp)
  /usr/bin/time -o "$t" -f "%e %M %U %S" "$@" >/dev/null 2>&1 || true
  tail -1 "$t" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
  rm -f "$t"
}

rounds="${ROUNDS:-3}"

# The median of the numbers given.
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
highest() { printf "%s\n" "$@" | sort -g | tail -1; }

printf "%-8s %-8s %-16s %-16s %-8s %-16s %-8s %-16s %-8s\n" units files "floor s/MB" "run s/MB" "×floor" "rerun s/MB" "×floor" "--force s/MB" "×floor"
for towns in "${sizes[@]}"; do
  work=$(mktemp -d)
  "$bin" demo --data "$work/data" --towns "$towns" >/dev/null
  files=$(find "$work/data/submissions" -name '*.xlsx' | wc -l)
  f_s=() f_kb=() r_s=() r_kb=() r_x=() rr_s=() rr_kb=() rr_x=() rf_s=() rf_kb=() rf_x=()
  f_cpu=() r_cpu=() r_cx=()
  for _ in $(seq "$rounds"); do
    rm -rf "$work/output" "$work/store"
    sync
    read -r fs fkb fcpu <<<"$(measure "$floor" "$work/data/submissions")"
    read -r rs rkb rcpu <<<"$(measure "$bin" run --data "$work/data" --out "$work/output" --store "$work/store")"
    read -r rrs rrkb _ <<<"$(measure "$bin" run --data "$work/data" --out "$work/output" --store "$work/store")"
    read -r rfs rfkb _ <<<"$(measure "$bin" run --data "$work/data" --out "$work/output" --store "$work/store" --force)"
    f_s+=("$fs") f_kb+=("$fkb") r_s+=("$rs") r_kb+=("$rkb") rr_s+=("$rrs") rr_kb+=("$rrkb") rf_s+=("$rfs") rf_kb+=("$rfkb")
    r_x+=("$(ratio "$rs" "$fs")") rr_x+=("$(ratio "$rrs" "$fs")") rf_x+=("$(ratio "$rfs" "$fs")")
    f_cpu+=("$fcpu") r_cpu+=("$rcpu") r_cx+=("$(ratio "$rcpu" "$fcpu")")
  done
  mb() { echo $(($(highest "$@") / 1024)); }
  printf "%-8s %-8s %-16s %-16s %-8s %-16s %-8s %-16s %-8s\n" \
    "$((14 + towns))" "$files" \
    "$(median "${f_s[@]}")/$(mb "${f_kb[@]}")" "$(median "${r_s[@]}")/$(mb "${r_kb[@]}")" "$(median "${r_x[@]}")" \
    "$(median "${rr_s[@]}")/$(mb "${rr_kb[@]}")" "$(median "${rr_x[@]}")" \
    "$(median "${rf_s[@]}")/$(mb "${rf_kb[@]}")" "$(median "${rf_x[@]}")"
  if [ -n "${VERBOSE:-}" ]; then
    echo "  rounds: floor ${f_s[*]} | run ${r_s[*]} (×${r_x[*]}) | --force ${rf_s[*]} (×${rf_x[*]})"
    # Processor seconds move less than wall seconds on a shared machine:
    # a change's effect shows in them when the ratios above are noise.
    echo "  processor s (user+system): floor ${f_cpu[*]} | run ${r_cpu[*]} (×${r_cx[*]}, median ×$(median "${r_cx[@]}"))"
  fi
  rm -rf "$work"
done
