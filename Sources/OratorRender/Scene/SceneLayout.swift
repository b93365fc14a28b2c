import OratorCore

/// Where each speaker sits in the frame: one speaker fills it; two sit side by side; three and
/// four share a grid. A strip is kept for the audio visualization when it has one; one drawn
/// behind the speakers rises from that strip behind them, and they are inset so it shows around them.
public struct SceneLayout: Sendable, Equatable {
    /// One speaker's cell, in frame pixels.
    public struct Cell: Sendable, Equatable {
        public var x: Int, y: Int, width: Int, height: Int
    }

    public let size: FrameSize
    public let cells: [Cell]
    /// Where a strip visualization is drawn (its strip; behind, the strip and as much again above it), if any.
    public let visualization: Cell?

    /// Lays out `speakers` (1-4) in `size` around `visualization`: a strip of its height (a fraction
    /// of the frame height) at the bottom or top; behind, the strip at the bottom and a margin of
    /// half its height at the sides and top.
    public init(size: FrameSize, speakers: Int, visualization style: VisualizationStyle = VisualizationStyle()) {
        self.size = size
        var area = Cell(x: 0, y: 0, width: size.width, height: size.height)
        let extent = Int(Double(size.height) * style.height) & ~1
        if style.takesStrip {
            area.height -= extent
            if style.position == .top { area.y = extent }
            visualization = Cell(x: 0, y: style.position == .top ? 0 : size.height - extent, width: size.width, height: extent)
        } else if style.isBehind {
            // The speakers leave a strip at the bottom and a margin at the sides and top; the
            // visualization rises from the bottom to twice the strip's height, behind them.
            let margin = (extent / 2) & ~1
            area = Cell(x: margin, y: margin, width: size.width - 2 * margin, height: size.height - margin - extent)
            visualization = Cell(x: 0, y: size.height - 2 * extent, width: size.width, height: 2 * extent)
        } else {
            visualization = nil
        }
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
            let rowOffset = area.x + (area.width - (inRow * cellWidth + (inRow - 1) * gap)) / 2
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
    /// Spectrum levels 0...1, low to high frequency (the spectrum styles).
    public var levels: [Float]
    /// Waveform samples -1...1 across the frame's audio (the waveform styles).
    public var wave: [Float]
    /// The frame's time in seconds (what moves on its own, such as particles).
    public var time: Double

    public init(speakers: [MotionFrame], active: Int? = nil, levels: [Float] = [], wave: [Float] = [], time: Double = 0) {
        self.speakers = speakers
        self.active = active
        self.levels = levels
        self.wave = wave
        self.time = time
    }
}
