import Foundation

/// Instants are stored as whole milliseconds since 1970-01-01T00:00:00Z (UTC, no zone).
enum StoredInstant {
    static func encode(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func decode(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
