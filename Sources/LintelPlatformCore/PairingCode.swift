/// The code a panel shows while it waits to be approved (RFC 8628's user code): eight characters
/// from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z), shown as `XXXX-XXXX`, read aloud
/// or typed by a technician. About 10^11 codes; a code lives minutes and polling is limited.
public enum PairingCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRTUVWXY346789")

    /// A code from eight random bytes (each maps to one character, bias below 1%).
    public static func make(from random: [UInt8]) -> String {
        precondition(random.count >= 8)
        let characters = random.prefix(8).map { alphabet[Int($0) % alphabet.count] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// The canonical form of what a technician typed: upper case, spaces and dashes ignored, so
    /// `abcd efgh` and `ABCD-EFGH` are the same code; nil when it cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        let characters = typed.uppercased().filter { $0 != " " && $0 != "-" }
        guard characters.count == 8, characters.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return String(characters.prefix(4)) + "-" + String(characters.suffix(4))
    }
}
