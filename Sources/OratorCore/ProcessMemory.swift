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

    /// Keeps buffers of up to 32 MB in the heap, and up to 64 MB of freed heap for reuse. glibc
    /// maps a buffer over 128 KB afresh and unmaps it when freed, until a large free has raised
    /// that threshold; so whether a run's per-frame buffers (a megabyte or more each) faulted
    /// in new pages every frame depended on what it had freed before. A 512x512 photo run
    /// with the face detector read from the cache took 270,000 page faults (0.3 s of kernel
    /// time) against 42,000 with this. Freed models are still handed back by `returnFreedMemory`.
    /// Call it once, first thing in the process.
    public static func reuseLargeBuffers() {
        guard let option else { return }
        _ = option(mmapThreshold, 32 << 20)
        _ = option(trimThreshold, 64 << 20)
    }

    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` in glibc's malloc.h.
    private static let trimThreshold: Int32 = -1
    private static let mmapThreshold: Int32 = -3

    /// glibc's `mallopt`; nil on a C library without it.
    private static let option: (@convention(c) (Int32, Int32) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

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
