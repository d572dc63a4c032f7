public import Foundation
public import LintelInput
public import LintelPolicy

/// How a panel behaves, from the agent's configuration.
public struct PanelSettings: Sendable, Equatable {
    /// Length of a "book now" at the panel, cut short by the next booking.
    public var bookNowMinutes: Int
    /// How much an extend press adds, cut short by the next booking.
    public var extendMinutes: Int
    /// Check a due booking in when the PIR sensor sees someone (as a walk-up at the panel).
    public var autoCheckInOnPresence: Bool
    /// A badge presented this recently acts with the next button press.
    public var badgeValidSeconds: Double

    public init(bookNowMinutes: Int = 30, extendMinutes: Int = 15, autoCheckInOnPresence: Bool = false, badgeValidSeconds: Double = 10) {
        self.bookNowMinutes = bookNowMinutes
        self.extendMinutes = extendMinutes
        self.autoCheckInOnPresence = autoCheckInOnPresence
        self.badgeValidSeconds = badgeValidSeconds
    }
}

/// What happens at the panel.
public enum PanelInput: Sendable, Equatable {
    /// A debounced button press (short or long).
    case press(ButtonRole, long: Bool, at: Date)
    /// A badge presented to the reader.
    case badge(String, at: Date)
    /// The occupancy sensor's held state changed.
    case presence(Bool, at: Date)
    /// Time passes (once a second, or when the next deadline falls due).
    case tick(at: Date)
    /// The space's bookings for today, after any change in the store.
    case bookings([Booking])
    /// A policy decision the agent obtained for a request this machine made.
    case decided(DecisionRequest, Decision, at: Date)
}

/// What the agent must do; the machine itself does nothing.
public enum PanelEffect: Sendable, Equatable {
    /// Ask the store and policy; feed the answer back as `.decided`.
    case request(DecisionRequest)
    /// Apply an allowed action to the store and append it to the journal (outbox), in one transaction.
    case record(DecisionRequest, at: Date)
    /// Show a denial to the person at the panel for a few seconds.
    case explain(DenialReason)
    /// Redraw the panel from the store.
    case redraw
}

/// The panel's behaviour as a pure state machine: it turns presses, badges, presence and time into
/// policy requests, and the policy's answers into journal records and redraws. Auto-release of a
/// no-show is a request by `system`, made only when the clock is trusted for that deadline.
public struct PanelStateMachine: Sendable {
    public let spaceId: SpaceID
    public let settings: PanelSettings
    public let checkInWindow: CheckInWindow?
    private var bookings: [Booking] = []
    private var lastBadge: (uid: String, at: Date)?
    private var requested: Set<BookingID> = []
    public var clock: ClockTrust

    public init(spaceId: SpaceID, settings: PanelSettings = PanelSettings(), checkInWindow: CheckInWindow?, clock: ClockTrust = ClockTrust()) {
        self.spaceId = spaceId
        self.settings = settings
        self.checkInWindow = checkInWindow
        self.clock = clock
    }

    public mutating func handle(_ input: PanelInput) -> [PanelEffect] {
        switch input {
        case .bookings(let today):
            bookings = today.filter { $0.spaceId == spaceId }.sorted { $0.start < $1.start }
            requested = requested.filter { id in bookings.contains { $0.id == id && $0.status == .confirmed } }
            return [.redraw]
        case .badge(let uid, let at):
            lastBadge = (uid, at)
            // A badge alone checks a due booking in, or asks to clean a desk; the policy decides which applies.
            if let due = dueBooking(at: at) {
                return [.request(DecisionRequest(actor: .badge(uid), action: .checkIn, spaceId: spaceId, bookingId: due.id))]
            }
            return [.request(DecisionRequest(actor: .badge(uid), action: .markClean, spaceId: spaceId))]
        case .press(let role, let long, let at):
            return press(role, long: long, at: at)
        case .presence(let present, let at):
            guard present, settings.autoCheckInOnPresence, let due = dueBooking(at: at), due.checkIn == .pending else { return [] }
            return [.request(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: spaceId, bookingId: due.id))]
        case .tick(let now):
            return releases(at: now)
        case .decided(let request, let decision, let at):
            if decision.isAllowed { return [.record(request, at: at), .redraw] }
            if request.action == .autoRelease, let id = request.bookingId { requested.remove(id) }
            return request.actor == .system ? [] : [.explain(decision.denialReason ?? .actorNotPermitted)]
        }
    }

    private mutating func press(_ role: ButtonRole, long: Bool, at now: Date) -> [PanelEffect] {
        let actor: ActorReference = lastBadge.flatMap { now.timeIntervalSince($0.at) <= settings.badgeValidSeconds ? .badge($0.uid) : nil } ?? .anonymous
        lastBadge = nil
        let current = bookings.first { $0.status == .confirmed && $0.start <= now && now < $0.end }
        switch role {
        case .checkIn:
            if let due = dueBooking(at: now) {
                return [.request(DecisionRequest(actor: actor, action: .checkIn, spaceId: spaceId, bookingId: due.id))]
            }
            guard current == nil else { return [] }
            return [.request(DecisionRequest(actor: actor, action: .book, spaceId: spaceId, start: now,
                                             end: bounded(now.addingTimeInterval(Double(settings.bookNowMinutes) * 60), after: now)))]
        case .end:
            guard let current else { return [] }
            return [.request(DecisionRequest(actor: actor, action: .end, spaceId: spaceId, bookingId: current.id))]
        case .extend:
            guard let current else { return [] }
            let end = bounded(current.end.addingTimeInterval(Double(settings.extendMinutes) * 60), after: current.end)
            guard end > current.end else { return [.explain(.spaceAlreadyBooked)] }
            return [.request(DecisionRequest(actor: actor, action: .extend, spaceId: spaceId, bookingId: current.id, end: end))]
        case .clean:
            return [.request(DecisionRequest(actor: actor, action: .markClean, spaceId: spaceId))]
        }
    }

    /// The booking whose check-in window is open now and that is not checked in.
    private func dueBooking(at now: Date) -> Booking? {
        guard let window = checkInWindow else { return nil }
        return bookings.first { $0.status == .confirmed && $0.checkIn == .pending && window.isOpen(for: $0, at: now) }
    }

    /// `proposed`, cut back to the start of the next booking after `from`.
    private func bounded(_ proposed: Date, after from: Date) -> Date {
        let next = bookings.filter { $0.holdsSpace && $0.start >= from }.map(\.start).min()
        return min(proposed, next ?? proposed)
    }

    /// No-shows whose window has closed, on a trusted clock, each asked for once.
    private mutating func releases(at now: Date) -> [PanelEffect] {
        guard let window = checkInWindow else { return [] }
        var actions: [PanelEffect] = []
        for booking in bookings where booking.status == .confirmed && booking.checkIn == .pending && !requested.contains(booking.id) {
            let closes = window.closes(for: booking)
            guard now < booking.end, clock.mayExpire(closes, at: now) else { continue }
            requested.insert(booking.id)
            actions.append(.request(DecisionRequest(actor: .system, action: .autoRelease, spaceId: spaceId, bookingId: booking.id)))
        }
        return actions
    }
}
