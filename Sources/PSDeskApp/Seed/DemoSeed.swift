import Vapor
import Fluent
import StandardsCore

/// The demo data set: two associations under a regional agreement (S3 multi-board appendix), firms and
/// offices, 60 members of every class, members of the public, staff and committee accounts, and cases
/// at different stages. Deterministic, so screenshots and tests see the same data every time.
enum DemoSeed {
    static let password = "psdesk-demo-2026"

    struct Result: Sendable {
        let alreadySeeded: Bool
        let logins: [(email: String, roles: String)]

        var summary: String {
            var lines = [alreadySeeded ? "Demo data already present." : "Demo data loaded.", "", "Demo logins (password: \(DemoSeed.password)):"]
            for login in logins { lines.append("  \(login.email.padding(toLength: 28, withPad: " ", startingAt: 0)) \(login.roles)") }
            return lines.joined(separator: "\n")
        }
    }

    static let loginTable: [(email: String, name: String, roles: [(String, Role)], memberNumber: String?)] = [
        ("psa@obar.example", "Dana Whitfield (PSA)", [("obar", .staff)], nil),
        ("psa@albemarle.example", "Marcus Bell (PSA)", [("albemarle", .staff)], nil),
        ("president@obar.example", "Ruth Ainsley", [("obar", .president)], "OB-1001"),
        ("director@obar.example", "Paul Etheridge", [("obar", .director)], "OB-1009"),
        ("gc@obar.example", "Helen Midgett", [("obar", .grievance), ("albemarle", .grievance)], "OB-1017"),
        ("psc@obar.example", "Victor Quidley", [("obar", .psc), ("albemarle", .psc)], "OB-1024"),
        ("citations@obar.example", "Nora Tillett", [("obar", .citationPanel)], "OB-1004"),
        ("mediator@obar.example", "Samuel Daniels", [("obar", .mediator)], "OB-1013"),
        ("ombuds@obar.example", "Iris Gray (Ombuds)", [("obar", .ombuds)], nil),
        ("complainant@example.com", "Laura Pender (member of the public)", [("obar", .party)], nil),
        ("respondent@obar.example", "Grant Scarborough", [("obar", .party)], "OB-1020"),
    ]

