/// A point on the kernel's monotonic clock, in nanoseconds: the timestamp GPIO edge events and input
/// events carry. Input logic compares these only with each other, never with wall-clock time.
public typealias MonotonicInstant = UInt64

extension UInt64 {
    /// Nanoseconds in the given number of milliseconds.
    public static func milliseconds(_ ms: Int) -> UInt64 { UInt64(ms) * 1_000_000 }
}
