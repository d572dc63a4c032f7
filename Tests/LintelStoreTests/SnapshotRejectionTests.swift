import Foundation
import LintelStore
import LintelWire
import LintelTestKit
import Testing

/// One way to break the demo world, and what the error must name.
struct BrokenSnapshot: Sendable, CustomTestStringConvertible {
    let name: String
    let path: String
    let value: String?
    let problem: String
    let breakIt: @Sendable (inout [String: Any]) -> Void

    var testDescription: String { name }
}

private func set(_ keyPath: [Any], _ value: Any?) -> @Sendable (inout [String: Any]) -> Void {
    nonisolated(unsafe) let value = value
    nonisolated(unsafe) let keyPath = keyPath
    return { root in root = JSONEdit.setting(root, keyPath, value) as! [String: Any] }
}

/// Edits nested JSON values by a path of keys and indexes.
enum JSONEdit {
    static func setting(_ node: Any, _ path: [Any], _ value: Any?) -> Any {
        guard let head = path.first else { return value ?? NSNull() }
        let rest = Array(path.dropFirst())
        if let index = head as? Int, var array = node as? [Any] {
            if rest.isEmpty && value == nil { array.remove(at: index) } else { array[index] = setting(array[index], rest, value) }
            return array
        }
        var object = node as! [String: Any]
        let key = head as! String
        if rest.isEmpty && value == nil { object.removeValue(forKey: key) } else { object[key] = setting(object[key] as Any, rest, value) }
        return object
    }

    static func value(_ node: Any, _ path: [Any]) -> Any {
        path.reduce(node) { node, key in
            if let index = key as? Int { return (node as! [Any])[index] }
            return (node as! [String: Any])[key as! String]!
        }
    }
}

