#!/usr/bin/env bash
# Renders the data workbook of `bantin new` as LibreOffice prints it, into the two
# pictures the README shows: the Reports sheet's first columns and the Guide sheet.
# Needs LibreOffice Calc (libreoffice-calc-nogui) and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- new "$work/ban-tin" 2>/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" \
    "$work/ban-tin/data/bao-cao.xlsx" >/dev/null 2>&1
# Page 2 is the Reports sheet (fitted to the page's width), page 3 the Guide.
pdftoppm -r 360 -f 2 -l 2 -x 225 -y 240 -W 1500 -H 120 -png "$work/bao-cao.pdf" "$work/reports"
pdftoppm -r 70 -f 3 -l 3 -png "$work/bao-cao.pdf" "$work/guide"
cp "$work"/reports*.png docs/template-reports.png
cp "$work"/guide*.png docs/template-guide.png
ls -l docs/template-*.png
