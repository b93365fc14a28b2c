import Foundation
import OratorAudio
import OratorCore
import OratorMusic

/// `orator music`: a composed bed into an audio file (any format `AudioFileWriter` writes) and,
/// if asked, its Standard MIDI File, both written atomically.
public struct MusicJob: Sendable {
    public var rendering: MusicRenderConfiguration

    public init(rendering: MusicRenderConfiguration = MusicRenderConfiguration()) {
        self.rendering = rendering
    }

    /// Composes `length` seconds (or, with `loop`, one body that loops) and writes it.
    public func run(request: MusicRequest, length: Double, loop: Bool, output: URL, midi: URL?) throws(OratorError) -> Composition {
        _ = try AudioFileWriter.format(of: output)
        if let midi, !["mid", "midi"].contains(midi.pathExtension.lowercased()) {
            throw OratorError(.invalidInput, "MIDI output \(midi.path) must end in .mid or .midi")
        }
        try OutputGuard.check(outputs: [output] + (midi.map { [$0] } ?? []), inputs: [rendering.soundFont])
        let composer = MusicComposer()
        let composition = loop ? try composer.composeLoop(request) : try composer.compose(request, length: length)
        try MusicRenderer(configuration: rendering).render(composition, to: output)
        if let midi { try MIDIFileWriter.write(composition, to: midi) }
        return composition
    }
}
