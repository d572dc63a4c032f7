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
    /// End a checked-in booking when the occupancy sensor has seen the room empty this long (0: never).
    public var releaseWhenEmptyMinutes: Int
    /// A badge presented this recently acts with the next button press.
    public var badgeValidSeconds: Double
    /// Only badge holders may act at this panel, whatever the location allows (the policy then
    /// checks the holder's role); presses without a badge are refused on the panel.
    public var badgeRequired: Bool

    public init(bookNowMinutes: Int = 30, extendMinutes: Int = 15, autoCheckInOnPresence: Bool = false, releaseWhenEmptyMinutes: Int = 0,
                badgeValidSeconds: Double = 10, badgeRequired: Bool = false) {
        self.badgeRequired = badgeRequired
        self.bookNowMinutes = bookNowMinutes
        self.extendMinutes = extendMinutes
        self.autoCheckInOnPresence = autoCheckInOnPresence
        self.releaseWhenEmptyMinutes = releaseWhenEmptyMinutes
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
    /// Ask the policy against the store and, when allowed, apply the action; either way append the
    /// decision to the journal (outbox) — all in one transaction. Feed the answer back as `.decided`.
    case request(DecisionRequest)
    /// Show a denial to the person at the panel for a few seconds.
    case explain(DenialReason)
}

/// The panel's behaviour as a pure state machine: it turns presses, badges, presence and time into
/// policy requests, and the policy's refusals into explanations (what is shown follows from the
/// day; `PanelController` presents it). A booking goes free →
/// upcoming → check-in due (the location's window) → in use (checked in) → ended; without a
/// check-in by the window's close it is released by `system`. Expiry (releases, a room left empty)
/// happens only for deadlines the panel lived through on a trusted clock.
public struct PanelStateMachine: Sendable {
    public let facts: SpaceFacts
    public let settings: PanelSettings
    public var spaceId: SpaceID { facts.spaceId }
    public var checkInWindow: CheckInWindow? { facts.checkInWindow }
    /// A space that cannot be booked shows what its occupancy sensor sees.
    public var followsSensor: Bool { !facts.bookable }
    private var bookings: [Booking] = []
    private var lastBadge: (uid: String, at: Date)?
    private var requested: Set<BookingID> = []
    /// Whether someone is there, and since when nobody is (nil: present, or never seen).
    public private(set) var present = false
    private var emptySince: Date?
    /// A badge whose check-in found the desk unclean, now trying to clean it.
    private var cleaningBeforeCheckIn: ActorReference?
    public var clock: ClockTrust

    public init(facts: SpaceFacts, settings: PanelSettings = PanelSettings(), clock: ClockTrust = ClockTrust()) {
        self.facts = facts
        self.settings = settings
        self.clock = clock
    }

    /// The bookings the machine works on (the space's, by start).
    public var todaysBookings: [Booking] { bookings }

    public mutating func handle(_ input: PanelInput) -> [PanelEffect] {
        switch input {
        case .bookings(let today):
            bookings = today.filter { $0.spaceId == spaceId }.sorted { $0.start < $1.start }
            requested = requested.filter { id in bookings.contains { $0.id == id && $0.status == .confirmed } }
            return []
        case .badge(let uid, let at):
            lastBadge = (uid, at)
            // A badge alone checks a due booking in; at a hygienic desk with nothing due it asks to
            // mark the desk clean. Elsewhere it only counts for the next press.
            if let due = dueBooking(at: at) {
                return [.request(DecisionRequest(actor: .badge(uid), action: .checkIn, spaceId: spaceId, bookingId: due.id))]
            }
            return facts.hygienicDesk ? [.request(DecisionRequest(actor: .badge(uid), action: .markClean, spaceId: spaceId))] : []
        case .press(let role, let long, let at):
            return press(role, long: long, at: at)
        case .presence(let present, let at):
            self.present = present
            emptySince = present ? nil : at
            var effects: [PanelEffect] = []
            if present, settings.autoCheckInOnPresence, !settings.badgeRequired, let due = dueBooking(at: at), due.checkIn == .pending {
                effects.append(.request(DecisionRequest(actor: .anonymous, action: .checkIn, spaceId: spaceId, bookingId: due.id)))
            }
            return effects
        case .tick(let now):
            return releases(at: now) + emptyRoomRelease(at: now)
        case .decided(let request, let decision, _):
            if request.action == .markClean, let actor = cleaningBeforeCheckIn, actor == request.actor {
                cleaningBeforeCheckIn = nil
                // Could not clean it either: say why the check-in failed, the clearer message.
                if !decision.isAllowed { return [.explain(.deskNeedsCleaning)] }
            }
            if decision.isAllowed { return [] }
            if request.action == .checkIn, decision.denialReason == .deskNeedsCleaning, case .badge = request.actor {
                // A badge at an unclean hygienic desk: if its holder may clean, that comes first.
                cleaningBeforeCheckIn = request.actor
                return [.request(DecisionRequest(actor: request.actor, action: .markClean, spaceId: spaceId))]
            }
            if request.actor == .system, let id = request.bookingId { requested.remove(id) }
            return request.actor == .system ? [] : [.explain(decision.denialReason ?? .actorNotPermitted)]
        }
    }

    private mutating func press(_ role: ButtonRole, long: Bool, at now: Date) -> [PanelEffect] {
        let actor: ActorReference = lastBadge.flatMap { now.timeIntervalSince($0.at) <= settings.badgeValidSeconds ? .badge($0.uid) : nil } ?? .anonymous
        lastBadge = nil
        if settings.badgeRequired, actor == .anonymous { return [.explain(.badgeRequired)] }
        let current = BookingAtHand.find(for: .end, among: bookings, window: checkInWindow, at: now)
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
        BookingAtHand.due(among: bookings, window: checkInWindow, at: now)
    }

    /// `proposed`, cut back to the start of the next booking after `from`.
    private func bounded(_ proposed: Date, after from: Date) -> Date {
        let next = bookings.filter { $0.holdsSpace && $0.start >= from }.map(\.start).min()
        return min(proposed, next ?? proposed)
    }

    /// The next instant after `now` at which time alone changes what the panel shows or does: a
    /// booking starting or ending, a check-in window opening or closing, an empty room's grace ending.
    public func nextDeadline(after now: Date) -> Date? {
        var instants: [Date] = []
        for booking in bookings where booking.holdsSpace {
            instants += [booking.start, booking.end]
            if let window = checkInWindow { instants += [window.opens(for: booking), window.closes(for: booking)] }
        }
        if let emptySince, settings.releaseWhenEmptyMinutes > 0 {
            instants.append(emptySince.addingTimeInterval(Double(settings.releaseWhenEmptyMinutes) * 60))
        }
        return instants.filter { $0 > now }.min()
    }

    /// A checked-in booking whose room the sensor has seen empty for the configured time is ended by
    /// `system`, once, on a trusted clock.
    private mutating func emptyRoomRelease(at now: Date) -> [PanelEffect] {
        guard settings.releaseWhenEmptyMinutes > 0, !present, let emptySince else { return [] }
        let deadline = emptySince.addingTimeInterval(Double(settings.releaseWhenEmptyMinutes) * 60)
        guard let current = bookings.first(where: { $0.status == .confirmed && $0.checkIn == .checkedIn && $0.start <= now && now < $0.end }),
              current.start <= emptySince || current.start <= deadline, !requested.contains(current.id),
              clock.mayExpire(deadline, at: now) else { return [] }
        requested.insert(current.id)
        return [.request(DecisionRequest(actor: .system, action: .end, spaceId: spaceId, bookingId: current.id))]
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
