#!/usr/bin/env python3
"""One truth for snapshots: the JSON Schema in docs/ and `lintel store import` must agree.

usage: check-snapshot-schema.py LINTEL [SNAPSHOT ...]

- the schema is a valid 2020-12 schema, and accepts the given snapshots;
- Tests/SnapshotRules/every-field.json uses every field the schema defines, imports, and comes back
  whole from `lintel store export` (the importer reads every field the schema states);
- every hand-written case in Tests/SnapshotRules/cases.json is refused by the schema and by
  `lintel store validate` at the same JSON path;
- thousands of generated mutations of every-field.json (a field misspelt, removed, given the wrong
  type, emptied, a bogus value, a number out of range, an array item duplicated) are accepted by
  both or refused by both at the same path;
- together the cases and mutations break every constraint the schema states (each keyword
  location), so no rule of the schema goes untested.

The schema's x-lintel-* keywords (the rules JSON Schema cannot state) are implemented here from
their description in docs/snapshot.md, independently of the Swift validator.
"""
import copy
import datetime
import decimal
import re
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = json.load(open(os.path.join(ROOT, "docs/snapshot.schema.json")))
RULES = os.path.join(ROOT, "Tests/SnapshotRules")
TZDIR = os.environ.get("TZDIR", "/usr/share/zoneinfo")


def zone_names():
    names = set()
    for line in open(os.path.join(TZDIR, "tzdata.zi")):
        fields = line.split()
        if fields[:1] == ["Z"] and len(fields) > 1:
            names.add(fields[1])
        if fields[:1] == ["L"] and len(fields) > 2:
            names.add(fields[2])
    return names


ZONES = zone_names()


INSTANT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$")


def instant(text):
    """Milliseconds since 1970, as the store keeps an instant; ValueError for a day that does not exist."""
    m = INSTANT.match(text)
    if not m:
        raise ValueError(text)
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    day = datetime.datetime(y, mo, d, tzinfo=datetime.timezone.utc)  # ValueError for 2026-02-30
    seconds = decimal.Decimal((day - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).days * 86400 + h * 3600 + mi * 60 + s)
    seconds += decimal.Decimal("0" + m.group(7)) if m.group(7) else 0
    if m.group(8):
        seconds -= (1 if m.group(8) == "+" else -1) * (int(m.group(9)) * 3600 + int(m.group(10)) * 60)
    return int((seconds * 1000).to_integral_value(decimal.ROUND_HALF_UP))


def later(a, b):
    """a > b for instants, or for HH:mm local times (which compare as text)."""
    if len(a) == 5 and len(b) == 5:
        return a > b
    return instant(a) > instant(b)


