import Foundation

/// Runs one of the maintained programs PSDesk relies on (msmtp, WeasyPrint) to its end without blocking a thread
/// while it runs. Its standard output is discarded; what it says on standard error comes back, on one line, cut short.
enum Subprocess {
    struct Finished {
        let status: Int32
        /// The first 400 bytes of standard error, its lines joined.
        let said: String
    }

    /// - Parameters:
    ///   - input: written to its standard input, then closed (a program that exits before reading simply fails the write;
    ///     SIGPIPE is ignored by the server, see `MailWorker`).
    ///   - timeoutSeconds: a program still running after this is killed.
    ///   - cannotStart: the error when the program is not there.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], input: Data? = nil,
                    timeoutSeconds: Int, cannotStart: @escaping @Sendable () -> Error) async throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe(), errors = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: cannotStart())
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds)) { if process.isRunning { kill(pid, SIGKILL) } }
            if let input {
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(400), as: UTF8.self)
        return Finished(status: status, said: said.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
