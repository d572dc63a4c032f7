import ArgumentParser
import Foundation
import LintelStore

/// `lintel store journal`: the local decisions (the outbox), one JSON object per line.
struct StoreJournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Print the journal of local decisions (the outbox), one JSON object per line, oldest first.",
        discussion: "With --events, the panel events instead: what the panel showed and what its occupancy sensor saw.")

    @OptionGroup var location: StoreLocation

    @Flag(help: "Only entries not yet pushed to the platform.")
    var pending = false

    @Flag(help: "Print the panel events (status shown, presence) instead of the decisions.")
    var events = false

    struct EventLine: Encodable {
        var seq: Int64
        var at: String
        var space: String
        var kind: String
        var value: String
        var pushed: String?
    }

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
        if events {
            for event in try store.panelEvents(pendingOnly: pending) {
                let line = EventLine(seq: event.seq, at: event.at.formatted(format), space: event.spaceId, kind: event.kind.rawValue,
                                     value: event.value, pushed: event.pushedAt?.formatted(format))
                print(String(decoding: try encoder.encode(line), as: UTF8.self))
            }
            return
        }
        for entry in try pending ? store.pendingJournal(limit: Int.max) : store.journal() {
            let line = Line(seq: entry.seq, at: entry.at.formatted(format), space: entry.spaceId, action: entry.action.rawValue, actor: entry.actor,
                            booking: entry.bookingId, decision: entry.decision, pushed: entry.pushedAt?.formatted(format))
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }
}
