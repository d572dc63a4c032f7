public import LintelInput

/// What reaches the panel's loop: input from the board or the virtual panel, and time.
public enum AgentEvent: Sendable, Equatable {
    case press(ButtonRole, long: Bool)
    case badge(String)
    case presence(Bool)
    /// A deadline the panel asked for has come (or the minute turned).
    case tick
    /// Time to look whether the display's connector went away or came back.
    case displayCheck
    /// systemd's watchdog asks whether the loop is alive.
    case watchdog
    /// The sync with the platform changed the store or how the panel should show it.
    case sync(SyncView)
}
