#!/usr/bin/env bash
# Search on the synthetic `national` set: generates it, builds it without the PDF, and
# runs bench/search.js on the output (index size, bytes loaded and query times in
# headless Chromium with the CPU slowed 4×). Results go to stdout as markdown.
#   bench/search.sh                         # seed 1, work folder on /dev/shm when there is one
#   SIZE=medium bench/search.sh "dang vien" "ea kly"   # other queries
set -euo pipefail
cd "$(dirname "$0")/.."
size="${SIZE:-national}"
work="${WORK:-$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )")}"
trap 'rm -rf "$work"' EXIT

cargo build --quiet --release --no-default-features --bin bantin --example generate
target/release/examples/generate --size "$size" --seed "${SEED:-1}" --out "$work/content" >&2
target/release/bantin build --no-pdf --timings --content "$work/content" --output "$work/site" >&2
node bench/search.js "$work/site" "$@"
