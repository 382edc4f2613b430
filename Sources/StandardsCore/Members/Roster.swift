import Foundation

/// NAR membership classes. Only REALTORs and REALTOR-ASSOCIATEs are subject to the Code (a1.4).
public enum MembershipType: String, Codable, Sendable, CaseIterable {
    case realtor
    case realtorAssociate = "realtor-associate"
    case affiliate

    public var label: String {
        switch self {
        case .realtor: "REALTOR®"
        case .realtorAssociate: "REALTOR-ASSOCIATE®"
        case .affiliate: "Affiliate"
        }
    }

    public var isSubjectToCode: Bool { self != .affiliate }
}

/// One valid roster line, ready to store.
public struct RosterRecord: Sendable, Equatable {
    public let line: Int
    public let memberNumber: String
    public let firstName: String
    public let lastName: String
    public let email: String?
    public let phone: String?
    public let membershipType: MembershipType
    public let isPrincipal: Bool
    public let firm: String?
    public let office: String?
    public let joinedOn: CivilDate
    public let leftOn: CivilDate?
    /// The member uses the MLS through this association: under a regional agreement that may decide which signatory
    /// administers a complaint (appendix (5)(a)).
    public var usesMLS = false
}

public struct RosterError: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let reason: String
    public var description: String { "line \(line): \(reason)" }

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// Validates a roster file's rows. The columns are listed in `columns`; the first line is the header.
public enum Roster {
    public static let columns = ["member_id", "first_name", "last_name", "email", "phone", "membership_type",
                                 "principal", "firm", "office", "joined_on", "left_on", "mls_access"]
    public static let requiredColumns = ["member_id", "first_name", "last_name", "membership_type", "joined_on"]

    /// `rows` are (line number, column → value). Every problem is reported; a caller imports nothing
    /// unless the error list is empty.
    public static func validate(header: [String], rows: [(line: Int, values: [String: String])]) -> (records: [RosterRecord], errors: [RosterError]) {
        var errors: [RosterError] = []
        let missing = requiredColumns.filter { !header.contains($0) }
        if !missing.isEmpty {
            return ([], [RosterError(line: 1, reason: "missing column(s): \(missing.joined(separator: ", "))")])
        }
        var records: [RosterRecord] = []
        var seenNumbers: [String: Int] = [:]
        for (line, values) in rows {
            func field(_ name: String) -> String? {
                let value = values[name]?.trimmingCharacters(in: .whitespaces) ?? ""
                return value.isEmpty ? nil : value
            }
            var problems: [String] = []
            let number = field("member_id")
            if number == nil { problems.append("member_id is empty") }
            if let number, let first = seenNumbers[number] { problems.append("member_id \(number) already appears on line \(first)") }
            let firstName = field("first_name"), lastName = field("last_name")
            if firstName == nil { problems.append("first_name is empty") }
            if lastName == nil { problems.append("last_name is empty") }
            let type = field("membership_type").flatMap { MembershipType(rawValue: $0.lowercased()) }
            if type == nil {
                problems.append("membership_type must be one of \(MembershipType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            func yesNo(_ name: String) -> Bool {
                switch field(name)?.lowercased() {
                case nil, "no", "n", "false", "0": return false
                case "yes", "y", "true", "1": return true
                case let other?: problems.append("\(name) must be yes or no, not \"\(other)\""); return false
                }
            }
            let principal = yesNo("principal")
            let usesMLS = yesNo("mls_access")
            if principal && type != .realtor { problems.append("only a REALTOR member can be a principal") }
            let email = field("email")
            if let email, !(email.contains("@") && email.contains(".")) { problems.append("email \"\(email)\" is not an address") }
            let joined = field("joined_on").flatMap(CivilDate.init)
            if joined == nil { problems.append("joined_on must be a date as YYYY-MM-DD") }
            var left: CivilDate?
            if let text = field("left_on") {
                left = CivilDate(text)
                if left == nil { problems.append("left_on must be a date as YYYY-MM-DD") }
                if let l = left, let j = joined, l < j { problems.append("left_on is before joined_on") }
            }
            guard problems.isEmpty, let number, let firstName, let lastName, let type, let joined else {
                errors.append(RosterError(line: line, reason: problems.joined(separator: "; ")))
                continue
            }
            seenNumbers[number] = line
            var record = RosterRecord(line: line, memberNumber: number, firstName: firstName, lastName: lastName,
                                      email: email?.lowercased(), phone: field("phone"), membershipType: type,
                                      isPrincipal: principal, firm: field("firm"), office: field("office"),
                                      joinedOn: joined, leftOn: left)
            record.usesMLS = usesMLS
            records.append(record)
        }
        return (records, errors)
    }
}
