import ArgumentParser
import LintelDisplay

/// How a panel is mounted and which language it speaks: shared by render and display test.
struct PanelLookOptions: ParsableArguments {
    @Option(help: "Rotation of the panel: 0, 90, 180 or 270 (clockwise).")
    var rotate: Int = 0

    @Option(help: "Language: en, nl, de or fr.")
    var lang: String = "en"

    func validated() throws -> (rotation: Int, language: PanelLanguage) {
        guard [0, 90, 180, 270].contains(rotate) else { throw InputError("--rotate: expected 0, 90, 180 or 270, got \(rotate)") }
        guard let language = PanelLanguage(rawValue: lang) else {
            throw InputError("--lang: expected one of \(PanelLanguage.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(lang)\"")
        }
        return (rotate, language)
    }

    static func fonts() throws -> FontSet {
        guard let folder = FontSet.locateFolder() else { throw InputError("cannot find the fonts (assets/fonts); set LINTEL_ASSETS") }
        return try FontSet(folder: folder)
    }
}
