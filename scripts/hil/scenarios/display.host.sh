# Host side of display.sh: each screendump must match what the PNG sink renders for that screen.
results=$1; lintel=$2; here=$(dirname "$0")/..
for screen in selftest in-use checkin-due; do
  shot="$results/$screen.png"
  if [ ! -f "$shot" ]; then echo "HIL-CHECK fail screendump-$screen: no screendump taken"; continue; fi
  "$lintel" render --screen "$screen" --size 1280x800 --out "$results/$screen-expected.png" 2>/dev/null
  python3 "$here/compare-png.py" "$shot" "$results/$screen-expected.png" "screendump-$screen"
done
