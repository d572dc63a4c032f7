import CompressNIO
import Foundation
import Hummingbird

/// Answers of a kilobyte or more go gzip-compressed to a client that accepts gzip: a snapshot's
/// ids and field names repeat, so it shrinks by a factor of about twenty.
enum ResponseCompression {
    static let threshold = 1024

    static func accepts(_ request: Request) -> Bool {
        guard let accepted = request.headers[.acceptEncoding] else { return false }
        return accepted.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("gzip") }
    }

    /// The body, and the headers that say how it is encoded.
    static func body(_ data: Data, for request: Request, headers: inout HTTPFields) throws -> ByteBuffer {
        var buffer = ByteBuffer(bytes: data)
        headers[.vary] = "Accept-Encoding"
        guard data.count >= threshold, accepts(request) else { return buffer }
        let compressor = CompressionAlgorithm.gzip().compressor
        try compressor.startStream()
        var compressed = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: buffer))
        try compressor.streamDeflate(from: &buffer, to: &compressed, flush: .finish)
        try compressor.finishStream()
        headers[.contentEncoding] = "gzip"
        return compressed
    }
}
