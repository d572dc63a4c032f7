public import Foundation
import LintelDisplay
import LintelInput
import LintelPolicy
public import LintelStore
public import Logging

/// Performs what the panel controller asks for, and nothing else: store reads and decisions
/// (applied and journaled in one transaction), outbox observations, frames, lights, the backlight,
/// the watchdog. One task (the panel service) drives it, an event at a time; it never reads input
/// or sleeps itself.
public final class PanelAgent: @unchecked Sendable {
    public let config: AgentConfig
    private let store: AuthStore
    private let clock: any AgentClock
    private var outputs: PanelOutputs
    private let metrics: AgentMetrics
    private let notifier: SystemdNotifier
    private let logger: Logger
    private var controller: PanelController
    /// When the last handled event asked to be woken.
    private var lastWake: Date?
    /// Frames presented so far.
    public private(set) var framesPresented = 0
    /// The next frame goes out whole (the first one, or after the display came back).
    private var wholeFrameNext = true

    public init(config: AgentConfig, store: AuthStore, clock: any AgentClock, outputs: PanelOutputs, metrics: AgentMetrics = AgentMetrics(),
                notifier: SystemdNotifier = SystemdNotifier(environment: [:]), logger: Logger = Logger(label: "lintel.panel"),
                sync: SyncView = SyncView()) throws {
        self.config = config
        self.store = store
        self.clock = clock
        self.outputs = outputs
        self.metrics = metrics
        self.notifier = notifier
        self.logger = logger
        controller = PanelController(spaceId: config.spaceId, settings: config.panel, language: config.language, night: config.display.night,
                                     hasBacklight: outputs.backlight != nil, sync: sync)
    }

    /// What the panel shows now ("free", "in-use", …).
    public var statusName: String { controller.statusName }
    /// The refusal the panel shows now, if any.
    public var notice: String? { controller.noticeText }

    /// Handles one event and redraws what changed. Returns when the panel next needs the time.
    @discardableResult
    public func handle(_ event: AgentEvent) throws -> Date {
        // The watchdog only asks whether this loop still runs: answer, and change nothing.
        if event == .watchdog, let lastWake {
            try? notifier.watchdog()
            return lastWake
        }
        let received = ContinuousClock.now
        let moment = PanelMoment(now: clock.now(), monotonic: clock.monotonicNanoseconds(), synchronised: clock.isSynchronised())
        metrics.clock(synchronised: moment.synchronised)
        if event == .watchdog { try? notifier.watchdog() }
        var queue = event == .displayCheck && displayCameBack() ? controller.handle(.displayReturned, at: moment)
            : controller.handle(.event(event), at: moment)
        var presented = false
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .loadDay:
                queue += controller.handle(.day(try loadDay(at: moment.now)), at: moment)
            case .decide(let request):
                let fitting = request.action == .book || request.action == .extend
                let applied = try store.apply(request, at: moment.now, fitting: fitting, dayOf: config.spaceId,
                                              dataTooOld: controller.sync.newBookingsStopped)
                metrics.decided(applied.request.action, applied.decision)
                metrics.outbox(pending: applied.outboxDepth)
                logger.info("decision", metadata: [
                    "action": "\(applied.request.action.rawValue)", "actor": "\(actorKind(applied.request.actor))",
                    "booking": "\(applied.bookingId ?? "-")", "decision": "\(applied.decision.code)", "journal": "\(applied.seq)",
                ])
                outputs.journaled?()
                queue += controller.handle(.applied(applied), at: moment)
            case .record(let observation, let value):
                if observation == .status { logger.info("showing", metadata: ["status": "\(value)"]) }
                try store.record(observation, value, spaceId: config.spaceId, at: moment.now)
                outputs.journaled?()
            case .lights(let pattern):
                outputs.lights?(pattern)
            case .backlight(let percent):
                outputs.backlight?(percent)
                logger.info("backlight", metadata: ["percent": "\(percent)"])
            case .show(let model):
                let started = ContinuousClock.now
                let (frame, damage) = outputs.panel.render(model)
                guard !damage.isEmpty || wholeFrameNext else { break }
                try present(frame, damage: wholeFrameNext ? [Rect(x: 0, y: 0, width: frame.width, height: frame.height)] : damage)
                metrics.framePresented(took: ContinuousClock.now - started)
                presented = true
            case .blank:
                let logical = outputs.panel.renderer.frame, upright = outputs.panel.rotation % 180 == 0
                let frame = FrameBuffer(width: upright ? logical.width : logical.height, height: upright ? logical.height : logical.width, fill: .black)
                try present(frame, damage: [Rect(x: 0, y: 0, width: frame.width, height: frame.height)])
                outputs.panel.renderer.invalidate()
                presented = true
            }
        }
        outputs.virtualPanel?.describe(status: controller.statusName, notice: controller.noticeText)
        outputs.status?.showing(controller.statusName, notice: controller.noticeText)
        if presented, event != .tick, event != .watchdog, event != .displayCheck {
            metrics.inputAnswered(took: ContinuousClock.now - received)
        }
        let wake = controller.nextWake(after: moment.now)
        lastWake = wake
        return wake
    }

    /// Looks at every display with a connector; true when one came back, which then gets the mode
    /// set again and, next, a whole frame.
    private func displayCameBack() -> Bool {
        var returned = false
        for case let display as any WatchedDisplay in outputs.sinks {
            switch display.watchConnector() {
            case .suspend?:
                logger.warning("display connector lost; frames are held until it returns")
            case .resume?:
                logger.notice("display connector back; the mode is set again and a whole frame sent")
                returned = true
            case nil:
                break
            }
        }
        if returned {
            wholeFrameNext = true
            outputs.panel.renderer.invalidate()
        }
        return returned
    }

    /// Whether any output is a display whose connector must be watched (`DisplayWatchService`).
    public var watchesDisplay: Bool { outputs.sinks.contains { $0 is any WatchedDisplay } }

    /// The space's day from the store; nil while the store is empty or lacks the space.
    private func loadDay(at now: Date) throws -> PanelDay? {
        do {
            return try store.panelDay(spaceId: config.spaceId, at: now)
        } catch StoreError.empty {
            return nil
        }
    }

    private func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        var failure: (any Error)?
        for sink in outputs.sinks {
            do { try sink.present(frame, damage: damage) } catch { failure = failure ?? error }
        }
        if let failure {
            // The picture did not get out: the next one goes whole, whatever its damage.
            wholeFrameNext = true
            outputs.panel.renderer.invalidate()
            throw failure
        }
        wholeFrameNext = false
        framesPresented += 1
        if framesPresented == 1 {
            logger.notice("first frame presented", metadata: ["status": "\(controller.statusName)"])
        }
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
