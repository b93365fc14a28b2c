import Foundation
import Synchronization
import Logging
import OratorCore
import OratorPipeline

/// Everything the routes share: one owner each for the queue, the folders, uploads, live
/// progress, workers, webhooks, signing and the voices.
final class ServerServices: Sendable {
    let configuration: ServerConfiguration
    let folders: ServerFolders
    let store: JobStore
    let keys: APIKeys?
    let signer: URLSigner
    let voices: VoiceDirectory
    let board: ProgressBoard
    let uploads: UploadService
    let pool: WorkerPool
    let webhooks: WebhookSender
    let base: URLBase
    let web: WebFiles
    let previews: AvatarPreviews
    let logger: Logger
    /// Held while this server runs: a second server on the same data folder would put this
    /// one's running jobs back in the queue.
    let dataLock: FileLock

    init(configuration: ServerConfiguration, logger: Logger) throws(OratorError) {
        try configuration.validate()
        self.configuration = configuration
        self.logger = logger
        folders = try ServerFolders(root: configuration.dataFolder)
        dataLock = try FileLock(url: folders.root.appendingPathComponent("lock"))
        guard dataLock.tryLockExclusive() else {
            throw OratorError(.invalidInput, "another orator serve is using \(folders.root.path): stop it, or give this one its own --data")
        }
        folders.sweepIncoming()
        store = try JobStore(file: folders.database)
        keys = try configuration.apiKeyFile.map { file throws(OratorError) in try APIKeys(file: file) }
        signer = try URLSigner(folder: folders.root)
        voices = try VoiceDirectory()
        web = try WebFiles.load()
        previews = AvatarPreviews(avatarsFolder: configuration.avatarsFolder, engines: .standard)
        let board = ProgressBoard()
        self.board = board
        uploads = UploadService(folders: folders, store: store, limits: configuration.limits, faces: FaceService())
        base = URLBase(publicURL: configuration.publicURL, bound: "http://\(configuration.host):\(configuration.port)")
        let signer = self.signer, keys = self.keys, base = self.base
        webhooks = WebhookSender(store: store, logger: logger) { row in
            let body = JSONResponse.data(TalkResource(row, board: board, signer: signer, base: base.fallback))
            let secret = keys?.keys.first { $0.name == row.owner }?.secret ?? signer.secretText
            return (body, secret)
        }
        TalkingHeadPipeline.keepFaceModelLoaded()
        let runner = JobRunner(folders: folders, board: board, engines: .standard,
                               speechThreads: JobDefaults.speechThreads(sharedBy: configuration.workers))
        pool = WorkerPool(count: configuration.workers, store: store, runner: runner, board: board, folders: folders,
                          webhooks: webhooks, logger: logger)
    }

    /// A planner for requests of `owner`.
    func planner(owner: String) -> JobPlanner {
        JobPlanner(folders: folders, store: store, voices: voices, limits: configuration.limits,
                   avatarsFolder: configuration.avatarsFolder, owner: owner)
    }
}
