#include "cli/signed_in_store.hpp"

#include "cli/passphrase_input.hpp"
#include "cli/store_cli.hpp"
#include "store/error.hpp"

namespace rc::cli {

std::unique_ptr<rc::store::Store> open_signed_in(const CliContext& ctx, const char* command,
                                                 const std::string& user, const Clock& clock) {
    std::unique_ptr<rc::store::Store> store;
    try {
        store = rc::store::Store::open(database_path(ctx), {}, clock);
    } catch (const rc::store::StoreError& e) {
        report_error(command, e);
        return nullptr;
    }
    std::string error;
    auto passphrase = read_passphrase(ctx, PassphraseRequest{"Passphrase: ", nullptr}, error);
    if (!passphrase) {
        report_error(command, error, "Nothing was changed.");
        return nullptr;
    }
    rc::store::SignInResult r;
    try {
        r = store->sign_in(user, *passphrase);
    } catch (const rc::store::StoreError& e) {
        wipe(*passphrase);
        report_error(command, e);
        return nullptr;
    }
    wipe(*passphrase);
    if (!r.ok()) {
        report_error(command, r.message, "Nothing was changed.");
        return nullptr;
    }
    return store;
}

} // namespace rc::cli
