public import Foundation
public import LintelWire

/// An outbox event as the store keeps it: the event, and when the platform acknowledged it.
public struct OutboxEntry: Sendable, Equatable {
    public var event: OutboxEvent
    public var pushedAt: Date?
}
