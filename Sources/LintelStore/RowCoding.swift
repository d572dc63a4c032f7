import Foundation
import GRDB
import LintelPolicy

/// How each domain value is laid out in its table's columns.
enum RowCoding {
    static let json: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try json.encode(value), as: UTF8.self)
    }

    static func fromJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static let bookingColumns = "id, spaceId, ownerId, madeById, startsAt, endsAt, seriesId, title, isPrivate, status, checkIn, approval"
    /// The same columns prefixed with `booking.`, for joins.
    static let qualifiedBookingColumns = bookingColumns.split(separator: ",").map { "booking." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", ")

    static func bookingArguments(_ b: Booking) -> StatementArguments {
        [b.id, b.spaceId, b.ownerId, b.madeById, StoredInstant.encode(b.start), StoredInstant.encode(b.end), b.seriesId, b.title,
         b.isPrivate, b.status.rawValue, b.checkIn.rawValue, b.approval.rawValue]
    }

    static let hygieneColumns = "spaceId, state, lastBookingId, lastOwnerId, since"

    static func hygieneArguments(_ h: DeskHygiene) -> StatementArguments {
        [h.spaceId, h.state.rawValue, h.lastBookingId, h.lastOwnerId, StoredInstant.encode(h.since)]
    }

    /// Reads a row selected with `bookingColumns`, in that order.
    static func booking(_ row: Row) throws -> Booking {
        Booking(
            id: row[0], spaceId: row[1], ownerId: row[2], madeById: row[3],
            start: StoredInstant.decode(row[4]), end: StoredInstant.decode(row[5]),
            seriesId: row[6], title: row[7], isPrivate: row[8],
            status: try enumValue(BookingStatus.self, row[9]),
            checkIn: try enumValue(CheckInState.self, row[10]),
            approval: try enumValue(ApprovalState.self, row[11]))
    }

    /// Reads a stepped row selected with `bookingColumns`, in that order.
    static func booking(_ row: ResultRow) throws -> Booking {
        Booking(
            id: row.text(0), spaceId: row.text(1), ownerId: row.optionalText(2), madeById: row.optionalText(3),
            start: StoredInstant.decode(row.integer(4)), end: StoredInstant.decode(row.integer(5)),
            seriesId: row.optionalText(6), title: row.optionalText(7), isPrivate: row.bool(8),
            status: try enumValue(BookingStatus.self, row.text(9)),
            checkIn: try enumValue(CheckInState.self, row.text(10)),
            approval: try enumValue(ApprovalState.self, row.text(11)))
    }

    static func enumValue<T: RawRepresentable>(_ type: T.Type, _ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("unknown \(T.self) value \"\(raw)\"") }
        return value
    }
}

/// Failures of the store itself (not of a snapshot's content).
public enum StoreError: Error, CustomStringConvertible {
    case corrupt(String)
    case empty

    public var description: String {
        switch self {
        case .corrupt(let what): "the store is damaged: \(what)"
        case .empty: "the store holds no snapshot yet: import one with `lintel store import`"
        }
    }
}
