#!/bin/sh
# Runs a command with a throwaway PostgreSQL cluster on loopback (scripts/postgres-cluster.sh):
# LINTEL_TEST_POSTGRES_URL names its server; the cluster is stopped and deleted afterwards,
# whatever the command's outcome.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/lintel-postgres.XXXXXX")
rmdir "$dir"
here=$(dirname "$0")
trap '"$here/postgres-cluster.sh" stop "$dir"' EXIT INT TERM
LINTEL_TEST_POSTGRES_URL=$("$here/postgres-cluster.sh" start "$dir")
export LINTEL_TEST_POSTGRES_URL
echo "with-postgres: a throwaway PostgreSQL cluster at $LINTEL_TEST_POSTGRES_URL" >&2
"$@"
