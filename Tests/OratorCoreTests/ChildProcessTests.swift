import Foundation
import OratorCore
import Testing

/// The one child-process runner: output streamed both ways, stderr drained without blocking,
/// failures turned into one-line errors, cancellation that kills the child.
@Suite("ChildProcess", .timeLimit(.minutes(5)))
struct ChildProcessTests {
    @Test("a child that writes 10 MB to stderr and exits 1 does not hang and gives a one-line error")
    func chattyFailure() throws {
        let script = "head -c 10000000 /dev/zero | tr '\\0' 'x' >&2; printf '\\nInvalid data found when processing input\\n' >&2; exit 1"
        let error = try #require(throws: OratorError.self) {
            try ChildProcess.run("/bin/sh", ["-c", script], errorCode: .decodeFailed, what: "decoding a.mp3")
        }
        #expect(error.code == .decodeFailed)
        #expect(error.message == "decoding a.mp3 failed")
        #expect(error.cause == "Invalid data found when processing input")
        #expect(!error.description.contains("\n"))
    }

    @Test("10 MB of stderr without a newline still makes a short cause")
    func oneEndlessLine() throws {
        let error = try #require(throws: OratorError.self) {
            try ChildProcess.run("/bin/sh", ["-c", "head -c 10000000 /dev/zero | tr '\\0' 'x' >&2; exit 3"], what: "a tool")
        }
        let cause = try #require(error.cause)
        #expect(cause.count <= 503 && cause.hasPrefix("xxx") && cause.hasSuffix("..."))
        #expect(!error.description.contains("\n"))
    }

    @Test("standard output is returned whole, also when stderr is busy at the same time")
    func outputAndErrorTogether() throws {
        let output = try ChildProcess.run("/bin/sh", ["-c", "head -c 3000000 /dev/zero >&2 & head -c 5000000 /dev/zero; wait"], what: "both")
        #expect(output.count == 5_000_000)
    }

    @Test("standard input and output stream through pipes in blocks")
    func streaming() throws {
        let child = try ChildProcess("/bin/cat", [], what: "cat", input: .pipe)
        let input = try #require(child.input)
        let block = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0) })
        // Write from another thread so the pipe's buffer never blocks this one.
        let writer = Thread { input.write(block); input.write(block); try? input.close() }
        writer.start()
        var received = Data()
        while true {
            let chunk = try child.read(upToCount: 65_536)
            if chunk.isEmpty { break }
            #expect(chunk.count == 65_536 || received.count + chunk.count == 200_000)
            received += chunk
        }
        try child.wait()
        #expect(received == block + block)
    }

    @Test("exit status and FFmpeg's last meaningful line")
    func statusAndLastLine() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "echo 'first' >&2; echo 'x.wav: Invalid data' >&2; echo 'Conversion failed!' >&2; exit 7"], what: "x")
        #expect(child.exitStatus() == 7)
        #expect(child.lastErrorLine == "x.wav: Invalid data")
        #expect(ChildProcess.lastMeaningfulLine(of: "\n  \n") == "")
    }

    @Test("a program that cannot start names what it was for")
    func missingProgram() throws {
        let error = try #require(throws: OratorError.self) {
            try ChildProcess.run("/nonexistent/tool", [], errorCode: .toolMissing, what: "probing")
        }
        #expect(error.code == .toolMissing && error.message.contains("probing"))
    }

    @Test("cancelling the task kills the child")
    func cancellation() async throws {
        // Left alone the child would sleep past the time limit and then succeed.
        let task = Task { () async throws(OratorError) -> Data in
            try await ChildProcess.run("/bin/sleep", ["600"], what: "sleeping")
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        let error = try #require(throws: OratorError.self) { try result.get() }
        #expect(error.message == "sleeping was cancelled")
    }

    @Test("a child's peak memory is its own, not that of the large parent it was started from")
    func childPeakMemory() throws {
        // The parent holds 300 MB (touched) while it starts a small child and then one that fills 120 MB.
        let ballast = [UInt8](repeating: 1, count: 300 << 20)
        let small = try ChildProcess("/bin/sh", ["-c", "cat >/dev/null; sleep 0.2"], what: "a shell", input: .pipe)
        #expect(small.peakResidentMB == nil)
        try small.wait()
        let script = "import sys, time; x = b'x' * (120 << 20); sys.stdin.read(); time.sleep(0.2)"
        let big = try ChildProcess("/usr/bin/env", ["python3", "-c", script], what: "python", input: .pipe)
        try big.wait()
        withExtendedLifetime(ballast) {}
        let smallPeak = try #require(small.peakResidentMB), bigPeak = try #require(big.peakResidentMB)
        #expect(smallPeak < 50, "a shell at \(smallPeak) MB")
        #expect(bigPeak >= 120 && bigPeak < 250, "python at \(bigPeak) MB")
        #expect(ChildProcess.largestPeakResidentMB >= bigPeak)
    }
}
