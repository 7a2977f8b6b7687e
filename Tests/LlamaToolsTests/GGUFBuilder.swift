import Foundation

/// Writes small GGUF files byte by byte, so that the reader's handling of every value type and
/// of each kind of damage can be tested without a model.
struct GGUFBuilder {
    indirect enum Value {
        case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32)
        case float32(Float), bool(Bool), string(String), uint64(UInt64), int64(Int64), float64(Double)
        case array(tag: UInt32, [Value])

        var tag: UInt32 {
            switch self {
            case .uint8: 0
            case .int8: 1
            case .uint16: 2
            case .int16: 3
            case .uint32: 4
            case .int32: 5
            case .float32: 6
            case .bool: 7
            case .string: 8
            case .array: 9
            case .uint64: 10
            case .int64: 11
            case .float64: 12
            }
        }
    }

    struct Tensor {
        var name: String
        var shape: [UInt64]
        var type: UInt32
        var offset: UInt64
    }

    var version: UInt32 = 3
    var metadata: [(String, Value)] = []
    var tensors: [Tensor] = []

    /// The header, padded to 32 bytes, then `dataBytes` zero bytes of tensor data.
    func build(dataBytes: Int) -> Data {
        var out = Data("GGUF".utf8)
        append(version, to: &out)
        append(UInt64(tensors.count), to: &out)
        append(UInt64(metadata.count), to: &out)
        for (key, value) in metadata {
            appendString(key, to: &out)
            append(value.tag, to: &out)
            appendValue(value, to: &out)
        }
        for tensor in tensors {
            appendString(tensor.name, to: &out)
            append(UInt32(tensor.shape.count), to: &out)
            for extent in tensor.shape { append(extent, to: &out) }
            append(tensor.type, to: &out)
            append(tensor.offset, to: &out)
        }
        out.append(Data(count: (32 - out.count % 32) % 32 + dataBytes))
        return out
    }

    private func appendValue(_ value: Value, to out: inout Data) {
        switch value {
        case let .uint8(v): append(v, to: &out)
        case let .int8(v): append(v, to: &out)
        case let .uint16(v): append(v, to: &out)
        case let .int16(v): append(v, to: &out)
        case let .uint32(v): append(v, to: &out)
        case let .int32(v): append(v, to: &out)
        case let .float32(v): append(v.bitPattern, to: &out)
        case let .bool(v): append(UInt8(v ? 1 : 0), to: &out)
        case let .string(v): appendString(v, to: &out)
        case let .uint64(v): append(v, to: &out)
        case let .int64(v): append(v, to: &out)
        case let .float64(v): append(v.bitPattern, to: &out)
        case let .array(tag, elements):
            append(tag, to: &out)
            append(UInt64(elements.count), to: &out)
            for element in elements { appendValue(element, to: &out) }
        }
    }

    private func appendString(_ string: String, to out: inout Data) {
        append(UInt64(string.utf8.count), to: &out)
        out.append(Data(string.utf8))
    }

    private func append<T: FixedWidthInteger>(_ value: T, to out: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}
