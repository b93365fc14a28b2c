import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// Delivers a finished job's talk JSON to its webhook: `POST` with
/// `X-Orator-Signature: sha256=HMAC-SHA256(body, secret)`, a 10 s timeout, and 5 retries 1, 2,
/// 4, 8 and 16 s apart. Deliveries still pending at a stop are sent after the next start.
final class WebhookSender: Sendable {
    let store: JobStore
    let logger: Logger
    /// The talk JSON and the signing secret of a job.
    let render: @Sendable (JobRow) -> (body: Data, secret: String)?
    /// Seconds between attempts.
    let backoff: [Double]
    private let session: URLSession

    init(store: JobStore, logger: Logger, backoff: [Double] = [1, 2, 4, 8, 16],
         render: @escaping @Sendable (JobRow) -> (body: Data, secret: String)?) {
        self.store = store
        self.logger = logger
        self.render = render
        self.backoff = backoff
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.timeoutIntervalForResource = 15
        session = URLSession(configuration: configuration)
    }

    /// Sends the webhooks a stop left pending.
    func resumePending() {
        for row in (try? store.pendingWebhooks()) ?? [] { deliver(row.id) }
    }

    func deliver(_ id: String) {
        Task { await self.send(id) }
    }

    private func send(_ id: String) async {
        guard let row = try? store.job(id: id), let url = (try? JSONDecoder().decode(TalkEcho.self, from: Data(row.echo.utf8)))?.webhook
            .flatMap(URL.init(string:)), let (body, secret) = render(row) else { return }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(URLSigner.webhookSignature(body, secret: secret), forHTTPHeaderField: "X-Orator-Signature")
        request.setValue("Orator", forHTTPHeaderField: "User-Agent")
        for attempt in 0...backoff.count {
            if attempt > 0 { try? await Task.sleep(for: .seconds(backoff[attempt - 1])) }
            do {
                let (_, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) {
                    try? store.setWebhookState(id: id, "delivered")
                    return
                }
                logger.notice("webhook of \(id): \(url.host ?? "") answered \(status) (attempt \(attempt + 1))")
            } catch {
                logger.notice("webhook of \(id): \(error.localizedDescription) (attempt \(attempt + 1))")
            }
        }
        try? store.setWebhookState(id: id, "failed")
    }
}
