import Foundation

/// Which zone names a location may use: the IANA names of the system's zone database (every Zone
/// and Link of `tzdata.zi` under `TZDIR`, default `/usr/share/zoneinfo`), `UTC` and `Etc/…`
/// among them. A fixed UTC offset (`UTC+1`, `GMT+01:00`) is not a zone: it has no daylight
/// saving rules, so half the year every local time would be an hour off.
public enum ZoneDatabase {
    public enum Verdict: Sendable, Equatable {
        case known
        case fixedOffset
        case unknown
    }

    public static func check(_ name: String) -> Verdict {
        if names.contains(name), TimeZone(identifier: name) != nil { return .known }
        return name.wholeMatch(of: fixedOffset) != nil ? .fixedOffset : .unknown
    }

    /// Read once per process; a system without `tzdata.zi` falls back to the zones Foundation
    /// itself lists, plus `UTC`.
    static let names: Set<String> = {
        let directory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        guard let text = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8) else {
            return Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])
        }
        var names = Set<String>()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "Z", fields.count > 1 { names.insert(String(fields[1])) }
            if fields.first == "L", fields.count > 2 { names.insert(String(fields[2])) }
        }
        return names
    }()

    nonisolated(unsafe) private static let fixedOffset = #/(?i)(UTC|GMT|UT|Z)?\s*[+-−]\s*\d{1,2}(:?\d{2})?(:?\d{2})?/#
}
