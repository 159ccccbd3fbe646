#include "sdk/catalog.h"

#include "sdk/integrations.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace egress::sdk {

namespace {

using nlohmann::json;

std::vector<std::string> words(const std::string &text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;)
        out.push_back(std::move(w));
    return out;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/** Reads one service; a message with the JSON pointer of what is wrong otherwise. */
std::optional<Service> readService(const json &j, const std::string &where, std::string &error)
{
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string() || !j.contains("operations") ||
        !j["operations"].is_array()) {
        error = where + ": a service needs a \"name\" and an \"operations\" array";
        return std::nullopt;
    }
    Service s;
    s.name = j["name"].get<std::string>();
    s.title = j.value("title", s.name);
    s.iamPrefix = j.value("iam", s.name);
    s.operations.reserve(j["operations"].size());
    for (std::size_t i = 0; i < j["operations"].size(); ++i) {
        const json &row = j["operations"][i];
        if (!row.is_array() || row.size() != 3 || !row[0].is_string() || !row[1].is_string() ||
            !row[2].is_string()) {
            error = where + "/operations/" + std::to_string(i) +
                    ": an operation is [action, required members, optional members], all strings";
            return std::nullopt;
        }
        s.operations.push_back(
            {row[0].get<std::string>(), words(row[1].get<std::string>()), words(row[2].get<std::string>())});
    }
    return s;
}

/** "putItem" → {"put", "item"}; "listObjectsV2" → {"list", "objects", "v2"}; lower case. */
std::vector<std::string> camelWords(std::string_view action)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < action.size(); ++i) {
        const bool upper = std::isupper(static_cast<unsigned char>(action[i])) != 0;
        const bool afterLower = i > 0 && !std::isupper(static_cast<unsigned char>(action[i - 1]));
        if (out.empty() || (upper && afterLower))
            out.emplace_back();
        out.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(action[i])));
    }
    return out;
}

bool startsWithWord(const std::vector<std::string> &words, const std::string &prefix)
{
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string &w) { return w.rfind(prefix, 0) == 0; });
}

/**
 * How well one query word matches a service and an action; 0 when it does not. Matches at the start of the
 * service name or of a word of the action count most; inside a word only from four letters on ("put" is in
 * "compute" and "output").
 */
int wordScore(const std::string &word, const Service &service, const std::vector<std::string> &titleWords,
              const std::string &action, const std::vector<std::string> &actionWords)
{
    int best = 0;
    if (service.name == word)
        best = 100;
    else if (service.name.rfind(word, 0) == 0)
        best = 60;
    else if (word.size() >= 4 && service.name.find(word) != std::string::npos)
        best = 25;
    else if (word.size() >= 3 && startsWithWord(titleWords, word))
        best = 20;
    if (action == word)
        best = std::max(best, 90);
    else if (action.rfind(word, 0) == 0)
        best = std::max(best, 50);
    else if (startsWithWord(actionWords, word))
        best = std::max(best, 40);
    else if (word.size() >= 4 && action.find(word) != std::string::npos)
        best = std::max(best, 15);
    return best;
}

} // namespace

std::optional<Catalog> Catalog::parse(std::string_view text, std::string *error)
{
    std::string message;
    auto fail = [&](std::string m) -> std::optional<Catalog> {
        if (error)
            *error = std::move(m);
        return std::nullopt;
    };
    json j;
    try {
        j = json::parse(text.begin(), text.end());
    } catch (const json::parse_error &e) {
        return fail(std::string("not JSON: ") + e.what());
    }
    if (!j.is_object() || !j.contains("services") || !j["services"].is_array())
        return fail("/services: the table has no \"services\" array");
    Catalog catalog;
    catalog.m_source = j.value("source", std::string());
    catalog.m_generated = j.value("generated", std::string());
    for (std::size_t i = 0; i < j["services"].size(); ++i) {
        auto service = readService(j["services"][i], "/services/" + std::to_string(i), message);
        if (!service)
            return fail(message);
        catalog.m_services.push_back(std::move(*service));
    }
    std::sort(catalog.m_services.begin(), catalog.m_services.end(),
              [](const Service &a, const Service &b) { return a.name < b.name; });
    return catalog;
}

std::optional<Catalog> Catalog::load(const std::filesystem::path &file, std::string *error)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        if (error)
            *error = file.string() + ": cannot be read";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string message;
    auto catalog = parse(text.str(), &message);
    if (!catalog && error)
        *error = file.string() + ": " + message;
    return catalog;
}

std::size_t Catalog::operationCount() const
{
    std::size_t n = 0;
    for (const Service &s : m_services)
        n += s.operations.size();
    return n;
}

const Service *Catalog::service(std::string_view name) const
{
    const auto it = std::lower_bound(m_services.begin(), m_services.end(), name,
                                     [](const Service &s, std::string_view n) { return s.name < n; });
    return it != m_services.end() && it->name == name ? &*it : nullptr;
}

const Operation *Catalog::operation(std::string_view serviceName, std::string_view action) const
{
    if (const Service *s = service(serviceName))
        for (const Operation &op : s->operations)
            if (op.action == action)
                return &op;
    return nullptr;
}

std::vector<Match> Catalog::search(std::string_view query, std::size_t limit) const
{
    std::vector<std::string> terms;
    {
        std::string q = lower(query);
        // "dynamodb:putItem" and "sqs.send" read as two words.
        std::replace_if(
            q.begin(), q.end(), [](char c) { return c == ':' || c == '.' || c == ','; }, ' ');
        terms = words(q);
    }
    std::vector<Match> hits;
    if (terms.empty())
        return hits;
    for (const Service &service : m_services) {
        const std::vector<std::string> title = words(lower(service.title));
        for (const Operation &op : service.operations) {
            const std::string action = lower(op.action);
            const std::vector<std::string> actionWords = camelWords(op.action);
            int total = 0;
            for (const std::string &t : terms) {
                const int s = wordScore(t, service, title, action, actionWords);
                if (s == 0) {
                    total = 0;
                    break;
                }
                total += s;
            }
            if (total > 0)
                hits.push_back({&service, &op, total});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const Match &a, const Match &b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.operation->action.size() != b.operation->action.size())
            return a.operation->action.size() < b.operation->action.size();
        if (a.service->name != b.service->name)
            return a.service->name < b.service->name;
        return a.operation->action < b.operation->action;
    });
    if (hits.size() > limit)
        hits.resize(limit);
    return hits;
}

std::string iamAction(const Service &service, const Operation &operation)
{
    return service.iamPrefix + ":" + iamActionName(operation.action);
}

} // namespace egress::sdk
