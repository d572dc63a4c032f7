import Foundation
import LintelStore
import LintelWire
import Testing

@Suite("ISO 8601 instants")
struct ISO8601Tests {
    @Test("Instants with an offset parse to the same moment", arguments: [
        ("2026-11-23T09:00:00Z", 1_795_424_400.0),
        ("2026-11-23T10:00:00+01:00", 1_795_424_400.0),
        ("2026-11-23T04:00:00-05:00", 1_795_424_400.0),
        ("2026-11-23T09:00:00.250Z", 1_795_424_400.25),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func parses(_ text: String, _ seconds: Double) {
        #expect(ISO8601.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test("Text that is not an instant with offset is refused", arguments: [
        "2026-11-23T09:00:00", "2026-11-23", "tomorrow", "2026-02-30T09:00:00Z", "2026-11-23T25:00:00Z",
        "2026-11-23T09:00:00+0100", "2026-11-23T09:00:00Zjunk", "2026-11-23T09:00:00.Z", "",
    ])
    func refuses(_ text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test("Written in UTC, and read back to the same instant", arguments: [
        "2026-11-23T09:00:00Z", "2026-03-29T01:00:00Z", "2026-11-23T09:00:00.250Z", "1969-12-31T23:59:59Z",
    ])
    func roundTrips(_ text: String) throws {
        let date = try #require(ISO8601.parse(text))
        #expect(ISO8601.format(date) == text)
    }
}
