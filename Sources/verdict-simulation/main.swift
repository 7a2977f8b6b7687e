import Foundation
import VerdictSimulation

// `verdict-simulation [--trials N] [--seed S] [--json]`: the verdict rule's P(CLOSE) per cell
// (VerdictSimulation); docs/VERDICT.md carries its table. Exit 1 when a controlled cell beyond
// its margin is CLOSE more than 5 % of the time.
var arguments = Array(CommandLine.arguments.dropFirst())
var simulation = VerdictSimulation()
var json = false
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--json": json = true
    case "--help", "-h":
        print("""
            usage: verdict-simulation [--trials N] [--seed S] [--json]
            The verdict rule's P(CLOSE) for variants of known truth at 12 to 200 questions (docs/VERDICT.md).
              --trials N  variants judged per cell (default 2000)
              --seed S    the seed of every draw, a whole number (default 20261207)
              --json      the cells as one JSON object
            Exits 1 when a controlled cell beyond its margin is CLOSE more than 5 % of the time.
            """)
        exit(0)
    case "--trials":
        guard let text = arguments.first, let value = Int(text), value > 0 else {
            FileHandle.standardError.write(Data("verdict-simulation: --trials expects a positive whole number, the variants judged per cell\n".utf8))
            exit(2)
        }
        arguments.removeFirst()
        simulation.trials = value
    case "--seed":
        guard let text = arguments.first, let value = UInt64(text) else {
            FileHandle.standardError.write(Data("verdict-simulation: --seed expects a whole number from 0 to 2^64 − 1\n".utf8))
            exit(2)
        }
        arguments.removeFirst()
        simulation.seed = value
    default:
        FileHandle.standardError.write(Data("verdict-simulation: unknown argument \(argument) (expected --trials N, --seed S, --json, --help)\n".utf8))
        exit(2)
    }
}
let cells = simulation.run()
if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(Output(trials: simulation.trials, seed: simulation.seed, cells: cells)), as: UTF8.self))
} else {
    print(VerdictSimulation.table(cells))
}
let violations = cells.filter { $0.controlled && $0.relation == "beyond" && $0.close > 0.05 }
if !violations.isEmpty {
    FileHandle.standardError.write(Data("verdict-simulation: \(violations.count) controlled cells beyond the margin are CLOSE more than 5 % of the time\n".utf8))
    exit(1)
}

struct Output: Encodable {
    var trials: Int
    var seed: UInt64
    var cells: [VerdictSimulation.Cell]
}