    static func run(on db: Database, config: AppConfig) async throws -> Result {
        let logins = loginTable.map { ($0.email, $0.roles.map { "\($0.1.label) @ \($0.0)" }.joined(separator: ", ")) }
        if try await Association.query(on: db).filter(\.$slug == "obar").count() > 0 {
            return Result(alreadySeeded: true, logins: logins)
        }
        let hash = try Bcrypt.hash(password, cost: config.bcryptCost)  // one hash, shared by the demo accounts
        let seal = OmbudsSeal(key: try OmbudsSeal.key(for: config))
        try await writeTransaction(on: db) { tx in
            let agreement = RegionalAgreement(name: "OBAR–Albemarle Multi-Board Professional Standards Agreement")
            try await agreement.create(on: tx)
            let obar = Association(slug: "obar", name: "Outer Banks Association of REALTORS®", ruleProfile: "obar",
                                   timeZone: "America/New_York", closureDays: "2026-12-24,2026-12-31", boardSize: 15, boardQuorum: 8,
                                   regionalAgreementID: agreement.id)
            let albemarle = Association(slug: "albemarle", name: "Albemarle Area Association of REALTORS®", ruleProfile: "nar",
                                        timeZone: "America/New_York", boardSize: 9, boardQuorum: 5, regionalAgreementID: agreement.id)
            try await obar.create(on: tx)
            try await albemarle.create(on: tx)
            let obarPeople = try await seedMembers(of: obar, prefix: "OB", firms: obarFirms, names: obarNames, on: tx)
            let albPeople = try await seedMembers(of: albemarle, prefix: "AL", firms: albemarleFirms, names: albemarleNames, on: tx)
            let obarPublic = try await seedPublic(of: obar, names: [("Laura", "Pender"), ("Thomas", "Wright"), ("Evelyn", "Basnight"), ("George", "Mann")], on: tx)
            let albPublic = try await seedPublic(of: albemarle, names: [("Carla", "Jennette"), ("Frank", "Sawyer")], on: tx)

            let associations = ["obar": obar, "albemarle": albemarle]
            var users: [String: User] = [:]
            for login in loginTable {
                var personID: UUID?
                if let number = login.memberNumber { personID = obarPeople[number] }
                if login.email == "complainant@example.com" { personID = obarPublic[0] }
                let user = User(email: login.email, displayName: login.name, passwordHash: hash, personID: personID)
                try await user.create(on: tx)
                users[login.email] = user
                for (slug, role) in login.roles {
                    guard let association = associations[slug] else { continue }
                    try await RoleAssignment(userID: user.id!, associationID: association.id!, role: role.rawValue).create(on: tx)
                }
            }
            let psa = try await Actor.load(userID: users["psa@obar.example"]!.id!, on: tx)!
            let albPSA = try await Actor.load(userID: users["psa@albemarle.example"]!.id!, on: tx)!
            try await seedCases(obar: obar, albemarle: albemarle, people: obarPeople, albPeople: albPeople, publicPeople: obarPublic,
                                albPublic: albPublic, psa: psa, albPSA: albPSA, on: tx)
            try await DemoOmbuds.seed(obar: obar, seal: seal, on: tx)
            // The demo's history was delivered before the demo begins: the email its notices and services wrote is not
            // sent to the made-up addresses now, and the invitations it made are not waiting for anyone.
            try await OutboxMessage.query(on: tx).delete()
            try await SignInLink.query(on: tx).filter(\.$purpose == SignInLinks.Purpose.invitation.rawValue).delete()
        }
        return Result(alreadySeeded: false, logins: logins)
    }

    // MARK: people

    static let obarFirms: [(firm: String, offices: [String])] = [
        ("Dune Ridge Realty", ["Kill Devil Hills", "Corolla"]),
        ("Sound Side Properties", ["Manteo"]),
        ("Hatteras Coastal Homes", ["Avon", "Buxton"]),
        ("Kitty Hawk Land Company", ["Kitty Hawk"]),
        ("Pirate's Cove Real Estate", ["Manteo"]),
    ]
    static let albemarleFirms: [(firm: String, offices: [String])] = [
        ("Albemarle Sound Realty", ["Elizabeth City"]),
        ("Edenton Heritage Homes", ["Edenton"]),
        ("Pasquotank River Properties", ["Elizabeth City", "Camden"]),
    ]
    static let obarNames: [(String, String)] = [
        ("Ruth", "Ainsley"), ("Benjamin", "Austin"), ("Carol", "Baum"), ("Nora", "Tillett"), ("Edward", "Burrus"),
        ("Faith", "Creef"), ("Gordon", "Dough"), ("Hannah", "Etheridge"), ("Paul", "Etheridge"), ("Janet", "Fearing"),
        ("Kevin", "Gaskins"), ("Lydia", "Gray"), ("Samuel", "Daniels"), ("Martin", "Harris"), ("Olivia", "Hooper"),
        ("Peter", "Jarvis"), ("Helen", "Midgett"), ("Quentin", "Meekins"), ("Rachel", "Midyette"), ("Grant", "Scarborough"),
        ("Sharon", "Owens"), ("Tyler", "Payne"), ("Ursula", "Quinn"), ("Victor", "Quidley"), ("Wendy", "Rollinson"),
        ("Xavier", "Saunders"), ("Yvonne", "Styron"), ("Zachary", "Tolson"), ("Amelia", "Twiford"), ("Brian", "Wescott"),
        ("Claire", "Whidbee"), ("Derek", "Williams"), ("Elaine", "Willis"), ("Felix", "Wise"), ("Grace", "Brinkley"),
        ("Hugo", "Tate"),
    ]
    static let albemarleNames: [(String, String)] = [
        ("Abigail", "Bunch"), ("Caleb", "Chappell"), ("Diana", "Copeland"), ("Elijah", "Davenport"), ("Fiona", "Elliott"),
        ("Gavin", "Forbes"), ("Holly", "Godfrey"), ("Isaac", "Harrell"), ("Julia", "Jordan"), ("Keith", "Lane"),
        ("Leah", "Morgan"), ("Mason", "Newbern"), ("Naomi", "Overton"), ("Owen", "Perry"), ("Paige", "Riddick"),
        ("Reid", "Small"), ("Sara", "Stallings"), ("Trent", "Twine"), ("Una", "Umphlett"), ("Wade", "White"),
        ("Alice", "Winslow"), ("Blake", "Bright"), ("Cora", "Spruill"), ("Dylan", "Hollowell"),
    ]

