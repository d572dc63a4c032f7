import ArgumentParser
import Foundation
import LintelInput

/// `lintel inputs monitor`: like gpiomon, after debounce and role mapping.
struct InputsMonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Print one JSON line per debounced input event (buttons, PIR, badges) until interrupted.")

    @Option(help: "The board file.")
    var board: String

    @Option(help: "Stop after this many events.")
    var count: Int?

    @Option(help: "Stop after this many seconds.")
    var seconds: Double?

    func run() throws {
        let session = try HardwareSession(boardFile: board)
        defer { session.close() }
        FileHandle.standardError.write(Data("lintel: watching \(session.source.chipDescription) for \(board)\n".utf8))
        let end = seconds.map { session.source.now() + UInt64($0 * 1_000_000_000) }
        var seen = 0
        try session.monitor.run(until: end) { event in
            HardwareSession.say(InputEventJSON.render(event))
            seen += 1
            return count.map { seen < $0 } ?? true
        }
    }
}
