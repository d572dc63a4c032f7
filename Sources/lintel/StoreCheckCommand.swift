import ArgumentParser
import Foundation
import LintelStore

/// `lintel store check`: is the store sound, and is its outbox whole? Exit 1 when not.
struct StoreCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: SQLite's integrity check, and that the outbox sequence has no gap. One JSON object; exit 1 on a problem.")

    @OptionGroup var location: StoreLocation

    struct Report: Encodable {
        var integrity: String
        var outboxEvents: Int
        var lastSeq: Int64
        var gapFree: Bool
        var synchronous: Int
    }

    func run() throws {
        let store = try location.openExisting()
        let outbox = try store.outbox()
        let seqs = outbox.map(\.event.seq)
        let report = Report(integrity: try store.integrityCheck() ? "ok" : "damaged", outboxEvents: outbox.count, lastSeq: seqs.last ?? 0,
                            gapFree: seqs.enumerated().allSatisfy { Int64($0.offset + 1) == $0.element }, synchronous: try store.writerSynchronous())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
        if report.integrity != "ok" || !report.gapFree { throw ExitCode(1) }
    }
}
