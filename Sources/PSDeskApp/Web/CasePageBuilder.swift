import Vapor
import Fluent
import StandardsCore

/// Builds the case page's context: the docket as a timeline (corrections shown against what they
/// correct), the documents, and the entry form for the chosen entry type.
enum CasePageBuilder {
    /// - Parameter parties: the case's parties with their people (`case_parties`).
    static func build(caseScope: CaseScope, parties: [CaseParty], partyRoles: Set<PartyRole> = [], slug: String, requestedType: String?, corrects: String?, submitted: [String: String]?,
                      errors: [String], uploadErrors: [String], notices: [String], said: [String] = [], failure: CaseStepForm.Failure = .init(),
                      today: CivilDate, layout: LayoutContext, actorPersonID: UUID? = nil, revealed: Set<String> = [],
                      partyLanguage: LetterLanguage? = nil, on db: Database) async throws -> CasePage {
        // A party-only reader's page in their language; everyone else's in the rules' English.
        let words = Wording(partyLanguage ?? .en)
        var failure = failure
        if partyLanguage != nil { failure.message = words.refusal(code: failure.code, otherwise: failure.message) }
        let record = caseScope.record
        let caseID = try record.requireID()
        let number = record.number
        let canViewDocuments = (try? caseScope.require(.viewDocument)) != nil
        // Only what the person may open: a paper filed with an entry they may not read (S3 §8), or another addressee's letter, is not listed.
        let shownDocuments = canViewDocuments ? try await caseScope.documents(on: db) : []
        let readable = caseScope.readableDocket
        let documentRows = shownDocuments.map { documentRow($0, slug: slug, number: number, zone: caseScope.scope.association.timeZone) }
        let docsByEntry = Dictionary(grouping: shownDocuments.filter { $0.docketEntryID != nil }, by: { $0.docketEntryID! })
        let canAppend = (try? caseScope.require(.appendEntry)) != nil
        let reminders = caseScope.scope.roles.contains(.staff)
            ? try await ReminderRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$sentAt, .descending).limit(50).all() : []

        // Timeline in recording order: the docket as filed, corrections and strikes included and labelled.
        let bySequence = Dictionary(uniqueKeysWithValues: caseScope.docket.map { ($0.id, $0.sequence) })
        let struck = Set(caseScope.docket.filter { $0.type == .entryStruck }.compactMap(\.corrects))
        let superseded = Set(caseScope.docket.filter { $0.type != .entryStruck }.compactMap(\.corrects))
        let current = Dictionary(uniqueKeysWithValues: CaseProjection.effectiveEntries(caseScope.docket).map { ($0.id, $0) })
        let zone = caseScope.scope.association.timeZone
        let names = try await personNames(in: caseScope.docket, known: parties.map(\.person), on: db)
        let timeline = readable.map { entry -> CasePage.TimelineEntry in
            var note: String?
            if let target = entry.corrects, let seq = bySequence[target] {
                note = entry.type == .entryStruck ? "Strikes entry #\(seq)" : "Corrects entry #\(seq)"
            } else if superseded.contains(entry.id) {
                note = "Corrected by a later entry"
            }
            let details = entry.type.fields.compactMap { field -> CasePage.TimelineEntry.Detail? in
                guard let value = entry.payload[field.name] else { return nil }
                return .init(label: words.fieldLabel(field), value: display(value, field: field, names: names, words: words))
            }
            let correctable = canAppend && entry.type != .entryStruck && !struck.contains(entry.id)
            // Letters and receipts act on the notice as it now stands: the original, not its corrections.
            let isLiveNotice = entry.type == .noticeSent && entry.corrects == nil && !struck.contains(entry.id)
            return .init(anchor: "entry-\(entry.sequence)", sequence: entry.sequence, effectiveOn: entry.effectiveOn.description,
                         weekday: words.weekday(entry.effectiveOn), title: words.entryTitle(entry.type), rule: entry.type.rule?.id, details: details,
                         actor: entry.actorName, recordedAt: TimestampFormatting.local(entry.recordedAt, timeZone: zone), note: note, struck: struck.contains(entry.id),
                         correctURL: correctable ? Paths.caseDetail(slug, number) + "?entryType=\(entry.type.rawValue)&corrects=\(entry.id.uuidString)#add-entry" : nil,
                         documents: (docsByEntry[entry.id] ?? []).map { documentRow($0, slug: slug, number: number, zone: zone) },
                         letterURL: isLiveNotice ? Paths.notice(slug, number, entry.id.uuidString) + "/letter" : nil,
                         receiptURL: isLiveNotice && canAppend && current[entry.id]?.parsed.date(.receivedOn) == nil ? Paths.notice(slug, number, entry.id.uuidString) + "/receipt" : nil)
        }

