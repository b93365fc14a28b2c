import ArgumentParser
import Foundation
import OratorCaptions
import OratorCore
import OratorPipeline
import OratorRender

/// Podcast-production options of `create`.
struct EpisodeOptionsGroup: ParsableArguments {
    @Option(help: "Music bed for the whole episode: any audio FFmpeg reads, 'generate:MOOD' for a composed one (calm, upbeat, news, lofi, cinematic, ambient; e.g. generate:lofi,seed=3), or 'none' (default: the script's music).")
    var music: String?

    @Option(help: "Played before the speech.") var intro: String?
    @Option(help: "Played after the speech.") var outro: String?

    @Option(help: "Integrated loudness target in LUFS (default -16; e.g. -14, -23).")
    var loudness: Double?

    @Option(help: "Captions, any of: srt, vtt (files next to the video), burn (drawn into the picture). Comma-separated.")
    var captions: String?

    @OptionGroup var visualization: VisualizationOptions

    @Option(help: "Background: a colour (#1a1f2b), image:FILE, or blur:FILE (a blurred photo).")
    var background: String?

    @Option(help: "Accent colour for the active speaker, name plates, visualization and the cover's background (#RRGGBB).")
    var accent: String?

    @Flag(help: "No name plates (lower thirds).")
    var noLowerThirds = false

    @Flag(help: "Write a podcast audio file (.m4a or .mp3, with chapters) instead of a video.")
    var audioOnly = false

    @Option(help: "Episode title for the file's metadata, the description and the cover (default: the script's title).")
    var title: String?

    @Option(defaultAsFlag: EpisodeOptions.Thumbnail.besideOutput, parsing: .next,
            help: ArgumentHelp("Also write a 1280x720 PNG cover (the title, the speakers' faces, the accent colour), beside the output when no path follows.",
                               valueName: "path"))
    var thumbnail: EpisodeOptions.Thumbnail? = nil

    func options() throws(OratorError) -> EpisodeOptions {
        var options = EpisodeOptions()
        switch music {
        case nil: break
        case "none"?: options.music = .none
        case let text?:
            let generated: MusicRequest?
            do { generated = try MusicRequest.generating(text) } catch {
                throw OratorError(.invalidInput, "invalid --music '\(text)': \(error.message)")
            }
            if let request = generated {
                options.music = .generate(request)
            } else {
                guard FileManager.default.fileExists(atPath: text) else { throw OratorError(.fileNotFound, "music file not found: \(text)") }
                options.music = .file(fileURL(text))
            }
        }
        options.intro = intro.map(fileURL)
        options.outro = outro.map(fileURL)
        if let loudness {
            guard (-40 ... -5).contains(loudness) else { throw OratorError(.invalidInput, "invalid --loudness \(loudness): use -40 to -5 LUFS") }
            options.loudness = loudness
        }
        try options.addCaptions((captions ?? "").split(separator: ",").map(String.init))
        options.style.visualization = try visualization.style()
        options.style.lowerThirds = !noLowerThirds
        if let accent { options.style.accent = try RGBColor(hex: accent) }
        if let background {
            if background.hasPrefix("image:") {
                options.background = .image(fileURL(String(background.dropFirst(6))))
            } else if background.hasPrefix("blur:") {
                options.background = .blurred(fileURL(String(background.dropFirst(5))))
            } else {
                options.background = .color(try RGBColor(hex: background))
            }
        }
        options.audioOnly = audioOnly
        options.title = title
        options.thumbnail = thumbnail
        return options
    }
}

extension EpisodeOptions.Thumbnail: ExpressibleByArgument {
    /// A path (relative to the working folder).
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self = .file(fileURL(argument))
    }
}
