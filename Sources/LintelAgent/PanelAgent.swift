public import Foundation
import LintelDisplay
import LintelInput
import LintelPolicy
public import LintelStore
public import Logging

/// Performs what the panel state machine asks for: decisions against the store (applied and
/// journaled in one transaction), frames, lights, the backlight, systemd notifications. One task
/// (the panel service) drives it, an event at a time; it never reads input or sleeps itself.
public final class PanelAgent: @unchecked Sendable {
    /// How long a refusal stays on the panel.
    public static let noticeSeconds: TimeInterval = 5

    public let config: AgentConfig
    private let store: AuthStore
    private let clock: any AgentClock
    private var outputs: PanelOutputs
    private let metrics: AgentMetrics
    private let notifier: SystemdNotifier
    private let logger: Logger
    /// Made once the space is in the store.
    private var machine: PanelStateMachine!
    private var bookings: [Booking] = []
    private var lastModel: PanelViewModel?
    private var lastPattern: LedPattern?
    private var lastBrightness: Int?
    private var noticeShown: (text: String, until: Date)?
    /// The refusal the panel shows now, if any.
    public var notice: String? { noticeShown?.text }
    private var blanked = false
    /// When the last handled event asked to be woken.
    private var lastWake: Date?
    /// Frames presented so far.
    public private(set) var framesPresented = 0
    /// What the panel shows now ("free", "in-use", …).
    public private(set) var statusName = ""

    public init(config: AgentConfig, store: AuthStore, clock: any AgentClock, outputs: PanelOutputs, metrics: AgentMetrics = AgentMetrics(),
                notifier: SystemdNotifier = SystemdNotifier(environment: [:]), logger: Logger = Logger(label: "lintel.panel")) throws {
        self.config = config
        self.store = store
        self.clock = clock
        self.outputs = outputs
        self.metrics = metrics
        self.notifier = notifier
        self.logger = logger
        if let day = try loadDay(at: clock.now()) { makeMachine(for: day) }
    }

    /// The space's day from the store; nil while the store is empty or lacks the space.
    private func loadDay(at now: Date) throws -> PanelDay? {
        do {
            return try store.panelDay(spaceId: config.spaceId, at: now)
        } catch StoreError.empty {
            return nil
        }
    }

    private func makeMachine(for day: PanelDay) {
        machine = PanelStateMachine(spaceId: config.spaceId, settings: config.panel, checkInWindow: day.place.location.checkIn,
                                    followsSensor: !day.place.space.bookable)
    }

    /// Handles one event and redraws what changed. Returns when the panel next needs the time.
    @discardableResult
    public func handle(_ event: AgentEvent) throws -> Date {
        // The watchdog only asks whether this loop still runs: answer, and change nothing.
        if event == .watchdog, let lastWake {
            try? notifier.watchdog()
            return lastWake
        }
        let wake = try handleEvent(event)
        lastWake = wake
        return wake
    }

