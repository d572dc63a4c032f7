import Foundation

/// Finds where a document stops being JSON (RFC 8259), for an error that says line and column.
/// Foundation's decoder only says that the data "was not valid JSON", and lets through what the
/// format forbids (trailing commas, leading zeros, unknown escapes), so every snapshot is scanned
/// first. A scan with an explicit stack, so no nesting depth can exhaust the call stack.
enum JSONSyntaxLocator {
    struct Failure: Equatable {
        var offset: Int
        var expected: String
        /// Set when the text is JSON's grammar but an object names a field twice (a second
        /// `excludeSpaces` would silently replace the first).
        var duplicateField: String? = nil
    }

    /// The first byte that breaks the grammar and what was expected there; nil when the text is
    /// well-formed.
    static func firstError(in data: Data) -> Failure? {
        scan(data).failure
    }

    /// The first error, and whether the text holds a `null` anywhere (when it holds none, the
    /// decoder need not look for one field by field).
    static func scan(_ data: Data) -> (failure: Failure?, hasNull: Bool) {
        data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            let failure = scanner.scanDocument()
            return (failure, scanner.sawNull)
        }
    }

    /// Line and column (1-based, counting characters) of a byte offset, and the text around it.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int, near: String) {
        var line = 1
        var lineStart = 0
        for (i, byte) in bytes.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let lineEnd = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let before = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self)
        let after = String(decoding: bytes[min(offset, bytes.count)..<lineEnd], as: UTF8.self)
        let near = String(before.suffix(30)) + String(after.prefix(30))
        return (line, before.count + 1, near.trimmingCharacters(in: [" ", "\t", "\r"]))
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var sawNull = false
        /// The field names of the open objects, innermost last, and where each object's begin.
        private var fieldNames: [Range<Int>] = []
        private var objectStarts: [Int] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        private enum Frame { case array, object }

        mutating func scanDocument() -> Failure? {
            var stack: [Frame] = []
            // After a value: close containers or take the next element until one needs a value.
            skipSpace()
            while true {
                if let failure = scanValue(into: &stack) { return failure }
                while true {
                    skipSpace()
                    guard let frame = stack.last else {
                        return i == bytes.count ? nil : Failure(offset: i, expected: "the end of the document")
                    }
                    guard i < bytes.count else { return Failure(offset: i, expected: frame == .array ? "\",\" or \"]\"" : "\",\" or \"}\"") }
                    let byte = bytes[i]
                    if byte == UInt8(ascii: ",") {
                        i += 1
                        skipSpace()
                        if frame == .object, let failure = scanKey() { return failure }
                        break
                    }
                    if frame == .array && byte == UInt8(ascii: "]") || frame == .object && byte == UInt8(ascii: "}") {
                        i += 1
                        stack.removeLast()
                        if frame == .object { fieldNames.removeSubrange(objectStarts.removeLast()...) }
                        continue
                    }
                    return Failure(offset: i, expected: frame == .array ? "\",\" or \"]\"" : "\",\" or \"}\"")
                }
                skipSpace()
            }
        }

        /// One value; an opened container is pushed and its first element (or its close) read.
        private mutating func scanValue(into stack: inout [Frame]) -> Failure? {
            while true {
                guard i < bytes.count else { return Failure(offset: i, expected: "a value") }
                switch bytes[i] {
                case UInt8(ascii: "["):
                    if openIsEmpty(closedBy: UInt8(ascii: "]")) { return nil }
                    stack.append(.array)
                    continue
                case UInt8(ascii: "{"):
                    if openIsEmpty(closedBy: UInt8(ascii: "}")) { return nil }
                    stack.append(.object)
                    objectStarts.append(fieldNames.count)
                    if let failure = scanKey() { return failure }
                    continue
                case UInt8(ascii: "\""): return scanString()
                case UInt8(ascii: "t"): return scanWord("true")
                case UInt8(ascii: "f"): return scanWord("false")
                case UInt8(ascii: "n"):
                    sawNull = true
                    return scanWord("null")
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return scanNumber()
                default: return Failure(offset: i, expected: "a value")
                }
            }
        }

        /// Steps over an opening bracket; true (and past the close) when the container is empty.
        private mutating func openIsEmpty(closedBy close: UInt8) -> Bool {
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == close else { return false }
            i += 1
            return true
        }

        /// A member name and its colon; leaves the scanner at the member's value.
        private mutating func scanKey() -> Failure? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return Failure(offset: i, expected: "a field name in double quotes") }
            let start = i
            if let failure = scanString() { return failure }
            let name = (start + 1)..<(i - 1)
            for other in fieldNames[objectStarts.last!...] where other.count == name.count
                && UnsafeBufferPointer(rebasing: bytes[other]).elementsEqual(UnsafeBufferPointer(rebasing: bytes[name])) {
                return Failure(offset: start, expected: "", duplicateField: String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self))
            }
            fieldNames.append(name)
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return Failure(offset: i, expected: "\":\"") }
            i += 1
            skipSpace()
            return nil
        }

        private mutating func scanString() -> Failure? {
            i += 1
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    return nil
                }
                if byte < 0x20 { return Failure(offset: i, expected: "a closing quote (a control character must be escaped)") }
                if byte == UInt8(ascii: "\\") {
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 1
                    case UInt8(ascii: "u"):
                        for k in 1...4 where !(i + k < bytes.count && isHex(bytes[i + k])) {
                            return Failure(offset: min(i + k, bytes.count), expected: "four hex digits after \\u")
                        }
                        i += 5
                    default: return Failure(offset: i, expected: "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                    }
                    continue
                }
                i += 1
            }
            return Failure(offset: i, expected: "a closing quote")
        }

        private mutating func scanWord(_ word: String) -> Failure? {
            for expected in word.utf8 {
                guard i < bytes.count, bytes[i] == expected else { return Failure(offset: i, expected: "a value (\(word)?)") }
                i += 1
            }
            return nil
        }

        private mutating func scanNumber() -> Failure? {
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return Failure(offset: i, expected: "a digit") }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { return Failure(offset: i, expected: "a digit after the decimal point") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { return Failure(offset: i, expected: "a digit in the exponent") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            return nil
        }

        private mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        private func isHex(_ byte: UInt8) -> Bool {
            isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
