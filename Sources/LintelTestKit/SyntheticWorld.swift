public import Foundation
import LintelPolicy
public import LintelWire

/// A large, deterministic organisation for benchmarks: many locations in several zones, nested
/// areas, every resource kind, custom roles with limits, users in every state, and bookings spread
/// over the weeks around a reference instant.
public enum SyntheticWorld {
    public static func snapshot(users userCount: Int, spaces spaceCount: Int, bookings bookingCount: Int, around reference: Date, seed: UInt64 = 42) -> Snapshot {
        var random = SplitMix64(seed: seed)
        let zones = ["Europe/Amsterdam", "America/New_York", "Asia/Tokyo", "Europe/London"]
        let locations = zones.enumerated().map { i, zone in
            Location(id: "loc-\(i)", name: "Site \(i)", timeZone: zone, hygienic: i % 2 == 0, panelAccess: i == 1 ? .badge : .anyone)
        }
        var areas: [Area] = []
        for location in locations {
            for floor in 0..<5 {
                let floorId = "\(location.id)-f\(floor)"
                areas.append(Area(id: floorId, locationId: location.id, name: "Floor \(floor)"))
                areas.append(Area(id: "\(floorId)-w", locationId: location.id, parentId: floorId, name: "Wing"))
            }
        }
        let categories = [
            ResourceCategory(id: "cat-room", name: "Rooms", kind: .room),
            ResourceCategory(id: "cat-lab", name: "Labs", kind: .room, requiresAuthorisation: true),
            ResourceCategory(id: "cat-desk", name: "Desks", kind: .desk),
            ResourceCategory(id: "cat-parking", name: "Parking", kind: .parking),
        ]
        let profiles = [Fixture.officeHours, Fixture.alwaysOpen]
        let spaces = (0..<spaceCount).map { i -> Space in
            let area = areas[i % areas.count]
            let pick = i % 10
            let (kind, category): (ResourceKind, String) =
                pick < 3 ? (.room, "cat-room") : pick == 3 ? (.room, "cat-lab") : pick < 9 ? (.desk, "cat-desk") : (.parking, "cat-parking")
            return Space(id: "s-\(i)", name: "Space \(i)", kind: kind, areaId: area.id, categoryId: category,
                         profileId: kind == .parking ? "always" : "office")
        }
        let roles = [
            Fixture.role("role-limited") {
                $0.rooms.advanceWindow = AdvanceWindow(days: 2, startTime: LocalTime(hour: 10))
                $0.rooms.maxDurationMinutes = 240
                $0.desks.advanceWindow = AdvanceWindow(days: 2, skipWeekends: true)
                $0.bookingScope = PlaceScope(excludeLocations: ["loc-3-f4"])
            },
            Fixture.role("role-lead") {
                $0.bookingLevel = .others
                $0.teamAndOnBehalfBookings = true
                $0.desks.simultaneous = true
            },
        ]
        let roleChoices = [Role.user.id, Role.bookingManager.id, "role-limited", "role-lead"]
        let users = (0..<userCount).map { i -> User in
            let state: MembershipState = i % 50 == 1 ? .pending : i % 50 == 2 ? .inactive : .active
            return User(
                id: "u-\(i)", name: "User \(i)", state: state, platformRole: i == 0 ? .admin : .user,
                roleIds: state == .pending ? [] : [roleChoices[i % roleChoices.count]],
                assignments: i == 0 ? [RoleAssignment(role: .superAdministrator)] : [])
        }
        let badges = users.enumerated().filter { $0.offset % 2 == 0 }.map { Badge(uid: String(format: "B%07d", $0.offset), userId: $0.element.id) }
        let authorisations = users.enumerated().filter { $0.offset % 3 == 0 }.map {
            BookingAuthorisation(userId: $0.element.id, categoryId: "cat-lab", visaId: "visa-lab")
        }
        // Bookings: per space, back-to-back slots from two weeks before to two weeks after the reference.
        var bookings: [Booking] = []
        bookings.reserveCapacity(bookingCount)
        let perSpace = max(1, bookingCount / max(1, spaceCount))
        let spanStart = reference.addingTimeInterval(-14 * 86_400)
        let slot = 28 * 86_400 / Double(perSpace)
        var n = 0
        outer: for space in spaces {
            for k in 0..<perSpace {
                guard n < bookingCount else { break outer }
                let start = spanStart.addingTimeInterval(Double(k) * slot)
                let length = min(slot, Double(30 + Int(random.next() % 90)) * 60)
                let owner = users[Int(random.next() % UInt64(users.count))].id
                bookings.append(Booking(
                    id: "b-\(n)", spaceId: space.id, ownerId: random.next() % 10 == 0 ? nil : owner,
                    start: start, end: start.addingTimeInterval(length), title: "Meeting \(n)"))
                n += 1
            }
        }
        let hygiene = spaces.filter { $0.kind == .desk }.enumerated().map { i, desk in
            DeskHygiene(spaceId: desk.id, state: i % 3 == 0 ? .needsCleaning : .clean, lastOwnerId: i % 2 == 0 ? nil : users[i % users.count].id,
                        since: reference)
        }
        return Snapshot(
            generatedAt: reference, organisation: OrganisationSettings(id: "org-synthetic", name: "Synthetic"),
            locations: locations, areas: areas, profiles: profiles, categories: categories, spaces: spaces,
            visas: [Visa(id: "visa-lab", name: "Lab")], roles: roles, users: users, badges: badges,
            authorisations: authorisations, bookings: bookings, hygiene: hygiene)
    }
}

/// A small, fast, seedable generator so synthetic worlds and benchmark requests repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
