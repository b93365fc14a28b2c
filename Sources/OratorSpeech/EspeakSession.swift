internal import CEspeakNG
import Foundation
import OratorCore

/// The one process-wide libespeak-ng instance.
///
/// libespeak-ng keeps global state and is not reentrant, so every call goes through `shared`,
/// which serializes work with a lock. Synthesis runs in synchronous mode; audio and events
/// arrive in `espeakSynthCallback`, a top-level function as the C API requires.
final class EspeakSession: @unchecked Sendable {
    // Safe: all mutable state (the C library's and `collector`) is touched only under `lock`.
    static let shared = EspeakSession()

    private let lock = NSLock()
    private var initialized = false
    private(set) var sampleRate = 22_050

    /// Runs `body` with the library initialized and exclusively held.
    func withLibrary<T>(_ body: () throws(OratorError) -> T) throws(OratorError) -> T {
        lock.lock()
        defer { lock.unlock() }
        if !initialized {
            let options = Int32(espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_PHONEME_IPA | espeakINITIALIZE_DONT_EXIT)
            let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nil, options)
            guard rate > 0 else {
                throw OratorError(.speechFailed, "libespeak-ng could not start: its data files are missing (install espeak-ng-data)")
            }
            sampleRate = Int(rate)
            espeak_SetSynthCallback(espeakSynthCallback)
            initialized = true
        }
        return try body()
    }
}

/// Converts a libespeak-ng status into a typed error.
func espeakCheck(_ status: espeak_ERROR, _ what: @autoclosure () -> String) throws(OratorError) {
    guard status != EE_OK else { return }
    let reason = switch status {
    case EE_BUFFER_FULL: "buffer full"
    case EE_NOT_FOUND: "not found"
    default: "internal error \(status.rawValue)"
    }
    throw OratorError(.speechFailed, what(), cause: "libespeak-ng: \(reason)")
}

/// What one synthesis call has produced so far; filled by the callback under the session lock.
struct EspeakCollector {
    var samples: [Int16] = []
    /// Each phoneme with the index of the WORD event it followed (-1 before any), since the
    /// order of events is reliable where word events' audio positions are not.
    var phonemes: [(symbol: String, milliseconds: Int, word: Int)] = []
    var words: [(textPosition: Int, length: Int, milliseconds: Int)] = []
    var endMilliseconds = 0
}

/// The collector for the synthesis in progress. Only touched while `EspeakSession`'s lock is held.
nonisolated(unsafe) var espeakCollector = EspeakCollector()

/// libespeak-ng's synthesis callback: stores audio and phoneme/word events. Returns 0 to continue.
func espeakSynthCallback(_ wav: UnsafeMutablePointer<Int16>?, _ count: Int32,
                         _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    if let wav, count > 0 {
        espeakCollector.samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count)))
    }
    guard var event = events else { return 0 }
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        let item = event.pointee
        switch item.type {
        case espeakEVENT_PHONEME:
            let symbol = withUnsafeBytes(of: item.id.string) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            espeakCollector.phonemes.append((symbol, Int(item.audio_position), espeakCollector.words.count - 1))
        case espeakEVENT_WORD:
            espeakCollector.words.append((Int(item.text_position), Int(item.length), Int(item.audio_position)))
        case espeakEVENT_END, espeakEVENT_MSG_TERMINATED:
            espeakCollector.endMilliseconds = max(espeakCollector.endMilliseconds, Int(item.audio_position))
        default:
            break
        }
        event += 1
    }
    return 0
}
