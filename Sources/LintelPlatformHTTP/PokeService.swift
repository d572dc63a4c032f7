public import LintelPlatformStore
public import ServiceLifecycle

/// Hands every change notice of the storage (this instance's commits and, through the storage,
/// every other instance's) to the poke sockets; stops on graceful shutdown.
public struct PokeService: Service {
    let store: PlatformStore
    let hub: PokeHub

    public init(store: PlatformStore, hub: PokeHub) {
        self.store = store
        self.hub = hub
    }

    public func run() async throws {
        let notices = store.changeNotices()
        await cancelWhenGracefulShutdown {
            for await notice in notices { hub.poke(notice) }
        }
    }
}
