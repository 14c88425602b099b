#include "app/app_session.hpp"

#include "domain/utf8.hpp"
#include "store/passphrase_rule.hpp"

namespace rc::app {

namespace {
EditResult no_database() {
    return {false, "No centre database is open on this console."};
}
} // namespace

EditResult AppSession::create_centre(const NewCentreForm& form) {
    (void)form;
    return no_database();
}
EditResult AppSession::sign_in(std::string_view name, std::string_view passphrase) {
    (void)name;
    (void)passphrase;
    return no_database();
}
EditResult AppSession::unlock_with_pin(std::string_view name, std::string_view pin) {
    (void)name;
    (void)pin;
    return no_database();
}
const OperationSnapshot& AppSession::operation() const {
    static const OperationSnapshot none;
    return none;
}
ActivationPreview AppSession::preview_activation(int expected_people) const {
    (void)expected_people;
    ActivationPreview p;
    p.problems.push_back("No centre database is open on this console.");
    return p;
}
EditResult AppSession::activate(const ActivationForm& form) {
    (void)form;
    return no_database();
}
EditResult AppSession::record_action(std::string_view action_id, ActionOutcome outcome,
                                     std::string_view reason) {
    (void)action_id;
    (void)outcome;
    (void)reason;
    return no_database();
}
EditResult AppSession::reopen_action(std::string_view action_id) {
    (void)action_id;
    return no_database();
}
EditResult AppSession::raise_tier(Tier tier, std::string_view reason) {
    (void)tier;
    (void)reason;
    return no_database();
}
EditResult AppSession::revise_expected(int expected_people, std::string_view reason) {
    (void)expected_people;
    (void)reason;
    return no_database();
}
EditResult AppSession::set_centre_status(CentreStatus status) {
    (void)status;
    return no_database();
}
SaveResult<VenueForm> AppSession::save_venue(std::optional<std::int64_t> id, const VenueForm& form,
                                             std::optional<std::int64_t> started_from) {
    (void)id;
    (void)form;
    (void)started_from;
    return SaveResult<VenueForm>::refused(no_database());
}
EditResult AppSession::remove_venue(std::int64_t id, std::optional<std::int64_t> started_from) {
    (void)id;
    (void)started_from;
    return no_database();
}
EditResult AppSession::import_venues(const std::filesystem::path& file) {
    (void)file;
    return no_database();
}
const PeopleSnapshot& AppSession::people() const {
    static const PeopleSnapshot none;
    return none;
}
CheckInResult AppSession::check_in(const Person& person, std::string_view arrived_at) {
    (void)person;
    (void)arrived_at;
    return {false, no_database().message, {}, {}, {}, {}, 0};
}
CheckInResult AppSession::register_group(int count, std::string_view group, std::string_view arrived_at,
                                         std::string_view first_tag) {
    (void)count;
    (void)group;
    (void)arrived_at;
    (void)first_tag;
    return {false, no_database().message, {}, {}, {}, {}, 0};
}
CheckInResult AppSession::update_person(std::int64_t id, const Person& person,
                                        std::optional<std::int64_t> started_from) {
    (void)id;
    (void)person;
    (void)started_from;
    return {false, no_database().message, {}, {}, {}, {}, 0};
}
EditResult AppSession::record_journey_step(std::int64_t id, JourneyStep step,
                                           std::optional<Destination> destination) {
    (void)id;
    (void)step;
    (void)destination;
    return no_database();
}
DepartureGate AppSession::departure_gate(std::int64_t id, Destination destination, UnixSeconds now) const {
    const Procedure* procedure = operation().procedure.get();
    const PersonRow* row = nullptr;
    for (const PersonRow& r : people().rows)
        if (r.id == id) row = &r;
    if (!procedure || !row) return {};
    std::vector<Referral> referrals;
    for (const PersonReferrals& p : this->referrals().people)
        if (p.person_id == id)
            for (const ReferralRow& r : p.referrals)
                referrals.push_back(r.referral);
    const UnixSeconds arrived_at = row->journey.arrived_at.value_or(now);
    return rc::departure_gate(*procedure, row->person, local_date_of(arrived_at), arrived_at, referrals,
                              destination, now);
}

std::vector<std::string> AppSession::duplicate_warnings(const Person& person,
                                                        std::optional<std::int64_t> id) const {
    (void)person;
    (void)id;
    return {};
}
RollPreview AppSession::preview_roll(const std::filesystem::path& file,
                                     const std::vector<std::string>& column_choices) const {
    (void)column_choices;
    RollPreview p;
    p.file = file.string();
    p.errors.push_back(no_database().message);
    return p;
}
EditResult AppSession::import_roll(const std::filesystem::path& file,
                                   const std::vector<std::string>& column_choices) {
    (void)file;
    (void)column_choices;
    return no_database();
}
bool AppSession::offline_roll_offered() const {
    return false;
}
CheckInResult AppSession::save_offline(const Person& person, std::string_view arrived_at) {
    (void)person;
    (void)arrived_at;
    return {false, no_database().message, {}, {}, {}, {}, 0};
}
RollPreview AppSession::preview_offline_roll() {
    RollPreview p;
    p.errors.push_back(no_database().message);
    return p;
}
EditResult AppSession::import_offline_roll() {
    return no_database();
}
const PartnersSnapshot& AppSession::partners() const {
    static const PartnersSnapshot none;
    return none;
}
EditResult AppSession::record_callout(std::string_view contact_id, const CalloutForm& form) {
    (void)contact_id;
    (void)form;
    return no_database();
}
EditResult AppSession::sign_in_staff(const StaffForm& form) {
    (void)form;
    return no_database();
}
EditResult AppSession::quick_sign_in(std::int64_t previous) {
    (void)previous;
    return no_database();
}
EditResult AppSession::sign_out_staff(std::int64_t id) {
    (void)id;
    return no_database();
}
SaveResult<DirectoryForm> AppSession::save_directory_entry(std::optional<std::int64_t> id,
                                                           const DirectoryForm& form,
                                                           std::optional<std::int64_t> started_from) {
    (void)id;
    (void)form;
    (void)started_from;
    return SaveResult<DirectoryForm>::refused(no_database());
}
EditResult AppSession::remove_directory_entry(std::int64_t id, std::optional<std::int64_t> started_from) {
    (void)id;
    (void)started_from;
    return no_database();
}
const ReferralsSnapshot& AppSession::referrals() const {
    static const ReferralsSnapshot none;
    return none;
}
const AlertsSnapshot& AppSession::alerts() const {
    static const AlertsSnapshot none;
    return none;
}
CheckInResult AppSession::add_referral(std::int64_t person_id, const Referral& referral) {
    (void)person_id;
    (void)referral;
    return {false, no_database().message, {}, {}, {}, {}, 0};
}
SaveResult<Referral> AppSession::update_referral(std::int64_t referral_id, const Referral& referral,
                                                 std::optional<std::int64_t> started_from) {
    (void)referral_id;
    (void)referral;
    (void)started_from;
    return SaveResult<Referral>::refused(no_database());
}
EditResult AppSession::set_referral_status(std::int64_t referral_id, ReferralStatus status,
                                           std::string_view reason) {
    (void)referral_id;
    (void)status;
    (void)reason;
    return no_database();
}
std::optional<PromptSheet> AppSession::prompt_sheet(std::int64_t referral_id) const {
    (void)referral_id;
    return std::nullopt;
}
// ---- stock
const StockSnapshot& AppSession::stock() const {
    static const StockSnapshot none;
    return none;
}
EditResult AppSession::receive_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                                     std::string_view supplier, std::string_view note) {
    (void)bag_kind;
    (void)quantity;
    (void)to;
    (void)supplier;
    (void)note;
    return no_database();
}
EditResult AppSession::transfer_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                                      StockStoreId to) {
    (void)bag_kind;
    (void)quantity;
    (void)from;
    (void)to;
    return no_database();
}
EditResult AppSession::return_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                                    std::optional<std::int64_t> person, std::string_view note) {
    (void)bag_kind;
    (void)quantity;
    (void)to;
    (void)person;
    (void)note;
    return no_database();
}
EditResult AppSession::write_off_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                                       WriteOffReason reason, std::string_view note) {
    (void)bag_kind;
    (void)quantity;
    (void)from;
    (void)reason;
    (void)note;
    return no_database();
}
EditResult AppSession::reverse_stock_movement(StockMovementId id, std::string_view reason) {
    (void)id;
    (void)reason;
    return no_database();
}
EditResult AppSession::apply_stocktake(const std::vector<StockCount>& counts, std::string_view note) {
    (void)counts;
    (void)note;
    return no_database();
}
BagKindSuggestion AppSession::suggest_bag(std::int64_t person) const {
    (void)person;
    return {};
}
EditResult AppSession::issue_bag(std::int64_t person, std::string_view bag_kind, StockStoreId from) {
    (void)person;
    (void)bag_kind;
    (void)from;
    return no_database();
}
SaveResult<StockStoreForm> AppSession::save_stock_store(std::optional<StockStoreId> id,
                                                        const StockStoreForm& form,
                                                        std::optional<std::int64_t> started_from) {
    (void)id;
    (void)form;
    (void)started_from;
    return SaveResult<StockStoreForm>::refused(no_database());
}
StockImportPreview AppSession::preview_stock_import(const std::filesystem::path& file) const {
    StockImportPreview p;
    p.file = file.string();
    p.errors.push_back(no_database().message);
    return p;
}
EditResult AppSession::import_stock(const std::filesystem::path& file) {
    (void)file;
    return no_database();
}
// ---- end of stock

