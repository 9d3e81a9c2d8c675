import Foundation
import LiveActions

/// The seed frames every fuzz driver starts from: each frame of the recordings in `demo/`, and the samples in
/// `fuzz/corpus/` (the libFuzzer script reads the same two folders).
public enum FuzzCorpus {
    public static func frames(repository root: URL) throws -> [String] {
        var frames: [String] = []
        let demo = root.appendingPathComponent("demo")
        for name in try FileManager.default.contentsOfDirectory(atPath: demo.path).sorted() where name.hasSuffix(".jsonl") {
            let text = try String(contentsOf: demo.appendingPathComponent(name), encoding: .utf8)
            frames += try Recording.parse(text, name: name).frames.map(\.frame)
        }
        let samples = root.appendingPathComponent("fuzz/corpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() where name.hasSuffix(".json") {
            frames.append(try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8))
        }
        return frames
    }
}
