import Crypto
import Foundation

/// SHA-256 of files and data, as lower-case hex (64 characters).
///
/// Files are read in 4 MiB pieces, so a multi-gigabyte GGUF never sits in memory.
public enum FileDigest {
    /// SHA-256 of the file's bytes.
    /// - Throws: the error of opening or reading the file.
    public static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// SHA-256 of `data`.
    public static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
