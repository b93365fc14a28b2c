import Foundation

/// Refuses, before any work starts, an output that would destroy something the user has:
/// an output that is one of the inputs (after links, `..` and hard links: the same device and
/// inode), an output that is not a regular file (a device, a pipe, a socket, a folder), or two
/// outputs that are the same file.
public enum OutputGuard {
    /// Checks `outputs` against each other and against `inputs`. Missing inputs are skipped
    /// (their own readers report them); outputs that do not exist yet are always fine.
    public static func check(outputs: [URL], inputs: [URL]) throws(OratorError) {
        var inputIdentities: [FileIdentity: URL] = [:]
        for input in inputs {
            if let identity = FileIdentity(input), inputIdentities[identity] == nil { inputIdentities[identity] = input }
        }
        var seenPaths: [String: URL] = [:]
        var seenIdentities: [FileIdentity: URL] = [:]
        for output in outputs {
            try requireWritableKind(output)
            let path = output.standardizedFileURL.resolvingSymlinksInPath().path
            if let earlier = seenPaths[path] {
                throw OratorError(.unwritableOutput, "\(output.path) would be written twice (also as \(earlier.path)): give each output its own name")
            }
            seenPaths[path] = output
            guard let identity = FileIdentity(output) else { continue }
            if let input = inputIdentities[identity] {
                let same = input.path == output.path ? "" : " (\(input.path))"
                throw OratorError(.unwritableOutput, "refusing to write \(output.path): it is an input\(same); choose another output name")
            }
            if let earlier = seenIdentities[identity] {
                throw OratorError(.unwritableOutput, "\(output.path) would be written twice (it is the same file as \(earlier.path)): give each output its own name")
            }
            seenIdentities[identity] = output
        }
    }

    /// Refuses an existing output that is not a regular file: Orator writes outputs under a
    /// temporary name and renames them into place, which would replace a device or a pipe.
    public static func requireWritableKind(_ output: URL) throws(OratorError) {
        let kind = FileKind(of: output)
        switch kind {
        case .missing, .regular: return
        default:
            throw OratorError(.unwritableOutput, "refusing to write \(output.path): it is \(kind.phrase); name a new file or a regular file")
        }
    }
}
