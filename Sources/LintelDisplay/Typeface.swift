import CFreeType
import Foundation

/// One font file opened with FreeType. Not thread-safe (FreeType faces are not): a renderer owns
/// its typefaces and draws from one thread.
public final class Typeface: @unchecked Sendable {
    let face: FT_Face
    private let library: FT_Library
    public let name: String
    private var currentSize = 0
    let hasKerning: Bool

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
        name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        hasKerning = face.pointee.face_flags & FT_Long(FT_FACE_FLAG_KERNING) != 0
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    func setSize(_ pixels: Int) {
        guard pixels != currentSize else { return }
        FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixels))
        currentSize = pixels
    }

    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 { UInt32(FT_Get_Char_Index(face, FT_ULong(scalar.value))) }

    /// Horizontal kerning between two glyphs at the current size, in pixels (26.6 rounded).
    func kerning(_ left: UInt32, _ right: UInt32) -> Int {
        guard hasKerning, left != 0, right != 0 else { return 0 }
        var delta = FT_Vector()
        FT_Get_Kerning(face, left, right, FT_UInt(FT_KERNING_DEFAULT.rawValue), &delta)
        return Int((delta.x + 32) >> 6)
    }

    /// Ascender and line height in pixels at `size`.
    func metrics(size: Int) -> (ascender: Int, lineHeight: Int) {
        setSize(size)
        let m = face.pointee.size.pointee.metrics
        return (Int((m.ascender + 63) >> 6), Int((m.height + 63) >> 6))
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
