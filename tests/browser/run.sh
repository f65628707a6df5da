#!/usr/bin/env bash
# The browser acceptance suite: builds the binary (the debug build `cargo test` made, so
# CI compiles bantin once), builds the sample bulletin (content/) and a larger synthetic
# one into a temporary folder, serves each on 127.0.0.1 and drives Chromium over every
# page (tests/browser/suite.js). Screenshots
# and a PDF of the front page land in target/screenshots/.
#   tests/browser/run.sh
# Needs node (>= 20) with npm, Chromium (Debian: apt-get install -y chromium) and
# pdfinfo (poppler-utils), which counts the pages of the printed front page;
# CHROMIUM names another Chromium binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS

for tool in node npm cargo pdfinfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "browser suite: $tool is required" >&2
        exit 2
    fi
done
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "browser suite: Node.js 20 or later is required (found $(node --version))" >&2
    exit 2
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "browser suite: Chromium not found at $chromium (Debian: apt-get install -y chromium)" >&2
    exit 2
fi

# The pinned packages of package-lock.json, once.
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ] ||
    [ ! -d tests/browser/node_modules/lighthouse ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --quiet --bin bantin --example generate

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The sample bulletin, and a larger one from the synthetic content generator (one
# province, ten communes and their cells: 20+ units, 40+ articles, pagination).
target/debug/bantin build --content content --output "$work/sample"
target/debug/examples/generate --size small --seed 1 --out "$work/large-content"
target/debug/bantin build --content "$work/large-content" --output "$work/large"

rm -rf target/screenshots
mkdir -p target/screenshots
CHROMIUM="$chromium" node tests/browser/suite.js --shots target/screenshots \
    sample="$work/sample" large="$work/large"
echo "browser suite: done in $((SECONDS - started)) s"
