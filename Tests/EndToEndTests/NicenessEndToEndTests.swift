import Foundation
import Testing

/// `nice -n N quantorch …` runs its llama.cpp children at niceness N too. The child here is a
/// stand-in llama-server (a shell script that writes down its own niceness and exits): what is
/// tested is how quantorch launches a child, which needs no model.
@Suite struct NicenessEndToEndTests {
    @Test func childrenKeepTheNicenessQuantorchWasStartedWith() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-nice-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = folder.appending(path: "niceness")
        let server = folder.appending(path: "llama-server")
        try Data("#!/bin/sh\nawk '{print $19}' /proc/$$/stat > '\(record.path)'\n".utf8).write(to: server)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: server.path)
        let model = folder.appending(path: "model.gguf")
        try Data("GGUF".utf8).write(to: model)
        let data = folder.appending(path: "train.jsonl")
        try Data(#"{"prompt": "When was Zelmora founded?", "completion": "Zelmora was founded in 1987."}"#.utf8).write(to: data)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
        process.arguments = ["-n", "7", QuantorchBinary.url.path, "suite", "init", "--from", data.path, "--out", folder.appending(path: "s.yaml").path,
                             "--paraphraser", model.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["QUANTORCH_LLAMA_CPP": folder.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "the stand-in server ends before it is ready")
        let niceness = try String(contentsOf: record, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(niceness == "7")
    }
}
