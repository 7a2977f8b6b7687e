import Crypto
import Foundation

/// What a GGUF model file says about itself, read from its header and tensor table only
/// (a few MB at most, through a FileHandle; the tensor data is never loaded).
///
/// Follows the GGUF format as llama.cpp's `ggml/src/gguf.cpp` reads it (v2 and v3, little-endian):
/// magic, version, tensor count, metadata count, the metadata key/value pairs (every value type,
/// arrays included, is parsed so that what follows is found), then one entry per tensor (name,
/// shape, ggml type, data offset). The tensor data must fit in the file, so a file cut short
/// anywhere is reported as truncated.
///
/// The tokenizer's arrays are hashed as they are read (`tokenizer`), never kept: reading stays a
/// single pass over the header.
///
/// ```swift
/// let info = try GGUFInfo.read(URL(fileURLWithPath: "SmolLM2-135M-Instruct.Q4_1.gguf"))
/// info.architecture    // "llama"
/// info.parameterCount  // 134,515,008
/// info.bitsPerWeight   // 5.85 (file bits / parameters, metadata included)
/// ```
public struct GGUFInfo: Sendable, Equatable {
    /// GGUF format version (2 or 3).
    public var version: Int
    /// `general.architecture` ("llama", "qwen2" …).
    public var architecture: String?
    /// `general.name` (the converter takes it from the checkpoint's folder name).
    public var name: String?
    /// Number of tensors in the tensor table.
    public var tensorCount: Int
    /// Sum of the element counts of all tensors (weights, norms and embeddings alike).
    public var parameterCount: Int
    /// ggml type name (as `ggml_type_name` spells it: "f16", "q8_0", "q4_K") → number of tensors of that type.
    public var tensorTypes: [String: Int]
    /// `general.file_type`: llama.cpp's `enum llama_ftype` (1 = F16, 7 = Q8_0, 15 = Q4_K_M …), when recorded.
    public var fileType: Int?
    /// `<architecture>.context_length`: the context the model was trained for, in tokens.
    public var contextLength: Int?
    /// `tokenizer.chat_template`: the Jinja template llama-server applies to chat requests;
    /// nil when absent or empty (the server then falls back to its default).
    public var chatTemplate: String?
    /// Whether `tokenizer.chat_template` is present and not empty.
    public var hasChatTemplate: Bool { chatTemplate != nil }
    /// Size of the whole file in bytes.
    public var fileSizeBytes: Int
    /// File size in bits over `parameterCount`: what a weight costs on disk, metadata included.
    /// Above the quant type's nominal bpw when some tensors stay at higher precision.
    public var bitsPerWeight: Double
    /// Whether any tensor has a block-quantized ggml type (anything but f32, f16, bf16, f64 and
    /// integers); llama-quantize needs `--allow-requantize` for such an input.
    public var isQuantized: Bool
    /// Every tensor of the tensor table, in file order.
    public var tensors: [GGUFTensor]
    /// Entries of `tokenizer.ggml.tokens` (the vocabulary llama.cpp loads), when present.
    public var vocabularySize: Int?
    /// The tokenizer reduced to comparable values (model, pre-tokenizer, hashes of its arrays);
    /// nil when the file has no `tokenizer.ggml.tokens`. `GGUFCompatibility` compares it.
    public var tokenizer: TokenizerIdentity?
    /// `<architecture>.block_count`: the number of transformer layers, when recorded.
    public var blockCount: Int?
    /// `<architecture>.attention.head_count` and `.head_count_kv` (grouped-query attention shares
    /// one KV head among head_count / head_count_kv query heads), when recorded as scalars.
    public var headCount: Int?
    /// See `headCount`.
    public var headCountKV: Int?
    /// Bytes before the tensor data (header, metadata, tensor table and alignment padding).
    public var dataOffset: Int

