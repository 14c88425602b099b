#pragma once
// Opening the database for a subcommand that changes or reads personal data: the store is opened for
// changes and `user` signed in with the passphrase (--passphrase-fd, RECEPTION_CONSOLE_PASSPHRASE, or
// the terminal).
#include "cli/cli_context.hpp"
#include "domain/clock.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>

namespace rc::cli {

// The signed-in store, or nullptr after the reason was printed on stderr.
std::unique_ptr<rc::store::Store> open_signed_in(const CliContext& ctx, const char* command,
                                                 const std::string& user, const Clock& clock);

} // namespace rc::cli
