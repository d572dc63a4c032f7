/// The one queue into the panel's loop. Inputs, the scheduler, the watchdog and the display watch send; the panel
/// service receives, in order, one at a time.
public final class AgentInbox: Sendable {
    public let events: AsyncStream<AgentEvent>
    private let continuation: AsyncStream<AgentEvent>.Continuation

    public init() {
        (events, continuation) = AsyncStream.makeStream(of: AgentEvent.self, bufferingPolicy: .unbounded)
    }

    public func send(_ event: AgentEvent) {
        continuation.yield(event)
    }

    /// Ends the stream: the panel loop finishes what it holds and returns.
    public func finish() {
        continuation.finish()
    }
}