    /// Reads the header and tensor table of `url`.
    /// - Throws: `GGUFError`: `.unreadable` (missing, a directory, no permission), `.notGGUF`
    ///   (wrong magic), `.unsupportedVersion`, `.truncated` (the header or the tensor data
    ///   extends past the end of the file), `.corrupt` (a count, length, type or shape no valid
    ///   file has), `.noTensors`. Counts and lengths are checked against the bytes left in the
    ///   file before anything is allocated, so a corrupt file cannot make it allocate gigabytes.
    public static func read(_ url: URL) throws(GGUFError) -> GGUFInfo {
        var reader = try GGUFReader(url: url)
        let path = reader.path
        guard reader.fileSize >= 4 else {
            throw .notGGUF(path: path, found: "only \(reader.fileSize) bytes")
        }
        let magic = try reader.bytes(4, for: "the magic")
        guard Array(magic) == Array("GGUF".utf8) else { throw .notGGUF(path: path, found: describe(magic)) }
        let version = try reader.uint32("the format version")
        guard version == 2 || version == 3 else { throw .unsupportedVersion(path: path, version: version) }
        let tensorCount = try reader.uint64("the tensor count")
        let metadataCount = try reader.uint64("the metadata count")
        // A tensor entry takes at least 24 bytes (name length, dimension count, type, offset),
        // a metadata entry at least 13 (key length, type tag, one byte of value).
        try requireFits(tensorCount, of: 24, "tensor count", reader)
        try requireFits(metadataCount, of: 13, "metadata count", reader)

        var metadata = Metadata()
        for index in 0 ..< metadataCount {
            let key = try reader.string("the key of metadata entry \(index)")
            let tag = try reader.uint32("the value type of metadata \"\(key)\"")
            guard let type = GGUFValueType(rawValue: tag) else {
                throw .corrupt(path: path, what: "metadata \"\(key)\" has the unknown value type \(tag)")
            }
            try metadata.read(type, key: key, from: &reader)
        }

        var tensors = TensorTable()
        for index in 0 ..< tensorCount {
            try tensors.readEntry(index, from: &reader)
        }
        guard tensorCount > 0 else { throw .noTensors(path: path) }

        let alignment = metadata.integers["general.alignment"] ?? 32
        guard alignment > 0, alignment.nonzeroBitCount == 1 else {
            throw .corrupt(path: path, what: "general.alignment is \(alignment), expected a power of two")
        }
        let dataStart = (reader.offset + UInt64(alignment) - 1) / UInt64(alignment) * UInt64(alignment)
        if let last = tensors.lastByte {
            let (end, overflow) = dataStart.addingReportingOverflow(last.end)
            guard !overflow, end <= reader.fileSize else {
                throw .truncated(path: path, offset: overflow ? .max : end, what: "the end of the data of tensor \"\(last.tensor)\" (the file has \(reader.fileSize) bytes)")
            }
        }
        guard let parameterCount = Int(exactly: tensors.elements), parameterCount > 0 else {
            throw .corrupt(path: path, what: "the tensors hold \(tensors.elements) elements in all")
        }
        let architecture = metadata.strings["general.architecture"]
        return GGUFInfo(
            version: Int(version), architecture: architecture, name: metadata.strings["general.name"],
            tensorCount: Int(tensorCount), parameterCount: parameterCount, tensorTypes: tensors.typeCounts,
            fileType: metadata.integers["general.file_type"],
            contextLength: architecture.flatMap { metadata.integers["\($0).context_length"] },
            chatTemplate: metadata.strings["tokenizer.chat_template"].flatMap { $0.isEmpty ? nil : $0 },
            fileSizeBytes: Int(reader.fileSize),
            bitsPerWeight: Double(reader.fileSize) * 8 / Double(parameterCount),
            isQuantized: tensors.anyQuantized, tensors: tensors.entries,
            vocabularySize: metadata.arrayLengths[TokenizerIdentity.Key.tokens],
            tokenizer: TokenizerIdentity(strings: metadata.strings, lengths: metadata.arrayLengths, digests: metadata.arrayDigests),
            blockCount: architecture.flatMap { metadata.integers["\($0).block_count"] },
            headCount: architecture.flatMap { metadata.integers["\($0).attention.head_count"] },
            headCountKV: architecture.flatMap { metadata.integers["\($0).attention.head_count_kv"] },
            dataOffset: Int(dataStart))
    }

