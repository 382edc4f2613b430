import Vapor
import Fluent
import StandardsCore

/// Anyone may file an ethics complaint (a1.1), without an account. The complaint is numbered, put on a
/// new case's docket, and the filer gets a case access key, shown once, to follow it. A late complaint is
/// still received and recorded, with the filing-window warning for the Grievance Committee (a1.2).
enum FileComplaintOnline {
    struct Attachment: Sendable { let filename: String; let data: Data }

    struct Filed: Sendable {
        let record: CaseRecord
        let accessKey: String
        let filing: Deadline?
        let warnings: [Refusal]
    }

    enum Outcome: Sendable {
        case filed(Filed)
        case invalid([String: String])
    }

    /// - Parameters:
    ///   - today: the day the complaint was received: today online, the day the post brought it for paper.
    ///   - recordedBy: staff recording a paper complaint; nil for the public filing online.
    ///   - words: the filer's language's wording of each problem (`Catalog`, `file_error_<code>`).
    static func run(_ complaint: OnlineComplaint, attachments: [Attachment], association: Association, config: AppConfig,
                    today: CivilDate, now: Date, recordedBy: Actor? = nil, language: LetterLanguage = .en,
                    words: (OnlineComplaint.Problem) -> String, on db: Database) async throws -> Outcome {
        var problems = complaint.problems(today: today).mapValues(words)
        var checked: [(Attachment, DocumentType)] = []
        for attachment in attachments {
            let name = UploadDocument.sanitize(attachment.filename)
            switch UploadCheck.check(filename: name, byteCount: attachment.data.count, head: Array(attachment.data.prefix(64 * 1024)),
                                     allowed: config.uploadTypes, maxBytes: config.maxUploadBytes) {
            case .success(let type): checked.append((Attachment(filename: name, data: attachment.data), type))
            case .failure(let refusal): problems["attachments"] = "\(name): \(refusal.message)"
            }
        }
        // Under a regional agreement a respondent of any signatory is found, and the agreement's rule names the
        // association that administers the complaint (appendix (5)(a)): everything is then kept there.
        let signatories = try await Committee.associations(sharing: association, on: today, db: db)
        var found = try await resolveRespondents(complaint.respondents, associations: signatories, on: db)
        if !problems.isEmpty { return .invalid(problems) }
        let (administering, administeredNote) = try await administeringAssociation(filedWith: association, signatories: signatories,
                                                                                   respondent: found.first { $0.personID != nil }, on: db)
        let associationID = try administering.requireID()
        // Each respondent is the person as the administering association knows them (the same email), when it does.
        for index in found.indices {
            guard let person = found[index].personID,
                  try await Person.find(person, on: db)?.$association.id != associationID else { continue }
            let there = try await CaseParties.membershipsEverywhere(of: [person], on: db).first { $0.$association.id == associationID }
            found[index] = ResolvedRespondent(personID: there?.$person.id ?? person, name: found[index].name, firm: found[index].firm)
        }
        let resolved = found

        let storage = DocumentStorage(root: config.blobDirectory)
        let stored = try checked.map { (attachment: $0.0, type: $0.1, sha: try storage.store($0.0.data)) }
        let accessKey = "psk_" + TokenHashing.newToken().dropFirst(4)
        let filerName = "\(complaint.firstName.trimmingCharacters(in: .whitespaces)) \(complaint.lastName.trimmingCharacters(in: .whitespaces))"
        let (record, appended) = try await writeTransaction(on: db) { tx in
            let filer = Person(associationID: associationID, kind: .public, firstName: complaint.firstName.trimmingCharacters(in: .whitespaces),
                               lastName: complaint.lastName.trimmingCharacters(in: .whitespaces), email: complaint.email.trimmingCharacters(in: .whitespaces).lowercased(),
                               phone: complaint.phone.isEmpty ? nil : complaint.phone, address: complaint.address.isEmpty ? nil : complaint.address)
            // A complaint filed in Spanish is answered in Spanish: the filer's letters follow the form's language.
            filer.language = language == .en ? nil : language.rawValue
            try await filer.create(on: tx)
            var respondentIDs: [UUID] = []
            for respondent in resolved {
                if let id = respondent.personID { respondentIDs.append(id); continue }
                let parts = respondent.name.split(separator: " ")
                let person = Person(associationID: associationID, kind: .member, firstName: parts.dropLast().joined(separator: " "),
                                    lastName: String(parts.last ?? ""), address: respondent.firm.isEmpty ? "Not in the member registry" : "Firm named by the complainant: \(respondent.firm)")
                try await person.create(on: tx)
                respondentIDs.append(try person.requireID())
            }
            let summary = "Filed online by \(filerName)" + (administeredNote.map { "; \($0)" } ?? "")
            var entries = [ProposedEntry(type: .caseOpened, effectiveOn: today, payload: ["summary": .text(summary)]),
                           ProposedEntry(type: .partyAdded, effectiveOn: today, payload: ["personId": .text(try filer.requireID().uuidString), "role": .text("complainant")])]
            entries += respondentIDs.map { ProposedEntry(type: .partyAdded, effectiveOn: today, payload: ["personId": .text($0.uuidString), "role": .text("respondent")]) }
            if let process = complaint.informalProcessPayload {
                entries.append(ProposedEntry(type: .informalProcess, effectiveOn: today, payload: process))
            }
            entries.append(ProposedEntry(type: .complaintFiled, effectiveOn: today, payload: complaint.complaintPayload))
            entries += stored.map { ProposedEntry(type: .documentFiled, effectiveOn: today, payload: ["title": .text("Attachment: \($0.attachment.filename)")]) }
            let respondentNames = resolved.map(\.displayLastName).joined(separator: ", ")
            let title = "\(complaint.lastName.trimmingCharacters(in: .whitespaces)) v. \(respondentNames)"
            let created = try await OpenCase.create(kind: .ethics, title: String(title.prefix(200)), openedOn: today, associationID: associationID,
                                                    entries: entries, actor: recordedBy,
                                                    actorName: recordedBy == nil ? "Online filing (\(filerName))" : nil, now: now, on: tx)
            let caseID = try created.record.requireID()
            let documentEntries = created.appended.records.filter { $0.type == DocketEntryType.documentFiled.rawValue }
            for (item, entry) in zip(stored, documentEntries) {
                try await DocumentRecord(associationID: associationID, caseID: caseID, docketEntryID: entry.id, title: "Attachment: \(item.attachment.filename)",
                                         filename: item.attachment.filename, mediaType: item.type.mediaType, byteCount: item.attachment.data.count,
                                         sha256: item.sha, uploadedBy: nil).create(on: tx)
            }
            try await CaseAccessKey(associationID: associationID, caseID: caseID, personID: try filer.requireID(),
                                    keyHash: TokenHashing.hash(accessKey)).create(on: tx)
            return created
        }
        let rules = try await CaseRules.load(for: record, on: db, today: today)
        let docket = try await DocketStore.entries(of: record.requireID(), on: db)
        let filing = rules.deadlines(kind: .ethics, docket: docket, asOf: today).first { $0.key == .filing }
        return .filed(Filed(record: record, accessKey: accessKey, filing: filing, warnings: appended.warnings))
    }

