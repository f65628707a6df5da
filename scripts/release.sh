#!/usr/bin/env bash
# Builds the release archives into DIR (default target/dist): for Windows x86_64 and for
# Linux x86_64 (static, musl), each a zip with the stripped binary, a starter bulletin
# (what `bantin new` writes) in ban-tin/, the user guide (docs/huong-dan.md and as a page
# that opens from disk) and the licence; the Windows zip adds the two double-click files.
# SHA256SUMS lists both. The same commit gives the same archives: the commit and its
# time are the only things taken from outside the sources.
#   scripts/release.sh [DIR]
# Needs the Rust targets x86_64-pc-windows-gnu and x86_64-unknown-linux-musl, Debian's
# gcc-mingw-w64-x86-64, and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-target/dist}"

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
export BANTIN_COMMIT="$(git rev-parse --short=12 HEAD)"
export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
# No path of this machine in the binaries; no link time in the Windows one.
remap="--remap-path-prefix=$PWD=bantin --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo"
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="$remap"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="$remap -C link-arg=-Wl,--no-insert-timestamp"

windows=x86_64-pc-windows-gnu
linux=x86_64-unknown-linux-musl
for target in "$windows" "$linux"; do
    rustup target list --installed | grep -qx "$target" || rustup target add "$target"
    echo "release: building $target…" >&2
    cargo build --quiet --profile dist --locked --target "$target" --bin bantin
done
# The guide page needs no optimised build.
cargo build --quiet --locked --example guide

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
package() { # platform binary
    local dir="$stage/bantin-$version-$1"
    mkdir -p "$dir"
    cp "$2" "$dir/"
    "target/$linux/dist/bantin" new "$dir/ban-tin" >/dev/null
    cp docs/huong-dan.md LICENSE "$dir/"
    [ -d docs/hinh ] && cp -r docs/hinh "$dir/"
    target/debug/examples/guide docs/huong-dan.md "$dir/huong-dan.html"
    echo "$dir"
}
win_dir="$(package windows-x86_64 "target/$windows/dist/bantin.exe")"
cp scripts/windows/*.bat "$win_dir/"
linux_dir="$(package linux-x86_64 "target/$linux/dist/bantin")"

mkdir -p "$dist"
python3 - "$dist" "$win_dir" "$linux_dir" <<'PY'
import os, sys, time, zipfile
dist, dirs = sys.argv[1], sys.argv[2:]
stamp = time.gmtime(max(int(os.environ["SOURCE_DATE_EPOCH"]), 315532800))[:6]
for d in dirs:
    name = os.path.basename(d)
    with zipfile.ZipFile(os.path.join(dist, name + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for root, folders, files in os.walk(d):
            folders.sort()
            for f in sorted(files):
                path = os.path.join(root, f)
                info = zipfile.ZipInfo(os.path.join(name, os.path.relpath(path, d)), stamp)
                executable = f in ("bantin", "bantin.exe") or f.endswith(".bat")
                info.external_attr = (0o755 if executable else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as src:
                    z.writestr(info, src.read())
PY
(cd "$dist" && sha256sum "bantin-$version-windows-x86_64.zip" "bantin-$version-linux-x86_64.zip" > SHA256SUMS)
cat "$dist/SHA256SUMS"
