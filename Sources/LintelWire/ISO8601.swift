public import Foundation
import LintelPolicy

/// ISO 8601 / RFC 3339 instants: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, always with an offset.
/// Kept to the millisecond (what the store holds), so two instants that compare different here
/// are different in the store too. Written in UTC with `Z`, fractional seconds only when there
/// are any. No leap second (`:60`): a platform does not send them.
public enum ISO8601 {
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2),
              b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let date = LocalDate(year: year, month: month, day: day)
        guard LocalDate(dayNumber: date.dayNumber) == date else { return nil } // rejects 2026-02-30
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45, let oh = digits(i + 1, 2), b.count > i + 3, b[i + 3] == 58, let om = digits(i + 4, 2), oh < 24, om < 60 {
            offset = (oh * 60 + om) * 60 * (b[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let seconds = Double(date.dayNumber) * 86_400 + Double(hour * 3600 + minute * 60 + second) - Double(offset) + fraction
        return Date(timeIntervalSince1970: (seconds * 1000).rounded() / 1000)
    }

    public static func format(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        let millis = Int64((total * 1000).rounded())
        let wholeSeconds = Int(millis.quotientFloor(1000))
        let remainder = Int(millis - Int64(wholeSeconds) * 1000)
        let day = LocalDate(dayNumber: wholeSeconds.quotientFloor(86_400))
        let secondOfDay = wholeSeconds - day.dayNumber * 86_400
        func pad(_ n: Int, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(pad(day.year, 4))-\(pad(day.month))-\(pad(day.day))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        if remainder != 0 { text += "." + pad(remainder, 3) }
        return text + "Z"
    }
}

extension BinaryInteger {
    /// Division rounding towards minus infinity (so instants before 1970 format correctly).
    fileprivate func quotientFloor(_ divisor: Self) -> Self {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
