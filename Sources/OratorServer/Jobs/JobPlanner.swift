import Foundation
import OratorCore
import OratorFace
import OratorPipeline
import OratorScript

/// Turns a validated request into a job: its folder (`DATA/jobs/ID/`, written under
/// `incoming/` and renamed into place whole), its `JobSpec` and the settings layer the CLI's
/// flags would have made, checked by the same `SettingsResolver`. Every input is a server
/// upload of the same owner, placed in the folder by name; a script may name no other file.
struct JobPlanner: Sendable {
    let folders: ServerFolders
    let store: JobStore
    let voices: VoiceDirectory
    let limits: ServerConfiguration.Limits
    let avatarsFolder: URL?
    let owner: String

    /// The reserved names of a job folder; an episode's assets may not use them.
    static let reserved: Set<String> = [
        "script.txt", "transcript.txt", "expressions.json", "result.mp4", "result.srt", "result.vtt", "result.description.txt", "summary.json",
    ]

    /// A talk: text (a provider's voice) or a recording, spoken by the portrait, a pack or the presenter.
    func plan(_ talk: TalkRequest, ignored: [String]) async throws -> (ResourceID, JobSpec, TalkEcho, URL) {
        guard let script = talk.script else { throw APIError.badRequest("missing field \"script\": {\"type\": \"text\", \"input\": ...} or {\"type\": \"audio\", \"audio_url\": ...}") }
        return try await staged { staging in
            var spec = JobSpec(object: "talk", settings: SettingsLayer(), captions: [])
            var echo = try echo(name: talk.name, userData: talk.userData, webhook: talk.webhook, config: talk.config, ignored: ignored)
            echo.sourceURL = talk.sourceURL
            switch script.type {
            case "text":
                guard let input = script.input, !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw APIError.badRequest("script.input is missing or empty: the text to speak")
                }
                try checkLength(input, "script.input")
                let provider = script.provider?.type ?? "espeak"
                let voiceID = script.provider?.voiceID ?? (provider == "piper" ? "joe" : "en-us")
                let voice = try voices.check(provider: provider, id: voiceID).get()
                spec.settings.voice = voice.id
                try write(input, to: staging.appendingPathComponent("script.txt"))
                try checkScript(staging.appendingPathComponent("script.txt"), folder: staging, allowed: [])
                spec.script = "script.txt"
            case "audio":
                guard let audioURL = script.audioURL else { throw APIError.badRequest("script.audio_url is missing: upload the recording with POST /audios") }
                let upload = try await ownUpload(audioURL, kind: .audio, field: "script.audio_url")
                let name = "recording." + (upload.file.split(separator: ".").last.map(String.init) ?? "audio")
                try ServerFolders.link(folders.upload(file: upload.file), to: staging.appendingPathComponent(name))
                spec.recording = name
                echo.audioURL = audioURL
                if let transcript = script.transcript, !transcript.isEmpty {
                    try checkLength(transcript, "script.transcript")
                    try write(transcript, to: staging.appendingPathComponent("transcript.txt"))
                    spec.transcript = "transcript.txt"
                }
            default:
                throw APIError.badRequest("script.type \"\(script.type)\" is not \"text\" or \"audio\"")
            }
            try await applyAvatar(sourceURL: talk.sourceURL, config: talk.config, folder: staging, into: &spec)
            try apply(talk.config, into: &spec)
            try applyExpressions(talk.config?.driverExpressions, folder: staging, into: &spec)
            try validate(spec, folder: staging)
            return (spec, echo)
        }
    }

    /// An episode: an Orator script and the uploads its file names stand for.
    func plan(_ episode: EpisodeRequest, ignored: [String]) async throws -> (ResourceID, JobSpec, TalkEcho, URL) {
        try await staged { staging in
            try checkLength(episode.script, "script")
            var spec = JobSpec(object: "episode", script: "script.txt", settings: SettingsLayer(), captions: [])
            let echo = try echo(name: episode.name, userData: episode.userData, webhook: episode.webhook, config: episode.config, ignored: ignored)
            var placed: Set<String> = []
            for (name, uploadID) in (episode.assets ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard Self.isPlainName(name), !Self.reserved.contains(name) else {
                    throw APIError.invalid("asset name \"\(name)\" is not a plain file name (letters, digits, '.', '-', '_'; no folders; not \(Self.reserved.sorted().joined(separator: ", ")))")
                }
                let upload = try await ownUpload(uploadID, kind: uploadID.hasPrefix("img_") ? .image : .audio, field: "assets.\(name)")
                try ServerFolders.link(folders.upload(file: upload.file), to: staging.appendingPathComponent(name))
                placed.insert(name)
            }
            try write(episode.script, to: staging.appendingPathComponent("script.txt"))
            try checkScript(staging.appendingPathComponent("script.txt"), folder: staging, allowed: placed)
            try apply(episode.config, into: &spec)
            if episode.config?.driverExpressions != nil {
                throw APIError.invalid("config.driver_expressions is for talks; in an episode, write expressions in the script where they start: [smile], [happy 0.6], ...")
            }
            if let avatar = episode.config?.avatar { spec.settings.avatar = try packPath(avatar) }
            try validate(spec, folder: staging)
            return (spec, echo)
        }
    }

    // MARK: Pieces

    /// A new job id and its folder in `incoming/`, filled by `fill`; the folder is removed if `fill` fails.
    private func staged(_ fill: (URL) async throws -> (JobSpec, TalkEcho)) async throws -> (ResourceID, JobSpec, TalkEcho, URL) {
        let staging = folders.incomingFile()
        try makeFolder(staging)
        do {
            let (spec, echo) = try await fill(staging)
            return (ResourceID(new: .talk), spec, echo, staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    private func echo(name: String?, userData: String?, webhook: String?, config: TalkConfig?, ignored: [String]) throws -> TalkEcho {
        if let userData, userData.count > limits.userDataCharacters {
            throw APIError.invalid("user_data is \(userData.count) characters, over the limit of \(limits.userDataCharacters)")
        }
        if let name, name.count > 200 { throw APIError.invalid("name is \(name.count) characters, over the limit of 200") }
        if let webhook {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw APIError.invalid("webhook \"\(webhook.prefix(100))\" is not an http or https URL")
            }
        }
        return TalkEcho(name: name, userData: userData, webhook: webhook, config: config, ignored: ignored)
    }

    private func checkLength(_ text: String, _ field: String) throws {
        guard text.count <= limits.scriptCharacters else {
            throw APIError.tooLarge("\(field) is \(text.count) characters, over this server's limit of \(limits.scriptCharacters)")
        }
    }

    /// The upload `reference` names (`http://HOST/images/ID`, `/images/ID` or `ID`), owned by this key.
    private func ownUpload(_ reference: String, kind: ResourceID.Kind, field: String) async throws -> UploadRow {
        guard let id = UploadReference.id(in: reference, kind: kind) else {
            let endpoint = kind == .image ? "POST /images" : "POST /audios"
            throw APIError.invalid("\(field) \"\(reference.prefix(120))\" is not an upload of this server: upload the file with \(endpoint) and pass the url it returns (Orator never fetches other URLs)")
        }
        guard let upload = try await store.upload(id: id.value, owner: owner) else {
            throw APIError.invalid("\(field): no upload \(id.value) (uploads belong to the key that made them)")
        }
        return upload
    }

    private func applyAvatar(sourceURL: String?, config: TalkConfig?, folder: URL, into spec: inout JobSpec) async throws {
        if let sourceURL {
            let upload = try await ownUpload(sourceURL, kind: .image, field: "source_url")
            let faces = (upload.faces.flatMap { try? JSONDecoder().decode([FaceRect].self, from: Data($0.utf8)) }) ?? []
            guard !faces.isEmpty else {
                throw APIError.invalid("source_url \(upload.id): no face was found in this image; use a photo with a clearly visible face, or no source_url for the built-in presenter")
            }
            let name = "portrait." + (upload.file.split(separator: ".").last.map(String.init) ?? "jpg")
            try ServerFolders.link(folders.upload(file: upload.file), to: folder.appendingPathComponent(name))
            spec.settings.avatar = name
            if config?.stitch == true, config?.preprocess == nil { spec.settings.preprocess = .full }
        } else if let avatar = config?.avatar {
            spec.settings.avatar = try packPath(avatar)
        }
    }

    /// `builtin`, or the folder of pack `name` under `--avatars`.
    private func packPath(_ name: String) throws -> String {
        if name == "builtin" { return name }
        guard let avatarsFolder, Self.isPlainName(name), AvatarDirectory.packs(in: avatarsFolder).contains(where: { $0.id == name }) else {
            throw APIError.invalid("config.avatar \"\(name.prefix(100))\" is not an avatar of this server: GET /avatars lists them")
        }
        return avatarsFolder.appendingPathComponent(name).path
    }

    private func apply(_ config: TalkConfig?, into spec: inout JobSpec) throws {
        guard let config else { return }
        if let format = config.resultFormat, format.lowercased() != "mp4" {
            throw APIError.invalid("config.result_format \"\(format)\" is not available: Orator writes mp4")
        }
        if let preprocess = config.preprocess {
            guard let mode = PreprocessMode(rawValue: preprocess) else {
                throw APIError.invalid("config.preprocess \"\(preprocess)\" is not crop, extcrop, resize or full")
            }
            spec.settings.preprocess = mode
        }
        spec.settings.size = config.size
        spec.settings.fps = config.fps
        spec.settings.still = config.still
        spec.settings.expressionScale = config.expressionScale
        spec.settings.headMotion = config.headMotion
        spec.settings.poseStyle = config.poseStyle
        spec.settings.face = config.face
        spec.settings.seed = config.seed
        spec.settings.rate = config.rate
        spec.settings.pitch = config.pitch
        spec.settings.quality = config.quality
        for caption in config.captions ?? [] {
            guard ["srt", "vtt", "burn"].contains(caption) else { throw APIError.invalid("config.captions: \"\(caption)\" is not srt, vtt or burn") }
        }
        spec.captions = Array(Set(config.captions ?? [])).sorted()
    }

    /// Checks D-ID's `driver_expressions` as `animate --expressions` reads them and keeps them as
    /// the job's `expressions.json`.
    private func applyExpressions(_ expressions: DriverExpressions?, folder: URL, into spec: inout JobSpec) throws {
        guard let expressions else { return }
        let data: Data
        do { data = try JSONEncoder().encode(expressions) } catch { throw APIError.invalid("config.driver_expressions: \(error)") }
        do { _ = try ExpressionFile.parse(data, fps: JobDefaults.fps, source: "config.driver_expressions") } catch {
            throw APIError.invalid(error.message)
        }
        do { try data.write(to: folder.appendingPathComponent("expressions.json")) } catch {
            throw OratorError(.unwritableOutput, "cannot write expressions.json of a job", cause: "\(error)")
        }
        spec.expressions = "expressions.json"
    }

    /// The settings through `SettingsResolver`, as a worker will resolve them.
    private func validate(_ spec: JobSpec, folder: URL) throws {
        var layer = spec.settings
        layer.base = folder
        do { _ = try SettingsResolver().resolve([layer]) } catch { throw APIError.invalid(error.description) }
    }

    /// Parses the script (errors name line and column) and checks that every file it names is
    /// one of `allowed`, in `folder`.
    private func checkScript(_ file: URL, folder: URL, allowed: Set<String>) throws {
        let script: Script
        do { script = try ScriptParser().parse(contentsOf: file) } catch {
            throw APIError.invalid(error.description.replacingOccurrences(of: file.path, with: "script"))
        }
        for reference in script.referencedFiles(folder: folder) {
            let name = reference.lastPathComponent
            guard reference.standardizedFileURL.deletingLastPathComponent().path == folder.standardizedFileURL.path, allowed.contains(name) else {
                throw APIError.invalid("the script names the file \"\(reference.path.replacingOccurrences(of: folder.path + "/", with: ""))\": a job may use only its uploaded assets, by name (assets: {\"NAME\": \"img_...\"})")
            }
        }
        for speaker in script.speakers {
            if let voice = speaker.voice, voice.contains("/") || voice.hasPrefix("piper:") || voice.hasSuffix(".onnx") {
                throw APIError.invalid("speaker \(speaker.name): voice \"\(voice)\" names a file; use a voice from GET /voices")
            }
        }
    }

    private func makeFolder(_ url: URL) throws(OratorError) {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false) } catch {
            throw OratorError(.unwritableOutput, "cannot create a job folder", cause: "\(error)")
        }
    }

    private func write(_ text: String, to url: URL) throws(OratorError) {
        do { try Data(text.utf8).write(to: url) } catch {
            throw OratorError(.unwritableOutput, "cannot write \(url.lastPathComponent) of a job", cause: "\(error)")
        }
    }

    /// Letters, digits, `.`, `-`, `_`; not starting with `.`; at most 100 characters.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }
    }
}

/// A face box as `POST /images` reports it.
struct FaceRect: Codable, Sendable, Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
}

/// The id in a reference to an upload: `http(s)://ANY-HOST/images/ID`, `/images/ID`, or `ID`.
/// The host is not trusted for anything: only the id is read, and only if the path is exactly
/// one of this server's upload paths.
enum UploadReference {
    static func id(in reference: String, kind: ResourceID.Kind) -> ResourceID? {
        let folder = kind == .image ? "images" : "audios"
        if let id = ResourceID(reference, kind: kind) { return id }
        var path = reference
        if let components = URLComponents(string: reference), let scheme = components.scheme {
            guard ["http", "https"].contains(scheme.lowercased()), components.query == nil, components.fragment == nil else { return nil }
            path = components.percentEncodedPath
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, parts[1] == folder else { return nil }
        return ResourceID(String(parts[2]), kind: kind)
    }
}
