internal import FaceShim
import OratorCore

/// Paints `shapes` in order and blends them into `buffer` through the `clip` outline.
func composite(_ shapes: [PaintShape], clip: [Vec2], feather: Double, into buffer: inout FrameBuffer) throws(OratorError) {
    let usable = shapes.filter { $0.polygon.count >= 3 }
    var coordinates: [Float] = []
    var offsets: [Int] = []
    for shape in usable {
        offsets.append(coordinates.count)
        for point in shape.polygon { coordinates += [Float(point.x), Float(point.y)] }
    }
    let clipXY = clip.flatMap { [Float($0.x), Float($0.y)] }
    let size = buffer.size, stride = Int32(buffer.bytesPerRow)
    let status = coordinates.withUnsafeBufferPointer { all in
        let descriptors = zip(usable, offsets).map { shape, offset in
            fs_shape(xy: all.baseAddress! + offset, count: Int32(shape.polygon.count),
                     bgr: (Float(shape.color.blue), Float(shape.color.green), Float(shape.color.red)),
                     opacity: Float(shape.opacity), blur: Float(shape.blur))
        }
        return descriptors.withUnsafeBufferPointer { list in
            clipXY.withUnsafeBufferPointer { outline in
                buffer.pixels.withUnsafeMutableBufferPointer { pixels in
                    fs_composite_shapes(pixels.baseAddress, Int32(size.width), Int32(size.height), stride, list.baseAddress,
                                        Int32(list.count), outline.baseAddress, Int32(clip.count), Float(feather))
                }
            }
        }
    }
    try checkShim(status, .renderFailed, "cannot paint the inside of the mouth")
}
