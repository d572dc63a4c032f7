/// Decodes a keyboard-wedge badge reader: the reader "types" the badge number as key presses and
/// ends it with Enter. Digits and letters are collected (letters upper-cased, so `04a1` and `04A1`
/// are one badge); a pause longer than `timeout` between keys drops the partial number.
public struct BadgeKeyDecoder: Sendable, Equatable {
    public let timeout: UInt64
    public let maximumLength: Int
    private var buffer = ""
    private var lastKey: MonotonicInstant?

    public init(timeout: UInt64 = .milliseconds(500), maximumLength: Int = 64) {
        self.timeout = timeout
        self.maximumLength = maximumLength
    }

    public enum Action: Sendable, Equatable {
        case badge(String, at: MonotonicInstant)
        /// A partial number was dropped (timeout, or too long).
        case discarded(String, at: MonotonicInstant)
    }

    /// Linux key event values: 1 press, 0 release, 2 auto-repeat. Only presses count.
    public mutating func key(code: UInt16, value: Int32, at instant: MonotonicInstant) -> [Action] {
        guard value == 1 else { return [] }
        var actions: [Action] = []
        if let last = lastKey, instant > last + timeout, !buffer.isEmpty {
            actions.append(.discarded(buffer, at: instant))
            buffer = ""
        }
        lastKey = instant
        if code == LinuxKey.enter || code == LinuxKey.keypadEnter {
            if !buffer.isEmpty { actions.append(.badge(buffer, at: instant)) }
            buffer = ""
        } else if let character = LinuxKey.character(for: code) {
            buffer.append(character)
            if buffer.count > maximumLength {
                actions.append(.discarded(buffer, at: instant))
                buffer = ""
            }
        }
        return actions
    }
}

/// The few Linux input key codes (linux/input-event-codes.h) a badge reader types.
public enum LinuxKey {
    public static let enter: UInt16 = 28
    public static let keypadEnter: UInt16 = 96
    public static let eventTypeKey: UInt16 = 1

    private static let digits: [UInt16: Character] = [
        2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0",
        79: "1", 80: "2", 81: "3", 75: "4", 76: "5", 77: "6", 71: "7", 72: "8", 73: "9", 82: "0",
    ]
    private static let letters: [UInt16: Character] = [
        16: "Q", 17: "W", 18: "E", 19: "R", 20: "T", 21: "Y", 22: "U", 23: "I", 24: "O", 25: "P",
        30: "A", 31: "S", 32: "D", 33: "F", 34: "G", 35: "H", 36: "J", 37: "K", 38: "L",
        44: "Z", 45: "X", 46: "C", 47: "V", 48: "B", 49: "N", 50: "M",
    ]

    /// The character a key code stands for in a badge number, nil for keys that carry none (shift).
    public static func character(for code: UInt16) -> Character? { digits[code] ?? letters[code] }
}
