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
        return isFixedOffset(name) ? .fixedOffset : .unknown
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

    /// `+01:00`, `UTC+1`, `GMT-0530`, `utc +2`: an optional UTC/GMT/UT prefix, a sign, one or two
    /// digits of hours and optionally minutes (and seconds), with or without colons.
    static func isFixedOffset(_ name: String) -> Bool {
        var rest = Substring(name.uppercased())
        for prefix in ["UTC", "GMT", "UT", "Z"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        rest = rest.drop(while: { $0 == " " })
        guard let sign = rest.first, "+-\u{2212}".contains(sign) else { return false }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        let groups = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(groups.count), groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return false
        }
        return groups.count > 1 ? groups[0].count <= 2 && groups.dropFirst().allSatisfy { $0.count == 2 } : [1, 2, 4, 6].contains(groups[0].count)
    }
}