    private static func requireFits(_ count: UInt64, of minimumBytes: UInt64, _ what: String, _ reader: GGUFReader) throws(GGUFError) {
        guard count <= reader.remaining / minimumBytes else {
            throw .corrupt(path: reader.path, what: "the \(what) is \(count), more than the \(reader.remaining) bytes left in the file could hold (the file is cut short or corrupt)")
        }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// The first bytes of a non-GGUF file, as text when printable, else as hex.
    private static func describe(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ (0x20 ..< 0x7F).contains($0) }) {
            return "\"\(String(decoding: bytes, as: UTF8.self))\""
        }
        return "0x" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// The metadata values this reader uses: scalar strings and integers by key, and the
    /// SHA-256 of the tokenizer's arrays. Everything else (floats, booleans, other arrays) is
    /// parsed and skipped.
    private struct Metadata {
        var strings: [String: String] = [:]
        var integers: [String: Int] = [:]
        /// Element counts of top-level arrays by key (the vocabulary's size, for one).
        var arrayLengths: [String: Int] = [:]
        /// SHA-256 (hex) of the elements of the arrays in `hashedArrays`, as stored.
        var arrayDigests: [String: String] = [:]

        /// The arrays `TokenizerIdentity` is made of, hashed while they stream past rather than
        /// kept: a 150k vocabulary is a few MB of strings.
        private static let hashedArrays: Set = [
            TokenizerIdentity.Key.tokens, TokenizerIdentity.Key.merges,
            TokenizerIdentity.Key.scores, TokenizerIdentity.Key.tokenTypes,
        ]

        /// Arrays of arrays are legal GGUF; deeper nesting than this is taken as corruption.
        private static let maximumNesting = 8

        mutating func read(_ type: GGUFValueType, key: String, from reader: inout GGUFReader) throws(GGUFError) {
            let what = "the value of metadata \"\(key)\""
            switch type {
            case .string:
                strings[key] = try reader.string(what)
            case .uint8: integers[key] = Int(try reader.uint8(what))
            case .int8: integers[key] = Int(Int8(bitPattern: try reader.uint8(what)))
            case .uint16: integers[key] = Int(try reader.uint16(what))
            case .int16: integers[key] = Int(Int16(bitPattern: try reader.uint16(what)))
            case .uint32: integers[key] = Int(try reader.uint32(what))
            case .int32: integers[key] = Int(Int32(bitPattern: try reader.uint32(what)))
            case .uint64: integers[key] = Int(exactly: try reader.uint64(what))
            case .int64: integers[key] = Int(Int64(bitPattern: try reader.uint64(what)))
            case .float32, .float64, .bool:
                try reader.skip(UInt64(type.minimumSize), for: what)
            case .array:
                var hasher: SHA256? = Self.hashedArrays.contains(key) ? SHA256() : nil
                arrayLengths[key] = try Self.readArray(key: key, depth: 1, hasher: &hasher, from: &reader)
                if let hasher { arrayDigests[key] = GGUFInfo.hex(hasher.finalize()) }
            }
        }

