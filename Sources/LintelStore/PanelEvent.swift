public import Foundation
public import LintelPolicy

/// A change a panel saw that is not a decision — what it showed, what its occupancy sensor saw —
/// kept in the outbox beside the journal until the platform has it. `seq` orders events and
/// identifies each exactly once.
public struct PanelEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The panel's status changed (`free`, `checkin-due`, `in-use`, `released`, …).
        case status
        /// The occupancy sensor's held state changed (`occupied`, `vacant`).
        case presence
    }

    public var seq: Int64
    public var at: Date
    public var spaceId: SpaceID
    public var kind: Kind
    public var value: String
    public var pushedAt: Date?
}