    /// Members in turn: the first member of each firm is its principal, then non-principal REALTORs,
    /// every fourth a REALTOR-ASSOCIATE, every seventh an affiliate. Member numbers are PREFIX-1000+n.
    private static func seedMembers(of association: Association, prefix: String, firms: [(firm: String, offices: [String])],
                                    names: [(String, String)], on db: Database) async throws -> [String: UUID] {
        var firmRows: [(Firm, [Office])] = []
        for (name, offices) in firms {
            let firm = Firm(associationID: association.id!, name: name)
            try await firm.create(on: db)
            var officeRows: [Office] = []
            for office in offices {
                let row = Office(associationID: association.id!, firmID: firm.id!, name: office, address: "\(office), North Carolina")
                try await row.create(on: db)
                officeRows.append(row)
            }
            firmRows.append((firm, officeRows))
        }
        var byNumber: [String: UUID] = [:]
        for (index, (first, last)) in names.enumerated() {
            let number = "\(prefix)-\(1001 + index)"
            let (firm, offices) = firmRows[index % firmRows.count]
            let isPrincipal = index < firmRows.count
            let type: MembershipType = isPrincipal ? .realtor : index % 7 == 6 ? .affiliate : index % 4 == 3 ? .realtorAssociate : .realtor
            let person = Person(associationID: association.id!, kind: .member, firstName: first, lastName: last,
                                email: "\(first.lowercased()).\(last.lowercased())@\(prefix.lowercased()).example",
                                phone: "252-555-\(String(format: "%04d", 100 + index))")
            try await person.create(on: db)
            let membership = Membership(associationID: association.id!, personID: person.id!, memberNumber: number,
                                        membershipType: type.rawValue, isPrincipal: isPrincipal,
                                        firmID: type == .affiliate ? nil : firm.id, officeID: type == .affiliate ? nil : offices[index % offices.count].id)
            try await membership.create(on: db)
            let joinYear = 2008 + index % 15
            if index % 11 == 5 {
                // A lapse in membership, which suspends the filing window (a1.4).
                try await MembershipPeriod(associationID: association.id!, membershipID: membership.id!, startsOn: "\(joinYear)-01-15", endsOn: "2026-02-28").create(on: db)
                try await MembershipPeriod(associationID: association.id!, membershipID: membership.id!, startsOn: "2026-05-01", endsOn: nil).create(on: db)
            } else {
                try await MembershipPeriod(associationID: association.id!, membershipID: membership.id!, startsOn: "\(joinYear)-03-01", endsOn: nil).create(on: db)
            }
            byNumber[number] = person.id!
        }
        return byNumber
    }

    private static func seedPublic(of association: Association, names: [(String, String)], on db: Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for (first, last) in names {
            let person = Person(associationID: association.id!, kind: .public, firstName: first, lastName: last,
                                email: "\(first.lowercased()).\(last.lowercased())@example.com", address: "Dare County, North Carolina")
            try await person.create(on: db)
            ids.append(person.id!)
        }
        return ids
    }
}
