#include "app/form_fields.hpp"

#include <string>

namespace rc::app {

namespace {

std::string or_none(const std::string& s) {
    return s.empty() ? std::string("not recorded") : s;
}

std::string yes_no(bool b) {
    return b ? "Yes" : "No";
}

// An entry whose value is one text member of the form.
template <auto Member, class Form>
constexpr RecordField<Form> text_field(std::string_view id, std::string_view label) {
    return RecordField<Form>{id, label, [](const Form& f) -> std::string { return or_none(f.*Member); },
                             &record_member_differs<Member, Form>, &record_member_copy<Member, Form>};
}

// An entry whose value is one yes/no member of the form.
template <auto Member, class Form>
constexpr RecordField<Form> flag_field(std::string_view id, std::string_view label) {
    return RecordField<Form>{id, label, [](const Form& f) -> std::string { return yes_no(f.*Member); },
                             &record_member_differs<Member, Form>, &record_member_copy<Member, Form>};
}

const RecordField<VenueForm> kVenueFields[] = {
    text_field<&VenueForm::name, VenueForm>("name", "Name"),
    text_field<&VenueForm::address, VenueForm>("address", "Address"),
    RecordField<VenueForm>{"capacity", "Capacity (people)",
                           [](const VenueForm& f) -> std::string { return std::to_string(f.capacity); },
                           &record_member_differs<&VenueForm::capacity, VenueForm>,
                           &record_member_copy<&VenueForm::capacity, VenueForm>},
    flag_field<&VenueForm::interview_rooms, VenueForm>("interview_rooms", "Private interview rooms"),
    flag_field<&VenueForm::showers, VenueForm>("showers", "Showers"),
    flag_field<&VenueForm::kitchen, VenueForm>("kitchen", "Kitchen"),
    flag_field<&VenueForm::step_free_access, VenueForm>("step_free_access", "Step-free access"),
    flag_field<&VenueForm::parking, VenueForm>("parking", "Parking"),
    text_field<&VenueForm::keyholder_name, VenueForm>("keyholder_name", "Keyholder name"),
    text_field<&VenueForm::keyholder_phone, VenueForm>("keyholder_phone", "Keyholder phone"),
    text_field<&VenueForm::notes, VenueForm>("notes", "Notes"),
};

const RecordField<DirectoryForm> kDirectoryFields[] = {
    text_field<&DirectoryForm::organisation, DirectoryForm>("organisation", "Organisation"),
    text_field<&DirectoryForm::partner_id, DirectoryForm>("partner_id", "Procedure partner"),
    text_field<&DirectoryForm::role, DirectoryForm>("role", "Role"),
    text_field<&DirectoryForm::contact_name, DirectoryForm>("contact_name", "Contact name"),
    text_field<&DirectoryForm::phone, DirectoryForm>("phone", "Phone"),
    text_field<&DirectoryForm::notes, DirectoryForm>("notes", "Notes"),
};

const RecordField<StockStoreForm> kStockStoreFields[] = {
    text_field<&StockStoreForm::code, StockStoreForm>("code", "Code"),
    text_field<&StockStoreForm::name, StockStoreForm>("name", "Name"),
    RecordField<StockStoreForm>{
        "kind", "Kind",
        [](const StockStoreForm& f) -> std::string { return std::string(stock_store_kind_label(f.kind)); },
        &record_member_differs<&StockStoreForm::kind, StockStoreForm>,
        &record_member_copy<&StockStoreForm::kind, StockStoreForm>},
};

} // namespace

std::span<const RecordField<VenueForm>> venue_form_fields() {
    return kVenueFields;
}

std::span<const RecordField<DirectoryForm>> directory_form_fields() {
    return kDirectoryFields;
}

std::span<const RecordField<StockStoreForm>> stock_store_form_fields() {
    return kStockStoreFields;
}

} // namespace rc::app
