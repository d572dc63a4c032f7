# Host side of display.sh: each screendump must match what the PNG sink renders for that screen.
results=$1; lintel=$2; here=$(dirname "$0")/..
for screen in selftest in-use checkin-due; do
  shot="$results/$screen.png"
  if [ ! -f "$shot" ]; then echo "HIL-CHECK fail screendump-$screen: no screendump taken"; continue; fi
  "$lintel" render --screen "$screen" --size 1280x800 --out "$results/$screen-expected.png" 2>/dev/null
  python3 "$here/compare-png.py" "$shot" "$results/$screen-expected.png" "screendump-$screen"
done
# After 30 page flips with damage copies, the display must hold exactly the final frame.
if [ -f "$results/flipped.png" ]; then
  "$lintel" render --screen checkin-due --frames 30 --size 1280x800 --out "$results/flipped-expected.png" 2>/dev/null
  python3 "$here/compare-png.py" "$results/flipped.png" "$results/flipped-expected.png" "screendump-after-30-flips"
else
  echo "HIL-CHECK fail screendump-after-30-flips: no screendump taken"
fi
# The fbdev fallback shows the same pixels too.
if [ -f "$results/fbdev.png" ]; then
  "$lintel" render --screen free --size 1280x800 --out "$results/fbdev-expected.png" 2>/dev/null
  python3 "$here/compare-png.py" "$results/fbdev.png" "$results/fbdev-expected.png" "screendump-fbdev"
else
  echo "HIL-CHECK fail screendump-fbdev: no screendump taken"
fi
# 1920x1080 in portrait: the golden image of the same screen, size and rotation.
if [ -f "$results/portrait1080.png" ]; then
  python3 "$here/compare-png.py" "$results/portrait1080.png" "$here/../../docs/screens/in-use-1920x1080-r90.png" "screendump-1920x1080-portrait"
else
  echo "HIL-CHECK fail screendump-1920x1080-portrait: no screendump taken"
fi
