/// A display whose connector can go away and come back (a cable pulled, a panel power-cycled).
/// While it is gone the sink drops frames; when it returns the sink sets the mode again, and the
/// next frame must be sent whole. Someone has to look: the agent asks every few seconds.
public protocol WatchedDisplay: FrameSink {
    /// Looks at the connector now: `.suspend` when it has just gone, `.resume` when it has just come
    /// back (the caller then presents a whole frame), nil when nothing changed.
    func watchConnector() -> ConnectorWatch.Action?
}
