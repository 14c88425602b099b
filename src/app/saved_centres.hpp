#pragma once
// The shared centres a desk has saved, for the sign-in screen to offer: <data directory>/
// shared-centres.conf, one connection line a line (a `postgresql://` URI or a libpq line such as
// `host=centre-laptop.local dbname=centre sslmode=verify-full ...`), `#` starts a comment. Lines hold no
// password (it belongs in ~/.pgpass or the service file): a line with one is left out with a problem,
// as is anything that is not a connection line. Written by hand or by whoever sets up the desk.
#include <filesystem>
#include <string>
#include <vector>

namespace rc::app {

struct SavedCentres {
    std::vector<std::string> lines;
    std::vector<std::string> names;    // each line's database (or service) name, to show first
    std::vector<std::string> problems; // one sentence each: "line 3: ..."
};

std::filesystem::path saved_centres_path(); // <config directory>/shared-centres.conf
// A missing file is an empty list, with no problem.
SavedCentres load_saved_centres(const std::filesystem::path& file);

} // namespace rc::app
