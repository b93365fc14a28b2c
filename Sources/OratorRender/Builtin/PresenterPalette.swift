/// Every colour the presenter is painted with, derived once from a `BuiltinAvatarStyle`.
struct PresenterPalette: Sendable {
    let skin: RGBColor
    let skinLight: RGBColor
    let skinShade: RGBColor
    let skinDeep: RGBColor
    let eyelid: RGBColor
    let blush: RGBColor
    let hair: RGBColor
    let hairLight: RGBColor
    let lash: RGBColor
    let upperLip: RGBColor
    let lowerLip: RGBColor
    let lipLine: RGBColor
    let cavity: RGBColor
    let teeth: RGBColor
    let teethShade: RGBColor
    let tongue: RGBColor
    let eyeWhite: RGBColor
    let iris: RGBColor
    let irisDark: RGBColor
    let pupil: RGBColor
    let shirt: RGBColor
    let shirtShade: RGBColor
    let jacket: RGBColor
    let jacketLight: RGBColor
    let jacketShade: RGBColor
    let backgroundTop: RGBColor
    let backgroundBottom: RGBColor

    init(style: BuiltinAvatarStyle) {
        let warmRed = RGBColor(red: 0.78, green: 0.30, blue: 0.32)
        skin = style.skin
        skinLight = style.skin.lighter(0.16)
        skinShade = style.skin.mixed(with: warmRed, 0.12).darker(0.14)
        skinDeep = style.skin.mixed(with: warmRed, 0.2).darker(0.35)
        eyelid = style.skin.mixed(with: warmRed, 0.03).darker(0.035)
        blush = RGBColor(red: 0.96, green: 0.45, blue: 0.45)
        hair = style.hair
        hairLight = style.hair.lighter(0.22)
        lash = style.hair.darker(0.55)
        upperLip = style.skin.mixed(with: warmRed, 0.55).darker(0.2)
        lowerLip = style.skin.mixed(with: warmRed, 0.45).darker(0.06)
        lipLine = style.skin.mixed(with: warmRed, 0.35).darker(0.62)
        cavity = RGBColor(red: 0.25, green: 0.07, blue: 0.09)
        teeth = RGBColor(red: 0.99, green: 0.98, blue: 0.95)
        teethShade = RGBColor(red: 0.84, green: 0.82, blue: 0.80)
        tongue = RGBColor(red: 0.86, green: 0.40, blue: 0.44)
        eyeWhite = RGBColor(red: 0.99, green: 0.98, blue: 0.96)
        iris = style.iris
        irisDark = style.iris.darker(0.45)
        pupil = RGBColor(red: 0.06, green: 0.05, blue: 0.05)
        shirt = style.shirt
        shirtShade = style.shirt.darker(0.14)
        jacket = style.jacket
        jacketLight = style.jacket.lighter(0.12)
        jacketShade = style.jacket.darker(0.3)
        backgroundTop = style.backgroundTop
        backgroundBottom = style.backgroundBottom
    }
}