    /// The association that keeps the case: the one it was filed with, unless a regional agreement's rule names another
        /// signatory (appendix (5)(a)); then also the sentence the docket keeps about it.
    static func administeringAssociation(filedWith association: Association, signatories: [UUID], respondent: ResolvedRespondent?,
                                         on db: Database) async throws -> (Association, String?) {
        guard signatories.count > 1, let person = respondent?.personID, let agreement = try await association.$regionalAgreement.get(on: db) else {
            return (association, nil)
        }
        let all = try await Association.query(on: db).filter(\.$id ~~ signatories).all()
        let memberships = try await CaseParties.membershipsEverywhere(of: [person], on: db).filter { m in
            signatories.contains(m.$association.id) && m.periods.contains { $0.endsOn == nil }
        }
        let rule = RegionalAgreementTerms.Administering(rawValue: agreement.administering ?? "") ?? .respondentBoard
        let chosen = RegionalAgreementTerms.administering(rule, filedWith: association.slug, signatories: Set(all.map(\.slug)),
                                                          memberships: memberships.map { .init(association: $0.association.slug, usesMLS: $0.usesMLS == true) })
        guard let target = all.first(where: { $0.slug == chosen.association }), target.id != association.id else { return (association, nil) }
        return (target, "administered by \(target.name), \(chosen.reason), under the \(agreement.name) (appendix (5)(a))")
    }

    struct ResolvedRespondent: Sendable {
        let personID: UUID?
        let name: String
        let firm: String
        var displayLastName: String { name.split(separator: " ").last.map(String.init) ?? name }
    }

    /// A respondent given by member number, or by a name that matches exactly one member, is that member;
    /// anyone else is recorded as named by the complainant.
    static func resolveRespondents(_ respondents: [OnlineComplaint.Respondent], associations: [UUID], on db: Database) async throws -> [ResolvedRespondent] {
        var out: [ResolvedRespondent] = []
        for respondent in respondents {
            let number = (respondent.memberNumber ?? "").trimmingCharacters(in: .whitespaces)
            let name = respondent.name.trimmingCharacters(in: .whitespaces)
            if number.isEmpty && name.isEmpty { continue }
            if !number.isEmpty, let member = try await Membership.query(on: db).filter(\.$association.$id ~~ associations)
                .filter(\.$memberNumber == number).with(\.$person).first() {
                out.append(ResolvedRespondent(personID: member.$person.id, name: member.person.fullName, firm: respondent.firm))
                continue
            }
            let parts = name.split(separator: " ").map(String.init)
            if parts.count >= 2 {
                let matches = try await Person.query(on: db).filter(\.$association.$id ~~ associations).filter(\.$kind == .member)
                    .filter(\.$firstName == parts.dropLast().joined(separator: " ")).filter(\.$lastName == parts[parts.count - 1]).all()
                if matches.count == 1, let match = matches.first {
                    out.append(ResolvedRespondent(personID: try match.requireID(), name: match.fullName, firm: respondent.firm))
                    continue
                }
            }
            out.append(ResolvedRespondent(personID: nil, name: name.isEmpty ? "Member \(number)" : name, firm: respondent.firm))
        }
        return out
    }
}
