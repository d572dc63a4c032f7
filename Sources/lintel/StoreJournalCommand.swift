import ArgumentParser
import Foundation
import LintelStore

/// `lintel store journal`: the local decisions (the outbox), one JSON object per line.
struct StoreJournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Print the journal of local decisions (the outbox), one JSON object per line, oldest first.")

    @OptionGroup var location: StoreLocation

    @Flag(help: "Only entries not yet pushed to the platform.")
    var pending = false

    struct Line: Encodable {
        var seq: Int64
        var at: String
        var space: String
        var action: String
        var actor: String
        var booking: String?
        var decision: String
        var pushed: String?
    }

    func run() throws {
        let store = try location.openExisting()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let format = Date.ISO8601FormatStyle()
        for entry in try pending ? store.pendingJournal(limit: Int.max) : store.journal() {
            let line = Line(seq: entry.seq, at: entry.at.formatted(format), space: entry.spaceId, action: entry.action.rawValue, actor: entry.actor,
                            booking: entry.bookingId, decision: entry.decision, pushed: entry.pushedAt?.formatted(format))
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }
}
