import Foundation
import OratorCore

/// An advisory `flock` lock on a file, released when the object goes away.
///
/// `flock` locks belong to an open file description, so two `FileLock`s on the same path
/// exclude each other whether they are in one process or two.
public final class FileLock: Sendable {
    private let descriptor: Int32

    public init(url: URL) throws(OratorError) {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OratorError(.unwritableOutput, "cannot create lock file \(url.path)", cause: String(cString: strerror(errno)))
        }
    }

    deinit { close(descriptor) }

    public func lockExclusive() { while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {} }
    public func lockShared() { while flock(descriptor, LOCK_SH) != 0 && errno == EINTR {} }
    public func unlock() { flock(descriptor, LOCK_UN) }
    /// Takes the exclusive lock only if nobody holds the lock now.
    public func tryLockExclusive() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }
}
