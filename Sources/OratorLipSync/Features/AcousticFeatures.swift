import Foundation

/// Per-frame measurements of a recording, 100 frames per second: what alignment, voice
/// activity detection and the language-independent mouth estimate work from.
///
/// Frame `k` covers the 25 ms window starting at `k / 100` seconds. Features are 72 bytes per
/// frame (26 mel bands in half precision and five spectral measures; 80 with formants), about
/// a ninth of what the 16 kHz samples they come from would take.
struct AcousticFeatures: Sendable {
    /// Frames per second.
    static let frameRate = 100.0

    /// Natural log of each mel band's power, `bandCount` values per frame (half precision: the
    /// largest part of the features, and log powers need no more).
    var logMel: [Float16] = []
    /// Frame level in dB relative to full scale (RMS of the raw window).
    var levelDB: [Float] = []
    /// Spectral flatness between 300 Hz and 5 kHz, 0 (tonal, voiced) to 1 (noise).
    var flatness: [Float] = []
    /// Power-weighted mean frequency between 200 Hz and 1 kHz: rises with the first formant (jaw opening).
    var lowCentroid: [Float] = []
    /// Power-weighted mean frequency between 900 Hz and 3 kHz: falls with the second formant (lip rounding).
    var midCentroid: [Float] = []
    /// Share of power above 3 kHz: high for fricatives such as S and SH.
    var highShare: [Float] = []
    /// First formant in hertz (0 where none was found): rises as the jaw opens. Empty unless
    /// the extractor was asked for formants.
    var firstFormant: [Float] = []
    /// Second formant in hertz (0 where none was found): high for front vowels, low when
    /// rounded. Empty unless the extractor was asked for formants.
    var secondFormant: [Float] = []
    /// Summed power spectrum over the whole recording, 1 bin per `longTermBinHz`.
    var longTermSpectrum: [Double] = []
    /// Width of one long-term spectrum bin in hertz.
    var longTermBinHz = 0.0
    /// Centre frequencies of the mel bands in hertz.
    var bandCenters: [Float] = []
    /// Length of the analysed audio in seconds.
    var duration = 0.0

    /// Number of mel bands per frame.
    var bandCount: Int { bandCenters.count }
    /// Number of frames.
    var frameCount: Int { levelDB.count }

    /// Time in seconds at which frame `index` starts.
    static func time(ofFrame index: Int) -> Double { Double(index) / frameRate }
    /// Where a change between frames `index - 1` and `index` happened, in seconds: midway
    /// between their 25 ms windows' centres, 7.5 ms after frame `index` starts.
    static func boundary(beforeFrame index: Int) -> Double { (Double(index) - 0.5) / frameRate + 0.0125 }
    /// The frame that contains `seconds`.
    static func frame(at seconds: Double) -> Int { Int((seconds * frameRate).rounded(.down)) }

    /// The highest frequency that carries real signal: FFmpeg upsamples an 8 kHz telephone
    /// recording to 16 kHz with nothing above 4 kHz, and features must then ignore those bands.
    var bandwidthHz: Double {
        guard let peak = longTermSpectrum.max(), peak > 0 else { return 0 }
        let threshold = peak * 1e-6
        guard let last = longTermSpectrum.lastIndex(where: { $0 > threshold }) else { return 0 }
        return Double(last) * longTermBinHz
    }

    /// Appends `other`'s frames after this one's (for speech synthesized a sentence at a time).
    mutating func append(_ other: AcousticFeatures) {
        if bandCenters.isEmpty { bandCenters = other.bandCenters; longTermBinHz = other.longTermBinHz }
        logMel += other.logMel
        levelDB += other.levelDB
        flatness += other.flatness
        lowCentroid += other.lowCentroid
        midCentroid += other.midCentroid
        highShare += other.highShare
        firstFormant += other.firstFormant
        secondFormant += other.secondFormant
        if longTermSpectrum.isEmpty { longTermSpectrum = other.longTermSpectrum } else {
            for index in 0..<min(longTermSpectrum.count, other.longTermSpectrum.count) {
                longTermSpectrum[index] += other.longTermSpectrum[index]
            }
        }
        duration = Double(frameCount) / Self.frameRate
    }

    /// The frames in `range` as features of their own (times from the range's start); the
    /// long-term spectrum stays the whole recording's, so the bandwidth is judged the same.
    func frames(_ range: Range<Int>) -> AcousticFeatures {
        var part = AcousticFeatures()
        part.bandCenters = bandCenters
        part.longTermBinHz = longTermBinHz
        part.longTermSpectrum = longTermSpectrum
        part.logMel = Array(logMel[(range.lowerBound * bandCount)..<(range.upperBound * bandCount)])
        part.levelDB = Array(levelDB[range])
        part.flatness = Array(flatness[range])
        part.lowCentroid = Array(lowCentroid[range])
        part.midCentroid = Array(midCentroid[range])
        part.highShare = Array(highShare[range])
        if !firstFormant.isEmpty { part.firstFormant = Array(firstFormant[range]) }
        if !secondFormant.isEmpty { part.secondFormant = Array(secondFormant[range]) }
        part.duration = Double(range.count) / Self.frameRate
        return part
    }
}
