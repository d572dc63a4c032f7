import Synchronization

/// The input event loop: waits on the source until input arrives or the next decision falls due
/// (a debounce settling, a long press, an occupancy hold, an LED blink), feeds the processor, and
/// hands each event to `onEvent`. It sleeps in between: no polling.
public final class InputMonitor: Sendable {
    private let source: any InputSource & Sendable
    private let wiring: LedWiring?
    private let state: Mutex<State>

    private struct State {
        var processor: InputProcessor
        var pattern: LedPattern = .off
        var patternStart: MonotonicInstant = 0
        var lastLed: [Bool]?
        var stopped = false
    }

    public init(board: BoardConfig, source: any InputSource & Sendable) {
        self.source = source
        wiring = board.statusLed?.wiring
        state = Mutex(State(processor: InputProcessor(board: board, initialLevels: source.initialLevels)))
    }

    /// Shows a pattern on the status LED from now on.
    public func show(_ pattern: LedPattern) throws {
        let now = source.now()
        state.withLock {
            $0.pattern = pattern
            $0.patternStart = now
        }
        try refreshLed(at: now)
        source.wake()
    }

    /// The debounced occupancy.
    public var isOccupied: Bool { state.withLock { $0.processor.isOccupied } }

    /// Asks `run` to return; safe from any thread.
    public func stop() {
        state.withLock { $0.stopped = true }
        source.wake()
    }

    /// Runs until `stop()`, or until `onEvent` returns false, or until `until` (monotonic) passes.
    public func run(until end: MonotonicInstant? = nil, onEvent: (InputEvent) throws -> Bool) throws {
        while true {
            let (deadline, stopped) = state.withLock { s -> (MonotonicInstant?, Bool) in
                let ledChange = s.pattern.nextChange(after: source.now() - s.patternStart).map { s.patternStart + $0 }
                return ([s.processor.nextDeadline, ledChange, end].compactMap { $0 }.min(), s.stopped)
            }
            if stopped { return }
            let inputs = try source.wait(until: deadline)
            let now = source.now()
            let events = state.withLock { s -> [InputEvent] in
                var events: [InputEvent] = []
                for input in inputs {
                    switch input {
                    case .edge(let line, let active, let at): events += s.processor.edge(line, active: active, at: at)
                    case .key(let code, let value, let at): events += s.processor.key(code: code, value: value, at: at)
                    }
                }
                return events + s.processor.advance(to: now)
            }
            try refreshLed(at: now)
            for event in events where try !onEvent(event) { return }
            if let end, now >= end { return }
        }
    }

    private func refreshLed(at now: MonotonicInstant) throws {
        guard let wiring else { return }
        let values: [Bool]? = state.withLock { s in
            let values = wiring.values(for: s.pattern.colour(after: now >= s.patternStart ? now - s.patternStart : 0))
            guard values != s.lastLed else { return nil }
            s.lastLed = values
            return values
        }
        if let values { try source.setStatusLed(values) }
    }
}
