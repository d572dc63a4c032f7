import Foundation

/// The user the agent runs as (`lintel` from the package's sysusers file), and what it may open.
struct ServiceUser {
    var name: String
    var uid: uid_t
    var groups: Set<gid_t>

    /// The named user; nil when there is no such user.
    init?(named name: String) {
        guard let entry = getpwnam(name) else { return nil }
        self.name = name
        uid = entry.pointee.pw_uid
        let primary = entry.pointee.pw_gid
        var count: Int32 = 64
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, primary, &list, &count) < 0 {
            list = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, primary, &list, &count)
        }
        groups = Set(list.prefix(Int(max(0, count)))).union([primary])
    }

    /// The user this process runs as (also where there is no user database, as in an initramfs).
    static var current: ServiceUser {
        let uid = getuid()
        let name = getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
        var list = [gid_t](repeating: 0, count: Int(max(0, getgroups(0, nil))))
        let count = getgroups(Int32(list.count), &list)
        return ServiceUser(name: name, uid: uid, groups: Set(list.prefix(Int(max(0, count)))).union([getgid()]))
    }

    private init(name: String, uid: uid_t, groups: Set<gid_t>) {
        self.name = name
        self.uid = uid
        self.groups = groups
    }

    /// The user as the service runs it: with the `SupplementaryGroups=` of the first unit file there
    /// is (`User=lintel` with `SupplementaryGroups=video input` reaches the display and the inputs).
    func withUnitGroups(_ unitFiles: [String]) -> ServiceUser {
        guard let text = unitFiles.lazy.compactMap({ try? String(contentsOfFile: $0, encoding: .utf8) }).first else { return self }
        var user = self
        for line in text.split(separator: "\n") where line.hasPrefix("SupplementaryGroups=") {
            for name in line.dropFirst("SupplementaryGroups=".count).split(separator: " ") {
                if let group = getgrnam(String(name)) { user.groups.insert(group.pointee.gr_gid) }
            }
        }
        return user
    }

    /// Whether this user may open `path` to read (and write, when asked), by its mode bits.
    func may(open path: String, write: Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        if uid == 0 { return true }
        let need: mode_t = write ? 0o6 : 0o4
        if info.st_uid == uid { return (info.st_mode >> 6) & need == need }
        if groups.contains(info.st_gid) { return (info.st_mode >> 3) & need == need }
        return info.st_mode & need == need
    }

    /// The group that owns `path`, by name.
    static func group(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "?" }
        return getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "\(info.st_gid)"
    }
}
