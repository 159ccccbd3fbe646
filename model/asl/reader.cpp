#include "asl/reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <regex>
#include <unordered_set>

namespace egress::asl {

TextFormat formatForPath(std::string_view path)
{
    std::string lower(path);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto endsWith = [&](std::string_view suffix) {
        return lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return endsWith(".yaml") || endsWith(".yml") ? TextFormat::YamlText : TextFormat::JsonText;
}

namespace {

Diagnostic parseError(const std::string &file, int line, int column, std::string message)
{
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.column = column;
    d.message = std::move(message);
    return d;
}

/** 1-based line and column of a byte offset. */
std::pair<int, int> lineColumnOf(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, static_cast<int>(offset - lineStart) + 1};
}

/**
 * Quotes bare ${...} tokens outside strings so the text becomes JSON. Records where quotes were
 * inserted so error offsets map back to the original text.
 */
std::string quoteBarePlaceholders(std::string_view text, std::vector<std::size_t> &insertedAt)
{
    std::string out;
    out.reserve(text.size() + 16);
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) {
                out += text[++i];
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i + 2);
            const std::size_t newline = text.find('\n', i);
            if (close != std::string_view::npos && (newline == std::string_view::npos || close < newline) &&
                text.substr(i + 2, close - i - 2).find('"') == std::string_view::npos) {
                insertedAt.push_back(i);
                out += '"';
                out.append(text.substr(i, close - i + 1));
                out += '"';
                insertedAt.push_back(close + 1);
                i = close;
                continue;
            }
        }
        out += c;
    }
    return out;
}

/** Tracks the path of the parser so duplicate keys can be reported by JSON pointer. */
class DuplicateKeyTracker
{
public:
    bool operator()(int /*depth*/, Json::parse_event_t event, Json &parsed)
    {
        switch (event) {
        case Json::parse_event_t::object_start:
            countArrayElement();
            m_frames.push_back(Frame{true, {}, -1, {}});
            break;
        case Json::parse_event_t::array_start:
            countArrayElement();
            m_frames.push_back(Frame{false, {}, -1, {}});
            break;
        case Json::parse_event_t::key: {
            Frame &top = m_frames.back();
            top.key = parsed.get<std::string>();
            if (!top.keys.insert(top.key).second)
                m_duplicates.push_back(pointer());
            break;
        }
        case Json::parse_event_t::value:
            countArrayElement();
            break;
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            if (!m_frames.empty())
                m_frames.pop_back();
            break;
        }
        return true;
    }

    std::vector<std::string> takeDuplicates() { return std::move(m_duplicates); }

private:
    struct Frame
    {
        bool isObject = false;
        std::string key;
        long index = -1;
        std::unordered_set<std::string> keys;
    };

    void countArrayElement()
    {
        if (!m_frames.empty() && !m_frames.back().isObject)
            ++m_frames.back().index;
    }

    std::string pointer() const
    {
        std::string out;
        for (const Frame &f : m_frames) {
            out += '/';
            out += f.isObject ? escapePointerToken(f.key) : std::to_string(f.index);
        }
        return out;
    }

    std::vector<Frame> m_frames;
    std::vector<std::string> m_duplicates;
};

} // namespace

ReadResult parseJson(std::string_view text, const std::string &fileName)
{
    ReadResult result;
    std::vector<std::size_t> insertedAt;
    const std::string prepared = quoteBarePlaceholders(text, insertedAt);
    auto tracker = std::make_shared<DuplicateKeyTracker>();
    try {
        result.value = Json::parse(
            prepared, [tracker](int depth, Json::parse_event_t event, Json &parsed) {
                return (*tracker)(depth, event, parsed);
            });
        result.duplicateKeys = tracker->takeDuplicates();
    } catch (const Json::parse_error &e) {
        // e.byte is 1-based in the prepared text; undo the quotes we inserted before it.
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const auto shift = std::count_if(insertedAt.begin(), insertedAt.end(),
                                         [&](std::size_t at) { return at < offset; });
        offset -= std::min<std::size_t>(offset, static_cast<std::size_t>(shift));
        const auto [line, column] = lineColumnOf(text, offset);
        std::string message = e.what();
        // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
        if (const auto colon = message.find(": "); colon != std::string::npos)
            message = message.substr(colon + 2);
        result.error = parseError(fileName, line, column, "invalid JSON: " + message);
    }
    return result;
}

namespace {

/** Converts a yaml-cpp node tree to JSON; guards against alias bombs by counting produced nodes. */
class YamlToJson
{
public:
    explicit YamlToJson(std::string file) : m_file(std::move(file)) {}

