import OratorCore

/// Where each speaker sits in the frame: one speaker fills it; two sit side by side; three and
/// four share a grid. A strip is kept for the audio visualization when there is one.
public struct SceneLayout: Sendable, Equatable {
    /// One speaker's cell, in frame pixels.
    public struct Cell: Sendable, Equatable {
        public var x: Int, y: Int, width: Int, height: Int
    }

    public let size: FrameSize
    public let cells: [Cell]
    /// The visualization strip, if any.
    public let visualization: Cell?

    /// Lays out `speakers` (1-4) in `size`, leaving a strip of `visualizationHeight` (fraction of
    /// the frame height) at the bottom or top.
    public init(size: FrameSize, speakers: Int, visualizationHeight: Double = 0, visualizationAtTop: Bool = false) {
        self.size = size
        let strip = Int(Double(size.height) * visualizationHeight) & ~1
        let top = visualizationAtTop ? strip : 0
        let area = Cell(x: 0, y: top, width: size.width, height: size.height - strip)
        visualization = strip > 0 ? Cell(x: 0, y: visualizationAtTop ? 0 : size.height - strip, width: size.width, height: strip) : nil
        guard speakers > 1 else { cells = [area]; return }
        let gap = max(8, size.height / 60) & ~1
        let columns = speakers == 2 ? (size.width >= size.height ? 2 : 1) : 2
        let rows = (speakers + columns - 1) / columns
        let cellWidth = ((area.width - gap * (columns + 1)) / columns) & ~1
        let cellHeight = ((area.height - gap * (rows + 1)) / rows) & ~1
        var cells: [Cell] = []
        for index in 0..<speakers {
            let row = index / columns
            let inRow = min(columns, speakers - row * columns)
            let column = index % columns
            // Centre a short last row.
            let rowOffset = (area.width - (inRow * cellWidth + (inRow - 1) * gap)) / 2
            cells.append(Cell(x: (rowOffset + column * (cellWidth + gap)) & ~1,
                              y: (area.y + gap + row * (cellHeight + gap)) & ~1, width: cellWidth, height: cellHeight))
        }
        self.cells = cells
    }
}

/// Everything that changes per frame in a scene.
public struct SceneFrame: Sendable, Codable, Equatable {
    /// Each speaker's face and head motion, in layout order.
    public var speakers: [MotionFrame]
    /// The speaker talking now, if any.
    public var active: Int?
    /// Spectrum levels 0...1, low to high frequency (bars style).
    public var levels: [Float]
    /// Waveform samples -1...1 across the frame's audio (waveform style).
    public var wave: [Float]

    public init(speakers: [MotionFrame], active: Int? = nil, levels: [Float] = [], wave: [Float] = []) {
        self.speakers = speakers
        self.active = active
        self.levels = levels
        self.wave = wave
    }
}
