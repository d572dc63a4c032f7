import Foundation
import Testing

/// The device binary links nothing of the platform's: no Hummingbird, no PostgreSQL client, none
/// of the platform's own modules (their type names would be in its symbol and metadata strings).
@Suite("lintel links nothing of the platform's")
struct DeviceBinaryTests {
    @Test("No platform module in the lintel binary", arguments: [
        "Hummingbird", "PostgresNIO", "LintelPlatformStore", "LintelPlatformPostgres", "LintelPlatformHTTP",
    ])
    func noPlatformModule(_ module: String) throws {
        let binary = try Data(contentsOf: LintelProcess.executable)
        #expect(binary.range(of: Data(module.utf8)) == nil, "\(module) is linked into \(LintelProcess.executable.path)")
        let platform = LintelProcess.executable.deletingLastPathComponent().appendingPathComponent("lintel-platform")
        if ["Hummingbird", "PostgresNIO"].contains(module), FileManager.default.fileExists(atPath: platform.path) {
            #expect(try Data(contentsOf: platform).range(of: Data(module.utf8)) != nil, "the check can see a linked module")
        }
    }
}
