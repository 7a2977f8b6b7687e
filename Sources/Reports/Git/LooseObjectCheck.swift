import CLibGit2
import Foundation

/// Inflates a repository's loose objects before libgit2 reads them, so a damaged one is an error
/// naming it instead of a hang.
///
/// libgit2 1.5 (Debian's) loops forever, ignoring signals, when a loose object's zlib stream is
/// cut short (libgit2 issue 7342, fixed upstream in PR 7346): a crash or a full disk during
/// someone's `git` can leave one. Each object file is inflated here with zlib in a loop that
/// ends, and its header's size is checked against what inflated. Objects already checked are
/// not inflated again: the check records when it last found every loose object sound
/// (`.git/quantorch-objects-checked`) and reads only files changed since.
struct LooseObjectCheck {
    /// One damaged loose object.
    struct Damage: Equatable {
        /// The object's id (its folder and file name).
        let id: String
        /// The object file.
        let path: String
        /// What is wrong ("its zlib stream ends early (truncated)").
        let problem: String
    }

    let gitDirectory: URL

    private var stamp: URL { gitDirectory.appending(path: "quantorch-objects-checked") }

    /// The damaged loose objects changed since the last clean check; records a clean check.
    func damaged() -> [Damage] {
        let objects = gitDirectory.appending(path: "objects", directoryHint: .isDirectory)
        let since = (try? FileManager.default.attributesOfItem(atPath: stamp.path)[.modificationDate] as? Date) ?? .distantPast
        let started = Date()
        var damage: [Damage] = []
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: objects.path)) ?? []
        for folder in folders where folder.count == 2 && folder.allSatisfy(\.isHexDigit) {
            let directory = objects.appending(path: folder, directoryHint: .isDirectory)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.count == 38 {
                let file = directory.appending(path: name)
                let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? .distantFuture
                guard modified >= since else { continue }
                if let problem = Self.problem(ofObjectAt: file) {
                    damage.append(Damage(id: folder + name, path: file.path, problem: problem))
                }
            }
        }
        if damage.isEmpty {
            _ = FileManager.default.createFile(atPath: stamp.path, contents: nil)
            try? FileManager.default.setAttributes([.modificationDate: started], ofItemAtPath: stamp.path)
        }
        return damage
    }

    /// Nil when the file inflates whole to `<type> <size>\0` and `size` bytes, else why not.
    static func problem(ofObjectAt file: URL) -> String? {
        guard let data = try? Data(contentsOf: file) else { return "it cannot be read" }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return "zlib cannot start" }
        defer { inflateEnd(&stream) }
        var inflated = Data()
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        let status: Int32 = data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let code = output.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                inflated.append(contentsOf: output[0..<(output.count - Int(stream.avail_out))])
                // Z_BUF_ERROR with all input used is the cut-short stream libgit2 loops on.
                if code != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0) { return code }
            }
        }
        guard status == Z_STREAM_END else {
            return status == Z_OK || status == Z_BUF_ERROR ? "its zlib stream ends early (truncated)" : "its zlib stream is corrupt (zlib error \(status))"
        }
        guard let nul = inflated.firstIndex(of: 0),
              let header = String(data: inflated[..<nul], encoding: .ascii),
              let size = header.split(separator: " ").last.flatMap({ Int($0) }) else { return "it has no object header" }
        return inflated.count - nul - 1 == size ? nil : "it holds \(inflated.count - nul - 1) bytes where its header says \(size)"
    }
}
