import Foundation
import Testing
@testable import LlamaTools

/// The recipe's `server.gpu_layers` reaches llama-server as `-ngl`, checked on the command
/// line without starting a server.
@Suite struct ServerArgumentsTests {
    @Test(arguments: [0, 99])
    func gpuLayersBecomeNGL(layers: Int) throws {
        let configuration = ServerConfiguration(model: URL(fileURLWithPath: "/models/a.gguf"), gpuLayers: layers,
                                                logFile: URL(fileURLWithPath: "/tmp/server.log"))
        let arguments = configuration.arguments(port: 8080)
        let flag = try #require(arguments.firstIndex(of: "-ngl"), "\(arguments)")
        #expect(arguments.indices.contains(flag + 1) && arguments[flag + 1] == String(layers), "\(arguments)")
        #expect(arguments.filter { $0 == "-ngl" }.count == 1)
    }
}
