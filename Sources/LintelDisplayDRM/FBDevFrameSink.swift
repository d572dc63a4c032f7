import CFBDev
import Foundation
public import LintelDisplay

/// The fallback for boards without a KMS driver: the legacy frame buffer device (`/dev/fb0`),
/// 32 bits per pixel, written in place (no vsync, no page flip). Only damaged rectangles are copied.
public final class FBDevFrameSink: FrameSink, @unchecked Sendable {
    public let device: String
    public let width: Int
    public let height: Int
    private let fd: Int32
    private let lineLength: Int
    private let length: Int
    private let memory: UnsafeMutablePointer<UInt32>
    private var closed = false

    public init(device: String = "/dev/fb0") throws(DisplayError) {
        let fd = open(device, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(device, errno) }
        var variable = fb_var_screeninfo(), fixed = fb_fix_screeninfo()
        guard lintel_fb_get_var(fd, &variable) == 0, lintel_fb_get_fix(fd, &fixed) == 0 else {
            Glibc.close(fd)
            throw .unsupported(device, "not a frame buffer device")
        }
        guard variable.bits_per_pixel == 32 else {
            Glibc.close(fd)
            throw .unsupported(device, "\(variable.bits_per_pixel) bits per pixel; only 32 is supported")
        }
        let length = Int(fixed.smem_len)
        let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            Glibc.close(fd)
            throw .failed("mmap of \(device)", errno)
        }
        self.device = device
        self.fd = fd
        self.length = length
        memory = mapped.assumingMemoryBound(to: UInt32.self)
        width = Int(variable.xres)
        height = Int(variable.yres)
        lineLength = Int(fixed.line_length)
    }

    public func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        precondition(frame.width == width && frame.height == height, "frame \(frame.width)x\(frame.height) on a \(width)x\(height) display")
        let stride = lineLength / 4
        frame.pixels.withUnsafeBufferPointer { source in
            for rect in damage.isEmpty ? [frame.bounds] : damage {
                let r = rect.intersection(frame.bounds)
                guard !r.isEmpty else { continue }
                for y in r.y..<r.maxY {
                    (memory + y * stride + r.x).update(from: source.baseAddress! + y * frame.stride + r.x, count: r.width)
                }
            }
        }
    }

    public func close() {
        guard !closed else { return }
        closed = true
        munmap(memory, length)
        Glibc.close(fd)
    }

    deinit { close() }
}
