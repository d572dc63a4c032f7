public import LintelDisplay
public import LintelInput

/// Where the panel's pictures and lights go.
public struct PanelOutputs {
    public var panel: RotatedPanel
    public var sinks: [any FrameSink]
    /// Sets the backlight (percent); nil when the display has none (blanking draws black instead).
    public var backlight: ((Int) -> Void)?
    /// Shows a pattern on the status LED.
    public var lights: ((LedPattern) -> Void)?
    public var virtualPanel: VirtualPanel?
    /// Told after each outbox append (a decision, an observation): the sync pushes it.
    public var journaled: (@Sendable () -> Void)?
    /// Told what the panel shows after each frame (`lintel status`, the heartbeat).
    public var status: AgentStatus?

    public init(panel: RotatedPanel, sinks: [any FrameSink], backlight: ((Int) -> Void)? = nil, lights: ((LedPattern) -> Void)? = nil,
                virtualPanel: VirtualPanel? = nil, journaled: (@Sendable () -> Void)? = nil, status: AgentStatus? = nil) {
        self.status = status
        self.panel = panel
        self.sinks = sinks
        self.backlight = backlight
        self.lights = lights
        self.virtualPanel = virtualPanel
        self.journaled = journaled
    }
}
