public import LintelInput
import Synchronization

/// An input source that plays a script of raw inputs on a virtual monotonic clock: `wait` returns
/// the next scripted input at its time, or jumps the clock to the deadline. It records every LED
/// value set, with the virtual time.
public final class ScriptedInputSource: InputSource, Sendable {
    private struct State {
        var clock: MonotonicInstant = 0
        var script: [RawInput]
        var leds: [(at: MonotonicInstant, values: [Bool])] = []
    }

    private let state: Mutex<State>
    public let initialLevels: [InputLine: Bool]

    public init(_ script: [RawInput], initialLevels: [InputLine: Bool] = [:]) {
        state = Mutex(State(script: script))
        self.initialLevels = initialLevels
    }

    private static func time(of input: RawInput) -> MonotonicInstant {
        switch input {
        case .edge(_, _, let at), .key(_, _, let at): at
        }
    }

    public func wait(until deadline: MonotonicInstant?) throws -> [RawInput] {
        state.withLock { s in
            if let next = s.script.first, deadline.map({ Self.time(of: next) <= $0 }) ?? true {
                s.script.removeFirst()
                s.clock = max(s.clock, Self.time(of: next))
                return [next]
            }
            if let deadline { s.clock = max(s.clock, deadline) }
            return []
        }
    }

    public func now() -> MonotonicInstant { state.withLock { $0.clock } }

    public func setStatusLed(_ values: [Bool]) throws {
        state.withLock { $0.leds.append(($0.clock, values)) }
    }

    public func wake() {}

    /// Every LED change so far: (virtual time, logical line values).
    public var ledHistory: [(at: MonotonicInstant, values: [Bool])] { state.withLock { $0.leds } }

    /// True once every scripted input has been delivered.
    public var isExhausted: Bool { state.withLock { $0.script.isEmpty } }
}
