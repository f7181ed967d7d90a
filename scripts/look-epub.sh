#!/usr/bin/env bash
# Renders pages of the built EPUB to PNG with headless Chromium, for looking at by hand.
# Needs Debian's chromium (apt-get install chromium). Usage: scripts/look-epub.sh [width height]
set -euo pipefail
cd "$(dirname "$0")/.."
epub=$(ls out/*.epub | head -1)
dir=out/look/epub
rm -rf "$dir" && mkdir -p "$dir/book"
unzip -q -o "$epub" -d "$dir/book"
w=${1:-600}; h=${2:-900}
for f in "$dir"/book/OEBPS/*.xhtml; do
  name=$(basename "$f" .xhtml)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size="$w,$h" \
    --screenshot="$dir/$name.png" "file://$(pwd)/$f" >/dev/null 2>&1 || echo "failed: $name"
done
ls "$dir"/*.png