def validator_for(document):
    """A validator whose x-lintel-* keywords read the whole document being checked."""
    root = document if isinstance(document, dict) else {}

    def items(collection):
        value = root.get(collection, [])
        return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []

    def ids(collection, field="id"):
        return {i.get(field) for i in items(collection)}

    def x_ref(validator, spec, instance, schema):
        if not isinstance(instance, str):
            return
        if isinstance(spec, str):
            spec = {"to": [spec]}
        elif isinstance(spec, list):
            spec = {"to": spec}
        targets = spec["to"] if isinstance(spec["to"], list) else [spec["to"]]
        known = set(spec.get("builtIn", []))
        for collection in targets:
            for item in items(collection):
                if "kind" not in spec or item.get("kind") == spec["kind"]:
                    known.add(item.get("id"))
        if instance not in known:
            yield ValidationError(f"{instance!r} names no item of {'/'.join(targets)}")

    def x_unique(validator, field, instance, schema):
        if not isinstance(instance, list):
            return
        seen = set()
        for index, item in enumerate(instance):
            if isinstance(item, dict) and isinstance(item.get(field), str):
                if item[field] in seen:
                    yield ValidationError(f"duplicate {field} {item[field]!r}", path=[index, field])
                seen.add(item[field])

    def x_instant(validator, enabled, instance, schema):
        if enabled and isinstance(instance, str) and INSTANT.match(instance):
            try:
                instant(instance)
            except ValueError:
                yield ValidationError(f"{instance!r} is not a day of the calendar")

    def x_zone(validator, enabled, instance, schema):
        if enabled and isinstance(instance, str) and instance not in ZONES:
            yield ValidationError(f"{instance!r} is not a zone of {TZDIR}/tzdata.zi")

    def x_after(validator, pairs, instance, schema):
        if not isinstance(instance, dict):
            return
        for late, early in pairs.items():
            a, b = instance.get(late), instance.get(early)
            if isinstance(a, str) and isinstance(b, str):
                try:
                    if not later(a, b):
                        yield ValidationError(f"{late} must be after {early}", path=[late])
                except ValueError:
                    pass  # the format keyword's pattern reports it

    def x_matches(validator, rules, instance, schema):
        if not isinstance(instance, dict):
            return
        for field, rule in rules.items():
            target = {i.get("id"): i for i in items(rule["in"])}.get(instance.get(field))
            if target is not None and target.get(rule["field"]) != instance.get(rule["equals"]):
                yield ValidationError(f"{field} names an item whose {rule['field']} differs", path=[field])

    def x_acyclic(validator, field, instance, schema):
        if not isinstance(instance, list):
            return
        parents = {i.get("id"): i.get(field) for i in instance if isinstance(i, dict)}
        for index, item in enumerate(instance):
            if not isinstance(item, dict):
                continue
            seen, cursor = {item.get("id")}, item.get(field)
            while cursor is not None:
                if cursor in seen:
                    yield ValidationError("a cycle of parents", path=[index, field])
                    break
                seen.add(cursor)
                cursor = parents.get(cursor)

    def assignments(instance, role):
        for i, user in enumerate(instance):
            if isinstance(user, dict) and isinstance(user.get("assignments"), list):
                for j, a in enumerate(user["assignments"]):
                    if isinstance(a, dict) and a.get("role") == role:
                        yield i, j, a

    def x_exactly_one(validator, spec, instance, schema):
        if isinstance(instance, list) and instance:
            count = len(list(assignments(instance, spec["role"])))
            if count != 1:
                yield ValidationError(f"{count} users hold {spec['role']}, exactly one must")

    def x_one_per_scope(validator, spec, instance, schema):
        if not isinstance(instance, list):
            return
        seen = set()
        for i, j, a in assignments(instance, spec["role"]):
            if a.get("scope") in seen:
                yield ValidationError(f"a second {spec['role']} for {a.get('scope')!r}", path=[i, "assignments", j, "scope"])
            seen.add(a.get("scope"))

    keywords = {
        "x-lintel-ref": x_ref, "x-lintel-unique": x_unique, "x-lintel-instant": x_instant, "x-lintel-zone": x_zone, "x-lintel-after": x_after,
        "x-lintel-matches": x_matches, "x-lintel-acyclic": x_acyclic, "x-lintel-exactly-one": x_exactly_one,
        "x-lintel-one-per-scope": x_one_per_scope,
    }
    return jsonschema.validators.extend(Draft202012Validator, keywords)(SCHEMA)


def no_duplicate_fields(pairs):
    """A JSON object whose fields are all different (json.loads would keep the last of two)."""
    names = [name for name, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError(f"a field given twice: {names}")
    return dict(pairs)


def render(path):
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def resolve_pointer(pointer):
    node = SCHEMA
    for part in pointer.lstrip("#/").split("/"):
        if part:
            node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def keyword_location(error):
    """The schema location (JSON pointer from the root, through $refs) of the keyword that failed.
    jsonschema's paths go through a $ref as if the target were written in place."""
    node, location = SCHEMA, "#"
    for part in error.absolute_schema_path:
        while isinstance(node, dict) and part not in node and "$ref" in node:
            location = node["$ref"]
            node = resolve_pointer(location)
        node = node[part]
        location += f"/{part}"
    return location


def schema_errors(document):
    """Every error the schema finds, with their sub-errors, as (path, keyword location) pairs."""
    found = []

    def add(error):
        path = list(error.absolute_path)
        found.append((render(path), keyword_location(error)))
        if error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    found.append((render(path + [name]), keyword_location(error)))
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            for name in error.instance:
                if name not in known:
                    found.append((render(path + [name]), keyword_location(error)))
        if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str):
            found.append((render(path + [error.instance]), keyword_location(error)))
        if error.validator is None and list(error.absolute_schema_path)[-1:] == ["properties"]:
            # jsonschema reports a `false` subschema at the object, with the value it refused.
            location = keyword_location(error)
            for name, sub in resolve_pointer(location).items():
                if sub is False:
                    found.append((render(path + [name]), f"{location}/{name}"))
        for sub in error.context or []:
            add(sub)

    for error in validator_for(document).iter_errors(document):
        add(error)
    return found


