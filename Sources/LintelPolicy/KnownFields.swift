/// Snapshot objects are closed: a field the format does not define is an error, never ignored. On
/// a panel that decides alone, a misspelt restriction (`excludeSpace` for `excludeSpaces`) that
/// was silently dropped would let people do what the rule was written to stop.
extension Decoder {
    /// The keyed container for `Key`, after refusing any field that is not one of `Key`'s cases
    /// (the error names the field's path and the known field nearest to it) and any `null` but
    /// where `nullable` allows one: an optional field is left out for its default, not nulled.
    public func knownFieldsContainer<Key: CodingKey & CaseIterable>(
        keyedBy type: Key.Type, nullable: [Key] = []
    ) throws -> KeyedDecodingContainer<Key> {
        let raw = try container(keyedBy: FieldName.self)
        let mayHoldNull = userInfo[.documentHasNull] as? Bool ?? true
        for field in raw.allKeys {
            guard let key = Key(stringValue: field.stringValue) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath + [field],
                    debugDescription: UnknownField.problem(field.stringValue, known: Key.allCases.map(\.stringValue))))
            }
            if mayHoldNull, try raw.decodeNil(forKey: field), !nullable.contains(where: { $0.stringValue == key.stringValue }) {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [field], debugDescription: UnknownField.nullProblem))
            }
        }
        return try container(keyedBy: Key.self)
    }
}

extension CodingUserInfoKey {
    /// Set to false by a reader that knows the document holds no `null` at all, so that
    /// `knownFieldsContainer` need not look for one in every field.
    public static let documentHasNull = CodingUserInfoKey(rawValue: "lintel.documentHasNull")!
}

/// Any field name, for reading the names an object actually has.
public struct FieldName: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// How an unknown field is reported: with the known field it most likely meant.
public enum UnknownField {
    public static let nullProblem = "null is not allowed here: leave the field out for its default"

    public static func problem(_ name: String, known: [String]) -> String {
        if let nearest = nearest(to: name, among: known) { return "unknown field (did you mean \"\(nearest)\"?)" }
        return "unknown field (known fields: \(known.joined(separator: ", ")))"
    }

    /// The known name within a few edits of `name` (ignoring case), or that contains it or is
    /// contained in it; nil when none is close.
    public static func nearest(to name: String, among known: [String]) -> String? {
        let target = Array(name.lowercased())
        let scored = known.map { candidate -> (String, Int) in
            let other = candidate.lowercased()
            if other.contains(name.lowercased()) || name.lowercased().contains(other) {
                return (candidate, min(editDistance(target, Array(other)), 2))
            }
            return (candidate, editDistance(target, Array(other)))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, target.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
