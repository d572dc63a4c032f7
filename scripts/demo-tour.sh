#!/usr/bin/env bash
# A walk through the demo world (examples/demo-world.json): what panels in Amsterdam and New York
# decide on Monday 23 November 2026, each answer from `lintel decide` against a real SQLite store.
set -u
: "${LINTEL:?path of the lintel binary}" "${STORE:?path of the store to create}"

"$LINTEL" store import --store "$STORE" examples/demo-world.json || exit 2
echo

ask() {
  local story=$1; shift
  printf '%s\n  $ lintel decide %s\n  ' "$story" "$*"
  "$LINTEL" decide --store "$STORE" "$@"
  echo
}

ask "08:55 Amsterdam — Bram taps his badge on Tulip for his 09:00 sprint planning:" \
  --at 2026-11-23T08:55:00+01:00 --actor badge:04B7E1D0 --action checkin --resource ams-r-tulip
ask "08:40 — the same press is too early (check-in opens 10 minutes before):" \
  --at 2026-11-23T08:40:00+01:00 --actor badge:04B7E1D0 --action checkin --resource ams-r-tulip --booking bk-tulip-planning
ask "09:10 — had nobody checked in, the agent releases the room:" \
  --at 2026-11-23T09:10:00+01:00 --actor system --action release --resource ams-r-tulip --booking bk-tulip-planning
ask "10:00 — someone walks up to Tulip and books it now for half an hour, no badge:" \
  --at 2026-11-23T10:00:00+01:00 --actor anonymous --action book --resource ams-r-tulip --end 2026-11-23T10:30:00+01:00
ask "10:00 — a walk-up asks for 90 minutes; walk-up bookings are limited to 60:" \
  --at 2026-11-23T10:00:00+01:00 --actor anonymous --action book --resource ams-r-tulip --end 2026-11-23T11:30:00+01:00
ask "Monday — Bram (Employee: 2 days ahead, last day from 10:00) tries Wednesday:" \
  --at 2026-11-23T10:30:00+01:00 --actor u-bram --action book --resource ams-r-canal --start 2026-11-25T10:00:00+01:00 --end 2026-11-25T11:00:00+01:00
ask "Tuesday 10:00 — now Wednesday is open to him:" \
  --at 2026-11-24T10:00:00+01:00 --actor u-bram --action book --resource ams-r-canal --start 2026-11-25T10:00:00+01:00 --end 2026-11-25T11:00:00+01:00
ask "Nora's lab safety visa expired last January:" \
  --at 2026-11-23T10:00:00+01:00 --actor u-nora --action book --resource ams-r-lab --end 2026-11-23T11:00:00+01:00
ask "Ivan the contractor may not book in the finance wing:" \
  --at 2026-11-23T10:00:00+01:00 --actor u-ivan --action book --resource ams-d-212 --start 2026-11-23T12:00:00+01:00 --end 2026-11-23T13:00:00+01:00
ask "Eli (facility cleaner) badges desk 2.02 clean after a walk-up used it:" \
  --at 2026-11-23T10:00:00+01:00 --actor badge:04E1C1EA --action clean --resource ams-d-202
ask "Bram may only clean anonymous or his own desks; Chloé used 2.03:" \
  --at 2026-11-23T10:00:00+01:00 --actor u-bram --action clean --resource ams-d-203
ask "Kai's desk 2.11 still needs cleaning, so it cannot be checked in:" \
  --at 2026-11-23T09:05:00+01:00 --actor u-kai --action checkin --resource ams-d-211
ask "A boardroom booking waits for approval; Max approves bookings in Amsterdam:" \
  --at 2026-11-23T10:00:00+01:00 --actor u-max --action approve --resource ams-r-board --booking bk-board-offsite
ask "08:56 New York — panels there need a badge; Jo checks in her client call:" \
  --at 2026-11-23T08:56:00-05:00 --actor badge:04222222 --action checkin --resource nyc-r-liberty
ask "Fatima's account is still pending:" \
  --at 2026-11-23T10:00:00+01:00 --actor u-fatima --action book --resource ams-r-canal --end 2026-11-23T10:30:00+01:00

echo "The store is at $STORE; try your own questions with"
echo "  $LINTEL decide --store $STORE --at ISO8601 --actor ID --action ACTION --resource ID"