        // Types a registered step records are taken through that step's form, not the generic entry form.
        let allowedTypes = DocketEntryType.allCases.filter { type in
            type.allowed(on: caseScope.kind) && type != .caseOpened && type != .documentFiled && type != .recordsDestroyed
                && StepRegistry.step(recording: ProposedEntry(type: type, effectiveOn: today), kind: caseScope.kind) == nil
        }
        let chosen = requestedType.flatMap(DocketEntryType.init(rawValue:)).flatMap { allowedTypes.contains($0) ? $0 : nil }
        var entryForm: CasePage.EntryForm?
        if canAppend, let chosen {
            let target = corrects.flatMap(UUID.init(uuidString:)).flatMap { id in caseScope.docket.first { $0.id == id } }
            entryForm = .init(
                actionURL: Paths.caseEntries(slug, number), type: chosen.rawValue, typeTitle: chosen.title,
                effectiveOn: submitted?["effectiveOn"] ?? target?.effectiveOn.description ?? today.description,
                corrects: target?.id.uuidString ?? "",
                correctsLabel: target.map { chosen == .entryStruck ? "Strikes entry #\($0.sequence) (\($0.type.title))" : "Corrects entry #\($0.sequence) (\($0.type.title))" },
                fields: chosen.fields.map { field in
                    let value = submitted?["f_\(field.name)"] ?? target.flatMap { t in chosen == t.type ? t.payload[field.name].map { formValue($0, field: field) } : nil } ?? ""
                    return formField(field, value: value, parties: parties)
                })
        }
        let rules = try await CaseRules.load(for: record, in: caseScope.scope.association, on: db, today: today,
                                             respondents: parties.filter { $0.role == PartyRole.respondent.rawValue }.map(\.$person.id))
        let derived = rules.deadlines(kind: caseScope.kind, docket: caseScope.docket, asOf: today)
        let deadlines = derived.map { words.deadlineRow($0, forParty: false) }
        // A party's own duties, with the date or what it counts from (never the other side's options).
        let yourDuties = derived.filter { $0.status == .pending && PartyDuties.concerns($0.key, partyRoles, docket: caseScope.docket) }
            .map { words.deadlineRow($0, forParty: true) }
        let status = CaseStatus(rawValue: record.status)
        // Each step's form is offered exactly when its runner would take it: the step's own policy and availability.
        let base = Paths.caseDetail(slug, number)
        let stepView = StepView(kind: caseScope.kind, docket: caseScope.docket, today: today, deadlines: derived)
        let complaint = stepView.effective.last { $0.type == .complaintFiled || $0.type == .complaintAmended }
        func offered(_ step: any CaseStep.Type) -> String? { StepRunner.refusal(step, caseScope, view: stepView) == nil ? base + "/" + step.name : nil }
        let acknowledgeURL = offered(IntakeSteps.Acknowledge.self)
        let mediationAssignURL = offered(MediationSteps.Assign.self)
        // The least loaded mediation officer first, with their mediations this year (issue 18).
        let officers = mediationAssignURL == nil ? [] : try await StepFactsLoader.load([.mediators], for: caseScope, profile: rules.profile, on: today, db: db).mediators
        let mediationLoad = try await Committee.recentAssignments(of: officers.map(\.id), on: today, mediations: true, db: db)
        let mediators = officers.sorted { (mediationLoad[$0.id] ?? 0, $0.name) < (mediationLoad[$1.id] ?? 0, $1.name) }.map {
            CasePage.Choice(value: $0.id.uuidString, label: "\($0.name) — \(mediationLoad[$0.id] ?? 0) mediations in 12 months")
        }
        // What was typed on the GC decision form before a refusal, kept on the page (choices included).
        func typed(_ field: String) -> String? { failure.form == "gc-decision" ? failure.values[field] : nil }
        var gcDecision: CasePage.GCDecisionForm?
        // The Committee decides a complaint staff have taken in (acknowledged), not one still awaiting intake (a1.5, a1.6).
        if let complaint, let actionURL = offered(ReviewSteps.Decide.self) {
            gcDecision = .init(actionURL: actionURL,
                               decisions: GrievanceDecision.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: typed("decision") == $0.rawValue) },
                               reasons: ["untimely", "not-within-jurisdiction", "not-a-code-matter", "unworthy"].map {
                                   .init(value: $0, label: $0.replacingOccurrences(of: "-", with: " "), selected: typed("reason") == $0)
                               },
                               articles: CitedArticles.text(CitedArticles.current(caseScope.docket)), narrative: complaint.payload["narrative"]?.textValue ?? "",
                               questions: GrievanceReview.questions.map { "\($0.question) (\($0.rule))" }, today: today.description,
                               amendURL: Paths.caseDetail(slug, number) + "/gc-amend")
        }
        let isStaff = caseScope.scope.roles.contains(.staff)
        let decideAppealURL = offered(ReviewSteps.DecideDismissalAppeal.self)
        let board = decideAppealURL == nil ? [] : try await Committee.board(of: caseScope.scope.association, on: db)
        let helperURL = offered(IntakeSteps.AssignHelper.self)
        let helpers = helperURL == nil ? [] : try await EthicsSteps.grievanceMembers(in: caseScope.scope.association, asOf: today, on: db)
        // The hold of an ethics complaint for an arbitration, read both ways (b2.10).
        let heldFor = ArbitrationHold.waitingFor(caseScope.docket).map { CasePage.CaseLink(number: $0, url: Paths.caseDetail(slug, $0)) }
        let waiting = caseScope.kind == .arbitration
            ? try await ArbitrationHoldLinks.waiting(for: number, in: caseScope.scope.id, on: db).map { CasePage.CaseLink(number: $0, url: Paths.caseDetail(slug, $0)) } : []
        let arbitrationHearing = caseScope.kind == .arbitration && (ArbitrationHearing.notReady(stepView) == nil || stepView.panel.listTransmittedOn != nil)
        var page = CasePage(
            layout: layout, number: number, title: record.title, kind: words.kind(caseScope.kind), status: words.caseStatus(record.status),
            statusClass: (status?.isTerminal ?? false) ? "closed" : "open", openedOn: record.openedOn ?? "—",
            parties: parties.map { party in
                let person = party.person
                return .init(name: person.fullName, role: words.role(party.role),
                             email: isStaff ? person.email : nil, phone: isStaff ? person.phone : nil, address: isStaff ? person.address : nil)
            },
            timeline: timeline, documents: documentRows, canAppend: canAppend,
            canUpload: (try? caseScope.require(.uploadDocument)) != nil,
            entryTypes: allowedTypes.map { .init(value: $0.rawValue, label: $0.title, selected: $0 == chosen) },
            entryForm: entryForm, entryTypeURL: Paths.caseDetail(slug, number), uploadURL: Paths.caseDocuments(slug, number),
            today: today.description, errors: errors, uploadErrors: uploadErrors, notices: notices, profile: rules.profile.name.uppercased(),
            acknowledgeURL: acknowledgeURL, gcDecision: gcDecision, serveURL: offered(IntakeSteps.Serve.self), dismissalAppealDecisionURL: decideAppealURL,
            directorOptions: board.map { .init(value: $0.$person.id.uuidString, label: $0.person.fullName, selected: false) },
            requestCompletionURL: offered(IntakeSteps.RequestCompletion.self), distributeURL: offered(IntakeSteps.Distribute.self),
            forwardReplyURL: offered(IntakeSteps.ForwardReply.self), amendURL: offered(PartySteps.Amend.self),
            requestResponseURL: offered(ReviewSteps.RequestResponse.self), respondURL: offered(PartySteps.Respond.self),
            assignHelperURL: helpers.isEmpty ? nil : helperURL,
            helperOptions: helpers.compactMap { p in p.id.map { .init(value: $0.uuidString, label: p.fullName, selected: false) } },
            excludedFromReview: caseScope.facts.actorExcludedFromReview,
            onPaper: isStaff && partyRoles.isEmpty,
            replyURL: offered(PartySteps.Reply.self), appealDismissalURL: offered(PartySteps.AppealDismissal.self), withdrawURL: offered(PartySteps.Withdraw.self),
            gcContinueURL: offered(ReviewSteps.Continue.self),
            deadlines: deadlines, yourDuties: yourDuties, said: said, failure: failure,
            hearingURL: (caseScope.kind == .ethics && Self.hearingStages.contains(status ?? .opened)) || arbitrationHearing ? base + "/hearing" : nil,
            awardRefusalURL: offered(AwardSteps.RefuseToAbide.self),
            arbitrationRequestURL: offered(RequestSteps.Record.self), arbitrationClassifyURL: offered(RequestSteps.Classify.self),
            arbitrationServeURL: offered(RequestSteps.Serve.self), arbitrationRespondURL: offered(RequestSteps.Respond.self),
            classificationChallengeURL: offered(RequestSteps.ChallengeClassification.self), classificationDecideURL: offered(RequestSteps.DecideChallenge.self),
            mediationAssignURL: mediationAssignURL, mediationConcludeURL: offered(MediationSteps.Conclude.self),
            mediators: mediators,
            arbitrationDeposit: caseScope.kind == .arbitration ? Money.format(rules.profile.arbitrationDepositCents) : nil)
        page.mediationSessionURL = offered(MediationSteps.Session.self)
        if (try? caseScope.require(.exchangeMessages)) != nil && (caseScope.scope.roles.contains(.staff) || caseScope.facts.actorIsParty) {
            page.messagesURL = Paths.caseMessages(slug, number)
        }
        page.t = Catalog.shared.page(["portal"], words.language, ["profile": rules.profile.name.uppercased(), "number": number])
        page.reminders = reminders.map { r in
            let when = TimestampFormatting.local(r.sentAt, timeZone: zone)
            let ahead = r.daysAhead.map { $0 == 0 ? "on the day" : "\($0) day\($0 == 1 ? "" : "s") before" } ?? ""
            let title = DeadlineKey(rawValue: r.kind)?.title ?? r.kind
            return "\(when) · \(ahead): \(title), due \(r.dueOn ?? "—"), to \(r.recipientName) <\(r.recipientAddress)>"
        }
        page.specialistsURL = offered(ArbitrationHearing.Specialists.self)
        page.specialistField = caseScope.kind == .arbitration ? ArbitrationHearing.field(stepView).label : nil
        page.holdForArbitrationURL = offered(ArbitrationHold.Hold.self)
        page.heldFor = heldFor
        // A complaint with the citation panel and the citation review it opened, linked both ways (S3 9.2.2, 9.3.3).
        if let citation = CitationReferral.waitingFor(caseScope.docket) {
            page.linkedCase = .init(number: citation, url: Paths.caseDetail(slug, citation), words: "This complaint is with the citation panel, in")
        } else if let from = CitationReferral.openedFrom(caseScope.docket) {
            page.linkedCase = .init(number: from, url: Paths.caseDetail(slug, from), words: "Opened from the complaint")
        }
        page.waitingEthicsCases = waiting
        page.awardRenderURL = offered(AwardSteps.Render.self)
        page.awardEscrowURL = offered(AwardSteps.Escrow.self)
        page.awardSatisfiedURL = offered(AwardSteps.Satisfied.self)
        page.awardReleaseURL = offered(AwardSteps.Release.self)
        var formOptions: [String: [StepForm.Option]] = [:]
        // Who may sit on a Directors' (or regional appeal) panel, read once for the forms that name one.
        let panelFacts = offered(AfterAward.ReviewDecision.self) != nil || offered(DirectorsPanelSteps.Appoint.self) != nil
            ? try await StepFactsLoader.load([.board, .appealPool], for: caseScope, profile: rules.profile, on: today, db: db) : nil
        if offered(AfterAward.ReviewDecision.self) != nil, let facts = panelFacts {
            // Whoever sat on the tribunal may not review its award (b7.4): shown, not choosable. Under a regional
            // agreement the pool is the shared committee (appendix (5)(c)).
            formOptions["directors"] = DirectorsMatter.proceduralReview.pool(facts).people.map { person in
                StepForm.Option(value: person.id.uuidString, label: person.name, note: DirectorsPanelSteps.stepsAside(person.id, view: stepView, facts: facts))
            }
        }
        if offered(CitationSteps.Issue.self) != nil {
            // The conduct a citation may cite is the schedule in force today (a2.35), not the model.
            formOptions["standards"] = try await CitationScheduleStore.inForce(for: caseScope.scope.id, on: today, db: db).entries.map {
                StepForm.Option(value: $0.id, label: "\($0.id) (Level \($0.level.rawValue))", note: nil)
            }
        }
        if offered(CitationSteps.Issue.self) != nil || offered(CitationSteps.ToHearing.self) != nil {
            formOptions["panelistIds"] = try await CitationPanelOptions.options(caseScope, today: today, profile: rules.profile, db: db)
        }
        // A respondent who left (S4 (14)): the form is shown when the roster says so, or when staff ask for it.
        var resignationShown = false
        if offered(ResignationSteps.Record.self) != nil {
            let facts = try await StepFactsLoader.load([.respondentMemberships], for: caseScope, profile: rules.profile, on: today, db: db)
            formOptions["toAssociation"] = facts.respondentElsewhere.map { StepForm.Option(value: $0.slug, label: $0.name) }
            if let ended = facts.respondentEndedHereOn {
                page.notices.append("The respondent's membership here ended on \(ended). "
                    + (facts.respondentElsewhere.isEmpty ? "No other membership is known: the complaint goes on here, and any discipline waits until they rejoin (S4 (14))."
                       : "They are still a member of \(facts.respondentElsewhere.map(\.name).joined(separator: ", ")): the complaint goes there (S4 (14)).")
                    + " Record it below.")
            }
            resignationShown = facts.respondentEndedHereOn != nil || revealed.contains(ResignationSteps.Record.name) || failure.form == ResignationSteps.Record.name
            if !resignationShown { page.resignationURL = Paths.caseDetail(slug, number) + "?form=\(ResignationSteps.Record.name)#\(ResignationSteps.Record.name)" }
        }
        if let resigned = caseScope.docket.last(where: { $0.type == .respondentResigned }), resigned.payload["disposition"]?.textValue == "packet", isStaff {
            page.transferPacketURL = Paths.caseDetail(slug, number) + "/transfer-packet"
        }
        let directorsPanel = DirectorsPanel.current(kind: caseScope.kind, docket: caseScope.docket)
        if offered(DirectorsPanelSteps.Appoint.self) != nil, let facts = panelFacts {
            // The assistant explains who may not sit, by the same rules the step checks (b7.4): they are drawn disabled.
            let matter = DirectorsMatter.pending(kind: caseScope.kind, docket: caseScope.docket)?.matter
            let (pool, size, _) = matter?.pool(facts) ?? (facts.board, rules.profile.dismissalAppealPanel, "")
            // It proposes the Directors who sat on the fewest Directors' panels in the last twelve months (issue 18).
            let load = try await Committee.recentDirectorsPanels(in: caseScope.scope.id, since: today.adding(days: -365), db: db)
            let seats = matter == nil ? 0 : size.seats(boardQuorum: facts.boardQuorum)
            var proposed = 0
            let surname = { (person: NamedPerson) in person.name.split(separator: " ").last.map(String.init) ?? person.name }
            formOptions["directorIds"] = pool.sorted { (load[$0.id] ?? 0, surname($0)) < (load[$1.id] ?? 0, surname($1)) }.map { director in
                let excluded = DirectorsPanelSteps.stepsAside(director.id, view: stepView, facts: facts)
                if excluded == nil { proposed += 1 }
                return StepForm.Option(value: director.id.uuidString, label: "\(director.name) — \(load[director.id] ?? 0) Directors' panels in 12 months",
                                       selected: excluded == nil && proposed <= seats, note: excluded)
            }
        }
        if let directorsPanel {
            page.directorsPanel = directorsPanel.summary
            formOptions["vote"] = directorsPanel.matter.choices(caseScope.docket).map { StepForm.Option(value: $0.value, label: $0.label) }
        }
        page.stepForms = StepForm.forms(StepForm.all, offered: offered, failure: failure, options: formOptions,
                                       asParty: !caseScope.partyRoles.isEmpty)
        if !resignationShown { page.stepForms.removeAll { $0.id == ResignationSteps.Record.name } }
        // The vote form is for the panel's Directors who have not voted yet: to anyone else it could only be refused.
        if !(actorPersonID.map { me in directorsPanel?.awaiting.contains(me) ?? false } ?? false) {
            page.stepForms.removeAll { $0.id == DirectorsPanelSteps.Vote.name }
        }
        if isStaff {
            switch RecordRetention.answer(stepView, arbitrationYears: rules.profile.arbitrationRetentionYears) {
            case .from(let day, let basis, let rule):
                page.retention = "This file may be destroyed on or after \(day) (\(day.weekday.shortName)): \(basis) (S3 1.1.3, \(rule.id)); staff confirm it on Records."
            case .kept(let why): page.retention = "Retention: \(why)."
            case .held(let reason): page.retention = "A legal hold keeps this file whatever the retention rules allow: \(reason)."
            case .destroyed(let on): page.retention = "This file's content was destroyed on \(on) under the retention rules; its tombstone is the last entry."
            }
        }
        if caseScope.kind == .citation, isStaff || caseScope.partyRoles.contains(.respondent) {
            page.citationStanding = CitationSteps.standing(stepView).sentence
        }
        if AwardSteps.award(stepView) != nil {
            page.awardUnpaid = Money.format(AwardSteps.unpaid(stepView))
            page.escrowHeld = Money.format(AwardSteps.held(stepView))
        }
        return page
    }

    /// Where an ethics case has a hearing page: from forwarding on.
    static let hearingStages: Set<CaseStatus> = [.forwarded, .replyReceived, .panelNamed, .hearingScheduled, .heard, .decided, .appealed, .appealHeard,
                                                 .finalAction, .beforeDirectors]

    /// One deadline as every screen shows it: due date with weekday, status, rule and the explanation.
    static func deadlineRow(_ d: Deadline) -> CasePage.DeadlineRow {
        CasePage.DeadlineRow(title: d.title,
                             due: d.dueOn == nil ? (d.earliestOn.map { "not before \($0)" } ?? d.dueText) : d.dueText,
                             status: d.status.rawValue.replacingOccurrences(of: "-", with: " "), statusClass: d.status.rawValue,
                             rule: d.rule, explanation: d.explanation, closedDayNote: d.closedDayNote)
    }

    static func documentRow(_ d: DocumentRecord, slug: String, number: String, zone: String) -> CasePage.DocumentRow {
        let size = d.byteCount >= 1_000_000 ? String(format: "%.1f MB", Double(d.byteCount) / 1e6) : String(format: "%.0f KB", max(1, Double(d.byteCount) / 1e3))
        return .init(title: d.title, filename: d.filename, size: size, url: Paths.document(slug, number, d.id?.uuidString ?? ""),
                     uploadedAt: d.uploadedAt.map { TimestampFormatting.local($0, timeZone: zone) } ?? "")
    }

    /// Fields that hold person ids (one, or a comma-separated list): shown by name on the timeline.
    static func holdsPeople(_ field: PayloadField) -> Bool {
        if case .uuid = field.type { return true }
        return field.name.hasSuffix("Ids") || field.name == "people"
    }

    /// The names of everyone a docket's entries refer to by id: those in `known` (the parties) without asking, the
    /// others (a panel, a helper) in one query.
    static func personNames(in docket: [DocketEntry], known: [Person] = [], on db: Database) async throws -> [UUID: String] {
        var names = Dictionary(known.compactMap { p in p.id.map { ($0, p.fullName) } }, uniquingKeysWith: { first, _ in first })
        let ids = Set(docket.flatMap { entry in
            entry.type.fields.filter(holdsPeople).flatMap { HearingPanel.ids(entry.payload[$0.name]?.textValue) }
        }).subtracting(names.keys)
        guard !ids.isEmpty else { return names }
        for person in try await Person.query(on: db).filter(\.$id ~~ Array(ids)).all() {
            if let id = person.id { names[id] = person.fullName }
        }
        return names
    }

    private static func display(_ value: PayloadValue, field: PayloadField, names: [UUID: String], words: Wording) -> String {
        switch field.type {
        case .cents: return value.integerValue.map(Money.format(_:)) ?? value.display
        case _ where holdsPeople(field):
            let ids = HearingPanel.ids(value.textValue)
            return ids.isEmpty ? value.display : ids.map { names[$0] ?? $0.uuidString }.joined(separator: ", ")
        case .choice(let options):
            if let role = value.textValue.flatMap(PartyRole.init(rawValue:)), options.contains(role.rawValue) { return words.role(role.rawValue) }
            return value.textValue.flatMap(words.choice) ?? value.display
        default: return value.display
        }
    }

    private static func formValue(_ value: PayloadValue, field: PayloadField) -> String {
        if case .cents = field.type, let cents = value.integerValue { return String(format: "%d.%02d", cents / 100, cents % 100) }
        return value.display
    }

    private static func formField(_ field: PayloadField, value: String, parties: [CaseParty]) -> CasePage.EntryForm.Field {
        switch field.type {
        case .date:
            return .init(name: "f_\(field.name)", label: field.label, input: "date", required: field.required, value: value, options: [])
        case .cents:
            return .init(name: "f_\(field.name)", label: field.label.replacingOccurrences(of: " (cents)", with: " ($)"), input: "money",
                         required: field.required, value: value, options: [])
        case .choice(let options):
            return .init(name: "f_\(field.name)", label: field.label, input: "select", required: field.required, value: value,
                         options: options.map { .init(value: $0, label: PartyRole(rawValue: $0)?.label ?? $0, selected: $0 == value) })
        case .uuid, .timestamp:
            return .init(name: "f_\(field.name)", label: field.label, input: "text", required: field.required, value: value, options: [])
        case .text:
            let long = ["text", "summary", "reason", "basis"].contains(field.name)
            return .init(name: "f_\(field.name)", label: field.label, input: long ? "textarea" : "text", required: field.required, value: value, options: [])
        }
    }
}
