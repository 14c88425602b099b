#pragma once
// A small JSON Schema checker for the export tests: the keywords docs/export-schema.json uses (type,
// const, enum, required, properties, additionalProperties: false, items, $ref into $defs). Returns every
// problem found, each with the JSON path where it is.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rc::exports::test {

class SchemaCheck {
public:
    explicit SchemaCheck(const nlohmann::json& root) : root_(root) {}

    std::vector<std::string> check(const nlohmann::json& value) {
        problems_.clear();
        visit(root_, value, "$");
        return problems_;
    }

private:
    const nlohmann::json& resolve(const nlohmann::json& schema) const {
        if (schema.contains("$ref")) {
            const std::string ref = schema["$ref"];
            const std::string prefix = "#/$defs/";
            return root_["$defs"][ref.substr(prefix.size())];
        }
        return schema;
    }

    static bool has_type(const nlohmann::json& v, const std::string& type) {
        if (type == "null") return v.is_null();
        if (type == "boolean") return v.is_boolean();
        if (type == "integer") return v.is_number_integer();
        if (type == "number") return v.is_number();
        if (type == "string") return v.is_string();
        if (type == "array") return v.is_array();
        if (type == "object") return v.is_object();
        return false;
    }

    void visit(const nlohmann::json& schema_in, const nlohmann::json& v, const std::string& path) {
        const nlohmann::json& schema = resolve(schema_in);
        if (schema.contains("const") && v != schema["const"])
            problems_.push_back(path + ": not the constant");
        if (schema.contains("enum")) {
            bool found = false;
            for (const auto& e : schema["enum"])
                found = found || e == v;
            if (!found) problems_.push_back(path + ": " + v.dump() + " is not in the enum");
        }
        if (schema.contains("type")) {
            bool ok = false;
            if (schema["type"].is_array()) {
                for (const auto& t : schema["type"])
                    ok = ok || has_type(v, t);
            } else {
                ok = has_type(v, schema["type"]);
            }
            if (!ok) {
                problems_.push_back(path + ": " + v.dump().substr(0, 40) + " is not " +
                                    schema["type"].dump());
                return;
            }
        }
        if (v.is_object()) {
            if (schema.contains("required"))
                for (const auto& key : schema["required"])
                    if (!v.contains(key.get<std::string>()))
                        problems_.push_back(path + ": missing required key " + key.get<std::string>());
            const bool closed =
                schema.contains("additionalProperties") && schema["additionalProperties"] == false;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (schema.contains("properties") && schema["properties"].contains(it.key()))
                    visit(schema["properties"][it.key()], it.value(), path + "." + it.key());
                else if (closed)
                    problems_.push_back(path + ": key " + it.key() + " is not in the schema");
            }
        }
        if (v.is_array() && schema.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i)
                visit(schema["items"], v[i], path + "[" + std::to_string(i) + "]");
    }

    const nlohmann::json& root_;
    std::vector<std::string> problems_;
};

} // namespace rc::exports::test
