import Foundation
import Testing
@testable import LlamaTools

/// The two readings of a server's GPU memory. This machine has no GPU: nvidia-smi is a
/// stand-in script printing the query's real format, and the CUDA log lines are llama.cpp's
/// format strings filled in (the real server's CPU lines are checked against a real launch).
@Suite struct GPUMemoryTests {
    static let mebibyte = 1_048_576

    // `nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits`: one line
    // per process and GPU, "<pid>, <MiB>".
    static let computeApps = """
    48213, 1530
    48213, 912
    50117, 20480
    51002, [N/A]

    """

    @Test func nvidiaSMIsLinesForThePIDAreSummedOverItsGPUs() {
        #expect(NvidiaSMIComputeApps.usedBytes(processID: 48213, inCSV: Self.computeApps) == (1530 + 912) * Self.mebibyte)
        #expect(NvidiaSMIComputeApps.usedBytes(processID: 50117, inCSV: Self.computeApps) == 20480 * Self.mebibyte)
    }

    @Test func aPIDNvidiaSMIDoesNotListOrGivesNoFigureForIsNil() {
        #expect(NvidiaSMIComputeApps.usedBytes(processID: 4821, inCSV: Self.computeApps) == nil)
        #expect(NvidiaSMIComputeApps.usedBytes(processID: 51002, inCSV: Self.computeApps) == nil)
        #expect(NvidiaSMIComputeApps.usedBytes(processID: 48213, inCSV: "") == nil)
    }

    /// A folder on `PATH` holding an nvidia-smi that prints `output` for the query (and fails
    /// for any other arguments) and exits with `status`.
    static func fakeNvidiaSMI(printing output: String, status: Int = 0) throws -> URL {
        let folder = try makeTemporaryFolder("nvidia-smi")
        let script = """
        #!/bin/sh
        [ "$*" = "\(NvidiaSMIComputeApps.arguments.joined(separator: " "))" ] || exit 64
        printf '%s' '\(output)'
        exit \(status)

        """
        let url = folder.appending(path: "nvidia-smi")
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return folder
    }

    @Test func nvidiaSMIOnPathIsRunWithTheQuery() async throws {
        let folder = try Self.fakeNvidiaSMI(printing: Self.computeApps)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = await NvidiaSMIComputeApps.usedBytes(processID: 50117, environment: ["PATH": "/nonexistent:\(folder.path)"])
        #expect(bytes == 20480 * Self.mebibyte)
    }

    @Test func withoutNvidiaSMIOrWhenItFailsThereIsNoFigure() async throws {
        #expect(await NvidiaSMIComputeApps.usedBytes(processID: 50117, environment: ["PATH": "/nonexistent"]) == nil)
        let failing = try Self.fakeNvidiaSMI(printing: Self.computeApps, status: 9)
        defer { try? FileManager.default.removeItem(at: failing) }
        #expect(await NvidiaSMIComputeApps.usedBytes(processID: 50117, environment: ["PATH": failing.path]) == nil)
    }

    // A CUDA load as llama-server logs it at -lv 4: the format strings quoted in
    // ServerLogDeviceBuffers, filled in with two GPUs' KV caches and the pinned host buffers
    // (CUDA_Host) that stay in system memory, plus the debug line that must not count.
    static let cudaLoad = """
    0.00.412.121 I load_tensors: offloaded 31/31 layers to GPU
    0.00.412.190 I load_tensors:        CUDA0 model buffer size =    92.10 MiB
    0.00.412.191 I load_tensors:   CPU_Mapped model buffer size =    20.25 MiB
    0.00.601.598 I llama_context:  CUDA_Host  output buffer size =     0.38 MiB
    0.00.601.820 I llama_kv_cache:      CUDA0 KV buffer size =    45.00 MiB
    0.00.601.821 I llama_kv_cache:      CUDA1 KV buffer size =    45.00 MiB
    0.00.637.827 I sched_reserve:      CUDA0 compute buffer size =    97.51 MiB
    0.00.637.830 I sched_reserve:  CUDA_Host compute buffer size =     5.52 MiB
    0.00.637.831 D sched_reserve:      CUDA0 compute buffer size is  97.5137 MiB, matches expectation of  97.5137 MiB

    """

