import CompressNIO
import Foundation
import LintelPlatformCore
import LintelPlatformStore
import LintelTestKit
import LintelWire
import NIOCore

/// The platform's side of the bench world (10,000 users, 1,000 spaces, 100,000 bookings): the
/// world written into an empty platform store with its change log, and one location's snapshot
/// as a device's first pull sends it, raw and gzip-compressed.
struct PlatformBenchmark {
    struct Figures {
        var importSeconds: Double
        var snapshotBytes: Int
        var snapshotGzipBytes: Int
        var pullSeconds: Double
        /// The same answer made as a generated OpenAPI server makes it: typed values decoded and
        /// encoded again through Codable, instead of stored bodies joined as they are.
        var typedPullSeconds: Double
    }

    func run(in folder: URL) async throws -> Figures {
        let reference = ISO8601.parse("2026-11-23T09:00:00Z")!
        let world = SyntheticWorld.snapshot(users: 10_000, spaces: 1_000, bookings: 100_000, around: reference)
        let store = try PlatformStore(path: folder.appendingPathComponent("platform.sqlite").path)
        let importStart = DispatchTime.now()
        try await store.importWorld(world, at: reference)
        let importSeconds = Double(DispatchTime.now().uptimeNanoseconds - importStart.uptimeNanoseconds) / 1e9
        let pullStart = DispatchTime.now()
        guard case .snapshot(_, _, let json) = try await store.pull(DeviceScope(locationId: "loc-0"), after: nil, at: reference) else {
            fatalError("a first pull is a snapshot")
        }
        let pullSeconds = Double(DispatchTime.now().uptimeNanoseconds - pullStart.uptimeNanoseconds) / 1e9
        let typedStart = DispatchTime.now()
        let typed = try SnapshotCoding.encoder().encode(try SnapshotCoding.decode(json))
        let typedPullSeconds = Double(DispatchTime.now().uptimeNanoseconds - typedStart.uptimeNanoseconds) / 1e9 + pullSeconds
        precondition(typed.count > 0)
        var buffer = ByteBuffer(bytes: json)
        let compressor = CompressionAlgorithm.gzip().compressor
        try compressor.startStream()
        var compressed = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: buffer))
        try compressor.streamDeflate(from: &buffer, to: &compressed, flush: .finish)
        try compressor.finishStream()
        return Figures(importSeconds: importSeconds, snapshotBytes: json.count, snapshotGzipBytes: compressed.readableBytes, pullSeconds: pullSeconds, typedPullSeconds: typedPullSeconds)
    }
}
