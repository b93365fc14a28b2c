import Foundation
import OratorCore
import OratorMix
import OratorRender
import OratorScript

extension Narration {
    /// The chapters the headings mark, on the mix's clock (`offset`: the intro's length).
    /// Headings with nothing spoken between them make one chapter, named by the last (a show's
    /// `# Title` over `## Part one`); the first chapter starts at 0 when nothing is spoken
    /// before it, so it covers the lead-in and any intro.
    func podcastChapters(offset: Double) -> [PodcastChapter] {
        var marks: [Chapter] = []
        for chapter in chapters {
            if let last = marks.last, !turns.contains(where: { $0.start >= last.start && $0.start < chapter.start }) {
                marks[marks.count - 1].title = chapter.title
            } else {
                marks.append(chapter)
            }
        }
        var result = marks.map { PodcastChapter(title: $0.title, start: $0.start + offset) }
        if let first = marks.first, !turns.contains(where: { $0.start < first.start }) { result[0].start = 0 }
        return result
    }
}

extension PipelineRun {
    /// The episode's title: `--title`, else the script's (front matter, else its first
    /// heading), else the script's file name.
    var episodeTitle: String {
        request.episode.title ?? script?.title ?? request.speech.file.deletingPathExtension().lastPathComponent
    }

    /// Writes what an upload needs beside the output: the description (title and chapter
    /// lines) and, when asked, the cover picture.
    mutating func writeUploadFiles(chapters: [PodcastChapter], duration: Double, avatars: [AvatarSource]) throws(OratorError) {
        let description = EpisodeDescription(title: episodeTitle, chapters: chapters, duration: duration)
        let file = request.descriptionFile
        try clock.measure("description") { () throws(OratorError) in try description.write(to: file) }
        if !chapters.isEmpty, !description.showsAsYouTubeChapters {
            notes.append("description: \(chapters.count) chapter line(s); YouTube shows chapters only when the first is at 00:00, "
                + "there are at least \(EpisodeDescription.fewestYouTubeChapters) and each lasts at least "
                + "\(Int(EpisodeDescription.shortestYouTubeChapter)) s")
        }
        guard let cover = request.thumbnailFile else { return }
        let thumbnail = EpisodeThumbnail(title: episodeTitle, names: sceneSpeakers.compactMap { $0?.label }, avatars: avatars,
                                         accent: request.episode.style.accent, engines: engines)
        try clock.measure("thumbnail") { () throws(OratorError) in try thumbnail.write(to: cover) }
        notes.append("thumbnail: \(cover.path)")
    }
}
