# Host side of sync.sh: the screendumps show the platform's booking due (amber), then checked in (red).
python3 "$(dirname "$0")/../compare-png.py" --status-colours "$1" sync-platform-booking=C2570C sync-checked-in=B3261E
