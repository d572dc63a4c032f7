import CFreeType
import CHarfBuzz
import Foundation

/// One font file opened with FreeType. Not thread-safe (FreeType faces are not): a renderer owns
/// its typefaces and draws from one thread.
public final class Typeface: @unchecked Sendable {
    let face: FT_Face
    private let library: FT_Library
    /// HarfBuzz's view of the same face, for shaping (GPOS kerning, ligatures).
    let shaper: OpaquePointer
    public let name: String
    private var currentSize = 0

    public init(file: String) throws(TypefaceError) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw .freeTypeUnavailable }
        var face: FT_Face?
        guard FT_New_Face(library, file, 0, &face) == 0, let face else {
            FT_Done_FreeType(library)
            throw .cannotOpen(file)
        }
        self.library = library
        self.face = face
        shaper = hb_ft_font_create_referenced(face)
        name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }

    deinit {
        hb_font_destroy(shaper)
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    func setSize(_ pixels: Int) {
        guard pixels != currentSize else { return }
        FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixels))
        hb_ft_font_changed(shaper)
        currentSize = pixels
    }

    /// Shapes a line of text at `size`: each glyph with its pen position (pixels, rounded from
    /// 26.6), kerning and ligatures applied, and the total advance.
    func shape(_ text: String, size: Int) -> (glyphs: [(index: UInt32, x: Int)], width: Int) {
        setSize(size)
        guard let buffer = hb_buffer_create() else { return ([], 0) }
        defer { hb_buffer_destroy(buffer) }
        hb_buffer_add_utf8(buffer, text, -1, 0, -1)
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(shaper, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count), let positions = hb_buffer_get_glyph_positions(buffer, &count) else {
            return ([], 0)
        }
        var pen: Int32 = 0
        var glyphs: [(index: UInt32, x: Int)] = []
        glyphs.reserveCapacity(Int(count))
        for i in 0..<Int(count) {
            glyphs.append((infos[i].codepoint, Int((pen + positions[i].x_offset + 32) >> 6)))
            pen += positions[i].x_advance
        }
        return (glyphs, Int((pen + 32) >> 6))
    }

}

public enum TypefaceError: Error, CustomStringConvertible {
    case freeTypeUnavailable
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .freeTypeUnavailable: "FreeType could not be initialised"
        case .cannotOpen(let file): "cannot open font \(file)"
        }
    }
}
