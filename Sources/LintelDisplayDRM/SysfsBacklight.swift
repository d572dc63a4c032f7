import Foundation

/// A panel backlight under /sys/class/backlight: brightness as a percentage of `max_brightness`,
/// and `bl_power` to switch it off when blanked. Absent on boards (and VMs) without one.
public struct SysfsBacklight: Sendable {
    public let path: String
    public let maximum: Int

    /// The first backlight under `root` (default /sys/class/backlight), or nil when there is none.
    public init?(root: String = "/sys/class/backlight") {
        guard let name = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted().first,
              let max = Self.readInt("\(root)/\(name)/max_brightness"), max > 0
        else { return nil }
        path = "\(root)/\(name)"
        maximum = max
    }

    /// Sets the backlight to `percent` of its maximum; 0 powers it off (and back on above 0).
    public func set(percent: Int) throws {
        let clamped = max(0, min(100, percent))
        if FileManager.default.fileExists(atPath: "\(path)/bl_power") {
            try Self.write(clamped == 0 ? "4" : "0", to: "\(path)/bl_power")
        }
        let value = clamped == 0 ? 0 : max(1, (maximum * clamped + 50) / 100)
        try Self.write("\(value)", to: "\(path)/brightness")
    }

    /// The current brightness as a percentage of the maximum.
    public var percent: Int? { Self.readInt("\(path)/brightness").map { ($0 * 100 + maximum / 2) / maximum } }

    static func readInt(_ file: String) -> Int? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Writes like `echo TEXT > FILE` (sysfs attributes take the whole value in one write).
    static func write(_ text: String, to file: String) throws {
        let fd = open(file, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file]) }
        defer { close(fd) }
        let bytes = Array((text + "\n").utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
    }
}