EditResult AppSession::export_debrief(const DebriefExportForm& form) {
    (void)form;
    return no_database();
}
std::string AppSession::purge_problem(bool force_before_period) const {
    (void)force_before_period;
    return no_database().message;
}
EditResult AppSession::purge_personal_data(bool force_before_period) {
    (void)force_before_period;
    return no_database();
}
EditResult AppSession::backup_now() {
    return no_database();
}
EditResult AppSession::start_key_rotation(std::string_view passphrase) {
    (void)passphrase;
    return no_database();
}

EditResult AppSession::restore_backup(const std::filesystem::path& file) {
    (void)file;
    return no_database();
}

std::string passphrase_rule_hint() {
    return store::passphrase_rule_hint();
}

EditResult check_log_entry_text(std::string_view text, std::string& trimmed) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    if (text.empty()) return {false, "The entry is empty: type what happened, then press Enter."};
    if (text.size() > kMaxLogEntryBytes)
        return {false, "The entry is too long (" + std::to_string(text.size()) + " bytes; at most " +
                           std::to_string(kMaxLogEntryBytes) + "): split it into shorter entries."};
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char c = decode_utf8(text, at);
        if (!c.valid) return {false, "The entry contains bytes that are not text: type it again."};
        if (c.code_point != '\t' && is_unsafe_to_show(c.code_point))
            return {false, "The entry contains a control character: remove it and try again."};
        at += c.length;
    }
    trimmed.assign(text);
    return {true, {}};
}

} // namespace rc::app
