import Foundation
import LintelTestKit
import Testing

/// `lintel-platform serve` on loopback with the demo world, as a site runs it, for the commands
/// that talk to a platform.
final class PlatformProcess {
    let process: Process
    let port: Int
    let database: String
    var url: String { "http://127.0.0.1:\(port)" }

    static let executable = LintelProcess.executable.deletingLastPathComponent().appendingPathComponent("lintel-platform")

    init(in scratch: Scratch) async throws {
        database = scratch.path("platform.sqlite")
        try Data((0..<24).map { _ in UInt8.random(in: 97...122) }).write(to: URL(fileURLWithPath: scratch.path("admin-token")))
        #expect(try Self.run(["import", "--db", database, ProjectFiles.demoWorld.path]).status == 0)
        port = Int.random(in: 50_001...60_000)
        process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--db", database, "--port", "\(port)", "--admin-token-file", scratch.path("admin-token")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? Data(contentsOf: URL(string: "\(url)/healthz")!)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("lintel-platform did not start on \(port)")
    }

    /// A `lintel-platform` command on this platform's database.
    func command(_ arguments: [String]) throws -> LintelProcess.Result { try Self.run(arguments + ["--db", database]) }

    static func run(_ arguments: [String]) throws -> LintelProcess.Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LintelProcess.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The devices as `devices list` prints them: id, state, code, space.
    func devices() throws -> [[String]] {
        try command(["devices", "list"]).stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
