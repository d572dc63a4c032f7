import ArgumentParser
import Foundation
import LintelPolicy
import LintelStore
import LintelWire

/// The question `lintel decide` and `lintel act` share: who does what to which space, when.
struct DecisionOptions: ParsableArguments {
    @Option(help: "The instant to decide at (ISO 8601 with offset); default: now.")
    var at: String?

    @Option(help: "A user id, badge:UID, anonymous or system.")
    var actor: String

    @Option(help: "One of: \(PanelAction.allCases.map(\.rawValue).joined(separator: ", ")).")
    var action: String

    @Option(help: "The space (room, desk or parking spot) id.")
    var resource: String

    @Option(help: "Start of the booking (book; default: now).")
    var start: String?

    @Option(help: "End of the booking (book), or the new end (extend).")
    var end: String?

    @Option(help: "The booking acted on; default: the one due or in progress on the space.")
    var booking: String?

    @Option(name: .customLong("for"), help: "Book on behalf of this user id.")
    var onBehalfOf: String?

    @Flag(help: "The booking is part of a recurring series.")
    var recurring = false

    func request() throws -> (DecisionRequest, Date) {
        guard let panelAction = PanelAction(rawValue: action) else {
            throw InputError("--action: unknown action \"\(action)\"; expected one of \(PanelAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let now = try at.map { try Self.instant($0, option: "--at") } ?? Date()
        let request = DecisionRequest(
            actor: ActorReference(parsing: actor), action: panelAction, spaceId: resource, bookingId: booking,
            start: try start.map { try Self.instant($0, option: "--start") },
            end: try end.map { try Self.instant($0, option: "--end") },
            onBehalfOf: onBehalfOf, recurring: recurring)
        return (request, now)
    }

    static func instant(_ text: String, option: String) throws -> Date {
        guard let date = ISO8601.parse(text) else {
            throw InputError("\(option): \"\(text)\" is not an ISO 8601 instant with offset, e.g. 2026-11-23T09:00:00+01:00")
        }
        return date
    }
}
