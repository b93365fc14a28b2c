import Foundation
import OratorCore
import OratorFace

/// dlib's landmark model from Debian's libdlib-data, loaded once (the astronaut portrait is
/// `TestFixtures.astronaut()`).
enum Fixtures {
    /// One analyzer shared by every test (loading the model takes about a second).
    static let analyzer: Result<FaceAnalyzer, OratorError> = Result { () throws(OratorError) in try FaceAnalyzer() }

    static func sharedAnalyzer() throws -> FaceAnalyzer { try analyzer.get() }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
