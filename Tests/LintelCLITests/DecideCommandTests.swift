import Foundation
import LintelTestKit
import Testing

@Suite("lintel store and lintel decide, run as a user would")
struct DecideCommandTests {
    let scratch: Scratch
    let store: String

    init() throws {
        scratch = try Scratch()
        store = scratch.path("panel.sqlite")
        let result = try LintelProcess.run(["store", "import", "--store", store, ProjectFiles.demoWorld.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    struct Call: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let status: Int32
        let decision: String
        let reason: String
        var testDescription: String { "\(arguments.joined(separator: " ")) → \(status) \(reason)" }
    }

    @Test("Exit 0 when allowed, 1 when denied, with one JSON object on stdout", arguments: [
        Call(arguments: ["--at", "2026-11-23T08:55:00+01:00", "--actor", "badge:04B7E1D0", "--action", "checkin", "--resource", "ams-r-tulip"],
             status: 0, decision: "allow", reason: "allowed"),
        Call(arguments: ["--at", "2026-11-23T08:40:00+01:00", "--actor", "u-bram", "--action", "checkin", "--resource", "ams-r-tulip",
                         "--booking", "bk-tulip-planning"], status: 1, decision: "deny", reason: "check_in_not_open"),
        Call(arguments: ["--at", "2026-11-23T10:00:00+01:00", "--actor", "u-lena", "--action", "book", "--resource", "ams-d-202",
                         "--start", "2026-11-24T09:00:00+01:00", "--end", "2026-11-24T17:00:00+01:00", "--for", "u-bram"],
             status: 0, decision: "allow", reason: "allowed"),
        Call(arguments: ["--at", "2026-11-23T10:00:00+01:00", "--actor", "u-bram", "--action", "book", "--resource", "ams-d-202",
                         "--start", "2026-11-24T09:00:00+01:00", "--end", "2026-11-24T17:00:00+01:00", "--recurring"],
             status: 1, decision: "deny", reason: "recurring_not_allowed"),
        Call(arguments: ["--at", "2026-11-23T10:00:00+01:00", "--actor", "anonymous", "--action", "clean", "--resource", "ams-d-202"],
             status: 1, decision: "deny", reason: "identification_required"),
        Call(arguments: ["--at", "2026-11-23T10:00:00+01:00", "--actor", "system", "--action", "release", "--resource", "ams-r-tulip",
                         "--booking", "bk-tulip-planning"], status: 0, decision: "allow", reason: "allowed"),
    ])
    func decide(_ call: Call) throws {
        let result = try LintelProcess.run(["decide", "--store", store] + call.arguments)
        #expect(result.status == call.status, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String]
        #expect(object?["decision"] == call.decision)
        #expect(object?["reason"] == call.reason)
        #expect(object?["message"]?.isEmpty == false)
        #expect(result.stdout.hasPrefix("{\"decision\":"))
    }

    @Test("Bad input exits 2 with a message that names the problem", arguments: [
        (["--actor", "u-bram", "--action", "teleport", "--resource", "ams-r-tulip"], "unknown action \"teleport\""),
        (["--at", "monday", "--actor", "u-bram", "--action", "book", "--resource", "ams-r-tulip"], "--at: \"monday\" is not an ISO 8601"),
        (["--at", "2026-11-23T10:00:00+01:00", "--actor", "u-bram", "--action", "book", "--resource", "ams-r-tulip", "--end", "noon"],
         "--end: \"noon\""),
        (["--actor", "u-bram", "--resource", "ams-r-tulip"], "--action"),
    ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let result = try LintelProcess.run(["decide", "--store", store] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("A missing store is an input error and is not created")
    func missingStore() throws {
        let missing = scratch.path("absent.sqlite")
        let result = try LintelProcess.run(["decide", "--store", missing, "--actor", "u-bram", "--action", "book", "--resource", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no store at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("A rejected snapshot names file, path and value, and the store keeps its content")
    func rejectedImport() throws {
        var json = try String(contentsOf: ProjectFiles.demoWorld, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"timeZone\": \"America/New_York\"", with: "\"timeZone\": \"America/Gotham\"")
        let broken = scratch.path("broken.json")
        try json.write(toFile: broken, atomically: true, encoding: .utf8)
        let before = try LintelProcess.run(["store", "export", "--store", store])
        let result = try LintelProcess.run(["store", "import", "--store", store, broken])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(broken): $.locations[1].timeZone: not an IANA time zone name"), "\(result.stderr)")
        #expect(result.stderr.contains("(value: \"America/Gotham\")"), "\(result.stderr)")
        #expect(result.stderr.contains("store unchanged"))
        let after = try LintelProcess.run(["store", "export", "--store", store])
        #expect(before.stdout == after.stdout)
        #expect(before.stdout.contains("America/New_York"))
    }

    @Test("Stats and export describe what was imported")
    func statsAndExport() throws {
        let stats = try LintelProcess.run(["store", "stats", "--store", store])
        #expect(stats.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["users"] as? Int == 16)
        #expect(object?["bookings"] as? Int == 14)
        let export = try LintelProcess.run(["store", "export", "--store", store])
        let snapshot = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any]
        #expect(snapshot?["format"] as? String == "lintel-snapshot/1")
        #expect((snapshot?["spaces"] as? [Any])?.count == 17)
    }
}
