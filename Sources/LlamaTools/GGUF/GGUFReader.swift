import Crypto
import Foundation

/// Little-endian reads from the start of a file through a FileHandle, one buffered chunk at a
/// time, so that only the header is read, never the tensor data.
///
/// Every read checks first that the bytes exist before the end of the file and throws
/// `GGUFError.truncated` naming what was being read; skips seek without reading. The
/// FileHandle closes the file when the reader goes away.
struct GGUFReader {
    let path: String
    /// Size of the file in bytes, taken when it was opened.
    let fileSize: UInt64
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var bufferStart: UInt64 = 0
    private var cursor = 0

    /// Bytes fetched from the file per refill (the header of a small model is a few MB).
    private static let chunkSize = 1 << 20

    init(url: URL) throws(GGUFError) {
        path = url.path
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard (attributes[.type] as? FileAttributeType) != .typeDirectory else {
                throw GGUFError.unreadable(path: url.path, reason: "it is a directory")
            }
            fileSize = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            handle = try FileHandle(forReadingFrom: url)
        } catch let error as GGUFError {
            throw error
        } catch {
            throw .unreadable(path: url.path, reason: Self.reason(error))
        }
    }

    /// Current position in the file, in bytes.
    var offset: UInt64 { bufferStart + UInt64(cursor) }
    /// Bytes between the current position and the end of the file.
    var remaining: UInt64 { fileSize - offset }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int, for what: @autoclosure () -> String) throws(GGUFError) -> ArraySlice<UInt8> {
        guard count >= 0, UInt64(count) <= remaining else {
            throw .truncated(path: path, offset: offset, what: what())
        }
        if buffer.count - cursor < count { try refill(atLeast: count) }
        defer { cursor += count }
        return buffer[cursor ..< cursor + count]
    }

    /// Moves past `count` bytes without reading them.
    mutating func skip(_ count: UInt64, for what: @autoclosure () -> String) throws(GGUFError) {
        guard count <= remaining else { throw .truncated(path: path, offset: offset, what: what()) }
        let inBuffer = UInt64(buffer.count - cursor)
        if count <= inBuffer {
            cursor += Int(count)
        } else {
            bufferStart = offset + count
            buffer = []
            cursor = 0
        }
    }

    mutating func uint8(_ what: @autoclosure () -> String) throws(GGUFError) -> UInt8 {
        try bytes(1, for: what()).first!
    }

    mutating func uint16(_ what: @autoclosure () -> String) throws(GGUFError) -> UInt16 {
        UInt16(truncatingIfNeeded: littleEndian(try bytes(2, for: what())))
    }

    mutating func uint32(_ what: @autoclosure () -> String) throws(GGUFError) -> UInt32 {
        UInt32(truncatingIfNeeded: littleEndian(try bytes(4, for: what())))
    }

    mutating func uint64(_ what: @autoclosure () -> String) throws(GGUFError) -> UInt64 {
        littleEndian(try bytes(8, for: what()))
    }

    /// A GGUF string: a uint64 byte length, then that many UTF-8 bytes (invalid sequences are
    /// replaced, as a reader of metadata should not fail on a mangled name).
    mutating func string(_ what: @autoclosure () -> String) throws(GGUFError) -> String {
        let length = try uint64("the length of \(what())")
        guard length <= remaining else {
            throw .corrupt(path: path, what: "\(what()) claims \(length) bytes but only \(remaining) follow (the file is cut short or corrupt)")
        }
        return String(decoding: try bytes(Int(length), for: what()), as: UTF8.self)
    }

    /// Moves past a GGUF string without decoding it.
    mutating func skipString(_ what: @autoclosure () -> String) throws(GGUFError) {
        let length = try uint64("the length of \(what())")
        try skip(length, for: what())
    }

    /// Feeds the next `count` bytes, exactly as stored, to `hasher`, a buffer at a time, so
    /// that a multi-megabyte array is hashed without being copied out.
    mutating func hash(_ count: UInt64, into hasher: inout SHA256, for what: @autoclosure () -> String) throws(GGUFError) {
        guard count <= remaining else { throw .truncated(path: path, offset: offset, what: what()) }
        var left = count
        while left > 0 {
            let piece = Int(min(left, UInt64(Self.chunkSize)))
            hasher.update(data: try bytes(piece, for: what()))
            left -= UInt64(piece)
        }
    }

    /// Feeds a GGUF string as stored (its 8-byte little-endian length, then its bytes) to
    /// `hasher`, without decoding it.
    mutating func hashString(into hasher: inout SHA256, for what: @autoclosure () -> String) throws(GGUFError) {
        let prefix = try bytes(8, for: "the length of \(what())")
        hasher.update(data: prefix)
        let length = littleEndian(prefix)
        guard length <= remaining else {
            throw .corrupt(path: path, what: "\(what()) claims \(length) bytes but only \(remaining) follow (the file is cut short or corrupt)")
        }
        try hash(length, into: &hasher, for: what())
    }

    private mutating func refill(atLeast count: Int) throws(GGUFError) {
        let start = offset
        let wanted = Int(min(UInt64(max(count, Self.chunkSize)), fileSize - start))
        let data: Data
        do {
            try handle.seek(toOffset: start)
            data = try handle.read(upToCount: wanted) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
        guard data.count >= count else {
            throw .truncated(path: path, offset: start + UInt64(data.count), what: "the rest of the header (the file shrank while being read)")
        }
        buffer = [UInt8](data)
        bufferStart = start
        cursor = 0
    }

    private func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
