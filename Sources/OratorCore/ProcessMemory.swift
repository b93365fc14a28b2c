#if canImport(Glibc)
import Glibc
#endif

/// Memory the process has freed, handed back to the system.
public enum ProcessMemory {
    /// glibc keeps freed heap pages for the process's next allocations. A model of tens of
    /// megabytes freed mid-run (PocketSphinx's word decoder, dlib's landmark model) then still
    /// counts in the resident size while the frames' buffers are allocated elsewhere, so the
    /// peak is the sum of both; trimming after such a free makes it the larger of the two.
    public static func returnFreedMemory() {
        _ = trim?(0)
    }

    /// glibc's `malloc_trim` (declared in malloc.h, which Swift's Glibc module does not bring);
    /// nil on a C library without it.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        // RTLD_DEFAULT: the process's own symbols.
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
