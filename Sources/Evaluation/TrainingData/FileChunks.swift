import Foundation

/// A file read front to back in fixed-size chunks, so that memory does not grow with the file.
struct FileChunks {
    /// Large enough that a read costs little next to decoding its records, small enough to stay
    /// out of the way of the rest of the process's memory.
    static let size = 1 << 20

    private let handle: FileHandle
    private let file: String

    /// Opens `url`; `file` names it in errors.
    init(url: URL, file: String) throws(TrainingDataError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .unreadable(file: file, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw .unreadable(file: file, reason: "it is a folder, not a file") }
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
        self.file = file
    }

    /// The next chunk, or `nil` at the end of the file.
    func next() throws(TrainingDataError) -> [UInt8]? {
        do {
            guard let data = try handle.read(upToCount: Self.size), !data.isEmpty else { return nil }
            return [UInt8](data)
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
    }
}
