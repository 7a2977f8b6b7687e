import Foundation
import Testing

/// scripts/cpu-probe.c decides which -march=native extensions the llama.cpp build turns off, so
/// it must tell an extension that executes from one that does not, on this very CPU.
@Suite struct CPUProbeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The CPU's flags as /proc/cpuinfo lists them ("avx512_bf16", "amx_tile" …).
    static func cpuFlags() throws -> Set<String> {
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        return Set(line.split(separator: ":", maxSplits: 1)[1].split(separator: " ").map(String.init))
    }

    static func probe(_ features: [String]) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-cpu-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appending(path: "cpu-probe")
        try run("/usr/bin/cc", ["-O1", "-o", binary.path, root.appending(path: "scripts/cpu-probe.c").path])
        var verdicts: [String: String] = [:]
        for line in try run(binary.path, features).split(separator: "\n") {
            let parts = line.split(separator: " ")
            verdicts[String(parts[0])] = String(parts[1])
        }
        return verdicts
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try runCapturingOutput(URL(fileURLWithPath: executable), arguments)
        #expect(status == 0, "\(executable) \(arguments): \(output)")
        return output
    }

    @Test func advertisedBaseExtensionsRunAndUnadvertisedOnesAreCaught() throws {
        let flags = try Self.cpuFlags()
        // The probe's name of each extension and the name /proc/cpuinfo gives it.
        let known = ["avx": "avx", "avx2": "avx2", "fma": "fma", "f16c": "f16c", "avx512f": "avx512f",
                     "avx512bw": "avx512bw", "avx512vnni": "avx512_vnni", "avx512bf16": "avx512_bf16",
                     "avxvnni": "avx_vnni", "amx-tile": "amx_tile", "amx-int8": "amx_int8", "amx-bf16": "amx_bf16"]
        let verdicts = try Self.probe(known.keys.sorted())
        for (probe, cpuinfo) in known {
            let verdict = try #require(verdicts[probe], "no verdict for \(probe)")
            if !flags.contains(cpuinfo) {
                // An instruction the CPU does not have must never be reported as runnable: that
                // is what keeps -march=native from enabling a kernel that dies with SIGILL.
                #expect(verdict != "ok", "\(probe) is not in /proc/cpuinfo but the probe says it runs")
            } else if !probe.hasPrefix("amx") {
                // Outside AMX (which needs a permission a VM may refuse) an advertised extension runs.
                #expect(verdict == "ok", "\(probe) is advertised but the probe says \(verdict)")
            }
        }
    }

    @Test func anExtensionWithoutAProbeIsUnknownNotOk() throws {
        #expect(try Self.probe(["sse9"]) == ["sse9": "unknown"])
    }
}
