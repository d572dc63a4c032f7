import Foundation
import LintelStore
import LintelTestKit
import Testing

/// `lintel status` as a technician runs it: from the running agent's loopback API, else from the
/// store and the credential file.
@Suite("lintel status: from the running agent, else from the store")
struct StatusCommandTests {
    /// A configuration for an agent with no hardware: the demo world seeded, metrics on `port`.
    static func config(_ scratch: Scratch, port: Int, sync: Bool = false) throws -> String {
        var yaml = """
            space: ams-r-tulip
            store: \(scratch.path("store.sqlite"))
            display:
              output: none
            clock:
              assume-synchronised: true
            http:
              listen: 127.0.0.1:\(port)
            seed:
              snapshot: \(ProjectFiles.demoWorld.path)
              rebase-to-today: true

            """
        if sync {
            yaml += """
                sync:
                  platform: http://127.0.0.1:9
                  credential: \(scratch.path("credential.json"))

                """
        }
        let path = scratch.path("agent.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func freePort() -> Int { Int.random(in: 20_000...40_000) }

    /// The `--json` report (its schema is `StatusReport`'s, tested with the agent).
    static func report(_ result: LintelProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("Without a running agent: the store's counts and the credential file's device, nothing live; no store yet is said so")
    func fromTheStore() throws {
        let scratch = try Scratch()
        let config = try Self.config(scratch, port: Self.freePort(), sync: true)
        let empty = try Self.report(try LintelProcess.run(["status", "--config", config, "--json"]))
        #expect(empty["source"] as? String == "store (the agent is not running)")
        #expect((empty["cache"] as? [String: Any])?["exists"] as? Bool == false)
        #expect((empty["provisioning"] as? [String: Any])?["state"] as? String == "unpaired" && empty["inputs"] == nil)
        #expect(FileManager.default.fileExists(atPath: scratch.path("store.sqlite")) == false, "status creates no store")

        #expect(try LintelProcess.run(["store", "import", "--store", scratch.path("store.sqlite"), ProjectFiles.demoWorld.path]).status == 0)
        try #"{"deviceId":"dev-test","credential":"secret-credential-value","spaceId":"ams-r-tulip"}"#
            .write(toFile: scratch.path("credential.json"), atomically: true, encoding: .utf8)
        let result = try LintelProcess.run(["status", "--config", config])
        #expect(result.status == 0)
        #expect(result.stdout.contains("paired with http://127.0.0.1:9 as dev-test"))
        #expect(result.stdout.contains("17 spaces, 16 users, 13 badges"))
        #expect(!result.stdout.contains("secret-credential-value"), "the credential never shows")
        let report = try Self.report(try LintelProcess.run(["status", "--config", config, "--json"]))
        #expect(report["provisioning"] as? [String: String] == ["state": "paired", "platform": "http://127.0.0.1:9", "deviceId": "dev-test"])
        #expect((report["cache"] as? [String: Any])?["bookings"] as? Int == 14 && report["outboxDepth"] as? Int == 0)
        let version = try LintelProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty && (report["versions"] as? [String: String])?["lintel"] == version)
    }

    @Test("From the running agent: what the panel shows, its uptime and display, over its loopback API")
    func fromTheAgent() async throws {
        let scratch = try Scratch()
        let port = Self.freePort()
        let config = try Self.config(scratch, port: port)
        let agent = try LintelProcess.start(["run", "--config", config])
        defer {
            agent.terminate()
            agent.waitUntilExit()
        }
        var report: [String: Any]?
        for _ in 0..<100 {
            let result = try LintelProcess.run(["status", "--config", config, "--json"])
            if result.status == 0, let answer = try? Self.report(result), answer["source"] as? String == "running agent", answer["showing"] != nil {
                report = answer
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let live = try #require(report, "the running agent answered")
        #expect((live["provisioning"] as? [String: String]) == ["state": "standalone"] && live["sync"] == nil)
        #expect(live["uptimeSeconds"] is Int && (live["inputs"] as? [String: Any])?.isEmpty == true)
        #expect((live["cache"] as? [String: Any])?["spaces"] as? Int == 17)
        let text = try LintelProcess.run(["status", "--config", config])
        #expect(text.stdout.contains("source        running agent") && text.stdout.contains("showing       "))
    }

    @Test("A configuration that cannot be read is an error naming the file")
    func badConfig() throws {
        let scratch = try Scratch()
        let path = scratch.path("agent.yaml")
        try "space: [unclosed".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try LintelProcess.run(["status", "--config", path])
        #expect(result.status == 2 && result.stderr.contains(path))
    }
}