@Suite("Bad snapshots are rejected, name the path and value, and change nothing")
struct SnapshotRejectionTests {
    static let cases: [BrokenSnapshot] = [
        BrokenSnapshot(name: "unknown membership state", path: "$.users[1].state", value: "\"sleepy\"",
                       problem: "sleepy", breakIt: set(["users", 1, "state"], "sleepy")),
        BrokenSnapshot(name: "unknown time zone", path: "$.locations[0].timeZone", value: "\"Mars/Olympus\"",
                       problem: "IANA", breakIt: set(["locations", 0, "timeZone"], "Mars/Olympus")),
        BrokenSnapshot(name: "booking on a space that does not exist", path: "$.bookings[2].spaceId", value: "\"nowhere\"",
                       problem: "no such space", breakIt: set(["bookings", 2, "spaceId"], "nowhere")),
        BrokenSnapshot(name: "an instant that is not ISO 8601", path: "$.bookings[0].start", value: "\"tomorrow\"",
                       problem: "ISO 8601", breakIt: set(["bookings", 0, "start"], "tomorrow")),
        BrokenSnapshot(name: "a booking ending before it starts", path: "$.bookings[0].end", value: nil,
                       problem: "end after it starts", breakIt: set(["bookings", 0, "end"], "2026-11-23T07:00:00Z")),
        BrokenSnapshot(name: "missing organisation", path: "$.organisation", value: nil,
                       problem: "required field is missing", breakIt: set(["organisation"], nil)),
        BrokenSnapshot(name: "wrong format", path: "$.format", value: "\"lintel-snapshot/0\"",
                       problem: "unsupported format", breakIt: set(["format"], "lintel-snapshot/0")),
        BrokenSnapshot(name: "skip weekends with 3 days", path: "$.roles[1].permissions.rooms.advanceWindow.days", value: "3",
                       problem: "skipWeekends", breakIt: set(["roles", 1, "permissions", "rooms", "advanceWindow"], ["days": 3, "skipWeekends": true])),
        BrokenSnapshot(name: "a second Super Administrator", path: "$.users", value: "2",
                       problem: "exactly one", breakIt: set(["users", 1, "assignments"], [["role": "super-administrator"]])),
        BrokenSnapshot(name: "a second Location Manager for one location", path: "$.users[10].assignments[0].scope", value: "\"loc-nyc\"",
                       problem: "one Location Manager", breakIt: set(["users", 10, "assignments", 0], ["role": "location-manager", "scope": "loc-nyc"])),
        BrokenSnapshot(name: "a duplicate space id", path: "$.spaces[1].id", value: "\"ams-r-tulip\"",
                       problem: "duplicate", breakIt: set(["spaces", 1, "id"], "ams-r-tulip")),
        BrokenSnapshot(name: "areas in a cycle", path: "$.areas[1].parentId", value: "\"ams-f2-finance\"",
                       problem: "cycle", breakIt: set(["areas", 1, "parentId"], "ams-f2-finance")),
        BrokenSnapshot(name: "a desk in a room category", path: "$.spaces[5].categoryId", value: "\"cat-meeting\"",
                       problem: "category is for rooms", breakIt: set(["spaces", 5, "categoryId"], "cat-meeting")),
        BrokenSnapshot(name: "a role that does not exist", path: "$.users[1].roleIds[0]", value: "\"role-ghost\"",
                       problem: "no such role", breakIt: set(["users", 1, "roleIds", 0], "role-ghost")),
        BrokenSnapshot(name: "a custom role posing as a system role", path: "$.roles[2].id", value: "\"system:user\"",
                       problem: "system roles", breakIt: set(["roles", 2, "id"], "system:user")),
        BrokenSnapshot(name: "an active user with no role", path: "$.users[2].state", value: "\"active\"",
                       problem: "must have a role", breakIt: set(["users", 2, "roleIds"], [String]())),
        BrokenSnapshot(name: "an unknown weekday in opening hours", path: "$.profiles[0].openingHours.funday", value: nil,
                       problem: "funday", breakIt: set(["profiles", 0, "openingHours", "funday"], [["from": "08:00", "to": "09:00"]])),
        BrokenSnapshot(name: "an opening time that is not HH:mm", path: "$.profiles[0].openingHours.mon[0].from", value: "\"8am\"",
                       problem: "HH:mm", breakIt: set(["profiles", 0, "openingHours", "mon", 0, "from"], "8am")),
        BrokenSnapshot(name: "a badge given twice", path: "$.badges[1].uid", value: "\"04A1B2C3\"",
                       problem: "duplicate badge", breakIt: set(["badges", 1, "uid"], "04A1B2C3")),
        BrokenSnapshot(name: "a number where a name belongs", path: "$.spaces[0].name", value: "42",
                       problem: "expected a string", breakIt: set(["spaces", 0, "name"], 42)),
        BrokenSnapshot(name: "a visa that does not exist", path: "$.authorisations[0].visaId", value: "\"visa-ghost\"",
                       problem: "no such visa", breakIt: set(["authorisations", 0, "visaId"], "visa-ghost")),
        BrokenSnapshot(name: "an unknown module", path: "$.organisation.modules", value: nil,
                       problem: "unknown module", breakIt: set(["organisation", "modules", "casino"], "user")),
        // Issue 10: what used to import without a word.
        BrokenSnapshot(name: "a misspelt exclusion (\"excludeSpace\" for \"excludeSpaces\")", path: "$.roles[2].permissions.bookingScope.excludeSpace",
                       value: "[\"ams-d-203\"]", problem: "unknown field (did you mean \"excludeSpaces\"?)",
                       breakIt: set(["roles", 2, "permissions", "bookingScope"], ["excludeSpace": ["ams-d-203"]])),
        BrokenSnapshot(name: "\"skipWeekend\" for \"skipWeekends\"", path: "$.roles[1].permissions.rooms.advanceWindow.skipWeekend", value: "true",
                       problem: "did you mean \"skipWeekends\"", breakIt: set(["roles", 1, "permissions", "rooms", "advanceWindow"], ["days": 2, "skipWeekend": true])),
        BrokenSnapshot(name: "\"hygenic\" for \"hygienic\"", path: "$.locations[0].hygenic", value: "true",
                       problem: "did you mean \"hygienic\"", breakIt: set(["locations", 0, "hygenic"], true)),
        BrokenSnapshot(name: "an unknown top-level key", path: "$.bookingz", value: "[]",
                       problem: "did you mean \"bookings\"", breakIt: set(["bookingz"], [Any]())),
        BrokenSnapshot(name: "an exclusion naming a place that does not exist", path: "$.roles[2].permissions.bookingScope.excludeSpaces[0]",
                       value: "\"desk-3.14\"", problem: "no such space", breakIt: set(["roles", 2, "permissions", "bookingScope"], ["excludeSpaces": ["desk-3.14"]])),
        BrokenSnapshot(name: "an inclusion naming a location that does not exist", path: "$.roles[2].permissions.bookingScope.includeLocations[0]",
                       value: "\"loc-atlantis\"", problem: "no such location or area",
                       breakIt: set(["roles", 2, "permissions", "bookingScope"], ["includeLocations": ["loc-atlantis"]])),
        BrokenSnapshot(name: "a fixed offset \"UTC+1\" for a zone", path: "$.locations[0].timeZone", value: "\"UTC+1\"",
                       problem: "no daylight saving rules", breakIt: set(["locations", 0, "timeZone"], "UTC+1")),
        BrokenSnapshot(name: "a fixed offset \"GMT+01:00\" for a zone", path: "$.locations[0].timeZone", value: "\"GMT+01:00\"",
                       problem: "fixed UTC offset", breakIt: set(["locations", 0, "timeZone"], "GMT+01:00")),
        BrokenSnapshot(name: "two hygiene entries for one desk", path: "$.hygiene[4].spaceId", value: "\"ams-d-201\"",
                       problem: "one hygiene entry", breakIt: { root in
                           var hygiene = root["hygiene"] as! [Any]
                           hygiene.append(hygiene[0])
                           root["hygiene"] = hygiene
                       }),
    ]

