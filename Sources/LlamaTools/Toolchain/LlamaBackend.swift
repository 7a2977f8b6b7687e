import Foundation

/// Which ggml backend a llama.cpp build computes on: the CPU only, or NVIDIA GPUs through CUDA.
///
/// `scripts/bootstrap` records it in `toolchain.json` (`llama_cpp_backend`); for a toolchain
/// the bootstrap did not build it is read from the binaries' folder.
public enum LlamaBackend: String, Sendable, Codable, CaseIterable {
    /// ggml's CPU backend only; `-ngl` is ignored with a warning in the server's log.
    case cpu
    /// ggml's CUDA backend is built in; `-ngl N` puts N layers on the GPU.
    case cuda

    /// ggml's CUDA backend library. CMake writes it next to the binaries whether it is linked
    /// (`BUILD_SHARED_LIBS`, llama.cpp's default) or loaded at run time (`GGML_BACKEND_DL`).
    static let cudaLibrary = "libggml-cuda.so"

    /// The backend of the build whose binaries are in `folder`: `.cuda` when ggml's CUDA
    /// library is there, else `.cpu` (which includes a statically linked CUDA build, which
    /// leaves no such file; the bootstrap never builds one).
    public static func detect(binariesIn folder: URL) -> LlamaBackend {
        FileManager.default.fileExists(atPath: folder.appending(path: cudaLibrary).path) ? .cuda : .cpu
    }
}
