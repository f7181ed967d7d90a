#!/usr/bin/env bash
# Renders the built PDF's pages to PNG with pdftoppm, and a contact sheet of them if ImageMagick
# is there, for looking at by hand. Needs Debian's poppler-utils. Usage: scripts/look-pdf.sh [dpi]
set -euo pipefail
cd "$(dirname "$0")/.."
pdf=$(ls out/*.pdf | head -1)
dir=out/look/pdf
rm -rf "$dir" && mkdir -p "$dir"
pdftoppm -r "${1:-80}" -png "$pdf" "$dir/p"
if command -v montage >/dev/null; then montage "$dir"/p-*.png -tile 8x -geometry 200x+4+4 -background '#888' "$dir/sheet.png"; fi
ls "$dir" | head -3; echo "… $(ls "$dir" | wc -l) files in $dir"
