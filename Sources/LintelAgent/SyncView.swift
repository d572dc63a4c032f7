public import Foundation

/// What the panel shows of its sync with the platform: nothing while all is well, the offline note
/// with the data's age after missed pulls, the pairing screen while it has no credential, and
/// whether new bookings wait for the platform (the data is older than the panel may book on).
public struct SyncView: Sendable, Equatable {
    /// A pairing code and the address its QR code carries.
    public struct Pairing: Sendable, Equatable {
        public var code: String
        public var url: String

        public init(code: String, url: String) {
            self.code = code
            self.url = url
        }

        /// What the pairing screen shows until the platform gave a code.
        public static let pending = Pairing(code: "····-····", url: "")
    }

    /// When the panel's data was last confirmed by the platform; shown as its age while `offline`.
    public var dataFrom: Date?
    public var offline: Bool
    public var pairing: Pairing?
    public var newBookingsStopped: Bool

    public init(dataFrom: Date? = nil, offline: Bool = false, pairing: Pairing? = nil, newBookingsStopped: Bool = false) {
        self.dataFrom = dataFrom
        self.offline = offline
        self.pairing = pairing
        self.newBookingsStopped = newBookingsStopped
    }

    /// Whole minutes of the data's age at `now`, when the offline note shows.
    public func offlineMinutes(at now: Date) -> Int? {
        guard offline, let dataFrom else { return nil }
        return max(0, Int(now.timeIntervalSince(dataFrom) / 60))
    }
}
