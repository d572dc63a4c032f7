import CDRM
import Foundation
public import LintelDisplay

/// A DRM/KMS display: the connected connector (or the named one) in its preferred mode, two dumb
/// buffers flipped on vertical blank. Only the damaged rectangles are copied into the back buffer
/// (with the previous frame's damage too, since the back buffer is two frames old); a flip is
/// never queued while one is pending. Closing puts back the CRTC configuration found at start.
public final class DRMFrameSink: FrameSink, @unchecked Sendable {
    private struct DumbBuffer {
        var handle: UInt32 = 0
        var pitch: UInt32 = 0
        var size: UInt64 = 0
        var framebuffer: UInt32 = 0
        var pixels: UnsafeMutablePointer<UInt32>?
    }

    public let device: String
    public let connectorName: String
    public let width: Int
    public let height: Int
    public let refreshHz: Int
    private let fd: Int32
    private var connectorId: UInt32
    private let crtcId: UInt32
    private var mode: drmModeModeInfo
    private var saved: UnsafeMutablePointer<drmModeCrtc>?
    private var buffers: [DumbBuffer] = []
    private var front = 0
    private var modeSet = false
    private var flipPending: Int32 = 0
    private var previousDamage: [Rect] = []
    private var closed = false
    private var watch = ConnectorWatch()

    /// Opens `device` (nil: the first /dev/dri/card* with a connected connector) in the connector's
    /// preferred mode, or in `mode` ("WIDTHxHEIGHT") when given.
    public init(device: String? = nil, connector wanted: String? = nil, mode wantedMode: String? = nil) throws(DisplayError) {
        let candidates = device.map { [$0] } ?? Self.cards()
        var found: (String, Int32, UInt32, UInt32, drmModeModeInfo, String)?
        var lastError = DisplayError.noDevice(candidates)
        for path in candidates where found == nil {
            do throws(DisplayError) {
                found = try Self.open(path, connector: wanted, mode: wantedMode)
            } catch {
                lastError = error
            }
        }
        guard let found else { throw lastError }
        (self.device, fd, connectorId, crtcId, mode, connectorName) = found
        width = Int(mode.hdisplay)
        height = Int(mode.vdisplay)
        refreshHz = Int(mode.vrefresh)
        saved = drmModeGetCrtc(fd, crtcId)
        do throws(DisplayError) {
            buffers = [try makeBuffer(), try makeBuffer()]
        } catch {
            close()
            throw error
        }
    }

    /// A connector's name as the kernel's sysfs and `modetest` give it: `HDMI-A-1`.
    static func connectorName(_ connector: UnsafeMutablePointer<drmModeConnector>) -> String {
        "\(String(cString: drmModeGetConnectorTypeName(connector.pointee.connector_type)))-\(connector.pointee.connector_type_id)"
    }

