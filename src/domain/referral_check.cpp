#include "domain/referral_check.hpp"

#include "domain/procedure_rules.hpp"

#include <algorithm>

namespace rc {

namespace {

// "NRM", "Duty to Notify (MS1)", "children's services": for the middle of a sentence.
std::string type_name(ReferralType t) {
    switch (t) {
    case ReferralType::Nrm:
        return "NRM";
    case ReferralType::DutyToNotify:
        return "Duty to Notify (MS1)";
    default: {
        std::string s(referral_type_label(t));
        if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
        return s;
    }
    }
}

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string join_types(const std::vector<ReferralType>& types) {
    std::string out;
    for (std::size_t i = 0; i < types.size(); ++i) {
        if (i > 0) out += i + 1 == types.size() ? " and " : ", ";
        out += type_name(types[i]);
    }
    return out;
}

std::string_view category_phrase(PersonCategory c) {
    switch (c) {
    case PersonCategory::Child:
        return "a child";
    case PersonCategory::AgeDisputed:
        return "a person whose age is disputed (treated as a child)";
    case PersonCategory::AdultConsents:
        return "an adult who consents to the NRM";
    case PersonCategory::AdultDeclines:
        return "an adult who declined the NRM";
    case PersonCategory::AdultUndecided:
        return "an adult who has not decided about the NRM";
    }
    return "this person";
}

bool is_adult(std::optional<PersonCategory> c) {
    return c == PersonCategory::AdultConsents || c == PersonCategory::AdultDeclines ||
           c == PersonCategory::AdultUndecided;
}

// Higher is further along; used to pick the referral that counts for a type.
int progress_rank(ReferralStatus s) {
    switch (s) {
    case ReferralStatus::Accepted:
        return 5;
    case ReferralStatus::Made:
        return 4;
    case ReferralStatus::InProgress:
        return 3;
    case ReferralStatus::ToDo:
        return 2;
    case ReferralStatus::Declined:
        return 1;
    case ReferralStatus::Withdrawn:
        return 0;
    }
    return 0;
}

std::string_view status_phrase(ReferralStatus s) {
    switch (s) {
    case ReferralStatus::ToDo:
        return "planned";
    case ReferralStatus::InProgress:
        return "in progress";
    case ReferralStatus::Made:
        return "marked made";
    case ReferralStatus::Accepted:
        return "marked accepted";
    case ReferralStatus::Declined:
        return "made (and declined)";
    case ReferralStatus::Withdrawn:
        return "withdrawn";
    }
    return "recorded";
}

bool contains(const std::vector<ReferralType>& v, ReferralType t) {
    return std::find(v.begin(), v.end(), t) != v.end();
}

bool carries_identifying_details(const Referral& r, const Person& person) {
    if (r.identifying) return true;
    for (const std::string* text : {&r.notes, &r.external_reference, &r.reason})
        if (!identifying_details_in(*text, person).empty()) return true;
    return false;
}

std::string partner_problem(const Procedure& p, const Referral& r, bool needs_first_responder) {
    const std::string what = needs_first_responder ? "a first responder" : "an organisation with the duty";
    if (r.making_partner.empty())
        return referral_status_made(r.status) ? "no organisation recorded as making it: it must be " + what
                                              : std::string();
    // A partner, or an organisation the procedure lists as authorised (GLAA, NCA, a neighbouring council).
    const std::optional<ReferralMaker> maker = find_referral_maker(p, r.making_partner);
    if (!maker)
        return "made by '" + r.making_partner +
               "', which is neither a partner nor an authorised organisation in the procedure";
    const bool ok = needs_first_responder ? maker->first_responder : maker->duty_to_notify;
    if (ok) return {};
    return "made by " + maker->name + ", which is not " + what;
}

} // namespace

std::string_view referral_need_id(ReferralNeed n) {
    return n == ReferralNeed::Required ? "required" : "recommended";
}

std::string_view referral_finding_kind_id(ReferralFindingKind k) {
    switch (k) {
    case ReferralFindingKind::Missing:
        return "missing";
    case ReferralFindingKind::Overdue:
        return "overdue";
    case ReferralFindingKind::Contradictory:
        return "contradictory";
    case ReferralFindingKind::Undecided:
        return "undecided";
    case ReferralFindingKind::ConsentNotAsked:
        return "consent_not_asked";
    case ReferralFindingKind::AgeNotEstablished:
        return "age_not_established";
    case ReferralFindingKind::DepartedWithoutReferral:
        return "departed_without_referral";
    case ReferralFindingKind::ReportedMissing:
        return "reported_missing";
    }
    return "missing";
}

std::string_view contradiction_id(Contradiction c) {
    switch (c) {
    case Contradiction::NrmWithoutConsent:
        return "nrm_without_consent";
    case Contradiction::NrmConsentNotExplained:
        return "nrm_consent_not_explained";
    case Contradiction::ConsentDeclinedButMade:
        return "consent_declined_but_made";
    case Contradiction::NrmNotByFirstResponder:
        return "nrm_not_by_first_responder";
    case Contradiction::Ms1NotByDutyHolder:
        return "ms1_not_by_duty_holder";
    case Contradiction::IdentifyingOnAnonymous:
        return "identifying_on_anonymous";
    case Contradiction::Ms1ForChild:
        return "ms1_for_child";
    case Contradiction::ChildWithoutChildrensServices:
        return "child_without_childrens_services";
    }
    return "nrm_without_consent";
}

std::string format_duration(UnixSeconds seconds) {
    if (seconds < 0) seconds = 0;
    const UnixSeconds minutes = seconds / 60;
    const UnixSeconds days = minutes / (24 * 60);
    const UnixSeconds hours = (minutes / 60) % 24;
    const UnixSeconds mins = minutes % 60;
    std::string out;
    if (days > 0) out = std::to_string(days) + (days == 1 ? " day" : " days");
    if (hours > 0) out += (out.empty() ? "" : " ") + std::to_string(hours) + " h";
    if (days == 0 && (mins > 0 || out.empty()))
        out += (out.empty() ? "" : " ") + std::to_string(mins) + " min";
    return out;
}

std::string referral_type_phrase(ReferralType t) {
    return type_name(t);
}

std::optional<PersonCategory> referral_category(const Person& person, Date arrival_date) {
    const AgeStatus age = age_status_for_referrals(child_status(person, arrival_date));
    return person_category(age, person.nrm_consent.value_or(NrmConsent::Undecided));
}

std::string departure_first_step(bool child, Destination d, bool referrals_missing) {
    const std::string after = referrals_missing ? "; then make the missing referrals after the fact" : "";
    if (d == Destination::Missing)
        return child ? "Call the police on 999 now and report a missing child" + after
                     : "Call the police on 999 now and report a missing person at risk" + after;
    if (!child)
        return referrals_missing
                   ? "Make the missing referrals after the fact, and record where the person went"
                   : "";
    switch (d) {
    case Destination::Home:
    case Destination::LeftOfOwnAccord:
    case Destination::Other:
        return "Call the police on 999 now: a child who left alone is at risk" + after;
    case Destination::PoliceProtection:
    case Destination::WithPolice:
    case Destination::Arrested:
    case Destination::DetainedImmigration:
        return "Tell the officer in charge now that the child is not referred, and call children's services" +
               after;
    case Destination::ChildrensServicesPlacement:
        return "Confirm with children's services now that they hold the referral" + after;
    default:
        return "Call children's services now and tell them where the child is" + after;
    }
}

bool referral_must_be_anonymous(const Procedure& p, const Person& person, Date arrival_date, ReferralType t) {
    if (referral_type_always_anonymous(t)) return true;
    if (const auto category = referral_category(person, arrival_date))
        return referral_must_not_identify(p, *category, t);
    // Unknown age: the strictest reading, until someone finds out.
    return std::any_of(all_person_categories.begin(), all_person_categories.end(),
                       [&](PersonCategory c) { return referral_must_not_identify(p, c, t); });
}

PersonReferralCheck check_person_referrals(const Procedure& p, const Person& person, Date arrival_date,
                                           UnixSeconds arrived_at, std::span<const Referral> referrals,
                                           UnixSeconds now, std::optional<PersonExit> departure) {
    PersonReferralCheck out;
    out.child_status = child_status(person, arrival_date);
    out.category = referral_category(person, arrival_date);
    const bool child = treated_as_child(out.child_status);
    const bool adult = is_adult(out.category);
    if (!departure) {
        const JourneySummary journey = summarise_journey(person.journey);
        if (journey.departed && journey.departed_at && journey.destination)
            departure = PersonExit{*journey.departed_at, *journey.destination};
    }
    if (departure && destination_is_temporary(departure->destination)) departure.reset();
    out.departure = departure;
    const auto note_next = [&](UnixSeconds at) {
        if (at >= now && (!out.next_due_at || at < *out.next_due_at)) out.next_due_at = at;
    };

    // ---- what the rules ask for, and where each stands
    ReferralRequirements rule = referral_requirements(p, *out.category);
    // An adult who leaves undecided (or never asked) is owed an anonymous MS1, due from the departure.
    const bool leaves_undecided = departure && out.category == PersonCategory::AdultUndecided;
    if (leaves_undecided && !contains(rule.required, ReferralType::DutyToNotify)) {
        rule.required.push_back(ReferralType::DutyToNotify);
        std::erase(rule.recommended, ReferralType::DutyToNotify);
    }
    const ReferralDueAnchor anchor = referral_due_anchor(*out.category);
    const auto anchor_time = [&](ReferralType t) -> std::optional<UnixSeconds> {
        switch (anchor) {
        case ReferralDueAnchor::Arrival:
            return arrived_at;
        case ReferralDueAnchor::ConsentDecision:
        case ReferralDueAnchor::Decline:
            return std::max(arrived_at, person.nrm_consent_at.value_or(arrived_at));
        case ReferralDueAnchor::Departure:
            if (t == ReferralType::DutyToNotify && departure) return departure->at;
            return std::nullopt;
        }
        return std::nullopt;
    };
    out.required = rule.required;
    out.recommended = rule.recommended;
    for (ReferralNeed need : {ReferralNeed::Required, ReferralNeed::Recommended}) {
        for (ReferralType t : need == ReferralNeed::Required ? rule.required : rule.recommended) {
            ReferralRequirement req;
            req.type = t;
            req.need = need;
            req.anonymous = referral_type_always_anonymous(t) || contains(rule.no_identifying_data, t);
            std::optional<UnixSeconds> first_made_at;
            bool ever_made = false;
            for (std::size_t i = 0; i < referrals.size(); ++i) {
                const Referral& r = referrals[i];
                if (r.type != t) continue;
                if (!req.referral || progress_rank(r.status) >= progress_rank(*req.status)) {
                    req.referral = i;
                    req.status = r.status;
                }
                if (referral_status_made(r.status) ||
                    (r.status == ReferralStatus::Withdrawn && r.made_at.has_value())) {
                    ever_made = true;
                    if (r.made_at && (!first_made_at || *r.made_at < *first_made_at))
                        first_made_at = r.made_at;
                }
            }
            req.missing = !req.status || !referral_status_active(*req.status);
            if (need == ReferralNeed::Required) {
                const std::optional<int> minutes = referral_due_minutes(p, *out.category, t);
                const std::optional<UnixSeconds> from = anchor_time(t);
                if (minutes && from) req.due_at = *from + static_cast<UnixSeconds>(*minutes) * 60;
                const bool made_now = req.status && (*req.status == ReferralStatus::Made ||
                                                     *req.status == ReferralStatus::Accepted);
                req.overdue = req.due_at && !made_now && !ever_made && now > *req.due_at;
                req.made_late = req.due_at && made_now && first_made_at && *first_made_at > *req.due_at;
                if (req.due_at && !made_now && !ever_made) note_next(*req.due_at);
                if (req.missing) out.missing.push_back(t);
                if (req.overdue) out.overdue.push_back(t);
            }
            out.requirements.push_back(req);
        }
    }
    for (ReferralType t : all_referral_types)
        if (std::any_of(referrals.begin(), referrals.end(), [&](const Referral& r) {
                return r.type == t &&
                       (r.status == ReferralStatus::Made || r.status == ReferralStatus::Accepted);
            }))
            out.made.push_back(t);

    // ---- records that contradict the rules
    const auto contradiction = [&](Contradiction c, std::optional<std::size_t> index, ReferralType t,
                                   std::string message) {
        out.findings.push_back(ReferralFinding{ReferralFindingKind::Contradictory, t, index, c,
                                               capitalised(std::move(message))});
        ++out.contradictions;
    };
    for (std::size_t i = 0; i < referrals.size(); ++i) {
        const Referral& r = referrals[i];
        const bool acted = referral_status_acted_on(r.status);
        const std::string what = type_name(r.type) + " " + std::string(status_phrase(r.status));
        bool consent_flagged = false;
        if (r.type == ReferralType::Nrm && acted && adult) {
            if (person.nrm_consent != NrmConsent::Yes) {
                const std::string_view who = !person.nrm_consent ? "whose consent has not been asked"
                                             : *person.nrm_consent == NrmConsent::No
                                                 ? "who declined the NRM"
                                                 : "who has not decided about the NRM";
                contradiction(Contradiction::NrmWithoutConsent, i, r.type,
                              what + " for an adult " + std::string(who) + ": an adult must consent");
                consent_flagged = true;
            } else if (r.consent != ReferralConsent::Given && r.consent != ReferralConsent::Declined) {
                contradiction(Contradiction::NrmWithoutConsent, i, r.type,
                              what + " for an adult, but the referral does not record the adult's consent");
                consent_flagged = true;
            }
            if (referral_status_made(r.status) && !r.consent_explained)
                contradiction(Contradiction::NrmConsentNotExplained, i, r.type,
                              what + " for an adult with no record that the NRM and consent were explained");
        }
        if (adult && acted && !consent_flagged && r.consent == ReferralConsent::Declined &&
            !referral_type_always_anonymous(r.type))
            contradiction(Contradiction::ConsentDeclinedButMade, i, r.type,
                          what + " although the adult declined it");
        if (r.type == ReferralType::Nrm && acted)
            if (std::string problem = partner_problem(p, r, true); !problem.empty())
                contradiction(Contradiction::NrmNotByFirstResponder, i, r.type, what + ": " + problem);
        if (r.type == ReferralType::DutyToNotify && acted)
            if (std::string problem = partner_problem(p, r, false); !problem.empty())
                contradiction(Contradiction::Ms1NotByDutyHolder, i, r.type, what + ": " + problem);
        const bool anonymous =
            referral_type_always_anonymous(r.type) || contains(rule.no_identifying_data, r.type);
        if (anonymous && r.status != ReferralStatus::Withdrawn && carries_identifying_details(r, person))
            contradiction(Contradiction::IdentifyingOnAnonymous, i, r.type,
                          type_name(r.type) + " carries identifying details: it must be anonymous");
        if (r.type == ReferralType::DutyToNotify && acted && child)
            contradiction(Contradiction::Ms1ForChild, i, r.type,
                          what + " for a child: children are referred into the NRM, not notified by MS1");
    }
    if (child) {
        const bool childrens_services =
            std::any_of(referrals.begin(), referrals.end(), [](const Referral& r) {
                return r.type == ReferralType::ChildrensServices && referral_status_active(r.status);
            });
        const auto other = std::find_if(referrals.begin(), referrals.end(), [](const Referral& r) {
            return r.type != ReferralType::ChildrensServices && referral_status_acted_on(r.status);
        });
        if (!childrens_services && other != referrals.end())
            contradiction(Contradiction::ChildWithoutChildrensServices,
                          static_cast<std::size_t>(other - referrals.begin()),
                          ReferralType::ChildrensServices,
                          "a child referred to " + type_name(other->type) +
                              " with no children's services referral under way: every child is referred");
    }

    // ---- missing and overdue (after a departure, the missing ones are named together below)
    for (const ReferralRequirement& req : out.requirements) {
        if (req.need != ReferralNeed::Required) continue;
        // An age nobody has recorded follows the child rules as "disputed" does; say which it is.
        const std::string who(
            out.child_status == ChildStatus::Unknown
                ? std::string_view("a person whose age is not established (presumed a child)")
                : category_phrase(*out.category));
        if (req.overdue) {
            const std::optional<int> minutes = referral_due_minutes(p, *out.category, req.type);
            std::string message = type_name(req.type) + " referral not made within " +
                                  format_duration(static_cast<UnixSeconds>(minutes.value_or(0)) * 60) + " " +
                                  std::string(referral_due_anchor_label(anchor)) + " (overdue by " +
                                  format_duration(now - *req.due_at) + ")";
            if (req.status == ReferralStatus::InProgress) message += "; it is in progress";
            out.findings.push_back(ReferralFinding{ReferralFindingKind::Overdue, req.type, req.referral,
                                                   std::nullopt, capitalised(message)});
        } else if (req.missing && !departure) {
            std::string message = type_name(req.type) + " referral required for " + who;
            if (!req.status)
                message += ", not made yet";
            else if (*req.status == ReferralStatus::ToDo)
                message += ": planned, not started";
            else if (*req.status == ReferralStatus::Declined)
                message += ": the last one was declined; make another or record what happens instead";
            else if (*req.status == ReferralStatus::Withdrawn)
                message += ": the last one was withdrawn; make another or record what happens instead";
            out.findings.push_back(ReferralFinding{ReferralFindingKind::Missing, req.type, req.referral,
                                                   std::nullopt, capitalised(message)});
        }
    }

    // ---- the departure gate
    if (departure) {
        const std::string where(destination_label(departure->destination));
        if (departure->destination == Destination::Missing) {
            out.reported_missing = true;
            ReferralFinding f{ReferralFindingKind::ReportedMissing, std::nullopt, std::nullopt, std::nullopt,
                              std::string(child ? "Child" : "Person") + " reported missing: " +
                                  departure_first_step(child, departure->destination, !out.missing.empty())};
            f.urgent = true;
            out.findings.push_back(std::move(f));
        }
        if (!out.missing.empty()) {
            out.departed_without_referral = true;
            std::string message = std::string(child ? "Child" : "Adult") + " left (" + where + ") with no " +
                                  join_types(out.missing) + " referral";
            if (leaves_undecided && contains(out.missing, ReferralType::DutyToNotify))
                message += " (an anonymous MS1 is owed: they left without deciding)";
            if (departure->destination != Destination::Missing)
                message += ": " + departure_first_step(child, departure->destination, true);
            ReferralFinding f{ReferralFindingKind::DepartedWithoutReferral, out.missing.front(), std::nullopt,
                              std::nullopt, message};
            f.urgent = child;
            out.findings.push_back(std::move(f));
        }
    }

    // ---- flags and reminders
    if (!age_established(out.child_status)) {
        out.age_not_established = true;
        out.age_due_at = arrived_at + static_cast<UnixSeconds>(p.info.welfare_check_minutes) * 60;
        out.age_not_established_urgent = now >= *out.age_due_at;
        if (!out.age_not_established_urgent) note_next(*out.age_due_at);
        ReferralFinding f{ReferralFindingKind::AgeNotEstablished, std::nullopt, std::nullopt, std::nullopt,
                          out.age_not_established_urgent
                              ? "Age still not established " + format_duration(now - arrived_at) +
                                    " after arrival: record a date of birth or age, mark it disputed, or a "
                                    "coordinator records why the person is clearly an adult; presumed a child"
                              : std::string("Age not established: presumed a child (child referrals apply) "
                                            "until a date of birth, an age, a dispute or a coordinator's "
                                            "judgement is recorded")};
        f.urgent = out.age_not_established_urgent;
        out.findings.push_back(std::move(f));
    } else if (adult && !person.nrm_consent && !departure) {
        out.consent_not_asked = true;
        out.findings.push_back(ReferralFinding{ReferralFindingKind::ConsentNotAsked, ReferralType::Nrm,
                                               std::nullopt, std::nullopt,
                                               "The NRM has not been explained and asked about yet"});
    } else if (out.category == PersonCategory::AdultUndecided && !departure) {
        out.undecided = true;
        out.findings.push_back(ReferralFinding{
            ReferralFindingKind::Undecided, ReferralType::Nrm, std::nullopt, std::nullopt,
            "Has not decided about the NRM: offer time, advice and an interpreter, and come back to it"});
    }
    return out;
}

DepartureGate departure_gate(const Procedure& p, const Person& person, Date arrival_date,
                             UnixSeconds arrived_at, std::span<const Referral> referrals,
                             Destination destination, UnixSeconds at) {
    DepartureGate g;
    g.child = treated_as_child(child_status(person, arrival_date));
    if (destination_is_temporary(destination)) {
        g.temporary = true;
        return g;
    }
    const PersonReferralCheck check = check_person_referrals(p, person, arrival_date, arrived_at, referrals,
                                                             at, PersonExit{at, destination});
    g.missing = check.missing;
    g.ms1_becomes_required = check.category == PersonCategory::AdultUndecided;
    if (g.ms1_becomes_required)
        for (const ReferralRequirement& r : check.requirements)
            if (r.type == ReferralType::DutyToNotify && r.need == ReferralNeed::Required)
                g.ms1_due_at = r.due_at;
    const bool is_missing = destination == Destination::Missing;
    g.needs_confirmation = !g.missing.empty() || is_missing;
    g.critical = is_missing || (g.child && !g.missing.empty());
    g.first_step = departure_first_step(g.child, destination, !g.missing.empty());
    if (!g.missing.empty()) g.summary = "Still missing: " + join_types(g.missing) + ".";
    return g;
}

} // namespace rc
