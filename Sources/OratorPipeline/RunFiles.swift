import Foundation
import OratorCaptions
import OratorCore
import OratorScript

extension CreateRequest {
    /// Every file the run writes: the video (or podcast file), its caption files, an episode's
    /// description and cover, and what the caller also writes (`otherOutputs`). A script that
    /// is an episode only by its speakers or music adds its description after parsing
    /// (`PipelineRun.outputFiles`).
    public var outputFiles: [URL] {
        let captions = episode.captionFiles.map(\.rawValue).sorted().map { output.deletingPathExtension().appendingPathExtension($0) }
        // A recording's captions do not make it an episode (it has no description).
        let isRecording = if case .recording = speech { true } else { false }
        return [output] + captions + (episode.isSet && !isRecording ? [descriptionFile] : []) + [thumbnailFile].compactMap { $0 } + otherOutputs
    }

    /// An episode's upload description beside its output: `OUT.description.txt`.
    public var descriptionFile: URL { output.deletingPathExtension().appendingPathExtension("description.txt") }

    /// The cover picture to write, if one is asked for: `OUT.thumbnail.png` or the caller's path.
    public var thumbnailFile: URL? {
        switch episode.thumbnail {
        case nil: nil
        case .besideOutput?: output.deletingPathExtension().appendingPathExtension("thumbnail.png")
        case let .file(url)?: url
        }
    }

    /// Every file the request names as an input (a script's front matter adds more; see
    /// `PipelineRun.scriptInputs`).
    public var inputFiles: [URL] {
        var files = [speech.file] + otherInputs + [expressions, referencePose, referenceBlinks].compactMap { $0 }
        if case let .recording(_, transcript?) = speech { files.append(transcript) }
        files += avatar.inputFiles
        if case let .file(url) = episode.music { files.append(url) }
        files += [episode.intro, episode.outro].compactMap { $0 }
        switch episode.background {
        case let .image(url)?, let .blurred(url)?: files.append(url)
        default: break
        }
        return files
    }
}

extension AvatarSource {
    /// The photo, or every file of the pack.
    var inputFiles: [URL] {
        switch self {
        case .builtin: return []
        case let .photo(url, _): return [url]
        case let .pack(folder):
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            return [folder] + (walker?.compactMap { $0 as? URL } ?? [])
        }
    }
}

extension PipelineRun {
    /// Every file the run writes, once the script is parsed (an episode writes its description).
    var outputFiles: [URL] {
        request.outputFiles + (isEpisode && !request.episode.isSet ? [request.descriptionFile] : [])
    }

    /// The files a parsed script refers to: music beds and speakers' avatars.
    func scriptInputs(_ script: Script) -> [URL] {
        script.referencedFiles(folder: request.speech.file.deletingLastPathComponent(), speakers: request.speakers)
    }
}

extension Script {
    /// The files this script names — its music beds and its speakers' avatars (or, for a
    /// speaker the script gives none, the one `speakers` configures) — resolved against
    /// `folder`, the script's own. A service confines them to a job's folder.
    public func referencedFiles(folder: URL, speakers configured: [String: OratorConfiguration.Speaker] = [:]) -> [URL] {
        func resolve(_ path: String) -> URL { path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path) }
        var paths = music?.file.map { [$0] } ?? []
        for segment in segments { if case let .music(music?, _) = segment, let file = music.file { paths.append(file) } }
        for speaker in speakers {
            if let avatar = speaker.avatar ?? configured[speaker.name]?.avatar, avatar != "builtin" { paths.append(avatar) }
        }
        return paths.map(resolve)
    }
}
