import Foundation
import OratorCore
import OratorSpeech

/// The engines a run uses: how a voice becomes a synthesizer and an avatar a renderer. The
/// pipeline takes them from here instead of fetching them itself, so a caller (a test, the
/// server) can run the whole pipeline in-process with engines of its own. Cache keys name the
/// inputs, not the engines: run other engines without a cache (`cache: nil`).
public struct Engines: Sendable {
    /// A speech engine for a voice's settings and a thread count.
    public typealias MakeSynthesizer = @Sendable (EspeakConfiguration, Int) throws(OratorError) -> any SpeechSynthesizing
    /// A renderer for an avatar at a frame size.
    public typealias MakeRenderer = @Sendable (AvatarSource, FrameSize) throws(OratorError) -> any FrameRendering

    public var synthesizer: MakeSynthesizer
    public var renderer: MakeRenderer

    public init(synthesizer: @escaping MakeSynthesizer, renderer: @escaping MakeRenderer) {
        self.synthesizer = synthesizer
        self.renderer = renderer
    }

    /// espeak-ng and Piper voices (`VoiceCatalog`); the presenter, packs and photos (`AvatarFactory`).
    public static let standard = Engines(
        synthesizer: { settings, threads throws(OratorError) in try VoiceCatalog.synthesizer(for: settings, speechThreads: threads) },
        renderer: { avatar, size throws(OratorError) in try AvatarFactory.renderer(for: avatar, size: size) })
}
