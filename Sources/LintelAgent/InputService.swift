import Foundation
public import LintelInput
public import Logging
public import ServiceLifecycle

/// The board's inputs as a service: the blocking input loop runs on its own thread (it sleeps in
/// poll() until an edge, a key or a deadline), and each event goes to the panel's inbox. LED
/// patterns from the panel go back through `show`. On shutdown the loop is woken and stopped and
/// the hardware closed (LEDs dark, lines released).
public final class InputService: Service, Sendable {
    private let monitor: InputMonitor
    private let inbox: AgentInbox
    private let close: @Sendable () -> Void
    private let logger: Logger
    private let status: AgentStatus?

    public init(monitor: InputMonitor, inbox: AgentInbox, status: AgentStatus? = nil, logger: Logger, close: @escaping @Sendable () -> Void) {
        self.status = status
        self.monitor = monitor
        self.inbox = inbox
        self.logger = logger
        self.close = close
    }

    /// Shows a pattern on the status LED.
    public func show(_ pattern: LedPattern) {
        do {
            try monitor.show(pattern)
        } catch {
            logger.warning("status LED failed", metadata: ["error": "\(error)"])
        }
    }

    /// The panel event an input event stands for, if any.
    public static func agentEvent(for event: InputEvent) -> AgentEvent? {
        switch event.kind {
        case .shortPress, .longPress:
            guard let role = ButtonRole.allCases.first(where: { $0.eventName == event.role }) else { return nil }
            return .press(role, long: event.kind == .longPress)
        case .occupied: return .presence(true)
        case .vacant: return .presence(false)
        case .badge: return event.badge.map(AgentEvent.badge)
        case .pressed, .released, .badgeDiscarded: return nil
        }
    }

    public func run() async throws {
        // However the loop ends — shutdown, cancellation or a hardware error — the LEDs go dark.
        defer { close() }
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await loop()
            } onCancel: { [monitor] in
                // Another service failed and the group is cancelled: stop the input thread too.
                monitor.stop()
            }
        } onGracefulShutdown: { [monitor] in
            monitor.stop()
        }
    }

    /// Runs the blocking input loop on its own thread until it stops or fails.
    private func loop() async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let thread = Thread { [monitor, inbox, logger, status] in
                do {
                    try monitor.run { event in
                        logger.debug("input", metadata: ["event": "\(event.role) \(event.kind.rawValue)"])
                        // A press is noted as what it became (short or long), not as its raw edges.
                        if event.kind != .pressed, event.kind != .released { status?.input(role: event.role, event: event.kind.rawValue, at: Date()) }
                        if let agentEvent = Self.agentEvent(for: event) { inbox.send(agentEvent) }
                        return true
                    }
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
            thread.name = "lintel-inputs"
            thread.start()
        }
    }
}
