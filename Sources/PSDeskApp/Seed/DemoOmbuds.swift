import Fluent
import Foundation
import StandardsCore

/// The demo's ombuds program at OBAR (S0): a web conversation under way (its follow-up key is `demoKey`, printed in the
/// README so the public page can be tried), a phone contact with a working note, and closed matters for the Board's
/// trends. No name anywhere, as in real use (a3.3).
enum DemoOmbuds {
    static let demoKey = "DEMO-WAVE-DUNE-SAND-REEF"

    static func seed(obar: Association, seal: OmbudsSeal, on db: Database) async throws {
        let id = try obar.requireID()
        func at(_ day: String, hour: Int) -> Date {
            // Noon-ish in the association's zone (UTC−5), from the day's number.
            Date(timeIntervalSince1970: Double(CivilDate(day)!.dayNumber) * 86_400 + Double(hour + 5) * 3_600)
        }
        let web = OmbudsInquiry(associationID: id, openedOn: CivilDate("2026-11-24")!, channel: .web, concern: .lostContact,
                                keyHash: OmbudsCodes.hash(demoKey), sealedContact: nil, at: at("2026-11-25", hour: 10))
        try await web.create(on: db)
        let asked = "The listing agent stopped answering my calls after we made an offer on a cottage. I don't want to file a complaint; I just want to know where things stand."
        let answered = "Thank you for writing. With your agreement I can contact the agent's office to ask that someone reply to you. You may also ask your own agent to follow up in writing. Would you like me to reach out?"
        try await OmbudsMessage(inquiryID: web.requireID(), fromOmbuds: false, sealedBody: try seal.seal(asked), at: at("2026-11-24", hour: 9)).create(on: db)
        try await OmbudsMessage(inquiryID: web.requireID(), fromOmbuds: true, sealedBody: try seal.seal(answered), at: at("2026-11-25", hour: 10)).create(on: db)
        try await OmbudsNote(inquiryID: web.requireID(), sealedBody: try seal.seal("If the user agrees: call the broker-in-charge of the listing office."),
                             expiresOn: CivilDate("2026-12-24")!, at: at("2026-11-25", hour: 10)).create(on: db)
        let phone = OmbudsInquiry(associationID: id, openedOn: CivilDate("2026-11-26")!, channel: .phone, concern: .commission, keyHash: nil,
                                  sealedContact: nil, at: at("2026-11-26", hour: 14))
        try await phone.create(on: db)
        try await OmbudsNote(inquiryID: phone.requireID(), sealedBody: try seal.seal("Caller will ring back after talking with their broker about the split."),
                             expiresOn: CivilDate("2026-12-10")!, at: at("2026-11-26", hour: 14)).create(on: db)
        // Closed matters, July to November, for the trends: enough in most cells to show, a few too small to (S0).
        let concerns: [OmbudsConcern] = [.generalQuestion, .transactionDisagreement, .commission, .generalQuestion, .lostContact,
                                         .transactionDisagreement, .commission, .generalQuestion, .conduct, .transactionDisagreement]
        let ways: [([OmbudsService], OmbudsOutcome)] = [([.information], .answered), ([.options, .shuttleDiplomacy], .agreedPlan),
                                                        ([.options, .referral], .referred), ([.coaching], .userEnded),
                                                        ([.options, .facilitatedDiscussion], .agreedPlan), ([.information, .options], .answered),
                                                        ([.shuttleDiplomacy], .noAgreement)]
        for index in 0..<52 {
            let opened = CivilDate("2026-07-01")!.adding(days: index * 137 % 140)
            let (services, outcome) = ways[index % ways.count]
            let record = OmbudsRecord(openedOn: opened, closedOn: opened.adding(days: index * 5 % 17), channel: [.phone, .web, .email, .phone][index % 4],
                                      concern: concerns[index % concerns.count], services: services, outcome: outcome)
            try await OmbudsClosedRecord(associationID: id, record: record, conditionsVersion: OmbudsConditions.version).create(on: db)
        }
    }
}
