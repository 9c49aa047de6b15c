#!/usr/bin/env bash
# Renders build/icon.svg into the icon files electron-builder packs: PNGs for
# Linux (icons/NxN.png), icon.ico for Windows, icon.icns for macOS.
# The results are committed; rerun after changing the SVG.
# Needs Debian's librsvg2-bin, icoutils and icnsutils.
set -euo pipefail
cd "$(dirname "$0")"

render() { rsvg-convert -w "$1" -h "$1" icon.svg -o "$2"; }

rm -rf icons && mkdir icons
for size in 16 24 32 48 64 128 256 512 1024; do
  render "$size" "icons/${size}x${size}.png"
done

# Windows takes the 256 px image as PNG inside the ICO (-r), the rest as bitmaps.
icotool -c -o icon.ico icons/{16x16,24x24,32x32,48x48,64x64,128x128}.png -r icons/256x256.png
png2icns icon.icns icons/{16x16,32x32,48x48,128x128,256x256,512x512,1024x1024}.png >/dev/null
