/// Colours of the panel: status colours readable from the corridor, a calm side pane.
public enum PanelTheme {
    public static let free = Color(xrgb: 0x1B7F3B)
    public static let busy = Color(xrgb: 0xB3261E)
    public static let due = Color(xrgb: 0xC2570C)
    public static let released = Color(xrgb: 0x3F5F8A)
    public static let cleaning = Color(xrgb: 0x7A4DB3)
    public static let cleaned = Color(xrgb: 0x0F7A78)
    public static let onStatus = Color.white
    public static let onStatusSoft = Color(xrgb: 0xE6EEF0)
    public static let side = Color(xrgb: 0xF3F4F6)
    public static let ink = Color(xrgb: 0x1F2328)
    public static let inkSoft = Color(xrgb: 0x59636E)
    public static let rule = Color(xrgb: 0xD0D7DE)
    public static let night = Color(xrgb: 0x111827)

    public static func colour(of status: PanelStatus) -> Color {
        switch status {
        case .free: free
        case .upcoming: free
        case .checkInDue: due
        case .inUse: busy
        case .released: released
        case .needsCleaning: cleaning
        case .cleaned: cleaned
        }
    }
}
