/// A ggml tensor element type as stored in a GGUF tensor table (`enum ggml_type` in
/// llama.cpp's `ggml/include/ggml.h`), with the block layout from `ggml/src/ggml.c`'s
/// `type_traits` table: `blockSize` weights are stored in `typeSize` bytes.
public struct GGMLType: Sendable, Equatable {
    /// The numeric id in the file.
    public let id: UInt32
    /// ggml's own name (`ggml_type_name`): "f16", "q8_0", "q4_K" …; "type <id>" when this
    /// build does not know the id (a newer llama.cpp, or a removed type).
    public let name: String
    /// Weights per block; nil for an unknown id.
    public let blockSize: Int?
    /// Bytes per block; nil for an unknown id.
    public let typeSize: Int?
    /// False for plain number formats (f32, f16, bf16, f64 and the integer types); true for
    /// block-quantized types and for unknown ids (which are never plain formats in ggml).
    public let isQuantized: Bool

    /// The type for an id read from a file.
    public init(id: UInt32) {
        self.id = id
        if let known = Self.table[id] {
            (name, blockSize, typeSize, isQuantized) = (known.name, known.block, known.bytes, known.quantized)
        } else {
            (name, blockSize, typeSize, isQuantized) = ("type \(id)", nil, nil, true)
        }
    }

    /// Block bits per weight (typeSize·8 / blockSize): q8_0 8.5, q4_K 4.5; nil for an unknown id.
    public var bitsPerWeight: Double? {
        guard let blockSize, let typeSize else { return nil }
        return Double(typeSize * 8) / Double(blockSize)
    }

    /// The type with ggml's name `name` (exact spelling, e.g. "q4_K"), if this build knows it.
    public static func named(_ name: String) -> GGMLType? {
        table.first { $0.value.name == name }.map { GGMLType(id: $0.key) }
    }

    /// The type whose ggml name is `name` in any case ("Q6_K", "q6_k"), as llama-quantize's
    /// `--tensor-type` reads it; nil when this build knows no such type.
    public static func named(ignoringCase name: String) -> GGMLType? {
        table.first { $0.value.name.lowercased() == name.lowercased() }.map { GGMLType(id: $0.key) }
    }

    /// Bytes of a row of `columns` weights; nil when the row is not a whole number of blocks
    /// or the type is unknown.
    public func rowBytes(columns: Int) -> Int? {
        guard let blockSize, let typeSize, columns % blockSize == 0 else { return nil }
        return columns / blockSize * typeSize
    }

    private typealias Entry = (name: String, block: Int, bytes: Int, quantized: Bool)

    /// Sizes are the `sizeof(block_*)` static_asserts of `ggml/src/ggml-common.h` (QK_K = 256).
    /// Ids 4, 5, 31–33 and 36–38 were removed from ggml and are absent on purpose.
    private static let table: [UInt32: Entry] = [
        0: ("f32", 1, 4, false), 1: ("f16", 1, 2, false),
        2: ("q4_0", 32, 18, true), 3: ("q4_1", 32, 20, true),
        6: ("q5_0", 32, 22, true), 7: ("q5_1", 32, 24, true),
        8: ("q8_0", 32, 34, true), 9: ("q8_1", 32, 36, true),
        10: ("q2_K", 256, 84, true), 11: ("q3_K", 256, 110, true), 12: ("q4_K", 256, 144, true),
        13: ("q5_K", 256, 176, true), 14: ("q6_K", 256, 210, true), 15: ("q8_K", 256, 292, true),
        16: ("iq2_xxs", 256, 66, true), 17: ("iq2_xs", 256, 74, true), 18: ("iq3_xxs", 256, 98, true),
        19: ("iq1_s", 256, 50, true), 20: ("iq4_nl", 32, 18, true), 21: ("iq3_s", 256, 110, true),
        22: ("iq2_s", 256, 82, true), 23: ("iq4_xs", 256, 136, true),
        24: ("i8", 1, 1, false), 25: ("i16", 1, 2, false), 26: ("i32", 1, 4, false),
        27: ("i64", 1, 8, false), 28: ("f64", 1, 8, false),
        29: ("iq1_m", 256, 56, true), 30: ("bf16", 1, 2, false),
        34: ("tq1_0", 256, 54, true), 35: ("tq2_0", 256, 66, true),
        39: ("mxfp4", 32, 17, true), 40: ("nvfp4", 64, 36, true),
        41: ("q1_0", 128, 18, true), 42: ("q2_0", 64, 18, true),
    ]
}
