public import Foundation
public import LintelDisplay
public import LintelInput
public import LintelPolicy
public import LintelStore
public import LintelWire

/// One reading of the clocks, taken by the performer for each event.
public struct PanelMoment: Sendable, Equatable {
    public var now: Date
    public var monotonic: UInt64
    public var synchronised: Bool

    public init(now: Date, monotonic: UInt64, synchronised: Bool) {
        self.now = now
        self.monotonic = monotonic
        self.synchronised = synchronised
    }
}

/// What reaches the controller: an event, or the store's answer to a command it gave.
public enum PanelControllerInput: Sendable, Equatable {
    case event(AgentEvent)
    /// The answer to `.loadDay`: the space's day, nil while the store lacks the space.
    case day(PanelDay?)
    /// The answer to `.decide`.
    case applied(AppliedDecision)
    /// The display came back: what it shows is gone, so the next picture is shown whatever it is.
    case displayReturned
}

/// Every effect the panel has, as a value; the performer (`PanelAgent`) does them in order and
/// feeds the store's answers back.
public enum PanelCommand: Sendable, Equatable {
    /// Read the space's day from the store; answer with `.day`.
    case loadDay
    /// Decide against the store and, when allowed, apply — book and extend cut to fit the rules —
    /// journaling the decision, all in one write transaction that also returns the fresh day;
    /// answer with `.applied`.
    case decide(DecisionRequest)
    /// Append an observation (status shown, presence seen) to the outbox.
    case record(OutboxEvent.Observation, String)
    case lights(LedPattern)
    case backlight(Int)
    /// Render and present this picture (the renderer sends only what changed).
    case show(PanelViewModel)
    /// Night without a backlight: present a black frame.
    case blank
}

/// The panel between its inputs and its effects, pure: it keeps the space's day, the decision
/// machine, the clock's trust, the refusal on show and what was last shown, and turns each input
/// into commands. It presents once the decisions an input asked for are answered.
public struct PanelController: Sendable {
    /// How long a refusal stays on the panel.
    public static let noticeSeconds: TimeInterval = 5

    public let spaceId: SpaceID
    public let settings: PanelSettings
    public let language: PanelLanguage
    public let night: NightSchedule?
    /// The display has a backlight to dim (else night blanking draws black).
    public let hasBacklight: Bool
    public private(set) var day: PanelDay?
    private var machine: PanelStateMachine?
    private var clock = ClockTrust()
    private var notice: (text: String, until: Date)?
    private var pendingDecisions = 0
    /// An input that came before the day was known: handled once it is.
    private var deferred: AgentEvent?
    private var lastModel: PanelViewModel?
    private var lastPattern: LedPattern?
    private var lastBrightness: Int?
    private var blanked = false
    /// What the panel shows now ("free", "in-use", …; "error" without the space).
    public private(set) var statusName = ""
    /// The sync's state as the panel shows it.
    public private(set) var sync = SyncView()

    /// `sync` is what the panel knows of its sync before the sync service has said anything (the
    /// pairing screen for a panel without a credential).
    public init(spaceId: SpaceID, settings: PanelSettings, language: PanelLanguage = .english, night: NightSchedule? = nil,
                hasBacklight: Bool = false, sync: SyncView = SyncView()) {
        self.sync = sync
        self.spaceId = spaceId
        self.settings = settings
        self.language = language
        self.night = night
        self.hasBacklight = hasBacklight
    }

    /// The refusal the panel shows now, if any.
    public var noticeText: String? { notice?.text }

    public mutating func handle(_ input: PanelControllerInput, at moment: PanelMoment) -> [PanelCommand] {
        let now = moment.now
        _ = clock.observe(wall: now, monotonic: moment.monotonic, synchronised: moment.synchronised)
        machine?.clock = clock
        switch input {
        case .event(.tick):
            return [.loadDay]
        case .event(.watchdog), .event(.displayCheck):
            return []
        case .event(.sync(let view)):
            // The store may hold a new day, and the note or the screen may change: read and show.
            sync = view
            if view.pairing != nil { lastModel = nil }
            return [.loadDay]
        case .displayReturned:
            lastModel = nil
            blanked = false
            return [.loadDay]
        case .day(let fresh):
            guard let fresh else {
                day = nil
                return missing()
            }
            adopt(fresh)
            let timed = machine?.handle(.tick(at: now)) ?? []
            guard let event = deferred else { return process(timed, at: now) }
            deferred = nil
            return handleInput(event, at: now, before: timed)
        case .event(let event):
            guard day != nil else {
                // Nothing read yet (the first event): read the day, then handle this.
                deferred = event
                return [.loadDay]
            }
            return handleInput(event, at: now)
        case .applied(let applied):
            pendingDecisions = max(0, pendingDecisions - 1)
            if let fresh = applied.day { adopt(fresh) }
            // Someone's action went through: an earlier refusal no longer applies.
            if applied.decision.isAllowed, applied.request.actor != .system { notice = nil }
            return process(machine?.handle(.decided(applied.request, applied.decision, at: now)) ?? [], at: now)
        }
    }

