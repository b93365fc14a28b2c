import OratorCore
import Testing
@testable import OratorMotion

@Suite("Phone to mouth-shape table")
struct PhoneShapeTableTests {
    @Test("lips close on P, B and M", arguments: [Phone.p, .b, .m])
    func closedLips(_ phone: Phone) {
        #expect(PhoneShapeTable.shape(for: phone) == .a)
    }

    @Test("F and V put the teeth on the lip", arguments: [Phone.f, .v])
    func teethOnLip(_ phone: Phone) {
        #expect(PhoneShapeTable.shape(for: phone) == .g)
    }

    @Test("rounded vowels pucker or round", arguments: [(Phone.uw, MouthShape.f), (.w, .f), (.ao, .e), (.er, .e)])
    func rounded(_ phone: Phone, _ shape: MouthShape) {
        #expect(PhoneShapeTable.shape(for: phone) == shape)
    }

    @Test("open vowels open the mouth; AA widest")
    func openVowels() {
        #expect(PhoneShapeTable.shape(for: .aa) == .d)
        #expect(PhoneShapeTable.shape(for: .ae) == .c)
        #expect(PhoneShapeTable.shape(for: .eh) == .c)
        #expect(MouthPose.of(.d).jawOpen > MouthPose.of(.c).jawOpen)
    }

    @Test("every phone has a shape and silence rests")
    func total() {
        for phone in Phone.allCases where phone != .silence {
            #expect(PhoneShapeTable.shape(for: phone) != .x, "\(phone) should not rest")
        }
        #expect(PhoneShapeTable.shape(for: .silence) == .x)
    }

    @Test("diphthongs glide between two shapes")
    func diphthongs() {
        let ow = PhoneShapeTable.shapes(for: .ow)
        #expect(ow.start == .e && ow.end == .f)
        let ay = PhoneShapeTable.shapes(for: .ay)
        #expect(ay.start == .c && ay.end == .b)
    }
}
