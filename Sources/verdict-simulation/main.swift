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
    case "--trials", "--seed":
        guard let text = arguments.first, let value = UInt64(text), value > 0 else {
            FileHandle.standardError.write(Data("verdict-simulation: \(argument) expects a positive whole number\n".utf8))
            exit(2)
        }
        arguments.removeFirst()
        if argument == "--trials" { simulation.trials = Int(value) } else { simulation.seed = value }
    default:
        FileHandle.standardError.write(Data("verdict-simulation: unknown argument \(argument) (expected --trials N, --seed S, --json)\n".utf8))
        exit(2)
    }
}
let cells = simulation.run()
if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let object = ["trials": simulation.trials, "seed": Int(simulation.seed)] as [String: Int]
    print(String(decoding: try encoder.encode(Output(settings: object, cells: cells)), as: UTF8.self))
} else {
    print(VerdictSimulation.table(cells))
}
let violations = cells.filter { $0.controlled && $0.relation == "beyond" && $0.close > 0.05 }
if !violations.isEmpty {
    FileHandle.standardError.write(Data("verdict-simulation: \(violations.count) controlled cells beyond the margin are CLOSE more than 5 % of the time\n".utf8))
    exit(1)
}

struct Output: Encodable {
    var settings: [String: Int]
    var cells: [VerdictSimulation.Cell]
}
