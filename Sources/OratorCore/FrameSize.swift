import Foundation

/// Output frame dimensions in pixels. Both sides are even, as H.264 with 4:2:0 chroma needs.
public struct FrameSize: Sendable, Codable, Equatable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// A square frame.
    public init(square side: Int) { self.init(width: side, height: side) }

    /// Parses `512` (square) or `1280x720`. Sides must be even and between 16 and `InputLimits.frameSide`.
    public init(parsing text: String) throws(OratorError) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == parts.count, (1...2).contains(numbers.count) else {
            throw OratorError(.invalidInput, "invalid size '\(text)': use a number such as 512 or WIDTHxHEIGHT such as 1280x720")
        }
        let width = numbers[0]
        let height = numbers.count == 2 ? numbers[1] : numbers[0]
        let limit = InputLimits.frameSide
        guard (16...limit).contains(width), (16...limit).contains(height) else {
            throw OratorError(.invalidInput, "invalid size '\(text)': each side must be between 16 and \(limit) pixels")
        }
        guard width % 2 == 0, height % 2 == 0 else {
            throw OratorError(.invalidInput, "invalid size '\(text)': H.264 needs even sides, for example \(width + width % 2)x\(height + height % 2)")
        }
        self.init(width: width, height: height)
    }

    public var description: String { "\(width)x\(height)" }
    /// Bytes in one BGRA frame.
    public var bgraByteCount: Int { width * height * 4 }
}

