import CDRM
import Glibc

/// The connectors of a DRM device and their modes, read without taking the display over (no
/// master, no mode set), so `lintel doctor` can look while the agent shows the panel.
public enum DRMConnectorProbe {
    public struct Connector: Sendable, Equatable {
        /// e.g. `HDMI-A-1`, `Virtual-1`.
        public var name: String
        public var connected: Bool
        /// `WIDTHxHEIGHT`, the preferred mode first.
        public var modes: [String]
    }

    /// The DRM cards under /dev/dri.
    public static func cards() -> [String] { DRMFrameSink.cards() }

    public static func connectors(device: String) throws(DisplayError) -> [Connector] {
        let fd = open(device, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(device, errno) }
        defer { close(fd) }
        guard let resources = drmModeGetResources(fd) else { throw .unsupported(device, "not a KMS device") }
        defer { drmModeFreeResources(resources) }
        return (0..<Int(resources.pointee.count_connectors)).compactMap { i in
            guard let connector = drmModeGetConnector(fd, resources.pointee.connectors[i]) else { return nil }
            defer { drmModeFreeConnector(connector) }
            let modes = (0..<Int(connector.pointee.count_modes)).map { connector.pointee.modes[$0] }
            let ordered = modes.filter { $0.type & UInt32(DRM_MODE_TYPE_PREFERRED) != 0 } + modes.filter { $0.type & UInt32(DRM_MODE_TYPE_PREFERRED) == 0 }
            return Connector(name: DRMFrameSink.connectorName(connector), connected: connector.pointee.connection == DRM_MODE_CONNECTED && !modes.isEmpty,
                             modes: ordered.map { "\($0.hdisplay)x\($0.vdisplay)" })
        }
    }
}
