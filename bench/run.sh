#!/usr/bin/env bash
# Benchmarks full `bantin build` runs and prints the results as markdown tables.
#
# 1. builds bantin and the synthetic content generator in release mode;
# 2. generates the small, medium and national synthetic sets and builds each RUNS_<SIZE>
#    times: median wall time, median peak memory (/usr/bin/time), pages and charts;
# 3. for medium (and national when it is built), checks the set with its reports in YAML
#    files and again with them in one workbook (generate --workbook): read and validate;
# 4. builds the plain 10,000-article corpus of gen_corpus.py with bantin and the same
#    articles with Hugo, runs interleaved: medians and the ratios of the two.
#
# Everything is written under one work folder, on tmpfs (/dev/shm) when there is one, so
# that the disk does not time the runs. Progress goes to stderr; the tables go to stdout
# (and to $WORK/results.md). Settings, all optional:
#
#   SIZES="small medium national"  synthetic sets to build ("" for none)
#   RUNS_SMALL=5 RUNS_MEDIUM=5 RUNS_NATIONAL=3 RUNS_CORPUS=5   runs of each build
#   RUNS_CHECK=5                   runs of each check of the YAML and workbook sets
#   SEED=1                         seed of the synthetic sets
#   CORPUS=1                       0 skips the corpus and Hugo
#   CORPUS_N=10000                 articles in the corpus
#   GEN_CORPUS=../shared/bench/gen_corpus.py   the corpus generator (relative to the
#                                  repository; it lives outside it)
#   HUGO=hugo                      the Hugo command; installed with apt-get when missing
#   BUILD_TIMEOUT=900              seconds before one build is stopped and recorded as such
#   WORK=DIR                       the work folder (default: a new one under /dev/shm or /tmp)
#   KEEP=1                         keep the work folder afterwards
#
# Examples: bench/run.sh
#           SIZES=medium RUNS_MEDIUM=3 CORPUS=0 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

SIZES=${SIZES-small medium national}
RUNS_SMALL=${RUNS_SMALL:-5}
RUNS_MEDIUM=${RUNS_MEDIUM:-5}
RUNS_NATIONAL=${RUNS_NATIONAL:-3}
RUNS_CORPUS=${RUNS_CORPUS:-5}
RUNS_CHECK=${RUNS_CHECK:-5}
SEED=${SEED:-1}
CORPUS=${CORPUS:-1}
CORPUS_N=${CORPUS_N:-10000}
GEN_CORPUS=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
HUGO=${HUGO:-hugo}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-900}
KEEP=${KEEP:-0}

log() { echo "bench: $*" >&2; }

# A tool from a Debian package, installed when missing and allowed (root with apt-get).
need() {
    local command=$1 package=$2
    command -v "$command" >/dev/null 2>&1 && return 0
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        log "installing $package"
        apt-get install -y -qq "$package" >/dev/null 2>&1 ||
            { apt-get update -qq && apt-get install -y -qq "$package"; } >/dev/null 2>&1 || true
    fi
    command -v "$command" >/dev/null 2>&1
}

if ! need /usr/bin/time time; then
    echo "bench: /usr/bin/time (Debian package \`time\`) is required for peak memory" >&2
    exit 1
fi

if [ -z "${WORK:-}" ]; then
    base=/tmp
    [ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
    WORK=$(mktemp -d "$base/bantin-bench.XXXXXX")
fi
mkdir -p "$WORK"
if [ "$KEEP" != 1 ]; then
    trap 'rm -rf "$WORK"' EXIT
fi
log "work folder $WORK"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log "building bantin and the generator (release)"
cargo build --release --quiet --bin bantin --example generate
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
BANTIN=$TARGET/release/bantin
GENERATE=$TARGET/release/examples/generate

# Runs a command under /usr/bin/time -v; prints "wall_seconds peak_kib cpu_seconds" (CPU:
# user + system, less disturbed than wall time when other work shares the machine), or
# "fail" when the command failed or ran out of time. Its output goes to $WORK/last.log.
timed() {
    local report=$WORK/time.txt
    if ! /usr/bin/time -v -o "$report" timeout "$BUILD_TIMEOUT" "$@" >"$WORK/last.log" 2>&1; then
        echo fail
        return
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
        /Maximum resident set size/ { m = $2 }
        /User time \(seconds\)|System time \(seconds\)/ { c += $2 }
        END { printf "%.2f %d %.2f\n", s, m, c }' "$report"
}

# The median of numbers, one a line.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The medians of the three columns of a samples file.
medians() {
    echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median) $(cut -d' ' -f3 "$1" | median)"
}

mib() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
per_item_ms() { awk -v s="$1" -v n="$2" 'BEGIN { if (s == "-" || n == 0) print "-"; else printf "%.3f", s * 1000 / n }'; }

