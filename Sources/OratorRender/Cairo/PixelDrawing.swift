import OratorCore

/// Runs `body` with a Cairo canvas over `pixels` (BGRA, `width * height * 4` bytes) and
/// reports any Cairo error as `what` failing.
func drawing(into pixels: inout [UInt8], width: Int, height: Int, _ what: @autoclosure () -> String,
             _ body: (CairoCanvas) -> Void) throws(OratorError) {
    precondition(pixels.count == width * height * 4, "pixel buffer does not match \(width)x\(height)")
    let failure: OratorError? = pixels.withUnsafeMutableBytes { raw in
        do throws(OratorError) {
            let canvas = try CairoCanvas(pixels: raw.baseAddress!, width: width, height: height)
            body(canvas)
            try canvas.finish(what())
            return nil
        } catch {
            return error
        }
    }
    if let failure { throw failure }
}

/// A transparent BGRA pixel block of `width` x `height`.
func transparentPixels(width: Int, height: Int) -> [UInt8] {
    [UInt8](repeating: 0, count: width * height * 4)
}