    @Test func theCUDADeviceBuffersOfALoadAreSummed() {
        let expected = Int(((92.10 + 45.00 + 45.00 + 97.51) * Double(Self.mebibyte)).rounded())
        #expect(ServerLogDeviceBuffers.deviceBytes(inLog: Self.cudaLoad) == expected)
    }

    @Test func aLogAppendedByTwoLaunchesCountsTheLastOne() {
        let second = """
        0.00.400.000 I load_tensors:        CUDA0 model buffer size =    50.00 MiB
        0.00.600.000 I llama_kv_cache:      CUDA0 KV buffer size =    10.00 MiB

        """
        #expect(ServerLogDeviceBuffers.deviceBytes(inLog: Self.cudaLoad + second) == 60 * Self.mebibyte)
    }

    @Test func aLoadWithoutDeviceBuffersHasNoFigure() {
        let cpu = Self.cudaLoad.split(separator: "\n").filter { !$0.contains("CUDA0") && !$0.contains("CUDA1") }.joined(separator: "\n")
        #expect(ServerLogDeviceBuffers.deviceBytes(inLog: cpu) == nil)
        #expect(ServerLogDeviceBuffers.deviceBytes(inLog: "") == nil)
    }

    @Test func theFallbackReadsTheLogWhenNvidiaSMIHasNoFigure() async throws {
        let folder = try makeTemporaryFolder("gpu-log")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "server.log")
        try Data(Self.cudaLoad.utf8).write(to: log)
        let fromLog = await GPUMemory.read(processID: 50117, logFile: log, environment: ["PATH": "/nonexistent"])
        #expect(fromLog?.source == .serverLog)
        #expect(fromLog?.bytes == ServerLogDeviceBuffers.deviceBytes(inLog: Self.cudaLoad))
        let smi = try Self.fakeNvidiaSMI(printing: Self.computeApps)
        defer { try? FileManager.default.removeItem(at: smi) }
        let fromSMI = await GPUMemory.read(processID: 50117, logFile: log, environment: ["PATH": smi.path])
        #expect(fromSMI == GPUMemoryReading(bytes: 20480 * Self.mebibyte, source: .nvidiaSMI))
        #expect(await GPUMemory.read(processID: 50117, logFile: folder.appending(path: "absent.log"), environment: ["PATH": "/nonexistent"]) == nil)
    }
}

/// The real llama-server's buffer lines, from a launch with `verbosityArguments`: on this CPU
/// build they name host buffers only, so the parser must find them and count none as VRAM.
@Suite(.enabled(if: ServerTestSupport.available, "needs scripts/bootstrap"))
struct GPUMemoryServerLogTests {
    @Test(.timeLimit(.minutes(3)))
    func aRealCPULoadLogsItsBuffersAndNoVRAM() async throws {
        var configuration = ServerTestSupport.configuration("gpu-memory")
        configuration.gpuLayers = 99
        configuration.extraArguments = ServerLogDeviceBuffers.verbosityArguments
        let logFile = configuration.logFile
        let reading = try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            await GPUMemory.read(processID: server.processID, logFile: logFile)
        }
        let log = try String(contentsOf: logFile, encoding: .utf8)
        let load = ServerLogDeviceBuffers.lastLoad(inLog: log)
        #expect(Set(load.map(\.kind)).isSuperset(of: ["model", "KV", "compute"]), "\(load)")
        #expect(load.allSatisfy { $0.type.hasPrefix("CPU") && $0.mebibytes > 0 }, "\(load)")
        #expect(reading == nil)
    }
}