# Builds `content` into `output` `runs` times; appends the lines of `timed` to `samples`.
# Returns 1 (after recording) when a run failed.
measure() {
    local content=$1 output=$2 runs=$3 samples=$4 i result
    for ((i = 1; i <= runs; i++)); do
        rm -rf "$output"
        result=$(timed "$BANTIN" build --content "$content" --output "$output")
        if [ "$result" = fail ]; then
            log "  run $i failed or took more than ${BUILD_TIMEOUT}s: $(tail -n 3 "$WORK/last.log" | tr '\n' ' ')"
            return 1
        fi
        log "  run $i: $result"
        echo "$result" >>"$samples"
    done
}

RESULTS=$WORK/results.md
declare -A PAGE_MS CHART_MS FILE_MS PAGE_CPU CHART_CPU FILE_CPU WALL PEAK

synthetic_set() {
    local size=$1 runs=$2 content=$WORK/content-$1 output=$WORK/out-$1 samples=$WORK/samples-$1
    local started generated counts pages charts wall peak cpu status=ok
    log "$size: generating (seed $SEED)"
    rm -rf "$content"
    started=$(date +%s.%N)
    "$GENERATE" --size "$size" --seed "$SEED" --out "$content" 2>"$WORK/generate.log"
    generated=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    log "$size: $(cat "$WORK/generate.log")"
    log "$size: building $runs times"
    : >"$samples"
    measure "$content" "$output" "$runs" "$samples" || status="failed (see above)"
    counts=$(grep -o '([0-9]* units.* periods)' "$WORK/last.log" | sed 's/^(//; s/, [0-9]* periods)$//' || true)
    pages=$(find "$output" -name '*.html' 2>/dev/null | wc -l)
    charts=$(find "$output/charts" -name '*.svg' 2>/dev/null | wc -l)
    read -r wall peak cpu <<<"$(medians "$samples")"
    WALL[$size]=$wall
    PEAK[$size]=$peak
    PAGE_MS[$size]=$(per_item_ms "$wall" "$pages")
    CHART_MS[$size]=$(per_item_ms "$wall" "$charts")
    FILE_MS[$size]=$(per_item_ms "$wall" $((pages + charts)))
    PAGE_CPU[$size]=$(per_item_ms "$cpu" "$pages")
    CHART_CPU[$size]=$(per_item_ms "$cpu" "$charts")
    FILE_CPU[$size]=$(per_item_ms "$cpu" $((pages + charts)))
    echo "| $size | ${counts:-$status} | ${generated}s | $pages | $charts | $(wc -l <"$samples") | $wall | $cpu | $(mib "$peak") | ${PAGE_MS[$size]} | ${CHART_MS[$size]} | ${FILE_MS[$size]} |" >>"$RESULTS.synthetic"
    rm -rf "$output"
}

# `bantin check` of a synthetic set with its reports in YAML files, then in a workbook:
# median wall and CPU time, and peak memory, of reading and validating them.
reports_both_ways() {
    local size=$1 way content i r line
    for way in yaml workbook; do
        content=$WORK/check-$size-$way
        rm -rf "$content"
        if [ "$way" = workbook ]; then
            "$GENERATE" --size "$size" --seed "$SEED" --workbook --out "$content" 2>"$WORK/generate.log"
        else
            "$GENERATE" --size "$size" --seed "$SEED" --out "$content" 2>"$WORK/generate.log"
        fi
        log "$size ($way): $(cat "$WORK/generate.log")"
        : >"$WORK/samples-check"
        for ((i = 1; i <= RUNS_CHECK; i++)); do
            r=$(timed "$BANTIN" check --content "$content")
            log "  check $i: $r"
            if [ "$r" != fail ]; then echo "$r" >>"$WORK/samples-check"; fi
        done
        read -r wall peak cpu <<<"$(medians "$WORK/samples-check")"
        line=$(grep -o '^[0-9.]* đơn vị, [0-9.]* báo cáo' "$WORK/last.log" || true)
        echo "| $size | $way | ${line:-failed} | $(wc -l <"$WORK/samples-check") | $wall | $cpu | $(mib "$peak") |" >>"$RESULTS.check"
        rm -rf "$content"
    done
}

