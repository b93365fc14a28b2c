import Foundation

/// What a path names on disk, as `stat` sees it (symbolic links followed).
public enum FileKind: Sendable, Equatable {
    case missing, regular, directory, fifo, characterDevice, blockDevice, socket, other

    /// The kind of file at `url`.
    public init(of url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { self = .missing; return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// "a folder", "a named pipe", ... for messages.
    public var phrase: String {
        switch self {
        case .missing: "missing"
        case .regular: "a regular file"
        case .directory: "a folder"
        case .fifo: "a pipe"
        case .characterDevice, .blockDevice: "a device"
        case .socket: "a socket"
        case .other: "not a regular file"
        }
    }
}

/// The device and inode of an existing file: two paths name the same file (through links,
/// `..` or hard links) exactly when their identities are equal.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of the file `url` names, or nil when there is none.
    public init?(_ url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Reading the files a user gives Orator: each must be a regular file, or, for text, a pipe
/// that is read with a bound. Nothing here ever reads without a limit.
public enum InputFile {
    /// Checks that `url` exists and is a regular file; `role` names it in the message ("script", "audio").
    public static func requireRegular(_ url: URL, role: String) throws(OratorError) {
        let kind = FileKind(of: url)
        switch kind {
        case .regular: return
        case .missing: throw OratorError(.fileNotFound, "\(role) not found: \(url.path)")
        case .directory: throw OratorError(.unreadableFile, "\(role) \(url.path) is a folder, not a file")
        default:
            throw OratorError(.unreadableFile, "\(role) \(url.path) is \(kind.phrase), not a regular file: save it to a file first")
        }
    }

    /// Reads a whole input of at most `limit` bytes. A regular file larger than the limit is
    /// refused before it is read; a pipe (`/dev/stdin`, `<(...)`) is read as a stream until
    /// its end or the limit; devices, sockets and folders are refused.
    public static func read(_ url: URL, role: String, limit: Int) throws(OratorError) -> Data {
        let kind = FileKind(of: url)
        switch kind {
        case .regular, .fifo: break
        case .missing: throw OratorError(.fileNotFound, "\(role) not found: \(url.path)")
        case .directory: throw OratorError(.unreadableFile, "\(role) \(url.path) is a folder, not a file")
        default: throw OratorError(.unreadableFile, "\(role) \(url.path) is \(kind.phrase), not a file Orator can read")
        }
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw OratorError(.unreadableFile, "cannot read \(role) \(url.path): \(reason)")
        }
        defer { close(descriptor) }
        if kind == .regular {
            var info = stat()
            if fstat(descriptor, &info) == 0, Int(info.st_size) > limit {
                throw OratorError(.invalidInput, "\(role) \(url.path) is \(ByteSize(Int(info.st_size))), over the limit of \(ByteSize(limit))")
            }
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw OratorError(.unreadableFile, "cannot read \(role) \(url.path): \(reason)")
            }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit {
                throw OratorError(.invalidInput, "\(role) \(url.path) is over the limit of \(ByteSize(limit))")
            }
        }
        return data
    }

    /// Reads a UTF-8 text input (see `read`).
    public static func readText(_ url: URL, role: String, limit: Int) throws(OratorError) -> String {
        let data = try read(url, role: role, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else {
            throw OratorError(.invalidInput, "\(role) \(url.path) is not UTF-8 text")
        }
        return text
    }
}

/// A byte count for messages: "1.0 MiB", "512 KiB", "800 bytes".
public struct ByteSize: CustomStringConvertible, Sendable {
    public let bytes: Int
    public init(_ bytes: Int) { self.bytes = bytes }
    public var description: String {
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
