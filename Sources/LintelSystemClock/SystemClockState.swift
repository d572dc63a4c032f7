import CTimex
import Foundation

/// Reads whether the system clock is synchronised: systemd-timesyncd's flag file, or the kernel's
/// adjtimex state (not "unsynchronised").
public enum SystemClockState {
    public static let timesyncFlag = "/run/systemd/timesync/synchronized"

    public static func isSynchronised(flagFile: String = timesyncFlag) -> Bool {
        if FileManager.default.fileExists(atPath: flagFile) { return true }
        return lintel_clock_synchronised() == 1
    }
}
