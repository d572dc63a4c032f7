import Foundation
import LintelStore
import LintelTestKit
import Testing

/// `lintel doctor` catches what stops a panel, each with its fix, and counts the failures in its
/// exit status. Each case starts from a configuration every check passes or skips, then breaks one thing.
@Suite("lintel doctor: each failure found, said with its fix, counted in the exit status")
struct DoctorCommandTests {
    /// A scratch folder with a configuration: display on a framebuffer file, a clock flag file.
    final class Setup {
        let scratch: Scratch
        var yaml: [String]
        var extra: [String] = []

        init() throws {
            scratch = try Scratch()
            FileManager.default.createFile(atPath: scratch.path("fb0"), contents: Data(count: 16), attributes: [.posixPermissions: 0o666])
            FileManager.default.createFile(atPath: scratch.path("synchronized"), contents: nil)
            yaml = ["space: ams-r-tulip", "store: \(scratch.path("store.sqlite"))", "display:", "  output: fbdev", "  fbdev: \(scratch.path("fb0"))"]
        }

        func run(_ more: [String] = []) throws -> LintelProcess.Result {
            let config = scratch.path("agent.yaml")
            try (yaml + [""]).joined(separator: "\n").write(toFile: config, atomically: true, encoding: .utf8)
            return try LintelProcess.run(["doctor", "--config", config, "--user", "nobody", "--timesync-flag", scratch.path("synchronized"),
                                          "--flag-file-only"] + extra + more)
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var breaks: @Sendable (Setup) throws -> Void
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing device node", breaks: { setup in
            setup.yaml[setup.yaml.count - 1] = "  fbdev: \(setup.scratch.path("fb1"))"
        }, expected: ["FAIL device node: missing \u{0}fb1 (display)", "fix: enable the framebuffer driver"]),
        Case(name: "wrong permission", breaks: { setup in
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: setup.scratch.path("fb0"))
        }, expected: ["FAIL device node: nobody cannot read and write \u{0}fb0 (display; mode 600, group", "fix: add nobody to the group"]),
        Case(name: "bad board file: not a board file", breaks: { setup in
            try "name: [unclosed".write(toFile: setup.scratch.path("board.yaml"), atomically: true, encoding: .utf8)
            setup.yaml.append("board: \(setup.scratch.path("board.yaml"))")
        }, expected: ["FAIL board file: \u{0}board.yaml", "fix: pick this board's file"]),
        Case(name: "bad board file: a chip this board does not have", breaks: { setup in
            try String(contentsOf: ProjectFiles.url("board-configs/raspberry-pi-5.yaml"), encoding: .utf8)
                .write(toFile: setup.scratch.path("board.yaml"), atomically: true, encoding: .utf8)
            setup.yaml.append("board: \(setup.scratch.path("board.yaml"))")
        }, expected: ["FAIL board file: \u{0}board.yaml does not match this board: no GPIO chip pinctrl-rp1", "fix: pick the board file for this board"]),
        Case(name: "clock not synchronised", breaks: { setup in
            try FileManager.default.removeItem(atPath: setup.scratch.path("synchronized"))
        }, expected: ["FAIL clock: not synchronised", "fix: let the board reach an NTP server: `timedatectl set-ntp true`"]),
        Case(name: "platform unreachable", breaks: { setup in
            setup.yaml += ["sync:", "  platform: http://127.0.0.1:9", "  credential: \(setup.scratch.path("credential.json"))"]
        }, expected: ["FAIL platform: http://127.0.0.1:9 cannot be reached", "fix: check the network"]),
        Case(name: "store damaged", breaks: { setup in
            // A store whose pages are all in its main file (a copy, no WAL), then a torn write over eight of them.
            let store = setup.scratch.path("store.sqlite"), imported = setup.scratch.path("imported.sqlite")
            #expect(try LintelProcess.run(["store", "import", "--store", imported, ProjectFiles.demoWorld.path]).status == 0)
            try AuthStore(path: imported).copy(to: store)
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: store))
            try handle.seek(toOffset: 4096)
            try handle.write(contentsOf: Data((0..<(4096 * 8)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
            try handle.close()
        }, expected: ["FAIL store: \u{0}store.sqlite is damaged", "fix: stop the agent, keep a copy"]),
        Case(name: "credential readable by others", breaks: { setup in
            setup.yaml += ["sync:", "  platform: http://127.0.0.1:9", "  credential: \(setup.scratch.path("credential.json"))"]
            FileManager.default.createFile(atPath: setup.scratch.path("credential.json"), contents: Data(#"{"deviceId":"d","credential":"c","spaceId":"s"}"#.utf8),
                                           attributes: [.posixPermissions: 0o644])
        }, expected: ["FAIL credential: \u{0}credential.json is mode 644", "fix: `chmod 600"]),
    ]

    @Test("A configuration where nothing is wrong: every check passes or is skipped, exit status 0")
    func allPass() throws {
        let result = try Setup().run()
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("All checks passed.") && !result.stdout.contains("FAIL"))
    }

    @Test("Each fault is found with its fix", arguments: cases)
    func fault(_ c: Case) throws {
        let setup = try Setup()
        try c.breaks(setup)
        let result = try setup.run()
        let folder = setup.scratch.folder.path + "/"
        for line in c.expected.map({ $0.replacingOccurrences(of: "\u{0}", with: folder) }) {
            #expect(result.stdout.contains(line), "\(c.name): \(line)\n\(result.stdout)")
        }
        let failures = result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("FAIL") }.count
        #expect(failures >= 1 && result.status == Int32(failures), "the exit status counts the failures")
    }

    /// lintel-platform serving HTTPS with a certificate made by `openssl ca` for the given dates.
    static func platform(in scratch: Scratch, start: String, end: String) throws -> (process: Process, port: Int) {
        func sh(_ command: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = scratch.folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "\(command)")
        }
        try sh("""
            touch index.txt && echo 01 > serial && printf '[ca]\\ndefault_ca=d\\n[d]\\ndir=.\\ndatabase=index.txt\\nserial=serial\\nnew_certs_dir=.\\ndefault_md=sha256\\npolicy=p\\ncopy_extensions=copy\\n[p]\\ncommonName=supplied\\n' > ca.cnf &&
            openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout key.pem -out req.csr &&
            openssl ca -batch -config ca.cnf -selfsign -keyfile key.pem -in req.csr -startdate \(start) -enddate \(end) -out cert.pem &&
            head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \\n' > admin-token
            """)
        let port = Int.random(in: 40_001...50_000)
        let process = Process()
        process.executableURL = LintelProcess.executable.deletingLastPathComponent().appendingPathComponent("lintel-platform")
        process.arguments = ["serve", "--db", scratch.path("platform.sqlite"), "--port", "\(port)", "--admin-token-file", scratch.path("admin-token"),
                             "--tls-certificate", scratch.path("cert.pem"), "--tls-key", scratch.path("key.pem")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, port)
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }

    @Test("The platform's certificate: expired, about to expire, or good for months", arguments: [
        (-400.0, -30.0, "FAIL certificate: expired on "), (-1.0, 3.0, "FAIL certificate: expires in 2 days"), (-1.0, 300.0, "ok   certificate: valid until "),
    ])
    func certificate(_ fromDays: Double, _ toDays: Double, _ expected: String) async throws {
        let setup = try Setup()
        let now = Date()
        let (platform, port) = try Self.platform(in: setup.scratch, start: Self.stamp(now.addingTimeInterval(fromDays * 86400)),
                                                 end: Self.stamp(now.addingTimeInterval(toDays * 86400)))
        defer {
            platform.terminate()
            platform.waitUntilExit()
        }
        setup.yaml += ["sync:", "  platform: https://127.0.0.1:\(port)", "  credential: \(setup.scratch.path("credential.json"))",
                       "  ca-bundle: \(setup.scratch.path("cert.pem"))"]
        var result = try setup.run()
        for _ in 0..<50 where result.stdout.contains("cannot be reached") && result.stdout.contains("Connection refused") {
            try await Task.sleep(for: .milliseconds(200))
            result = try setup.run()
        }
        #expect(result.stdout.contains(expected), "\(result.stdout)")
        if toDays < 0 {
            #expect(result.stdout.contains("FAIL certificate: https://127.0.0.1:\(port): the certificate is not valid"), "the platform request itself fails too")
            #expect(result.stdout.contains("fix: renew the platform's certificate"))
        } else if toDays > 100 {
            #expect(result.status == 0 && result.stdout.contains("ok   platform: https://127.0.0.1:\(port) answers"), "\(result.stdout)")
        }
    }
}
