public import LintelDisplay

/// A display a panel can drive: DRM/KMS, or fbdev when there is no KMS device.
public protocol DisplaySink: WatchedDisplay {
    /// "device connector WxH@Hz" for logs.
    var summary: String { get }
    /// Waits until the last frame is on screen.
    func waitForFlip() throws
    /// Whether the display is connected; a sink stops and resumes presenting as it comes and goes.
    @discardableResult
    func checkConnection() -> Bool
    func close()
}

extension DRMFrameSink: DisplaySink {
    public var summary: String { "\(device) \(connectorName) \(width)x\(height)@\(refreshHz)Hz (DRM/KMS)" }
}

extension FBDevFrameSink: DisplaySink {
    public var summary: String { "\(device) \(width)x\(height) (fbdev)" }
    public func waitForFlip() throws {}
    public func checkConnection() -> Bool { true }
    /// A framebuffer device has no connector to lose.
    public func watchConnector() -> ConnectorWatch.Action? { nil }
}

public enum DisplaySinks {
    /// DRM/KMS on `device` (or the first card with a display); fbdev on `fbdev` when asked, or on
    /// /dev/fb0 when no DRM device is usable and none was named.
    public static func open(device: String?, connector: String?, mode: String? = nil, fbdev: String?) throws(DisplayError) -> any DisplaySink {
        if let fbdev { return try FBDevFrameSink(device: fbdev) }
        do {
            return try DRMFrameSink(device: device, connector: connector, mode: mode)
        } catch {
            guard device == nil, connector == nil, mode == nil, let fallback = try? FBDevFrameSink() else { throw error }
            return fallback
        }
    }
}
