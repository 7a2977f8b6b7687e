import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only answers file, one JSON ``AnswerRecord`` per line (docs/EVALUATION.md "Answers files":
/// the one exception to write-temp-then-rename).
///
/// Each ``append(_:)`` opens the file with `O_APPEND`, writes the whole line (record + `\n`),
/// `fsync`s and closes, so a crash loses at most the line being written. A crash in the middle
/// of a write leaves a torn last line without its `\n`: ``existing()`` ignores it, and the next
/// ``append(_:)`` truncates it away first, so the file never holds a half record in the middle.
///
/// ```swift
/// let log = try AnswersLog(url: run.appending(path: "answers/Q8_0.jsonl"))
/// let done = Set(try log.existing().map(\.resumeKey))
/// ```
public struct AnswersLog: Sendable {
    /// The file.
    public let url: URL

    /// Opens (creating it and its folder when absent) the answers file at `url`.
    /// - Throws: ``AnswersLogError/io(file:operation:reason:)`` when it cannot be created.
    public init(url: URL) throws {
        self.url = url
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AnswersLogError.io(file: url.path, operation: "create the folder of", reason: error.localizedDescription)
        }
        if !FileManager.default.fileExists(atPath: url.path) {
            let descriptor = try openDescriptor(flags: O_WRONLY | O_CREAT | O_CLOEXEC, operation: "create")
            close(descriptor)
            try syncFolder(folder)
        }
    }

    /// Every complete record in file order (a torn last line is ignored).
    /// - Throws: ``AnswersLogError`` when the file cannot be read or a complete line is not a record.
    public func existing() throws -> [AnswerRecord] {
        try contents().records
    }

    /// Every complete record, and whether the last line is torn (it does not end with a
    /// newline): what ``existing()`` leaves out. A reader that is not resuming a run (`score`)
    /// refuses such a file rather than score one answer fewer without a word.
    /// - Throws: as ``existing()``.
    public func contents() throws -> (records: [AnswerRecord], tornLastLine: Bool) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AnswersLogError.io(file: url.path, operation: "read", reason: error.localizedDescription)
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeLast()
        let decoder = JSONDecoder()
        var records: [AnswerRecord] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            do {
                records.append(try decoder.decode(AnswerRecord.self, from: Data(line)))
            } catch {
                throw AnswersLogError.corruptLine(file: url.path, line: index + 1, reason: Self.reason(error))
            }
        }
        return (records, !data.isEmpty && data.last != UInt8(ascii: "\n"))
    }

    /// A record's decoding error in a reader's words: the field and what was wrong with it.
    private static func reason(_ error: any Error) -> String {
        let field = { (path: [any CodingKey]) in path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let DecodingError.keyNotFound(key, context): return "missing field '\(field(context.codingPath + [key]))'"
        case let DecodingError.typeMismatch(type, context): return "field '\(field(context.codingPath))': expected \(type)"
        case let DecodingError.valueNotFound(type, context): return "field '\(field(context.codingPath))': expected \(type), found null"
        case let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty: return "not a JSON object (cut off or edited?)"
        case let DecodingError.dataCorrupted(context): return "field '\(field(context.codingPath))': \(context.debugDescription)"
        default: return "\(error)"
        }
    }

    /// Appends `record` as one line and syncs it to disk, after removing a torn last line.
    /// - Throws: ``AnswersLogError/io(file:operation:reason:)``.
    public func append(_ record: AnswerRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line: Data
        do {
            line = try encoder.encode(record)
        } catch {
            throw AnswersLogError.io(file: url.path, operation: "encode a record for", reason: "\(error)")
        }
        line.append(UInt8(ascii: "\n"))
        let descriptor = try openDescriptor(flags: O_RDWR | O_APPEND | O_CLOEXEC, operation: "open")
        defer { close(descriptor) }
        try dropTornLine(descriptor)
        let complete = line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        guard complete else { throw failure("write") }
        guard fsync(descriptor) == 0 else { throw failure("sync") }
    }

    /// Truncates the file after its last `\n` when the last byte is not one.
    private func dropTornLine(_ descriptor: Int32) throws(AnswersLogError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("inspect") }
        var end = Int(status.st_size)
        guard end > 0, try byte(at: end - 1, descriptor) != UInt8(ascii: "\n") else { return }
        while end > 0, try byte(at: end - 1, descriptor) != UInt8(ascii: "\n") {
            end -= 1
        }
        guard ftruncate(descriptor, off_t(end)) == 0 else { throw failure("truncate the torn last line of") }
    }

    private func byte(at offset: Int, _ descriptor: Int32) throws(AnswersLogError) -> UInt8 {
        var value: UInt8 = 0
        guard pread(descriptor, &value, 1, off_t(offset)) == 1 else { throw failure("read the last line of") }
        return value
    }

    private func openDescriptor(flags: Int32, operation: String) throws(AnswersLogError) -> Int32 {
        let descriptor = url.path.withCString { open($0, flags, 0o644) }
        guard descriptor >= 0 else { throw failure(operation) }
        return descriptor
    }

    private func syncFolder(_ folder: URL) throws(AnswersLogError) {
        let descriptor = folder.path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw failure("open the folder of") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("sync the folder of") }
    }

    private func failure(_ operation: String) -> AnswersLogError {
        .io(file: url.path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
