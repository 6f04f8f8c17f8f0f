#!/usr/bin/env bash
# The library at 1,000 documents (about 17 MB of text), side by side in one
# run: `zhengce search Q` (whole process: open the library, check the index,
# search, print) against `fzf --filter Q` and `sk --filter Q` over the same
# text, one item a line (examples/gen_library.rs writes both). Then peak
# memory of each (/usr/bin/time -v), and the per-keystroke search time of a
# browser-like loop (examples/lib_timing.rs).
#
# Needs fzf and hyperfine (apt-get install -y fzf hyperfine); skim's `sk` is
# used when installed (cargo install skim). Usage:
#   scripts/bench-library.sh [DOCS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

docs=${1:-1000}
runs=${2:-20}
dir=${TMPDIR:-/tmp}/zhengce-bench-library
src=$dir/src
lib=$dir/lib

for t in fzf hyperfine; do
    command -v $t >/dev/null || { echo "bench-library: $t not found (apt-get install -y fzf hyperfine)" >&2; exit 2; }
done
sk=$(command -v sk || true)
[ -n "$sk" ] || [ ! -x "$HOME/.cargo/bin/sk" ] || sk=$HOME/.cargo/bin/sk

cargo build --quiet --release --bin zhengce --example gen_library --example lib_timing
bin=target/release/zhengce
rm -rf "$dir"
./target/release/examples/gen_library "$src" "$docs"
/usr/bin/time -f "add: %e s, peak %M KB" "$bin" --library "$lib" add "$src"/docs/*.json >/dev/null
txt=$src/all.txt
echo "library: $docs documents, text $(wc -c <"$txt") bytes ($(wc -l <"$txt") lines), index $(du -sh "$lib/index" | cut -f1)"
echo "zhengce $($bin --version | cut -d' ' -f2), $(fzf --version | head -1 | sed 's/^/fzf /')${sk:+, sk $($sk --version | awk '{print $2}')}, $(nproc) CPUs"

queries=(量子计算 知识产权质押 zjtx kaifayinhang 融资 "融资 担保" "d:川府发 融资" 首台套重大技术装备)

for q in "${queries[@]}"; do
    cmds=(-n "zhengce search" "$bin --library $lib search '$q' >/dev/null"
          -n "fzf --filter" "fzf --filter '$q' <$txt >/dev/null")
    [ -z "$sk" ] || cmds+=(-n "sk --filter" "$sk --filter '$q' <$txt >/dev/null")
    echo "== $q"
    hyperfine --shell=bash --warmup 3 --runs "$runs" --ignore-failure --style basic "${cmds[@]}" 2>&1 |
        grep -E '^(Benchmark|  Time|  Range)' || true
done

echo "== peak memory (KB), text is $(( $(wc -c <"$txt") / 1024 )) KB"
for q in "${queries[@]}"; do
    # A miss exits 1 (as grep): not an error here.
    z=$( { /usr/bin/time -f %M "$bin" --library "$lib" search "$q" >/dev/null || true; } 2>&1 | tail -1)
    f=$( { /usr/bin/time -f %M fzf --filter "$q" <"$txt" >/dev/null || true; } 2>&1 | tail -1)
    s=-; [ -z "$sk" ] || s=$( { /usr/bin/time -f %M "$sk" --filter "$q" <"$txt" >/dev/null || true; } 2>&1 | tail -1)
    printf '%-24s zhengce %8s  fzf %8s  sk %8s\n' "$q" "$z" "$f" "$s"
done

echo "== each keystroke (library open once, first 200 results)"
./target/release/examples/lib_timing "$lib" 5 知识产权质押 zjtx kaifayinhang "融资 担保" 首台套重大技术装备
