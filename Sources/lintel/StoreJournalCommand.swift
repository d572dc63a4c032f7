import ArgumentParser
import Foundation
import LintelStore
import LintelWire

/// `lintel store journal`: the local decisions (the outbox), one JSON object per line.
struct StoreJournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Print the outbox's decisions (the journal), one JSON object per line, oldest first.",
        discussion: "With --events, its observations instead: what the panel showed and what its occupancy sensor saw. Decisions and observations share one sequence; each line's id (DEVICE:SEQ) names it once.")

    @OptionGroup var location: StoreLocation

    @Flag(help: "Only entries not yet pushed to the platform.")
    var pending = false

    @Flag(help: "Print the observations (status shown, presence) instead of the decisions.")
    var events = false

    /// An observation line: what the panel showed or its sensor saw.
    struct EventLine: Encodable {
        var id: String
        var seq: Int64
        var at: String
        var space: String
        var kind: String
        var value: String
        var pushed: String?
    }

    /// A decision line. `actor` is the user id (or `anonymous`, `system`, `unknown` for a badge
    /// the store does not know); `via` says how they acted. Never a badge number.
    struct Line: Encodable {
        var id: String
        var seq: Int64
        var at: String
        var space: String
        var action: String
        var actor: String
        var via: String
        var booking: String?
        var decision: String
        var pushed: String?
    }

    func run() throws {
        let store = try location.openExisting()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let format = Date.ISO8601FormatStyle()
        for entry in try store.outbox(pendingOnly: pending) {
            let event = entry.event, pushed = entry.pushedAt?.formatted(format)
            let data: Data
            switch event.kind {
            case .observation:
                guard events else { continue }
                data = try encoder.encode(EventLine(id: event.id, seq: event.seq, at: event.at.formatted(format), space: event.spaceId,
                                                    kind: event.observation?.rawValue ?? "", value: event.value ?? "", pushed: pushed))
            case .decision:
                guard !events else { continue }
                let kind = event.actorKind ?? .anonymous
                let actor = event.actorUserId ?? (kind == .badge ? "unknown" : kind.rawValue)
                data = try encoder.encode(Line(id: event.id, seq: event.seq, at: event.at.formatted(format), space: event.spaceId,
                                               action: event.action?.rawValue ?? "", actor: actor, via: kind.rawValue, booking: event.bookingId,
                                               decision: event.decision ?? "", pushed: pushed))
            }
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
