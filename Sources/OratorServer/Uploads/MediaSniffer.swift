import Foundation
import OratorFace

/// What a file is, from its first bytes, never its name or the header a client sent.
enum MediaSniffer {
    /// A recording format FFmpeg reads, with its extension, or nil.
    static func audioFormat(of prefix: Data) -> (mimeType: String, fileExtension: String)? {
        let bytes = [UInt8](prefix.prefix(16))
        func starts(_ text: String, at offset: Int = 0) -> Bool {
            let pattern = Array(text.utf8)
            return bytes.count >= offset + pattern.count && Array(bytes[offset..<(offset + pattern.count)]) == pattern
        }
        if starts("RIFF"), starts("WAVE", at: 8) { return ("audio/wav", "wav") }
        if starts("OggS") { return ("audio/ogg", "ogg") }
        if starts("fLaC") { return ("audio/flac", "flac") }
        if starts("ID3") { return ("audio/mpeg", "mp3") }
        if starts("ftyp", at: 4) { return ("audio/mp4", "m4a") }
        if bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return ("audio/webm", "webm") }
        if starts("FORM"), starts("AIFF", at: 8) || starts("AIFC", at: 8) { return ("audio/aiff", "aiff") }
        // MPEG audio frame sync (MP3 without a tag) or AAC in ADTS.
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] & 0xE0 == 0xE0 { return bytes[1] & 0x06 == 0 ? ("audio/aac", "aac") : ("audio/mpeg", "mp3") }
        return nil
    }

    /// An image format Orator decodes, or nil.
    static func imageFormat(of prefix: Data) -> ImageHeader.Format? { ImageHeader.format(of: prefix) }
}
