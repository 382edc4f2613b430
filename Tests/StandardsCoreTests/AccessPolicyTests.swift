import Foundation
import Testing
@testable import StandardsCore

@Suite("Access policy: roles × permissions and the named relationship checks")
struct AccessPolicyTests {
    /// Reads docs/permissions.md, the table kept in the repo, independently of the code that prints it.
    static func tableFromDocs() throws -> [String: [String: Bool]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/permissions.md").standardized
        let text = try String(contentsOf: url, encoding: .utf8)
        // The first table of the file: its contiguous block of `| ` lines.
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("| ") }.prefix { $0.hasPrefix("|") }.filter { $0.hasPrefix("| ") }
        guard let header = rows.first else { return [:] }
        let permissions = header.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.dropFirst()
        var table: [String: [String: Bool]] = [:]
        for row in rows.dropFirst() {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let role = cells.first, Role(rawValue: role) != nil else { continue }
            table[role] = Dictionary(uniqueKeysWithValues: zip(permissions, cells.dropFirst()).map { ($0, $1 == "allow") })
        }
        return table
    }

    @Test func everyRoleAndPermissionMatchesTheDocumentedTable() throws {
        let table = try Self.tableFromDocs()
        #expect(Set(table.keys) == Set(Role.allCases.map(\.rawValue)), "docs/permissions.md lists every role")
        for role in Role.allCases {
            for permission in Permission.allCases {
                let documented = try #require(table[role.rawValue]?[permission.rawValue], "\(role.rawValue) × \(permission.rawValue) missing")
                #expect(AccessPolicy.permissions(of: role).contains(permission) == documented, "\(role.rawValue) × \(permission.rawValue)")
            }
        }
    }

    @Test func ombudsWorkIsTheOmbudsAloneNotEvenStaff() {
        for role in Role.allCases {
            #expect(AccessPolicy.allows(roles: [role], .workAsOmbuds) == (role == .ombuds), "\(role)")
        }
        // The ombuds reaches no case of any kind: contact with the ombuds is not notice (a3.3).
        for kind in CaseKind.allCases {
            #expect(!AccessPolicy.allows(roles: [.ombuds], .viewCase, on: CaseFacts(kind: kind, status: .opened)))
        }
        #expect(!AccessPolicy.allows(roles: [.ombuds], .viewMembers), "no member list: nothing to identify anyone by")
        // The Board sees the trends, without identities (S0 Independence).
        #expect(AccessPolicy.allows(roles: [.director], .viewOmbudsTrends) && !AccessPolicy.allows(roles: [.party], .viewOmbudsTrends))
    }

    @Test func partiesSeeOnlyTheirOwnCases() {
        #expect(AccessPolicy.allows(roles: [.party], .viewCase, on: CaseFacts(kind: .ethics, status: .forwarded, actorIsParty: true)))
        #expect(!AccessPolicy.allows(roles: [.party], .viewCase, on: CaseFacts(kind: .ethics, status: .forwarded, actorIsParty: false)))
        #expect(!AccessPolicy.allows(roles: [.party], .appendEntry, on: CaseFacts(kind: .ethics, status: .forwarded, actorIsParty: true)))
    }

    @Test func aRespondentIsNotToldBeforeTheGrievanceCommitteeReviews() {
        for status in [CaseStatus.filed, .underReview] {
            #expect(!AccessPolicy.allows(roles: [.party], .viewCase, on: CaseFacts(kind: .ethics, status: status, actorIsParty: true, actorIsOnlyRespondent: true)))
            #expect(AccessPolicy.allows(roles: [.party], .viewCase, on: CaseFacts(kind: .ethics, status: status, actorIsParty: true)), "the complainant sees it")
        }
        #expect(AccessPolicy.allows(roles: [.party], .viewCase, on: CaseFacts(kind: .ethics, status: .forwarded, actorIsParty: true, actorIsOnlyRespondent: true)))
    }

    @Test func directorsSeeACaseOnlyOnceItIsBeforeThem() {
        #expect(!AccessPolicy.allows(roles: [.director], .viewCase, on: CaseFacts(kind: .ethics, status: .underReview)))
        for status in [CaseStatus.dismissalAppealed, .decided, .appealed, .finalAction] {
            #expect(AccessPolicy.allows(roles: [.director], .viewCase, on: CaseFacts(kind: .ethics, status: status)))
        }
    }

    @Test func panelistsAndMediatorsNeedTheirAssignment() {
        #expect(!AccessPolicy.allows(roles: [.psc], .viewCase, on: CaseFacts(kind: .ethics, status: .hearingScheduled)))
        #expect(AccessPolicy.allows(roles: [.psc], .viewCase, on: CaseFacts(kind: .ethics, status: .hearingScheduled, actorSitsOnPanel: true)))
        #expect(!AccessPolicy.allows(roles: [.mediator], .appendEntry, on: CaseFacts(kind: .mediation, status: .inMediation)))
        #expect(AccessPolicy.allows(roles: [.mediator], .appendEntry, on: CaseFacts(kind: .mediation, status: .inMediation, actorIsAssignedMediator: true)))
    }

    @Test func onlyStaffOpenCases() {
        for kind in CaseKind.allCases {
            let facts = CaseFacts(kind: kind, status: .opened)
            #expect(AccessPolicy.allows(roles: [.staff], .createCase, on: facts))
            for role in Role.allCases where role != .staff {
                #expect(!AccessPolicy.allows(roles: [role], .createCase, on: facts))
            }
        }
    }

    @Test func printedTableIsTheDocumentedOne() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/permissions.md").standardized
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(AccessPolicy.markdownTable()), "run `swift run psdesk permissions` and paste the table into docs/permissions.md")
    }
}

/// The list filter (`AccessPolicy.reach`) admits every case `reaches` lets a role see, over every role, kind, status
/// and tie; and for every role but a party's it admits nothing more (issue 12: lists filter in the database).
@Suite("Case reach as a list filter")
struct CaseReachTests {
    @Test func theFilterIsASupersetOfTheRuleAndExactButForParties() {
        for role in Role.allCases {
            for chairs in [false, true] {
                let filters = AccessPolicy.reach(role, chairsCommittee: chairs)
                for kind in CaseKind.allCases {
                    for status in CaseStatus.allCases {
                        for pending in [false, true] {
                            for own in [false, true] {
                                var facts = CaseFacts(kind: kind, status: status, actorIsParty: own, actorIsOnlyRespondent: own, respondentNotified: !own,
                                                      actorSitsOnPanel: own, actorIsAssignedMediator: own)
                                facts.actorChairsCommittee = chairs
                                facts.directorsMatterPending = pending
                                let admitted = filters.contains { $0.admits(kind: kind, status: status, directorsMatterPending: pending, own: own) }
                                let reached = AccessPolicy.reaches(role, facts)
                                #expect(!reached || admitted, "\(role) reaches a \(kind) case \(status) (own: \(own)) the filter drops")
                                if role != .party { #expect(reached == admitted, "\(role): filter and rule differ on \(kind) \(status) (own: \(own))") }
                            }
                        }
                    }
                }
            }
        }
    }
}