    private mutating func handleInput(_ event: AgentEvent, at now: Date, before earlier: [PanelEffect] = []) -> [PanelCommand] {
        guard var machine else { return [] }
        var commands: [PanelCommand] = []
        var effects = earlier
        switch event {
        case .press(let role, let long): effects += machine.handle(.press(role, long: long, at: now))
        case .badge(let uid): effects += machine.handle(.badge(uid, at: now))
        case .presence(let present):
            commands.append(.record(.presence, present ? "occupied" : "vacant"))
            effects += machine.handle(.presence(present, at: now))
        case .tick, .watchdog, .displayCheck, .sync: break
        }
        self.machine = machine
        return commands + process(effects, at: now)
    }

    /// The next instant the panel must look at the time: the minute turning (the clock), a
    /// deadline of the bookings, a refusal's notice ending, or the next second of a countdown.
    public func nextWake(after now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        var wake = Date(timeIntervalSince1970: (seconds / 60).rounded(.down) * 60 + 60)
        if let deadline = machine?.nextDeadline(after: now) { wake = min(wake, deadline) }
        if let notice { wake = min(wake, notice.until) }
        if case .status(.checkInDue)? = lastModel?.screen {
            wake = min(wake, Date(timeIntervalSince1970: seconds.rounded(.down) + 1))
        }
        return wake
    }

    private mutating func adopt(_ fresh: PanelDay) {
        if machine == nil {
            machine = PanelStateMachine(facts: SpaceFacts(place: fresh.place), settings: settings, clock: clock)
        }
        if fresh.bookings != day?.bookings { _ = machine?.handle(.bookings(fresh.bookings)) }
        day = fresh
    }

    private mutating func process(_ effects: [PanelEffect], at now: Date) -> [PanelCommand] {
        var commands: [PanelCommand] = []
        for effect in effects {
            switch effect {
            case .request(let request):
                pendingDecisions += 1
                commands.append(.decide(request))
            case .explain(let reason):
                notice = (reason.message, now.addingTimeInterval(Self.noticeSeconds))
            }
        }
        // Present once every decision asked for is answered.
        return pendingDecisions > 0 ? commands : commands + present(at: now)
    }

    private mutating func present(at now: Date) -> [PanelCommand] {
        if let pairing = sync.pairing { return pairingScreen(pairing) }
        guard let day else { return missing() }
        if let shown = notice, shown.until <= now { notice = nil }
        let presentation = PanelPresenter.present(day: day, at: now, synchronised: clock.synchronised, notice: notice?.text,
                                                  occupied: machine?.followsSensor == true ? machine?.present : nil,
                                                  offlineMinutes: sync.offlineMinutes(at: now), language: language, night: night)
        var commands: [PanelCommand] = []
        if hasBacklight, presentation.brightness != lastBrightness {
            lastBrightness = presentation.brightness
            commands.append(.backlight(presentation.brightness))
        }
        if presentation.brightness == 0, !hasBacklight {
            // No backlight to switch off: show black, once, until morning.
            guard !blanked else { return commands }
            blanked = true
            lastModel = nil
            return commands + [.blank]
        }
        blanked = false
        let model = presentation.model
        // The picture and the lights first; the observation of what is shown after them, so the
        // person at the panel does not wait for its write.
        var observation: [PanelCommand] = []
        if case .status(let status) = model.screen {
            if status.name != statusName { observation.append(.record(.status, status.name)) }
            statusName = status.name
            let pattern = StatusLights.pattern(for: status)
            if pattern != lastPattern {
                lastPattern = pattern
                commands.append(.lights(pattern))
            }
        }
        if model != lastModel {
            lastModel = model
            commands.append(.show(model))
        }
        return commands + observation
    }

    /// Not enrolled (or revoked): the code a technician approves, nothing else.
    private mutating func pairingScreen(_ pairing: SyncView.Pairing) -> [PanelCommand] {
        statusName = "pairing"
        let model = PanelViewModel(screen: .pairing(code: pairing.code, url: pairing.url), language: language)
        guard model != lastModel else { return [] }
        lastModel = model
        return [.lights(.off), .show(model)]
    }

    private mutating func missing() -> [PanelCommand] {
        if let pairing = sync.pairing { return pairingScreen(pairing) }
        statusName = "error"
        let model = PanelPresenter.missing(spaceId: spaceId, language: language)
        guard model != lastModel else { return [] }
        lastModel = model
        return [.show(model)]
    }
}
