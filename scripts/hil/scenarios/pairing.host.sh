# Host side of pairing.sh: the pairing screen on the DRM display is the one `lintel render` draws
# for the code and approval URL the agent had (its QR code included); then the room shows free (green).
here=$(dirname "$0")
results=$1
lintel=$2
line=$(grep -ao 'PAIRING code=[A-Z0-9-]* url=[^ ]*' "$results/serial.log" | tail -1 | tr -d '\r')
code=$(echo "$line" | sed 's/.*code=\([^ ]*\).*/\1/'); url=$(echo "$line" | sed 's/.*url=//')
if [ -f "$results/pairing-screen.png" ] && [ -n "$code" ]; then
  "$lintel" render --screen pairing --pairing-code "$code" --pairing-url "$url" --size 1280x800 --out "$results/pairing-expected.png" 2>/dev/null
  python3 "$here/../compare-png.py" "$results/pairing-screen.png" "$results/pairing-expected.png" "screendump-pairing-code-$code"
else
  echo "HIL-CHECK fail screendump-pairing: no screendump or no code ($line)"
fi
python3 "$here/../compare-png.py" --status-colours "$results" room-panel=1B7F3B
