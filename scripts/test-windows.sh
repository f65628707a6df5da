#!/usr/bin/env bash
# Cross-compiles bantin for Windows and runs it under Wine: `check` and `build` on the
# sample bulletin and on the synthetic `small` set must succeed, and each built site must
# equal the Linux build byte for byte.
#   scripts/test-windows.sh
# Needs the Rust target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64 and wine64.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
cargo build --quiet --target "$target" --bin bantin
cargo build --quiet --bin bantin --example generate

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
cp "target/$target/debug/bantin.exe" "$work/bin/"
# Wine 8 lacks ProcessPrng, which Rust's standard library calls at start-up: a shim
# beside the test binary provides it (test scaffolding only, never shipped).
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bin/bcryptprimitives.dll" \
    tests/windows/process_prng.c tests/windows/process_prng.def -ladvapi32

export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b"
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine="$(command -v wine64 || command -v wine)"
"$wine" wineboot --init >/dev/null 2>&1 || true

target/debug/examples/generate --size small --out "$work/small" >/dev/null 2>&1
status=0
for content in content "$work/small"; do
    name="$(basename "$content")"
    "$wine" "$work/bin/bantin.exe" check --content "$content" >/dev/null
    "$wine" "$work/bin/bantin.exe" build --content "$content" --output "$work/windows-$name" 2>/dev/null
    target/debug/bantin build --content "$content" --output "$work/linux-$name" 2>/dev/null
    if diff -r "$work/windows-$name" "$work/linux-$name" >/dev/null; then
        echo "windows: $name builds the same site as on Linux ($(find "$work/linux-$name" -type f | wc -l) files)"
    else
        echo "windows: $name differs from the Linux build:" >&2
        diff -rq "$work/windows-$name" "$work/linux-$name" | head -20 >&2
        status=1
    fi
done
# A Vietnamese message reaches the console intact (not as `?`).
message="$("$wine" "$work/bin/bantin.exe" check --lang vi --content "$work/nowhere" 2>&1 || true)"
if ! grep -q "không tìm thấy thư mục nội dung" <<<"$message"; then
    echo "windows: the Vietnamese message came out as: $message" >&2
    status=1
fi
exit "$status"
