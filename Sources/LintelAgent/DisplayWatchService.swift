public import ServiceLifecycle

/// Asks the panel loop every few seconds to look at the display's connector, so a display that
/// went away and came back gets its mode set again and a whole frame, at most one interval later.
/// The look happens inside the loop, which alone touches the display.
public struct DisplayWatchService: Service {
    /// How often the connector is looked at when nothing else says so.
    public static let defaultInterval: Duration = .seconds(3)

    private let inbox: AgentInbox
    private let interval: Duration

    public init(inbox: AgentInbox, interval: Duration = Self.defaultInterval) {
        self.inbox = inbox
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            inbox.send(.displayCheck)
        }
    }
}
