#!/usr/bin/env bash
# Builds every fuzz target and runs each for a bounded time over seeds taken from
# content/ and tests/fixtures/ (seed.sh); fails when a target crashes, keeping the
# crashing input in fuzz/artifacts/<target>/.
#
# Needs rustup with a nightly toolchain; installs cargo-fuzz when it is missing.
# FUZZ_SECONDS sets the time per target (default 20).
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-20}"

# libFuzzer is built from C++ sources.
if ! command -v c++ >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        apt-get install -y -qq g++ >/dev/null
    else
        echo "a C++ compiler is required (install g++)" >&2
        exit 1
    fi
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

./seed.sh

# Optimised code without debug assertions, as users run it, in many codegen units to
# build faster. No sanitizer: in bantin's safe Rust a crash is a panic, which libFuzzer
# catches without one; AddressSanitizer would mostly watch serde_yaml's parser
# (unsafe-libyaml) and lengthens the build (`cargo +nightly fuzz run TARGET` uses it).
flags=(--release --sanitizer none --codegen-units 16)
cargo +nightly fuzz build "${flags[@]}"

logs=target/logs
mkdir -p "$logs"
failed=()
for target in $(cargo +nightly fuzz list); do
    case "$target" in
        markdown) dict=dict/markdown.dict ;;
        *) dict=dict/yaml.dict ;;
    esac
    log="$logs/$target.log"
    if cargo +nightly fuzz run "${flags[@]}" "$target" -- \
        -max_total_time="$seconds" -timeout=10 -dict="$dict" >"$log" 2>&1; then
        echo "$target: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log")"
    else
        echo "$target: FAILED (fuzz/$log)" >&2
        tail -n 40 "$log" >&2
        failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz targets that crashed: ${failed[*]}" >&2
    exit 1
fi
