import Foundation

/// Temporary files for one test, and the repository's own files.
enum TestFiles {
    /// A fresh folder under the system's temporary folder.
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appending(path: "qo-evaluation-tests-\(ProcessInfo.processInfo.processIdentifier)/\(name)-\(UUID().uuidString)",
                       directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `lines` joined by newlines as `name` in a fresh folder.
    static func write(_ lines: [String], name: String = "suite.yaml") throws -> URL {
        let url = try folder("file").appending(path: name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    /// The package root (this file is Tests/EvaluationTests/TestFiles.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// recipes/general-suite.yaml.
    static let generalSuite = packageRoot.appending(path: "recipes/general-suite.yaml")
}
