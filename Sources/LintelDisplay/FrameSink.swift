/// Where finished frames go: a DRM/KMS display, fbdev, a PNG file, memory. A sink receives the
/// whole frame and the rectangles that changed since the previous one, and may copy only those.
public protocol FrameSink: AnyObject {
    /// The physical size frames must have.
    var width: Int { get }
    var height: Int { get }
    func present(_ frame: FrameBuffer, damage: [Rect]) throws
}

/// Keeps every presented frame and its damage: for tests and previews.
public final class MemoryFrameSink: FrameSink, @unchecked Sendable {
    public let width: Int
    public let height: Int
    public private(set) var frames: [(frame: FrameBuffer, damage: [Rect])] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        frames.append((frame, damage))
    }
}

/// Writes each presented frame to a PNG file (the same pixels a display would show).
public final class PNGFrameSink: FrameSink {
    public let width: Int
    public let height: Int
    public let path: String

    public init(path: String, width: Int, height: Int) {
        self.path = path
        self.width = width
        self.height = height
    }

    public func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        try PNGCodec.write(frame, to: path)
    }
}
