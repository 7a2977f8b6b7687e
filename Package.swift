// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "QuantOrchestrator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quantorch", targets: ["quantorch"]),
        .executable(name: "verdict-simulation", targets: ["verdict-simulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // llama.cpp's tools as typed Swift: converter, quantizer, server, perplexity, bench, GGUF reader.
        .target(
            name: "LlamaTools",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The figure keys, one enum that Evaluation writes and Reports reads: a target of its own
        // because neither of the two may import the other.
        .target(name: "MetricKeys", swiftSettings: strict),
        // The suite, the runner over llama-server and the metrics. A module of its own so that
        // Reports provably never imports it (DESIGN.md: Reports renders what it is given).
        .target(
            name: "Evaluation",
            dependencies: [
                "LlamaTools", "MetricKeys",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        // report.json model, Markdown/HTML renderers, the results repository (libgit2), history, compare.
        .target(
            name: "Reports",
            dependencies: ["CLibGit2", "MetricKeys"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Recipe → plan → stages → report → results repository.
        .target(
            name: "QuantOrchestrator",
            dependencies: [
                "LlamaTools", "MetricKeys", "Evaluation", "Reports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "quantorch",
            dependencies: [
                "QuantOrchestrator", "MetricKeys", "Evaluation", "Reports", "LlamaTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The verdict rule's error rates by simulation (docs/VERDICT.md): a library the tests
        // read and a command that prints the table.
        .target(name: "VerdictSimulation", dependencies: ["Evaluation"], swiftSettings: strict),
        .executableTarget(name: "verdict-simulation", dependencies: ["VerdictSimulation"], swiftSettings: strict),
        .testTarget(name: "LlamaToolsTests", dependencies: ["LlamaTools"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "MetricKeysTests", dependencies: ["MetricKeys"], swiftSettings: strict),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "MetricKeys", "LlamaTools", "VerdictSimulation"], swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "MetricKeys", "CLibGit2"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "QuantOrchestratorTests", dependencies: ["QuantOrchestrator", "LlamaTools"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["QuantOrchestrator", "Reports", "LlamaTools"], swiftSettings: strict),
    ]
)