def constraint_locations():
    """Every keyword of the schema that can refuse a document (not those inside an `if`)."""
    refusing = {"required", "enum", "const", "pattern", "minimum", "maximum", "minLength", "uniqueItems", "not",
                "additionalProperties", "type", "oneOf"}
    found = set()

    def walk(node, location):
        if node is False:
            found.add(location)
        if not isinstance(node, dict):
            return
        for key, value in node.items():
            if key in refusing or key.startswith("x-lintel-"):
                if not (key == "additionalProperties" and value is not False):
                    found.add(f"{location}/{key}")
            if key == "if":
                continue
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    walk(sub, f"{location}/{key}/{name}")
            elif key in ("items", "then", "additionalProperties", "propertyNames") and isinstance(value, (dict, bool)):
                walk(value, f"{location}/{key}")
            elif key in ("oneOf", "anyOf", "allOf"):
                for index, sub in enumerate(value):
                    walk(sub, f"{location}/{key}/{index}")

    walk(SCHEMA, "#")
    return found


class Lintel:
    def __init__(self, binary, scratch):
        self.binary, self.scratch, self.count = binary, scratch, 0

    def write(self, document):
        self.count += 1
        path = os.path.join(self.scratch, f"case-{self.count}.json")
        with open(path, "w") as f:
            f.write(document if isinstance(document, str) else json.dumps(document))
        return path

    def validate(self, files):
        """{file: None when accepted, else (path, rule)} for many files in one run."""
        verdicts = {}
        for start in range(0, len(files), 500):
            batch = files[start:start + 500]
            run = subprocess.run([self.binary, "store", "validate", "--json", *batch], capture_output=True, text=True)
            for line in run.stdout.splitlines():
                answer = json.loads(line)
                verdicts[answer["file"]] = None if answer["ok"] else (answer["path"], answer["rule"])
        return verdicts


def edit(document, steps):
    document = copy.deepcopy(document)
    for step in steps:
        path = step["path"]
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if "set" in step:
            parent[path[-1]] = step["set"]
        elif step.get("remove"):
            del parent[path[-1]]
        elif "append" in step:
            parent[path[-1]].append(step["append"])
        elif "copy" in step:
            source = document
            for key in step["copy"]:
                source = source[key]
            parent[path[-1]].append(copy.deepcopy(source))
    return document


def mutations(document):
    """(name, mutated document) for every node of the document."""
    def nodes(node, path):
        yield path, node
        if isinstance(node, dict):
            for key, value in node.items():
                yield from nodes(value, path + [key])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from nodes(value, path + [index])

    def replaced(path, value):
        copied = copy.deepcopy(document)
        parent = copied
        for key in path[:-1]:
            parent = parent[key]
        if value is REMOVE:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
        return copied

    REMOVE = object()
    yield "$: an array for the document", []
    for path, node in list(nodes(document, [])):
        where = render(path)
        if isinstance(node, dict):
            for key in node:
                misspelt = key[:-1] if key[:-1] and key[:-1] not in node else key + "x"
                yield f"{where}: {key} misspelt {misspelt}", replaced(path + [misspelt], node[key])
                yield f"{where}: {key} removed", replaced(path + [key], REMOVE)
            yield f"{where}: an array for an object", replaced(path, []) if path else None
        elif isinstance(node, list):
            if node:
                yield f"{where}: first item twice", replaced(path, node + [copy.deepcopy(node[0])])
            yield f"{where}: an object for an array", replaced(path, {})
        elif isinstance(node, bool):
            yield f"{where}: a string for a boolean", replaced(path, "yes")
        elif isinstance(node, int):
            for value in (-1, 0, 1, 3, "7"):
                yield f"{where}: {value!r}", replaced(path, value)
        elif isinstance(node, str):
            for value in ("", "bogus-value", 12345, None, "UTC+1"):
                yield f"{where}: {value!r}", replaced(path, value)
        elif node is None:
            yield f"{where}: an object for null", replaced(path, {"opensBeforeMinutes": -1})


