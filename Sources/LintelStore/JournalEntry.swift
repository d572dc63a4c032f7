public import Foundation
public import LintelPolicy

/// One local decision, as kept in the journal (the outbox the sync pushes to the platform): what
/// was asked, by whom, when, and the answer. `seq` orders entries and identifies each exactly once.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int64
    public var at: Date
    public var spaceId: SpaceID
    public var action: PanelAction
    public var actor: String
    public var bookingId: BookingID?
    public var start: Date?
    public var end: Date?
    public var onBehalfOf: UserID?
    /// The decision's code: `allowed`, `allowed_pending_approval` or a denial reason.
    public var decision: String
    public var pushedAt: Date?
}