    @Test("A broken snapshot is rejected with its JSON path and value", arguments: cases)
    func rejected(_ broken: BrokenSnapshot) throws {
        let temporary = try TemporaryStore.withDemoWorld()
        let before = try SnapshotCoding.encode(try temporary.store.exportSnapshot())
        var json = try JSONSerialization.jsonObject(with: try TemporaryStore.demoWorldData()) as! [String: Any]
        broken.breakIt(&json)
        let data = try JSONSerialization.data(withJSONObject: json)
        do {
            try temporary.store.importSnapshot(json: data, file: "broken.json")
            Issue.record("\(broken.name) was accepted")
        } catch let error as SnapshotError {
            #expect(error.path == broken.path, "\(error)")
            if let value = broken.value { #expect(error.value == value, "\(error)") }
            #expect(error.problem.contains(broken.problem), "\(error)")
            #expect(error.description.hasPrefix("broken.json: \(broken.path)"))
        }
        let after = try SnapshotCoding.encode(try temporary.store.exportSnapshot())
        #expect(before == after, "the store changed although the snapshot was rejected")
    }

    @Test("Text that is not JSON is rejected and changes nothing")
    func notJSON() throws {
        let temporary = try TemporaryStore.withDemoWorld()
        #expect(throws: SnapshotError.self) { try temporary.store.importSnapshot(json: Data("{\"format\": ".utf8), file: "cut.json") }
        #expect(try temporary.store.stats().bookings == 14)
    }
}

/// A syntax error says where it is: line, column and the text around it (issue 10: it used to say
/// `$: The given data was not valid JSON.`).
struct SyntaxErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let line: Int
    let column: Int
    let expected: String
    var testDescription: String { name }
}

@Suite("Text that is not JSON is refused with its line and column")
struct SnapshotSyntaxTests {
    static let cases: [SyntaxErrorCase] = [
        SyntaxErrorCase(name: "a missing value", text: "{\n  \"format\": \"lintel-snapshot/1\",\n  \"users\": ]\n}", line: 3, column: 12,
                        expected: "expected a value, found \"]\" (near: \"users\": ])"),
        SyntaxErrorCase(name: "a trailing comma", text: "{\"a\": [1, 2,]}", line: 1, column: 13, expected: "expected a value"),
        SyntaxErrorCase(name: "a cut file", text: "{\n\"format\": ", line: 2, column: 11, expected: "found the end of the file"),
        SyntaxErrorCase(name: "an unquoted field name", text: "{\n\n   format: 1}", line: 3, column: 4, expected: "a field name in double quotes"),
        SyntaxErrorCase(name: "a misspelt literal", text: "[tru]", line: 1, column: 5, expected: "(true?)"),
        SyntaxErrorCase(name: "text after the document", text: "{}\n{}", line: 2, column: 1, expected: "the end of the document"),
        SyntaxErrorCase(name: "a bad escape", text: "[\"a\\q\"]", line: 1, column: 5, expected: "an escape"),
        SyntaxErrorCase(name: "a leading zero", text: "[01]", line: 1, column: 3, expected: "\",\" or \"]\""),
    ]

    @Test("A syntax error names line and column and quotes the text there", arguments: cases)
    func located(_ c: SyntaxErrorCase) throws {
        do {
            _ = try SnapshotCoding.decode(Data(c.text.utf8), file: "cut.json")
            Issue.record("accepted")
        } catch {
            #expect(error.rule == .syntax)
            #expect(error.line == c.line && error.column == c.column, "\(error)")
            #expect(error.description.hasPrefix("cut.json: line \(c.line), column \(c.column): not valid JSON"), "\(error)")
            #expect(error.description.contains(c.expected), "\(error)")
        }
    }

    @Test("Deep nesting is located without exhausting the stack")
    func deepNesting() throws {
        let text = String(repeating: "[", count: 200_000) + "x"
        do {
            _ = try SnapshotCoding.decode(Data(text.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.rule == .syntax)
        }
    }
}

@Suite("Zones are IANA names of the system's database; fixed offsets are refused as such")
struct ZoneDatabaseTests {
    @Test("Known, fixed offset or unknown", arguments: [
        ("Europe/Amsterdam", ZoneDatabase.Verdict.known), ("America/Argentina/Buenos_Aires", .known), ("UTC", .known),
        ("Etc/UTC", .known), ("Etc/GMT+1", .known), ("US/Pacific", .known),
        ("UTC+1", .fixedOffset), ("GMT+01:00", .fixedOffset), ("+01:00", .fixedOffset), ("utc -0530", .fixedOffset),
        ("GMT−2", .fixedOffset), ("UTC+01:00:00", .fixedOffset),
        ("America/Gotham", .unknown), ("Europe/amsterdam", .unknown), ("", .unknown), ("UTC+", .unknown), ("GMT+123", .unknown),
        ("../etc/passwd", .unknown), ("localtime", .unknown),
    ])
    func verdict(_ name: String, _ expected: ZoneDatabase.Verdict) {
        #expect(ZoneDatabase.check(name) == expected)
    }
}