    Json convert(const YAML::Node &node)
    {
        if (++m_nodes > kMaxNodes)
            throw std::runtime_error("the document expands to more than 10 million values (alias bomb?)");
        const std::string &tag = node.Tag();
        if (!tag.empty() && tag[0] == '!' && tag != "!" && tag.rfind("!!", 0) != 0)
            return convertIntrinsic(tag.substr(1), node);
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Sequence: {
            Json array = Json::array();
            for (const auto &child : node)
                array.push_back(convert(child));
            return array;
        }
        case YAML::NodeType::Map: {
            Json object = Json::object();
            for (const auto &pair : node) {
                const std::string key = pair.first.Scalar();
                object[key] = convert(pair.second);
            }
            return object;
        }
        case YAML::NodeType::Scalar:
            return convertScalar(node);
        }
        return nullptr;
    }

private:
    static constexpr std::size_t kMaxNodes = 10'000'000;

    Json convertScalar(const YAML::Node &node)
    {
        const std::string &text = node.Scalar();
        const std::string &tag = node.Tag();
        // "!" marks a quoted (non-plain) scalar; explicit !!str likewise stays a string.
        if (tag == "!" || tag == "tag:yaml.org,2002:str")
            return text;
        static const std::regex nullRe("^(~|null|Null|NULL|)$");
        static const std::regex boolRe("^(true|True|TRUE|false|False|FALSE)$");
        static const std::regex intRe("^[-+]?[0-9]+$");
        static const std::regex floatRe(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
        if (std::regex_match(text, nullRe))
            return nullptr;
        if (std::regex_match(text, boolRe))
            return text[0] == 't' || text[0] == 'T';
        if (std::regex_match(text, intRe) || std::regex_match(text, floatRe)) {
            std::string normalized = text[0] == '+' ? text.substr(1) : text;
            if (normalized.size() > 1 && normalized[0] == '.')
                normalized.insert(0, "0");
            if (normalized.size() > 2 && normalized[0] == '-' && normalized[1] == '.')
                normalized.insert(1, "0");
            if (!normalized.empty() && normalized.back() == '.')
                normalized += '0';
            try {
                return Json::parse(normalized);
            } catch (const Json::exception &) {
                return text; // e.g. leading zeros: YAML 1.2 reads 007 as 7, but keep the text rather than guess
            }
        }
        return text;
    }

    /** `!Ref X` → {"Ref": X}; `!GetAtt A.B` → {"Fn::GetAtt": ["A", "B"]}; `!Sub s` → {"Fn::Sub": s}. */
    Json convertIntrinsic(const std::string &name, const YAML::Node &node)
    {
        Json value;
        if (node.IsScalar())
            value = node.Scalar();
        else if (node.IsNull())
            value = "";
        else {
            YAML::Node plain = YAML::Clone(node);
            plain.SetTag("?");
            value = convert(plain);
        }
        if (name == "Ref" || name == "Condition")
            return Json{{name, value}};
        if (name == "GetAtt" && value.is_string()) {
            const std::string s = value.get<std::string>();
            const auto dot = s.find('.');
            Json parts = Json::array();
            parts.push_back(s.substr(0, dot));
            if (dot != std::string::npos)
                parts.push_back(s.substr(dot + 1));
            return Json{{"Fn::GetAtt", parts}};
        }
        return Json{{"Fn::" + name, value}};
    }

    std::string m_file;
    std::size_t m_nodes = 0;
};

} // namespace

ReadResult parseYaml(std::string_view text, const std::string &fileName)
{
    ReadResult result;
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        result.value = YamlToJson(fileName).convert(root);
    } catch (const YAML::Exception &e) {
        result.error = parseError(fileName, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                                  e.mark.column >= 0 ? e.mark.column + 1 : 0, "invalid YAML: " + e.msg);
    } catch (const std::exception &e) {
        result.error = parseError(fileName, 0, 0, std::string("invalid YAML: ") + e.what());
    }
    return result;
}

ReadResult parseText(std::string_view text, const std::string &fileName, TextFormat format)
{
    return format == TextFormat::YamlText ? parseYaml(text, fileName) : parseJson(text, fileName);
}

std::optional<std::string> readWholeFile(const std::string &path, std::string &out, std::size_t maxBytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return path + ": cannot open: " + std::strerror(errno);
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0)
        return path + ": cannot read (not a regular file?)";
    if (static_cast<std::size_t>(size) > maxBytes)
        return path + ": file is " + std::to_string(static_cast<long long>(size)) + " bytes, more than the " +
               std::to_string(maxBytes / (1024 * 1024)) + " MiB this program reads";
    in.seekg(0, std::ios::beg);
    out.assign(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(out.data(), size))
        return path + ": cannot read: " + std::strerror(errno);
    return std::nullopt;
}

ReadResult readFile(const std::string &path)
{
    std::string text;
    if (auto problem = readWholeFile(path, text)) {
        ReadResult result;
        Diagnostic d;
        d.file = path;
        d.message = problem->substr(path.size() + 2);
        result.error = d;
        return result;
    }
    return parseText(text, path, formatForPath(path));
}

} // namespace egress::asl
