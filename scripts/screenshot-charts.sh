#!/bin/sh
# Writes the sample charts (target/chart-samples/*.svg) and screenshots each one with
# headless Chromium at a given page width (default 640 px) into target/chart-samples/png/.
#   scripts/screenshot-charts.sh [WIDTH]
# Needs chromium (Debian: apt-get install -y chromium).
set -eu
cd "$(dirname "$0")/.."
width="${1:-640}"
cargo test --quiet --lib charts::tests::write_samples -- --ignored >/dev/null
dir="$PWD/target/chart-samples"
mkdir -p "$dir/png"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for svg in "$dir"/*.svg; do
    name="$(basename "$svg" .svg)"
    # The viewBox height scaled to the page width, plus a margin.
    vb_h="$(sed -n 's/.*viewBox="0 0 \([0-9]*\) \([0-9]*\)".*/\2 \1/p' "$svg" | head -n 1)"
    height="$(echo "$vb_h" | awk -v w="$width" '{ printf "%d", $1 * w / $2 + 20 }')"
    # ... and short windows lose their bottom part: ask for at least 400 px.
    height="$(( height < 400 ? 400 : height ))"
    # Headless Chromium keeps windows at least ~500 px wide: the page is as wide as asked.
    window="$(( width < 640 ? 640 : width ))"
    html="$dir/png/$name.html"
    printf '<!doctype html><meta charset="utf-8"><body style="margin:0;width:%spx"><img src="../%s.svg" style="display:block;width:100%%" alt="">' \
        "$width" "$name" >"$html"
    chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" --window-size="$window,$height" \
        --screenshot="$dir/png/$name-$width.png" "file://$html" >/dev/null 2>&1
    echo "$dir/png/$name-$width.png"
done
