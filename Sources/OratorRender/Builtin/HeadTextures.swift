import OratorCore

/// The soft shading of skin and hair, painted once per frame size in head space.
struct HeadTextures: Sendable {
    /// Skin lit from the upper left, darker towards the jaw and edges.
    let skin: ShadingTexture
    /// Hair with a sheen on the crown.
    let hair: ShadingTexture
    /// A rosy glow for one cheek, centred.
    let blush: ShadingTexture
    /// The soft shadow the chin casts on the neck, centred.
    let chinShadow: ShadingTexture

    init(palette: PresenterPalette, layout: PresenterLayout) throws(OratorError) {
        skin = try ShadingTexture(left: 280, top: 120, right: 720, bottom: 760, density: layout.scale) { canvas in
            canvas.rectangle(280, 120, 440, 640)
            canvas.fillRadial(center: (470, 420), radius: 300, focus: (450, 390), stops: [
                GradientStop(offset: 0, color: palette.skinLight),
                GradientStop(offset: 0.55, color: palette.skin),
                GradientStop(offset: 1, color: palette.skinShade),
            ])
        }
        hair = try ShadingTexture(left: 280, top: 110, right: 720, bottom: 480, density: layout.scale) { canvas in
            canvas.rectangle(280, 110, 440, 370)
            canvas.fillRadial(center: (530, 230), radius: 300, focus: (560, 200), stops: [
                GradientStop(offset: 0, color: palette.hairLight),
                GradientStop(offset: 0.6, color: palette.hair),
                GradientStop(offset: 1, color: palette.hair.darker(0.15)),
            ])
        }
        blush = try ShadingTexture(left: -50, top: -36, right: 50, bottom: 36, density: layout.scale) { canvas in
            canvas.ellipse(0, 0, 48, 34)
            canvas.fillRadial(center: (0, 0), radius: 48, stops: [
                GradientStop(offset: 0, color: palette.blush, alpha: 0.16),
                GradientStop(offset: 1, color: palette.blush, alpha: 0),
            ])
        }
        chinShadow = try ShadingTexture(left: -100, top: -52, right: 100, bottom: 52, density: layout.scale) { canvas in
            canvas.ellipse(0, 0, 95, 48)
            canvas.fillRadial(center: (0, 0), radius: 95, stops: [
                GradientStop(offset: 0.3, color: palette.skinDeep, alpha: 0.45),
                GradientStop(offset: 1, color: palette.skinDeep, alpha: 0),
            ])
        }
    }
}
