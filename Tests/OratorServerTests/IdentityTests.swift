import Foundation
@testable import OratorServer
import Testing

/// Ids, keys, links and ranges: the parts of the security boundary that are plain functions.
@Suite("Server identity and paths")
struct IdentityTests {
    @Test("made ids validate, and nothing that could name a path does", arguments: [
        "../../etc/passwd", "tlk_../../../../etc/pass", "tlk_%2e%2e%2f%2e%2e%2fabcdefgh", "tlk_abcdefghij/klmnopqrs",
        "tlk_abcdefghij.klmnopqrs", "tlk_abcdefghijklmnopqrs", "tlk_abcdefghijklmnopq", "img_abcdefghijklmnopqrst", "",
        "tlk_abcdefghijklmnopqrs\u{0}", "tlk_abcdéfghijklmnopqr", String(repeating: "a", count: 10_000),
    ])
    func idsRefusePaths(text: String) {
        #expect(ResourceID(text, kind: .talk) == nil)
    }

    @Test("a new id is 4 + 20 characters of its kind and parses back")
    func newIDs() {
        for kind in ResourceID.Kind.allCases {
            let id = ResourceID(new: kind)
            #expect(id.value.count == 24)
            #expect(ResourceID(id.value, kind: kind) == id)
            #expect(ResourceID(id.value, kind: kind == .talk ? .image : .talk) == nil)
        }
        #expect(ResourceID(new: .talk) != ResourceID(new: .talk))
    }

    @Test("keys: Basic and Bearer forms authenticate, wrong ones do not")
    func keys() throws {
        let keys = APIKeys(keys: [APIKey(name: "alice", secret: "s3cret-alice"), APIKey(name: "bob", secret: "s3cret-bob")])
        let basic = "Basic " + Data("alice:s3cret-alice".utf8).base64EncodedString()
        #expect(keys.authenticate(basic)?.name == "alice")
        #expect(keys.authenticate("Bearer bob:s3cret-bob")?.name == "bob")
        #expect(keys.authenticate("bearer bob:s3cret-bob")?.name == "bob")
        #expect(keys.authenticate("Bearer bob:s3cret-alice") == nil)
        #expect(keys.authenticate("Bearer alice:s3cret-alic") == nil)
        #expect(keys.authenticate("Bearer alice:s3cret-alice2") == nil)
        #expect(keys.authenticate("Basic !!!") == nil)
        #expect(keys.authenticate("Token alice:s3cret-alice") == nil)
        #expect(keys.authenticate(nil) == nil)
    }

    @Test("a key file with a bad line names the line")
    func keyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.txt"), bad = folder.appendingPathComponent("bad.txt")
        try "# keys\nalice:s3cret-alice\n\nbob:s3cret-bob:with-colon\n".write(to: good, atomically: true, encoding: .utf8)
        try "alice:s3cret-alice\nno-colon-here\n".write(to: bad, atomically: true, encoding: .utf8)
        let keys = try APIKeys(file: good)
        #expect(keys.keys.map(\.name) == ["alice", "bob"])
        #expect(keys.keys[1].secret == "s3cret-bob:with-colon")
        #expect(throws: (any Error).self) { try APIKeys(file: bad) }
        let error = try? #require(throws: (any Error).self) { try APIKeys(file: bad) }
        #expect("\(String(describing: error))".contains("bad.txt:2"))
    }

    @Test("upload references: only this server's upload paths, any host, no queries or other schemes", arguments: [
        ("img_abcdefghijklmnopqrst", true), ("/images/img_abcdefghijklmnopqrst", true),
        ("http://localhost:8080/images/img_abcdefghijklmnopqrst", true), ("https://evil.example/images/img_abcdefghijklmnopqrst", true),
        ("file:///etc/passwd", false), ("http://x/images/../etc/passwd", false), ("http://x/images/img_abcdefghijklmnopqrst?x=1", false),
        ("http://x/audios/img_abcdefghijklmnopqrst", false), ("http://x/images/img_abcdefghijklmnopqrst/..", false),
        ("/images/%2e%2e%2fimg_abcdefghijklmnop", false), ("ftp://x/images/img_abcdefghijklmnopqrst", false),
        ("s3://bucket/images/img_abcdefghijklmnopqrst", false), ("http://x//images/img_abcdefghijklmnopqrst", false),
    ])
    func uploadReferences(reference: String, accepted: Bool) {
        #expect((UploadReference.id(in: reference, kind: .image) != nil) == accepted)
    }

    @Test("signed links verify until they expire and only for their path")
    func signedLinks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let signer = try URLSigner(folder: folder)
        let again = try URLSigner(folder: folder)
        #expect(signer.secretText == again.secretText)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("secret").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let query = signer.query(for: "/talks/tlk_abcdefghijklmnopqrst/result.mp4")
        let items = Dictionary(uniqueKeysWithValues: query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        })
        #expect(signer.verify(path: "/talks/tlk_abcdefghijklmnopqrst/result.mp4", expires: items["expires"], signature: items["signature"]))
        #expect(!signer.verify(path: "/talks/tlk_bbcdefghijklmnopqrst/result.mp4", expires: items["expires"], signature: items["signature"]))
        #expect(!signer.verify(path: "/talks/tlk_abcdefghijklmnopqrst/result.mp4", expires: "9999999999", signature: items["signature"]))
        #expect(!signer.verify(path: "/talks/tlk_abcdefghijklmnopqrst/result.mp4", expires: items["expires"], signature: items["signature"],
                               now: Date().addingTimeInterval(2 * 24 * 3600)))
    }

    @Test("webhook signatures are HMAC-SHA256 of the body, as hex")
    func webhookSignature() {
        // RFC 4231 test case 2.
        let signature = URLSigner.webhookSignature(Data("what do ya want for nothing?".utf8), secret: "Jefe")
        #expect(signature == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("byte ranges", arguments: [
        ("bytes=0-99", 1000, ByteRange.satisfiable(0...99)), ("bytes=900-", 1000, .satisfiable(900...999)),
        ("bytes=-100", 1000, .satisfiable(900...999)), ("bytes=990-2000", 1000, .satisfiable(990...999)),
        ("bytes=1000-", 1000, .unsatisfiable), ("bytes=-0", 1000, .unsatisfiable), ("bytes=-5000", 1000, .satisfiable(0...999)),
    ])
    func ranges(header: String, size: Int, expected: ByteRange) {
        #expect(ByteRange.parse(header, size: size) == expected)
    }

    @Test("ranges this server does not serve are ignored", arguments: ["bytes=5-1", "bytes=0-1,5-9", "items=0-5", "bytes=a-b"])
    func ignoredRanges(header: String) {
        #expect(ByteRange.parse(header, size: 1000) == nil)
    }

    @Test("page tokens round-trip and refuse others")
    func pageTokens() {
        #expect(PageToken.decode(PageToken.encode(42)) == 42)
        #expect(PageToken.decode("not-base64!") == nil)
        #expect(PageToken.decode(Data("q42".utf8).base64EncodedString()) == nil)
    }

    @Test("asset names are plain file names", arguments: [
        ("alice.jpg", true), ("bed-1_final.ogg", true), ("../x.jpg", false), (".hidden", false), ("a/b.jpg", false), ("", false),
        ("a\\b.jpg", false), ("café.jpg", false), (String(repeating: "a", count: 101), false),
    ])
    func plainNames(name: String, plain: Bool) {
        #expect(JobPlanner.isPlainName(name) == plain)
    }
}
