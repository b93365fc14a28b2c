import Foundation
import OratorCore
import OratorScript
#if FUZZING
import CFuzzSupport
#endif

/// One fuzzing input: the bytes as a script (front matter, speakers, cues), parsed as
/// `orator create` parses it. Errors are the expected outcome for most inputs; a crash, a
/// hang or a sanitizer report is a bug. libFuzzer calls this (scripts/fuzz builds it with
/// `-sanitize=fuzzer`); the plain build replays saved inputs through it.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseFuzzedScript(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    do {
        let script = try ScriptParser().parse(text, source: "fuzz.txt")
        // What the pipeline does next with a parsed script must hold for any input too.
        for segment in script.segments {
            if case let .speech(words, _, speaker) = segment {
                precondition(!words.isEmpty, "an empty speech segment")
                if let speaker { precondition(script.speaker(named: speaker) != nil, "a turn by an unlisted speaker") }
            }
        }
    } catch {
        precondition(!error.description.contains("\n"), "an error message of more than one line")
    }
    return 0
}

#if FUZZING
/// Under libFuzzer: its driver takes the command line (`-max_total_time=600 corpus/` ...).
@main
enum RunFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            parseFuzzedScript(bytes ?? UnsafePointer(bitPattern: 1)!, count)
        })
    }
}
#else
/// Without libFuzzer: `orator-fuzz-script FILE...` runs each saved input once (crash reproduction).
@main
enum ReplayFuzzInputs {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            _ = data.withUnsafeBytes { raw in
                parseFuzzedScript(raw.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, data.count)
            }
        }
    }
}
#endif
