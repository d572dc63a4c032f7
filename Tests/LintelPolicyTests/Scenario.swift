import Foundation
import LintelPolicy
import LintelTestKit
import Testing

/// Monday 23 November 2026, 09:00 in Amsterdam (CET, UTC+1).
let monday0900 = "2026-11-23T09:00:00+01:00"

/// One row of a policy table: a named situation, the request, and the code the policy must answer.
struct Scenario: Sendable, CustomTestStringConvertible {
    let name: String
    let request: DecisionRequest
    let context: DecisionContext
    let at: Date
    let expected: String

    var testDescription: String { "\(name) → \(expected)" }

    func decide() -> Decision { Policy.decide(request, in: context, at: at) }

    /// A booking request from `from` to `to` (local instants with offset).
    static func book(
        _ name: String, expect: String, by actor: ResolvedActor = Fixture.user(), place: PlaceContext? = Fixture.place(),
        from: String, to: String, at: String = monday0900, onBehalfOf: UserID? = nil, recurring: Bool = false,
        configure: (inout DecisionContext) -> Void = { _ in }
    ) -> Scenario {
        var context = Fixture.context(actor, place: place)
        configure(&context)
        let request = DecisionRequest(
            actor: reference(of: actor), action: .book, spaceId: place?.space.id ?? "nowhere",
            start: Fixture.instant(from), end: Fixture.instant(to), onBehalfOf: onBehalfOf, recurring: recurring)
        return Scenario(name: name, request: request, context: context, at: Fixture.instant(at), expected: expect)
    }

    /// Any other action, on `booking` when given (it is also what the store would have loaded).
    static func act(
        _ name: String, _ action: PanelAction, expect: String, by actor: ResolvedActor = Fixture.user(),
        place: PlaceContext? = Fixture.place(), booking: Booking? = nil, end: String? = nil, at: String,
        configure: (inout DecisionContext) -> Void = { _ in }
    ) -> Scenario {
        var context = Fixture.context(actor, place: place, booking: booking)
        configure(&context)
        let request = DecisionRequest(
            actor: reference(of: actor), action: action, spaceId: place?.space.id ?? "nowhere", bookingId: booking?.id,
            end: end.map(Fixture.instant))
        return Scenario(name: name, request: request, context: context, at: Fixture.instant(at), expected: expect)
    }

    static func reference(of actor: ResolvedActor) -> ActorReference {
        switch actor {
        case .user(let user, _): .user(user.id)
        case .unknownUser(let id): .user(id)
        case .unknownBadge(let uid): .badge(uid)
        case .anonymous: .anonymous
        case .system: .system
        }
    }
}

/// A booking of `room-1` by `u-1` on Monday 10:00–11:00 Amsterdam time, the lifecycle tables' subject.
let mondayMeeting = Fixture.booking(from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00")

func with(_ booking: Booking, _ change: (inout Booking) -> Void) -> Booking {
    var copy = booking
    change(&copy)
    return copy
}
