public import HummingbirdAuth
public import LintelPlatformStore

/// Who made a request: the administrator (the admin token) or an active device (its credential).
public enum PlatformIdentity: Sendable {
    case admin
    case device(DeviceRegistry.Device)
}

/// The request context of the platform's routes: Hummingbird's, with the identity hummingbird-auth found.
public typealias PlatformRequestContext = BasicAuthRequestContext<PlatformIdentity>
