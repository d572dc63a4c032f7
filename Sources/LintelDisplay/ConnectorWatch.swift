/// What a display sink does when its connector comes and goes (a monitor cable pulled, a panel
/// power-cycled): stop presenting while it is gone, then set the mode again and send a whole frame.
public struct ConnectorWatch: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case showing
        case lost
    }

    public enum Action: Sendable, Equatable {
        /// Stop flipping; frames are dropped until the connector returns.
        case suspend
        /// Set the mode again and present the next frame whole.
        case resume
    }

    public private(set) var state: State = .showing

    public init() {}

    public mutating func observe(connected: Bool) -> Action? {
        switch (state, connected) {
        case (.showing, false):
            state = .lost
            return .suspend
        case (.lost, true):
            state = .showing
            return .resume
        default:
            return nil
        }
    }

    /// Whether frames reach the screen now.
    public var isPresenting: Bool { state == .showing }
}
