#!/usr/bin/env python3
"""Checks that the JSON Schema in docs/ accepts the shipped snapshots and an export, and refuses a broken one."""
import json
import sys

import jsonschema

schema = json.load(open("docs/snapshot.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
for path in sys.argv[1:]:
    errors = list(validator.iter_errors(json.load(open(path))))
    for error in errors[:5]:
        print(f"{path}: $.{'.'.join(str(p) for p in error.absolute_path)}: {error.message}")
    failures += bool(errors)

broken = json.load(open("examples/demo-world.json"))
broken["roles"][1]["permissions"]["rooms"]["advanceWindow"] = {"days": 3, "skipWeekends": True}
if validator.is_valid(broken):
    print("schema accepted skipWeekends with 3 days")
    failures += 1
checks = len(sys.argv) - 1 + 1
print(f"{checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
