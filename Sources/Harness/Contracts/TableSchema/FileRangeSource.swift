/// Bytes `start..<end` of a file, as a `CSVReader` source: each worker of a parallel
/// validation reads its own stretch with `pread(2)`.
final class FileRangeSource: CSVByteSource {
    var path: String { file.path }
    private let file: ReadOnlyFile
    private var position: Int
    private let end: Int

    /// - Throws: `HarnessError.io` when the file cannot be opened.
    init(path: String, start: Int, end: Int) throws {
        file = try ReadOnlyFile(path: path)
        position = start
        self.end = end
        file.adviseSequential(offset: start, length: end - start)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, end - position)]))
        position += count
        return count
    }

    func read(at offset: Int, into array: inout [UInt8]) throws -> Int {
        try array.withUnsafeMutableBytes { try read(at: offset, into: $0) }
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = min(buffer.count, max(0, end - offset))
        return try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
    }
}
