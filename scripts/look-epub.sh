#!/usr/bin/env bash
# Renders the pages of an EPUB to PNG with headless Chromium, for looking at by hand.
# Needs Debian's chromium (apt-get install chromium).
# Usage: scripts/look-epub.sh [EPUB] [WIDTHxHEIGHT] [light|dark]
#   EPUB defaults to the first out/*.epub; 390x844 is a phone, 1024x768 a tablet (default 600x900).
#   `all` as the size renders phone and tablet, light and dark, one folder each.
#   SCALE=2 in the environment renders at twice the resolution.
#   dark imitates a reader's night mode: its own ground and text colour over the book's stylesheet.
set -euo pipefail
cd "$(dirname "$0")/.."
epub=${1:-$(ls out/*.epub | head -1)}
if [ "${2:-}" = all ]; then
  for s in 390x844 1024x768; do for m in light dark; do "$(pwd)/scripts/look-epub.sh" "$epub" "$s" "$m"; done; done
  exit 0
fi
size=${2:-600x900}
mode=${3:-light}
w=${size%x*}; h=${size#*x}
dir=out/look/epub/$(basename "$epub" .epub)-$size-$mode
rm -rf "$dir" && mkdir -p "$dir/book"
unzip -q -o "$epub" -d "$dir/book"
if [ "$mode" = dark ]; then
  for f in "$dir"/book/OEBPS/*.xhtml; do
    sed -i 's#</head>#<style>html, body { background: \#121212 !important; color: \#d8d8d8 !important; } a { color: \#8ab4f8; }</style></head>#' "$f"
  done
fi
for f in "$dir"/book/OEBPS/*.xhtml; do
  name=$(basename "$f" .xhtml)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size="$w,$h" --force-device-scale-factor="${SCALE:-1}" \
    $([ "$mode" = dark ] && echo --force-dark-mode) \
    --screenshot="$dir/$name.png" "file://$(pwd)/$f" >/dev/null 2>&1 || echo "failed: $name"
done
ls "$dir"/*.png
