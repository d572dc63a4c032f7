import Foundation
import LintelTestKit

/// Runs the built `lintel` executable as a user would, capturing its output and exit status.
struct LintelProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `lintel` binary built next to the test bundle.
    static let executable: URL = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lintel")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return ProjectFiles.url(".build/debug/lintel")
    }()

    static func run(_ arguments: [String]) throws -> Result {
        let process = try start(arguments)
        let out = process.standardOutput as! Pipe
        let err = process.standardError as! Pipe
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// A fresh temporary folder for one test.
final class Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
