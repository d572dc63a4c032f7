import Foundation
import LintelPlatformCore
import LintelPlatformStore
import LintelWire
import Testing

@Suite("Enrolment: a pairing code, a technician's approval, a credential given once")
struct EnrolmentTests {
    let start = ISO8601.parse("2026-11-23T08:00:00Z")!

    func platform(_ storage: StorageKind) async throws -> TemporaryPlatform {
        let platform = try await TemporaryPlatform.make(storage)
        try await platform.store.importWorld(try TemporaryPlatform.demoWorld(), at: start)
        return platform
    }

    @Test("Pending until approved, slow down when polled too fast, then the credential once; it opens the device's door", arguments: StorageKind.available)
    func approvedOnce(_ storage: StorageKind) async throws {
        let registry = try await platform(storage).store.devices
        let enrolment = try await registry.startEnrolment(hardware: "Raspberry Pi 4 Model B", at: start)
        #expect(PairingCode.normalised(enrolment.userCode) == enrolment.userCode)
        #expect(try await registry.poll(deviceCode: enrolment.deviceCode, at: start) == .pending)
        #expect(try await registry.poll(deviceCode: enrolment.deviceCode, at: start.addingTimeInterval(0.5)) == .slowDown)
        let typed = enrolment.userCode.lowercased().replacingOccurrences(of: "-", with: " ")
        let approved = try await registry.approve(code: typed, spaceId: "ams-r-tulip", at: start.addingTimeInterval(30))
        #expect(approved.state == "approved" && approved.locationId == "loc-ams")
        guard case .approved(let id, let credential, let space) = try await registry.poll(deviceCode: enrolment.deviceCode, at: start.addingTimeInterval(33)) else {
            Issue.record("not approved")
            return
        }
        #expect(id == enrolment.deviceId && space == "ams-r-tulip" && credential.count >= 40)
        #expect(try await registry.poll(deviceCode: enrolment.deviceCode, at: start.addingTimeInterval(36)) == .denied, "a credential is given once")
        #expect(try await registry.device(credential: credential, seenAt: start.addingTimeInterval(40))?.id == id)
        #expect(try await registry.device(credential: credential + "x", seenAt: start) == nil)
        #expect(try await registry.revoke(id))
        #expect(try await registry.device(credential: credential, seenAt: start.addingTimeInterval(50)) == nil, "a revoked device is unknown")
    }

    @Test("An expired code can neither be approved nor polled into a credential", arguments: StorageKind.available)
    func expired(_ storage: StorageKind) async throws {
        let registry = try await platform(storage).store.devices
        let enrolment = try await registry.startEnrolment(hardware: "vm", at: start)
        let late = start.addingTimeInterval(DeviceRegistry.codeLifetime + 1)
        await #expect(throws: DeviceRegistry.ApprovalError.noSuchCode(enrolment.userCode)) {
            try await registry.approve(code: enrolment.userCode, spaceId: "ams-r-tulip", at: late)
        }
        #expect(try await registry.poll(deviceCode: enrolment.deviceCode, at: late) == .expired)
    }

    @Test("A wrong code or space is a clear error", arguments: StorageKind.available, [
        ("ABCD-EFG", "ams-r-tulip", "is not a pairing code"), ("ABCD-EFGH", "ams-r-tulip", "no device is waiting"),
        ("", "nowhere", "is not a pairing code"),
    ])
    func wrongInput(_ storage: StorageKind, _ row: (String, String, String)) async throws {
        let (code, space, message) = row
        let registry = try await platform(storage).store.devices
        do {
            _ = try await registry.approve(code: code, spaceId: space, at: start)
            Issue.record("approved")
        } catch let error as DeviceRegistry.ApprovalError {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("An unknown space is refused", arguments: StorageKind.available)
    func unknownSpace(_ storage: StorageKind) async throws {
        let registry = try await platform(storage).store.devices
        let enrolment = try await registry.startEnrolment(hardware: "vm", at: start)
        await #expect(throws: DeviceRegistry.ApprovalError.noSuchSpace("nowhere")) {
            try await registry.approve(code: enrolment.userCode, spaceId: "nowhere", at: start)
        }
    }

    @Test("An unknown device code is denied", arguments: StorageKind.available)
    func unknownDeviceCode(_ storage: StorageKind) async throws {
        #expect(try await platform(storage).store.devices.poll(deviceCode: "not-a-code", at: start) == .denied)
    }
}