    private func handleEvent(_ event: AgentEvent) throws -> Date {
        let received = ContinuousClock.now
        let now = clock.now()
        let synchronised = clock.isSynchronised()
        metrics.clock(synchronised: synchronised)
        guard let day = try loadDay(at: now) else {
            // Not provisioned with this space yet (an empty store before the first sync): say so, look again each minute.
            try showMissing(now: now)
            return Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        }
        if machine == nil { makeMachine(for: day) }
        _ = machine.clock.observe(wall: now, monotonic: clock.monotonicNanoseconds(), synchronised: synchronised)
        if day.bookings != bookings {
            bookings = day.bookings
            _ = machine.handle(.bookings(bookings))
        }
        var effects: [PanelEffect]
        switch event {
        case .press(let role, let long): effects = machine.handle(.press(role, long: long, at: now))
        case .badge(let uid): effects = machine.handle(.badge(uid, at: now))
        case .presence(let present):
            try store.record(.presence, present ? "occupied" : "vacant", spaceId: config.spaceId, at: now)
            effects = machine.handle(.presence(present, at: now))
        case .tick, .storeChanged: effects = machine.handle(.tick(at: now))
        case .watchdog:
            try? notifier.watchdog()
            effects = []
        }
        var current = day
        var denial: DenialReason?
        let decides = effects.contains { if case .request = $0 { true } else { false } }
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            switch effect {
            case .request(let asked):
                let request = try bounded(asked, at: now)
                let applied = try store.apply(request, at: now)
                metrics.decided(request.action, applied.decision)
                logger.info("decision", metadata: [
                    "action": "\(request.action.rawValue)", "actor": "\(actorKind(request.actor))", "booking": "\(applied.bookingId ?? "-")",
                    "decision": "\(applied.decision.code)", "journal": "\(applied.seq)",
                ])
                // Someone's action went through: an earlier refusal no longer applies.
                if applied.decision.isAllowed, request.actor != .system { noticeShown = nil }
                if applied.decision.isAllowed, let fresh = try loadDay(at: now) {
                    current = fresh
                    bookings = fresh.bookings
                    _ = machine.handle(.bookings(bookings))
                }
                effects += machine.handle(.decided(request, applied.decision, at: now))
            case .explain(let reason):
                denial = reason
            case .redraw:
                break
            }
        }
        if decides { metrics.outbox(pending: try store.outboxCount()) }
        if let denial { noticeShown = (denial.message, now.addingTimeInterval(Self.noticeSeconds)) }
        if let shown = noticeShown, shown.until <= now { noticeShown = nil }
        let presented = try redraw(day: current, now: now, synchronised: synchronised)
        if event != .tick, event != .watchdog, event != .storeChanged, presented {
            metrics.inputAnswered(took: ContinuousClock.now - received)
        }
        return nextWake(after: now)
    }

    /// Book now and extend are bounded by the rules as well as by the next booking: when the whole
    /// length is refused for its duration or the opening hours, the longest shorter one the policy
    /// allows (ending on a 5-minute mark) is made instead. Asking does not journal; the change made
    /// (or, if none fits, the refusal) does.
    private func bounded(_ request: DecisionRequest, at now: Date) throws -> DecisionRequest {
        guard request.action == .book || request.action == .extend, let end = request.end else { return request }
        let start = request.start ?? now
        guard let reason = try store.decide(request, at: now).0.denialReason, reason == .durationExceedsLimit || reason == .outsideOpeningHours
        else { return request }
        var candidate = Date(timeIntervalSince1970: ((end.timeIntervalSince1970 - 1) / 300).rounded(.down) * 300)
        while candidate.timeIntervalSince(start) >= 300 {
            var shorter = request
            shorter.end = candidate
            if try store.decide(shorter, at: now).0.isAllowed { return shorter }
            candidate = candidate.addingTimeInterval(-300)
        }
        return request
    }

    /// Renders the panel for `now`; presents a frame only when something visible changed. Returns
    /// whether a frame was presented.
    private func redraw(day: PanelDay, now: Date, synchronised: Bool) throws -> Bool {
        let place = day.place
        let local = place.clock.date(of: now), minutes = place.clock.minutesIntoDay(of: now)
        let night = config.display.night?.action(on: local, at: LocalTime(hour: minutes / 60, minute: minutes % 60))
        let brightness = NightSchedule.brightness(for: night)
        if brightness != lastBrightness, let backlight = outputs.backlight {
            lastBrightness = brightness
            backlight(brightness)
            logger.info("backlight", metadata: ["percent": "\(brightness)"])
        }
        if brightness == 0, outputs.backlight == nil {
            // No backlight to switch off: show black, once, until morning.
            guard !blanked else { return false }
            blanked = true
            lastModel = nil
            let logical = outputs.panel.renderer.frame, upright = outputs.panel.rotation % 180 == 0
            let frame = FrameBuffer(width: upright ? logical.width : logical.height, height: upright ? logical.height : logical.width, fill: .black)
            try present(frame, damage: [Rect(x: 0, y: 0, width: frame.width, height: frame.height)])
            outputs.panel.renderer.invalidate()
            return true
        }
        blanked = false
        var model = PanelViewModelBuilder.build(
            place: place, bookings: day.bookings, hygiene: day.hygiene, organiserNames: day.organiserNames, now: now, language: config.language,
            clockUnset: !synchronised, occupied: machine.followsSensor ? machine.present : nil)
        model.notice = noticeShown?.text
        if case .status(let status) = model.screen {
            if status.name != statusName {
                logger.info("showing", metadata: ["status": "\(status.name)"])
                try store.record(.status, status.name, spaceId: config.spaceId, at: now)
            }
            statusName = status.name
            let pattern = StatusLights.pattern(for: status)
            if pattern != lastPattern {
                lastPattern = pattern
                outputs.lights?(pattern)
            }
        }
        outputs.virtualPanel?.describe(status: statusName, notice: model.notice)
        guard model != lastModel else { return false }
        lastModel = model
        let started = ContinuousClock.now
        let (frame, damage) = outputs.panel.render(model)
        guard !damage.isEmpty || framesPresented == 0 else { return false }
        try present(frame, damage: framesPresented == 0 ? [Rect(x: 0, y: 0, width: frame.width, height: frame.height)] : damage)
        metrics.framePresented(took: ContinuousClock.now - started)
        return true
    }

    private func showMissing(now: Date) throws {
        statusName = "error"
        let model = PanelViewModel(screen: .error(AgentError.unknownSpace(config.spaceId).description), language: config.language)
        outputs.virtualPanel?.describe(status: statusName, notice: nil)
        guard model != lastModel else { return }
        lastModel = model
        let (frame, _) = outputs.panel.render(model)
        try present(frame, damage: [Rect(x: 0, y: 0, width: frame.width, height: frame.height)])
    }

    private func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        for sink in outputs.sinks { try sink.present(frame, damage: damage) }
        framesPresented += 1
        if framesPresented == 1 {
            logger.notice("first frame presented", metadata: ["status": "\(statusName)"])
        }
    }

    /// The next instant the panel must look at the time: the minute turning (the clock), a
    /// deadline of the bookings, a refusal's notice ending, or the next second of a countdown.
    private func nextWake(after now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        var wake = Date(timeIntervalSince1970: (seconds / 60).rounded(.down) * 60 + 60)
        if let deadline = machine.nextDeadline(after: now) { wake = min(wake, deadline) }
        if let noticeShown { wake = min(wake, noticeShown.until) }
        if case .status(.checkInDue)? = lastModel?.screen {
            wake = min(wake, Date(timeIntervalSince1970: seconds.rounded(.down) + 1))
        }
        return wake
    }

    private func actorKind(_ actor: ActorReference) -> String {
        switch actor {
        case .anonymous: "walk-up"
        case .system: "system"
        case .badge: "badge" // the badge number is a credential: never logged
        default: "user"
        }
    }
}
