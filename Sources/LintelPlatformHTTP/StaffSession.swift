import Crypto
import Foundation

/// A signed-in staff member's session: a cookie holding the name and when the session ends,
/// signed with a key derived from the admin token, so every instance of a fleet that shares the
/// token accepts it and nothing needs storing. A form posted in a session carries a token derived
/// from the cookie (`formToken`), so another site cannot post on the staff member's behalf.
struct StaffSession: Sendable, Equatable {
    static let cookieName = "lintel_staff"
    /// How long a sign-in lasts.
    static let lifetime: TimeInterval = 12 * 3600

    var name: String
    var expires: Date

    struct Keys: Sendable {
        private let key: Data

        init(adminToken: String) {
            key = Data(SHA256.hash(data: Data(("lintel-staff-session\u{0}" + adminToken).utf8)))
        }

        fileprivate func mac(_ text: String) -> String {
            HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)).map { String(format: "%02x", $0) }.joined()
        }
    }

    /// The cookie's value.
    func value(_ keys: Keys) -> String {
        let payload = Data(name.utf8).base64EncodedString() + "." + String(Int(expires.timeIntervalSince1970))
        return payload + "." + keys.mac(payload)
    }

    /// The session a cookie value stands for; nil when it is forged, altered or over.
    static func verify(_ value: String, keys: Keys, at now: Date) -> StaffSession? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, PlatformRoutes.constantTimeEqual(keys.mac(parts[0] + "." + parts[1]), parts[2]),
              let data = Data(base64Encoded: parts[0]), let name = String(data: data, encoding: .utf8), let seconds = Int(parts[1])
        else { return nil }
        let expires = Date(timeIntervalSince1970: TimeInterval(seconds))
        return expires > now ? StaffSession(name: name, expires: expires) : nil
    }

    /// What a form posted in this session must carry.
    func formToken(_ keys: Keys) -> String { keys.mac("form\u{0}" + value(keys)) }
}