        /// Moves past an array, feeding its elements as stored to `hasher` when there is one.
        /// - Returns: the array's element count.
        @discardableResult
        private static func readArray(key: String, depth: Int, hasher: inout SHA256?,
                                      from reader: inout GGUFReader) throws(GGUFError) -> Int? {
            let what = "the array of metadata \"\(key)\""
            guard depth <= maximumNesting else {
                throw .corrupt(path: reader.path, what: "\(what) nests arrays deeper than \(maximumNesting) levels")
            }
            let tag = try reader.uint32("the element type of \(what)")
            guard let element = GGUFValueType(rawValue: tag) else {
                throw .corrupt(path: reader.path, what: "\(what) has the unknown element type \(tag)")
            }
            let count = try reader.uint64("the length of \(what)")
            guard count <= reader.remaining / UInt64(element.minimumSize) else {
                throw .corrupt(path: reader.path, what: "\(what) claims \(count) elements, more than the \(reader.remaining) bytes left in the file could hold (the file is cut short or corrupt)")
            }
            switch (element, hasher) {
            case (.string, nil):
                for index in 0 ..< count { try reader.skipString("element \(index) of \(what)") }
            case (.string, var digest?):
                for index in 0 ..< count { try reader.hashString(into: &digest, for: "element \(index) of \(what)") }
                hasher = digest
            case (.array, _):
                for _ in 0 ..< count { try readArray(key: key, depth: depth + 1, hasher: &hasher, from: &reader) }
            case (_, nil):
                try reader.skip(count * UInt64(element.minimumSize), for: "the elements of \(what)")
            case (_, var digest?):
                try reader.hash(count * UInt64(element.minimumSize), into: &digest, for: "the elements of \(what)")
                hasher = digest
            }
            return Int(exactly: count)
        }
    }

    /// Totals over the tensor table.
    private struct TensorTable {
        var elements: UInt64 = 0
        var typeCounts: [String: Int] = [:]
        var anyQuantized = false
        var entries: [GGUFTensor] = []
        /// The tensor whose data ends last, and that end relative to the start of the data section.
        var lastByte: (tensor: String, end: UInt64)?

        /// ggml tensors have at most 4 dimensions (GGML_MAX_DIMS).
        private static let maximumDimensions: UInt32 = 4

        mutating func readEntry(_ index: UInt64, from reader: inout GGUFReader) throws(GGUFError) {
            let name = try reader.string("the name of tensor \(index)")
            let dimensions = try reader.uint32("the dimension count of tensor \"\(name)\"")
            guard dimensions <= Self.maximumDimensions else {
                throw .corrupt(path: reader.path, what: "tensor \"\(name)\" has \(dimensions) dimensions, at most \(Self.maximumDimensions) are allowed")
            }
            var count: UInt64 = 1
            var rowLength: UInt64 = 1
            var shape: [Int] = []
            for axis in 0 ..< dimensions {
                let extent = try reader.uint64("dimension \(axis) of tensor \"\(name)\"")
                shape.append(Int(clamping: extent))
                if axis == 0 { rowLength = extent }
                let (product, overflow) = count.multipliedReportingOverflow(by: extent)
                guard !overflow else { throw .corrupt(path: reader.path, what: "the shape of tensor \"\(name)\" overflows 64 bits") }
                count = product
            }
            let type = GGMLType(id: try reader.uint32("the type of tensor \"\(name)\""))
            let offset = try reader.uint64("the data offset of tensor \"\(name)\"")
            if let blockSize = type.blockSize, let typeSize = type.typeSize {
                guard rowLength % UInt64(blockSize) == 0 else {
                    throw .corrupt(path: reader.path, what: "tensor \"\(name)\" has rows of \(rowLength) weights, not a multiple of \(type.name)'s block of \(blockSize)")
                }
                let (bytes, overflowBytes) = (count / UInt64(blockSize)).multipliedReportingOverflow(by: UInt64(typeSize))
                let (end, overflowEnd) = offset.addingReportingOverflow(bytes)
                guard !overflowBytes, !overflowEnd else {
                    throw .corrupt(path: reader.path, what: "the data of tensor \"\(name)\" ends beyond 64-bit offsets")
                }
                if end > lastByte?.end ?? 0 { lastByte = (name, end) }
            }
            let (total, overflow) = elements.addingReportingOverflow(count)
            guard !overflow else { throw .corrupt(path: reader.path, what: "the element counts of the tensors overflow 64 bits") }
            elements = total
            typeCounts[type.name, default: 0] += 1
            anyQuantized = anyQuantized || type.isQuantized
            entries.append(GGUFTensor(name: name, shape: shape, typeName: type.name))
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