    static func cards() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []).filter { $0.hasPrefix("card") }.sorted().map { "/dev/dri/\($0)" }
    }

    private static func open(_ path: String, connector wanted: String?, mode wantedMode: String?) throws(DisplayError)
        -> (String, Int32, UInt32, UInt32, drmModeModeInfo, String)
    {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path, errno) }
        var dumb: UInt64 = 0
        guard drmGetCap(fd, UInt64(DRM_CAP_DUMB_BUFFER), &dumb) == 0, dumb != 0 else {
            Glibc.close(fd)
            throw .unsupported(path, "no dumb buffers")
        }
        guard let resources = drmModeGetResources(fd) else {
            Glibc.close(fd)
            throw .unsupported(path, "not a KMS device")
        }
        defer { drmModeFreeResources(resources) }
        var seen: [String] = []
        for i in 0..<Int(resources.pointee.count_connectors) {
            guard let connector = drmModeGetConnector(fd, resources.pointee.connectors[i]) else { continue }
            defer { drmModeFreeConnector(connector) }
            let name = connectorName(connector)
            let connected = connector.pointee.connection == DRM_MODE_CONNECTED && connector.pointee.count_modes > 0
            seen.append("\(name) (\(connected ? "connected" : "disconnected"))")
            guard connected, wanted == nil || wanted == name else { continue }
            let modes = (0..<Int(connector.pointee.count_modes)).map { connector.pointee.modes[$0] }
            let describe = { (m: drmModeModeInfo) in "\(m.hdisplay)x\(m.vdisplay)" }
            let mode: drmModeModeInfo
            if let wantedMode {
                guard let match = modes.first(where: { describe($0) == wantedMode }) else {
                    Glibc.close(fd)
                    throw .noMode(path, connector: name, wanted: wantedMode, available: modes.map(describe))
                }
                mode = match
            } else {
                mode = modes.first { $0.type & UInt32(DRM_MODE_TYPE_PREFERRED) != 0 } ?? modes[0]
            }
            guard let crtc = findCrtc(fd, resources: resources, connector: connector) else { continue }
            return (path, fd, connector.pointee.connector_id, crtc, mode, name)
        }
        Glibc.close(fd)
        throw .noConnector(path, wanted: wanted, seen: seen)
    }

    private static func findCrtc(_ fd: Int32, resources: UnsafeMutablePointer<drmModeRes>, connector: UnsafeMutablePointer<drmModeConnector>) -> UInt32? {
        if connector.pointee.encoder_id != 0, let encoder = drmModeGetEncoder(fd, connector.pointee.encoder_id) {
            defer { drmModeFreeEncoder(encoder) }
            if encoder.pointee.crtc_id != 0 { return encoder.pointee.crtc_id }
        }
        for e in 0..<Int(connector.pointee.count_encoders) {
            guard let encoder = drmModeGetEncoder(fd, connector.pointee.encoders[e]) else { continue }
            defer { drmModeFreeEncoder(encoder) }
            for c in 0..<Int(resources.pointee.count_crtcs) where encoder.pointee.possible_crtcs & (1 << c) != 0 {
                return resources.pointee.crtcs[c]
            }
        }
        return nil
    }

    private func makeBuffer() throws(DisplayError) -> DumbBuffer {
        var buffer = DumbBuffer()
        guard lintel_drm_create_dumb(fd, UInt32(width), UInt32(height), &buffer.handle, &buffer.pitch, &buffer.size) == 0 else {
            throw .failed("creating a dumb buffer", errno)
        }
        guard drmModeAddFB(fd, UInt32(width), UInt32(height), 24, 32, buffer.pitch, buffer.handle, &buffer.framebuffer) == 0 else {
            throw .failed("adding a frame buffer", errno)
        }
        var offset: UInt64 = 0
        guard lintel_drm_map_dumb(fd, buffer.handle, &offset) == 0 else { throw .failed("mapping a dumb buffer", errno) }
        let mapped = mmap(nil, Int(buffer.size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(offset))
        guard let mapped, mapped != MAP_FAILED else { throw .failed("mmap", errno) }
        memset(mapped, 0, Int(buffer.size))
        buffer.pixels = mapped.assumingMemoryBound(to: UInt32.self)
        return buffer
    }

    /// Whether the connector is connected now (the kernel's current state, no forced probe). When it
    /// went away, presenting stops; when it comes back, the next frame sets the mode again, whole.
    @discardableResult
    public func checkConnection() -> Bool {
        _ = watchConnector()
        return watch.isPresenting
    }

    public func watchConnector() -> ConnectorWatch.Action? {
        let connected: Bool
        if let connector = drmModeGetConnectorCurrent(fd, connectorId) {
            connected = connector.pointee.connection == DRM_MODE_CONNECTED
            drmModeFreeConnector(connector)
        } else {
            connected = false
        }
        let action = watch.observe(connected: connected)
        switch action {
        case .suspend?:
            flipPending = 0
        case .resume?:
            modeSet = false
            previousDamage = []
        case nil:
            break
        }
        return action
    }

    /// Copies the damaged rectangles into the back buffer and flips to it on the next vblank,
    /// first waiting for any flip still pending. While the connector is gone, frames are dropped.
    public func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        precondition(frame.width == width && frame.height == height, "frame \(frame.width)x\(frame.height) on a \(width)x\(height) display")
        guard watch.isPresenting else { return }
        do {
            try presentNow(frame, damage: damage)
        } catch {
            // A connector that vanished makes mode sets and flips fail: wait for it to return.
            if !checkConnection() { return }
            throw error
        }
    }

    private func presentNow(_ frame: FrameBuffer, damage: [Rect]) throws {
        try waitForFlip()
        let back = modeSet ? 1 - front : front
        let target = buffers[back]
        let stride = Int(target.pitch) / 4
        let regions = modeSet ? damage + previousDamage : [frame.bounds]
        frame.pixels.withUnsafeBufferPointer { source in
            for rect in regions {
                let r = rect.intersection(frame.bounds)
                guard !r.isEmpty else { continue }
                for y in r.y..<r.maxY {
                    (target.pixels! + y * stride + r.x).update(from: source.baseAddress! + y * frame.stride + r.x, count: r.width)
                }
            }
        }
        previousDamage = damage
        if !modeSet {
            var connector = connectorId
            guard drmModeSetCrtc(fd, crtcId, target.framebuffer, 0, 0, &connector, 1, &mode) == 0 else {
                throw DisplayError.failed("setting the mode", errno)
            }
            modeSet = true
            front = back
            return
        }
        flipPending = 1
        let result = withUnsafeMutablePointer(to: &flipPending) { pending in
            drmModePageFlip(fd, crtcId, target.framebuffer, UInt32(DRM_MODE_PAGE_FLIP_EVENT), pending)
        }
        guard result == 0 else {
            flipPending = 0
            throw DisplayError.failed("page flip", errno)
        }
        front = back
    }

    /// Blocks until the pending flip (if any) has completed, in poll(), without busy waiting.
    public func waitForFlip() throws {
        while flipPending != 0 {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 1000)
            if ready < 0 && errno != EINTR { throw DisplayError.failed("waiting for vblank", errno) }
            if ready == 0 { throw DisplayError.failed("waiting for vblank (no flip event in 1 s)", ETIMEDOUT) }
            if ready > 0 { _ = withUnsafeMutablePointer(to: &flipPending) { _ in lintel_drm_handle_events(fd) } }
        }
    }

    /// Restores the CRTC as found, releases the buffers and the device. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        try? waitForFlip()
        if let saved {
            var connector = connectorId
            var savedMode = saved.pointee.mode
            drmModeSetCrtc(fd, saved.pointee.crtc_id, saved.pointee.buffer_id, saved.pointee.x, saved.pointee.y, &connector, 1, &savedMode)
            drmModeFreeCrtc(saved)
            self.saved = nil
        }
        for buffer in buffers {
            if let pixels = buffer.pixels { munmap(pixels, Int(buffer.size)) }
            if buffer.framebuffer != 0 { drmModeRmFB(fd, buffer.framebuffer) }
            if buffer.handle != 0 { _ = lintel_drm_destroy_dumb(fd, buffer.handle) }
        }
        buffers = []
        Glibc.close(fd)
    }

    deinit { close() }
}

public enum DisplayError: Error, CustomStringConvertible {
    case noDevice([String])
    case cannotOpen(String, Int32)
    case unsupported(String, String)
    case noConnector(String, wanted: String?, seen: [String])
    case failed(String, Int32)
    case noMode(String, connector: String, wanted: String, available: [String])

    public var description: String {
        switch self {
        case .noDevice(let tried): tried.isEmpty ? "no DRM device under /dev/dri" : "no usable DRM device among \(tried.joined(separator: ", "))"
        case .cannotOpen(let path, let e): "cannot open \(path): \(String(cString: strerror(e)))"
        case .unsupported(let path, let why): "\(path): \(why)"
        case .noConnector(let path, let wanted, let seen):
            "\(path): \(wanted.map { "connector \($0) is not connected" } ?? "no connected display"); connectors: \(seen.joined(separator: ", "))"
        case .failed(let what, let e): "\(what) failed: \(String(cString: strerror(e)))"
        case .noMode(let path, let connector, let wanted, let available):
            "\(path) \(connector): no mode \(wanted); modes: \(Array(Set(available)).sorted().joined(separator: ", "))"
        }
    }
}
