#!/usr/bin/env bash
# The benchmark (issue 14): for each corpus size, the read floor (calamine
# alone, examples/read_floor.rs) and the full fresh run, then a re-run on
# unchanged inputs (recognised as unchanged, nothing recomputed), then the
# same re-run with --force (everything recomputed), in one invocation on the
# same machine; prints wall time, peak memory and the ratios to the floor.
# Run by hand, not by CI:
#
#   bench/run.sh            # the demo county (14 units), 94 units, 1,014 units
#   bench/run.sh 0 200      # chosen sizes: extra towns beside the demo's 14 units
#   PROFILE=debug bench/run.sh 0
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

# wall seconds and peak KB of a command, from GNU time.
measure() {
  local t
  t=$(mktemp)
  /usr/bin/time -o "$t" -f "%e %M" "$@" >/dev/null 2>&1 || true
  tail -1 "$t"
  rm -f "$t"
}

printf "%-8s %-8s %-16s %-16s %-8s %-16s %-8s %-16s %-8s\n" units files "floor s/MB" "run s/MB" "×floor" "rerun s/MB" "×floor" "--force s/MB" "×floor"
for towns in "${sizes[@]}"; do
  work=$(mktemp -d)
  "$bin" demo --data "$work/data" --towns "$towns" >/dev/null
  files=$(find "$work/data/submissions" -name '*.xlsx' | wc -l)
  sync
  read -r f_s f_kb <<<"$(measure "$floor" "$work/data/submissions")"
  read -r r_s r_kb <<<"$(measure "$bin" run --data "$work/data" --out "$work/output" --store "$work/store")"
  read -r rr_s rr_kb <<<"$(measure "$bin" run --data "$work/data" --out "$work/output" --store "$work/store")"
  read -r rf_s rf_kb <<<"$(measure "$bin" run --data "$work/data" --out "$work/output" --store "$work/store" --force)"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
  printf "%-8s %-8s %-16s %-16s %-8s %-16s %-8s %-16s %-8s\n" \
    "$((14 + towns))" "$files" \
    "$f_s/$((f_kb / 1024))" "$r_s/$((r_kb / 1024))" "$(ratio "$r_s" "$f_s")" \
    "$rr_s/$((rr_kb / 1024))" "$(ratio "$rr_s" "$f_s")" \
    "$rf_s/$((rf_kb / 1024))" "$(ratio "$rf_s" "$f_s")"
  rm -rf "$work"
done