def main():
    lintel_binary, files = sys.argv[1], sys.argv[2:]
    Draft202012Validator.check_schema(SCHEMA)
    failures = []
    scratch = tempfile.mkdtemp(prefix="lintel-schema-")
    lintel = Lintel(lintel_binary, scratch)

    for path in files:
        for where, _ in schema_errors(json.load(open(path)))[:5]:
            failures.append(f"{path}: the schema refuses {where}")

    every = json.load(open(os.path.join(RULES, "every-field.json")))
    defined = set()

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties":
                    defined.update(value)
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
    collect(SCHEMA)
    used = set()

    def keys(node):
        if isinstance(node, dict):
            used.update(node)
            for value in node.values():
                keys(value)
        elif isinstance(node, list):
            for value in node:
                keys(value)
    keys(every)
    for name in sorted(defined - used):
        failures.append(f"every-field.json does not use the schema's field {name!r}")
    for where, _ in schema_errors(every):
        failures.append(f"every-field.json: the schema refuses {where}")

    # The importer reads every field: what goes in comes back out of an export.
    store = os.path.join(scratch, "store.sqlite")
    subprocess.run([lintel_binary, "store", "import", "--store", store, os.path.join(RULES, "every-field.json")], check=True,
                   capture_output=True)
    exported = json.loads(subprocess.run([lintel_binary, "store", "export", "--store", store], check=True,
                                         capture_output=True, text=True).stdout)

    def same(a, b):
        if isinstance(a, str) and isinstance(b, str) and a != b:
            try:
                return instant(a) == instant(b)
            except ValueError:
                return False
        return a == b

    def contained(given, back, where):
        if isinstance(given, dict) and isinstance(back, bool) and set(given) <= {"allowed", "scope"} and not given.get("scope"):
            given = given["allowed"]  # {"allowed": false} is written false, {"allowed": true} true
        if isinstance(given, dict):
            if not isinstance(back, dict):
                return failures.append(f"export lost {where}")
            for key, value in given.items():
                if key not in back:
                    failures.append(f"export lost {where}.{key}")
                else:
                    contained(value, back[key], f"{where}.{key}")
        elif isinstance(given, list):
            if not isinstance(back, list) or len(back) != len(given):
                return failures.append(f"export changed {where}")
            if all(isinstance(g, (str, int)) for g in given):
                if sorted(given) != sorted(back):
                    failures.append(f"export changed {where}: {given} -> {back}")
                return
            for index, value in enumerate(given):
                key = next((k for k in ("id", "uid") if isinstance(value, dict) and k in value), None)
                match = next((b for b in back if key and b.get(key) == value[key]), None) if key else None
                if key is None and isinstance(value, dict) and {"userId", "categoryId", "visaId"} <= value.keys():
                    match = next((b for b in back if all(b.get(k) == value.get(k) for k in value if k != "validUntil")), None)
                contained(value, match if match is not None else back[index], f"{where}[{index}]")
        elif not same(given, back):
            failures.append(f"export changed {where}: {given!r} -> {back!r}")
    contained(every, exported, "$")

    # Hand-written cases: one per rule of the validator, refused by both at the same path.
    cases = json.load(open(os.path.join(RULES, "cases.json")))
    base_files = {"every-field": os.path.join(RULES, "every-field.json"), "demo-world": os.path.join(ROOT, "examples/demo-world.json")}
    bases = {name: json.load(open(path)) for name, path in base_files.items()}
    hit = set()
    case_files = []
    for case in cases:
        base = bases[case.get("base", "every-field")]
        if "text" in case:
            document = open(base_files[case.get("base", "every-field")]).read().replace(case["text"][0], case["text"][1], 1)
            try:
                json.loads(document, object_pairs_hook=no_duplicate_fields)
                failures.append(f"case {case['name']!r}: Python reads the text as JSON")
            except ValueError:
                pass
        else:
            document = edit(base, case["edit"])
            found = schema_errors(document)
            hit.update(location for _, location in found)
            if case["path"] not in {p for p, _ in found}:
                failures.append(f"case {case['name']!r}: the schema does not refuse {case['path']} (it says {sorted({p for p, _ in found})})")
        case_files.append((case, lintel.write(document)))
    verdicts = lintel.validate([f for _, f in case_files])
    for case, file in case_files:
        verdict = verdicts.get(file)
        if verdict != (case["path"], case["rule"]):
            failures.append(f"case {case['name']!r}: lintel says {verdict}, expected {(case['path'], case['rule'])}")

    # Generated mutations: both agree.
    generated = [(name, document) for name, document in mutations(every) if document is not None]
    mutation_files = [(name, document, lintel.write(document)) for name, document in generated]
    verdicts = lintel.validate([f for _, _, f in mutation_files])
    disagreements = 0
    for name, document, file in mutation_files:
        found = schema_errors(document)
        hit.update(location for _, location in found)
        paths = {p for p, _ in found}
        verdict = verdicts.get(file)
        agree = (verdict is None and not found) or (verdict is not None and verdict[0] in paths)
        if not agree:
            disagreements += 1
            if disagreements <= 25:
                failures.append(f"mutation {name}: lintel says {verdict}, the schema says {sorted(paths) or 'valid'}")

    untested = sorted(constraint_locations() - hit)
    for location in untested:
        failures.append(f"no case or mutation breaks the schema's {location}")

    print(f"schema round trip: {len(files)} snapshots, every-field export, {len(cases)} rule cases, "
          f"{len(generated)} mutations ({disagreements} disagreements), {len(constraint_locations())} schema constraints "
          f"({len(untested)} untested)")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{'ok' if not failures else str(len(failures)) + ' failures'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
