#!/usr/bin/env bash
# Regenerates docs/screens/: every panel screen, landscape and portrait (all four rotations), at the
# smallest and largest supported sizes. These PNGs are also the golden images the display tests
# compare against; regenerate them (`make screens`) when a layout change is intended, and look at them.
set -euo pipefail
lintel=${LINTEL:-$(swift build --show-bin-path)/lintel}
out=docs/screens
rm -rf "$out"; mkdir -p "$out"
screens=$("$lintel" render --list-screens)
for screen in $screens; do
  for size in 800x480 1920x1080; do
    for rotate in 0 90 180 270; do
      "$lintel" render --screen "$screen" --size "$size" --rotate "$rotate" --out "$out/$screen-$size-r$rotate.png" 2>/dev/null
    done
  done
done
echo "$(ls "$out" | wc -l) screens in $out"
