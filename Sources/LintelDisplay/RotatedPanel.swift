/// A panel mounted at a rotation on a display of a given physical size: it renders in the panel's
/// own (logical) orientation and hands back the physical frame and damage for a sink.
public final class RotatedPanel: @unchecked Sendable {
    public let renderer: PanelRenderer
    /// Degrees clockwise: 0, 90, 180 or 270.
    public let rotation: Int

    public init(physicalWidth: Int, physicalHeight: Int, rotation: Int, fonts: FontSet) {
        precondition([0, 90, 180, 270].contains(rotation), "rotation must be 0, 90, 180 or 270")
        self.rotation = rotation
        let (width, height) = rotation % 180 == 0 ? (physicalWidth, physicalHeight) : (physicalHeight, physicalWidth)
        renderer = PanelRenderer(width: width, height: height, fonts: fonts)
    }

    /// Renders the model; the frame and the changed rectangles in physical coordinates.
    public func render(_ model: PanelViewModel) -> (frame: FrameBuffer, damage: [Rect]) {
        let damage = renderer.render(model)
        let logical = renderer.frame
        return (logical.rotated(by: rotation), damage.map { logical.rotate($0, by: rotation) })
    }
}