corpus() {
    local script=$GEN_CORPUS dir=$WORK/corpus i r
    case $script in /*) ;; *) script=$REPO/$script ;; esac
    if [ ! -f "$script" ]; then
        echo "_Corpus skipped: \`$script\` not found (set GEN_CORPUS; the script lives outside this repository)._" >>"$RESULTS.corpus"
        log "corpus: $script not found: skipped (set GEN_CORPUS)"
        return
    fi
    log "corpus: generating $CORPUS_N articles"
    python3 "$script" --n "$CORPUS_N" --out "$dir" >&2
    printf 'title: Tin tức chi bộ (benchmark)\nbase_url: https://example.org/\n' >"$dir/plain/content/site.yaml"
    local hugo_ok=1
    if ! need "$HUGO" hugo; then
        hugo_ok=0
        log "corpus: Hugo is not installed and could not be installed: bantin only"
    fi
    : >"$WORK/samples-bantin"
    : >"$WORK/samples-hugo"
    for ((i = 1; i <= RUNS_CORPUS; i++)); do
        rm -rf "$WORK/out-plain"
        r=$(timed "$BANTIN" build --content "$dir/plain/content" --output "$WORK/out-plain")
        log "  run $i: bantin $r"
        if [ "$r" != fail ]; then echo "$r" >>"$WORK/samples-bantin"; fi
        if [ "$hugo_ok" = 1 ]; then
            rm -rf "$WORK/out-hugo"
            r=$(timed "$HUGO" --source "$dir/hugo" --destination "$WORK/out-hugo" --quiet)
            log "  run $i: hugo $r"
            if [ "$r" != fail ]; then echo "$r" >>"$WORK/samples-hugo"; fi
        fi
    done
    local bw bp bc hw hp hc
    read -r bw bp bc <<<"$(medians "$WORK/samples-bantin")"
    read -r hw hp hc <<<"$(medians "$WORK/samples-hugo")"
    {
        echo "| tool | runs | pages | wall median (s) | CPU median (s) | peak memory median (MiB) |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: |"
        echo "| bantin | $(wc -l <"$WORK/samples-bantin") | $(find "$WORK/out-plain" -name '*.html' | wc -l) | $bw | $bc | $(mib "$bp") |"
        if [ "$hugo_ok" = 1 ]; then
            echo "| Hugo $("$HUGO" version | grep -o 'v[0-9.]*' | head -n 1) | $(wc -l <"$WORK/samples-hugo") | $(find "$WORK/out-hugo" -name '*.html' | wc -l) | $hw | $hc | $(mib "$hp") |"
            echo
            echo "Hugo's wall time / bantin's: **$(ratio "$hw" "$bw")×** (target ≥ 3×; CPU time: $(ratio "$hc" "$bc")×). bantin's peak memory / Hugo's: **$(ratio "$bp" "$hp")** (target < 0.33)."
        else
            echo
            echo "_Hugo skipped: not installed and could not be installed._"
        fi
    } >>"$RESULTS.corpus"
}

: >"$RESULTS.synthetic"
: >"$RESULTS.corpus"
: >"$RESULTS.check"
for size in $SIZES; do
    runs_var=RUNS_${size^^}
    synthetic_set "$size" "${!runs_var}"
done
for size in $SIZES; do
    case $size in medium | national) reports_both_ways "$size" ;; esac
done
if [ "$CORPUS" = 1 ]; then
    corpus
fi

{
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory; work folder on $(df --output=fstype "$WORK" | tail -n 1); load average before the runs $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src templates Cargo.toml Cargo.lock || echo ' (with local changes)'). $(rustc --version)."
    if [ -s "$RESULTS.synthetic" ]; then
        echo
        echo "### Synthetic sets (seed $SEED)"
        echo
        echo "| set | content | generate | pages | charts | runs | wall median (s) | CPU median (s) | peak memory median (MiB) | wall ms per page | wall ms per chart | wall ms per page + chart |"
        echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        cat "$RESULTS.synthetic"
        if [ -n "${WALL[national]:-}" ]; then
            echo
            echo "national: wall $(printf '%s' "${WALL[national]}") s (target < 20 s), peak $(mib "${PEAK[national]}") MiB (target < 2048 MiB)."
        fi
        if [ -n "${PAGE_MS[medium]:-}" ] && [ -n "${PAGE_MS[national]:-}" ]; then
            echo "national / medium cost (target ≤ 1.5×): wall time per page $(ratio "${PAGE_MS[national]}" "${PAGE_MS[medium]}")×, per chart $(ratio "${CHART_MS[national]}" "${CHART_MS[medium]}")×, per page + chart $(ratio "${FILE_MS[national]}" "${FILE_MS[medium]}")×; CPU time per page $(ratio "${PAGE_CPU[national]}" "${PAGE_CPU[medium]}")×, per chart $(ratio "${CHART_CPU[national]}" "${CHART_CPU[medium]}")×, per page + chart $(ratio "${FILE_CPU[national]}" "${FILE_CPU[medium]}")×."
        fi
    fi
    if [ -s "$RESULTS.check" ]; then
        echo
        echo "### Reports in YAML files and in one workbook: bantin check (read and validate)"
        echo
        echo "| set | reports in | content | runs | wall median (s) | CPU median (s) | peak memory median (MiB) |"
        echo "| --- | --- | --- | ---: | ---: | ---: | ---: |"
        cat "$RESULTS.check"
    fi
    if [ -s "$RESULTS.corpus" ]; then
        echo
        echo "### Plain corpus of $CORPUS_N articles beside Hugo (runs interleaved)"
        echo
        cat "$RESULTS.corpus"
    fi
} >"$RESULTS"
cat "$RESULTS"
