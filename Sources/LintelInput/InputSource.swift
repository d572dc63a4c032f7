/// Raw input as the hardware reports it, before debounce.
public enum RawInput: Sendable, Equatable {
    /// A line changed to a logical level (active-low already applied), with its kernel timestamp.
    case edge(InputLine, active: Bool, at: MonotonicInstant)
    /// A key event from the badge reader (Linux key code; value 1 press, 0 release, 2 repeat).
    case key(code: UInt16, value: Int32, at: MonotonicInstant)
}

/// The narrow edge between the input logic and the hardware: wait for raw input or a deadline,
/// read the monotonic clock, and drive the status LED's lines.
public protocol InputSource: AnyObject {
    /// The logical level of each watched line when it was requested.
    var initialLevels: [InputLine: Bool] { get }
    /// Blocks until raw input arrives, `deadline` passes (nil: no deadline) or `wake()` is called.
    func wait(until deadline: MonotonicInstant?) throws -> [RawInput]
    /// The monotonic clock the input timestamps are on.
    func now() -> MonotonicInstant
    /// Sets the status LED's lines to these logical values (true: lit), in the wiring's line order.
    func setStatusLed(_ values: [Bool]) throws
    /// Makes a blocked `wait` return (from another thread or a signal handler's queue).
    func wake()
}
