#!/usr/bin/env bash
# Whole-process timing, side by side in one run: `zhengce --data big.json
# search Q` (load + index + search + print) against `fzf --filter Q` over the
# same corpus as text, one measure a line. The corpus is the embedded
# document's items repeated 300 times (about 5 MB of text), written by
# examples/big_corpus.rs.
#
# Needs fzf (apt-get install -y fzf); uses hyperfine when installed, else a
# plain loop. Usage: scripts/bench-vs-fzf.sh [COPIES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

copies=${1:-300}
runs=${2:-30}
dir=${TMPDIR:-/tmp}/zhengce-bench
mkdir -p "$dir"
json=$dir/big.json
txt=$dir/big.txt

command -v fzf >/dev/null || { echo "bench-vs-fzf: fzf not found (apt-get install -y fzf)" >&2; exit 2; }
cargo build --quiet --release --bin zhengce --example big_corpus
bin=target/release/zhengce
./target/release/examples/big_corpus "$json" "$txt" "$copies"
echo "corpus: $copies copies, $(wc -l <"$txt") lines, text $(du -h "$txt" | cut -f1), JSON $(du -h "$json" | cut -f1)"
echo "zhengce $($bin --version | cut -d' ' -f2), $(fzf --version | head -1 | sed 's/^/fzf /'), $(nproc) CPUs"

queries=(12366 知识产权质押 zjtx kaifayinhang 融资 量子计算)

if command -v hyperfine >/dev/null; then
    for q in "${queries[@]}"; do
        # Both through the shell, output discarded; a miss exits 1 in both.
        hyperfine --shell=bash --warmup 3 --runs "$runs" --ignore-failure --style basic \
            -n "zhengce search $q" "$bin --data $json search $q >/dev/null" \
            -n "fzf --filter $q" "fzf --filter $q <$txt >/dev/null" 2>&1 |
            grep -E '^(Benchmark|  Time|Summary|  .* ran|    [0-9.]+ ± )' || true
        echo
    done
else
    ms() { # mean wall time in ms of "$@" over $runs runs
        local t0 t1
        t0=$(date +%s%N)
        for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / runs / 1000000 ))
    }
    fzf_filter() { fzf --filter "$1" <"$txt"; }
    printf '%-14s %12s %12s\n' query "zhengce ms" "fzf ms"
    for q in "${queries[@]}"; do
        printf '%-14s %12s %12s\n' "$q" "$(ms "$bin" --data "$json" search "$q")" "$(ms fzf_filter "$q")"
    done
fi
