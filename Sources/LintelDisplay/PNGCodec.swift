import CPNG
import Foundation

/// PNG files through libpng's simplified API (no setjmp error handling).
public enum PNGCodec {
    /// Writes the buffer's visible pixels as an 8-bit RGB PNG. The file is replaced whole (written
    /// beside it, then renamed), so a reader never sees half a frame.
    public static func write(_ frame: FrameBuffer, to path: String) throws(PNGError) {
        let bytes = try encode(frame)
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)), rename(temporary, path) == 0 else {
            throw .failed(path, String(cString: strerror(errno)))
        }
    }

    /// The buffer's visible pixels as the bytes of an 8-bit RGB PNG file.
    public static func encode(_ frame: FrameBuffer) throws(PNGError) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: frame.width * frame.height * 3)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let p = frame.pixels[y * frame.stride + x], o = (y * frame.width + x) * 3
                rgb[o] = UInt8(truncatingIfNeeded: p >> 16)
                rgb[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                rgb[o + 2] = UInt8(truncatingIfNeeded: p)
            }
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(frame.width)
        image.height = UInt32(frame.height)
        image.format = UInt32(PNG_FORMAT_RGB)
        var size: png_alloc_size_t = 0
        let measured = rgb.withUnsafeBytes { png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, Int32(frame.width * 3), nil) }
        guard measured != 0 else { throw .failed("PNG in memory", message(of: &image)) }
        var out = [UInt8](repeating: 0, count: Int(size))
        let ok = rgb.withUnsafeBytes { pixels in
            out.withUnsafeMutableBytes { png_image_write_to_memory(&image, $0.baseAddress, &size, 0, pixels.baseAddress, Int32(frame.width * 3), nil) }
        }
        guard ok != 0 else { throw .failed("PNG in memory", message(of: &image)) }
        return Array(out.prefix(Int(size)))
    }

    /// Reads an 8-bit RGB(A) PNG into a frame buffer (alpha dropped).
    public static func read(_ path: String) throws(PNGError) -> FrameBuffer {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else { throw .failed(path, message(of: &image)) }
        image.format = UInt32(PNG_FORMAT_RGB)
        let width = Int(image.width), height = Int(image.height)
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let ok = rgb.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, Int32(width * 3), nil) }
        guard ok != 0 else { throw .failed(path, message(of: &image)) }
        var frame = FrameBuffer(width: width, height: height)
        for i in 0..<(width * height) {
            frame.pixels[i] = UInt32(rgb[i * 3]) << 16 | UInt32(rgb[i * 3 + 1]) << 8 | UInt32(rgb[i * 3 + 2])
        }
        return frame
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

public enum PNGError: Error, CustomStringConvertible {
    case failed(String, String)
    public var description: String {
        switch self {
        case .failed(let path, let message): "PNG \(path): \(message)"
        }
    }
}
