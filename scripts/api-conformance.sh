#!/bin/sh
# The platform against its own description: schemathesis (from PyPI) generates requests from
# docs/platform-api.yaml — valid ones and ones the description forbids — and sends them to a
# live `lintel-platform serve` on loopback with the demo world and a paired device. It fails on
# any 5xx, any answer (status, content type, body) outside the description, a forbidden request
# that is accepted, or an answer slower than its timeout.
#   scripts/api-conformance.sh LINTEL_PLATFORM [MAX_EXAMPLES]
set -eu
platform=$1
examples=${2:-60}
python=python3
schemathesis=schemathesis
if ! command -v schemathesis >/dev/null 2>&1 || ! schemathesis --version 2>/dev/null | grep -q ' 4\.'; then
  # Debian's Python is externally managed: schemathesis goes into a venv of the project's own.
  venv=.build-tools/venv
  [ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q 'schemathesis>=4,<5'; }
  schemathesis=$venv/bin/schemathesis
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/lintel-conformance.XXXXXX")
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM
admin=conformance-admin-token-0123456789
printf '%s' "$admin" >"$dir/admin-token"
chmod 600 "$dir/admin-token"
"$platform" import --db "$dir/platform.sqlite" examples/demo-world.json >/dev/null
port=$($python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$platform" serve --db "$dir/platform.sqlite" --port "$port" --admin-token-file "$dir/admin-token" >"$dir/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
enrolment=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"hardware": "conformance"}' "$base/v1/enrolments")
code=$(printf '%s' "$enrolment" | $python -c 'import json,sys; print(json.load(sys.stdin)["userCode"])')
device_code=$(printf '%s' "$enrolment" | $python -c 'import json,sys; print(json.load(sys.stdin)["deviceCode"])')
curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"userCode\": \"$code\", \"spaceId\": \"ams-r-tulip\"}" "$base/v1/admin/devices/approve" >/dev/null
credential=$(curl -sf -X POST "$base/v1/enrolments/$device_code/token" | $python -c 'import json,sys; print(json.load(sys.stdin)["credential"])')
cat >"$dir/schemathesis.toml" <<TOML
[auth.openapi.device]
bearer = "$credential"

[auth.openapi.admin]
bearer = "$admin"

# Revoking (or retiring) the one device would leave every later device request a (documented) 401.
[[operations]]
include-path-regex = "/revoke\$"
enabled = false

[[operations]]
include-operation-id = "retireDevice"
enabled = false

# RFC 8628: a token request for a code that is not (yet) approved is answered 400 with a code
# (authorization_pending, slow_down, expired_token, access_denied), whatever its shape.
[[operations]]
include-operation-id = "pollEnrolment"
checks.positive_data_acceptance.expected-statuses = [200, 400]

# A snapshot can satisfy the JSON Schema and still break a rule the schema cannot state (a
# reference to an id that is not there, docs/snapshot.md's x-lintel rules): 400 names it.
[[operations]]
include-operation-id = "importWorld"
checks.positive_data_acceptance.expected-statuses = [204, 400]
TOML
status=0
"$schemathesis" --config-file "$dir/schemathesis.toml" run docs/platform-api.yaml --url "$base" --checks all \
  --max-examples "$examples" --request-timeout 10 --no-color --exclude-path /v1/device/poke --seed 1 || status=$?
if [ $status -ne 0 ]; then echo "api-conformance: the server's log is in $dir/serve.log:"; tail -20 "$dir/serve.log"; fi
exit $status
