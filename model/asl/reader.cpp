#include "asl/reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sys/stat.h>
#include <unordered_set>
#include <yaml-cpp/yaml.h>

namespace egress::asl {

TextFormat formatForPath(std::string_view path)
{
    std::string lower(path);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto endsWith = [&](std::string_view suffix) {
        return lower.size() >= suffix.size() &&
               lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
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

/**
 * The offset of the first '[' or '{' nested deeper than kMaxNestingDepth, outside strings; npos when there
 * is none. Runs before the parser (nlohmann's parser is iterative, but everything after it recurses).
 */
std::size_t tooDeepAt(std::string_view text)
{
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxNestingDepth)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

/**
 * Builds the ordered Json tree from the parser's SAX events and records duplicate keys by JSON pointer.
 * Why not Json::parse: ordered_json's object is a vector of pair<const string, json>; the const key makes
 * the element's move constructor throwing, so each time the vector grows it deep-copies every member parsed
 * so far, which made big definitions (a 1 MB "States" object) several times slower to read than the same
 * text as a std::map json. Here an object's members are collected in a movable vector and moved into a map
 * reserved to the right size at its end. Duplicate keys keep Json::parse's behaviour: the last value wins,
 * in the place of the first.
 */
class OrderedDomBuilder : public nlohmann::json_sax<Json>
{
public:
    bool null() override { return add(Json(nullptr)); }
    bool boolean(bool value) override { return add(Json(value)); }
    bool number_integer(number_integer_t value) override { return add(Json(value)); }
    bool number_unsigned(number_unsigned_t value) override { return add(Json(value)); }
    bool number_float(number_float_t value, const string_t &text) override
    {
        // Integers never need this (their text is what the writers produce); decimals, exponents and
        // integers beyond 64 bits (which arrive here as doubles) often do.
        Json number(value);
        if (numberFormDiffers(text, number))
            m_numberForms.emplace(valuePointer(), text);
        return add(std::move(number));
    }
    bool string(string_t &value) override { return add(Json(std::move(value))); }
    bool binary(binary_t &value) override { return add(Json::binary(std::move(value))); }

    bool start_object(std::size_t /*elements*/) override
    {
        m_frames.emplace_back();
        m_frames.back().isObject = true;
        return true;
    }

    bool key(string_t &key) override
    {
        Frame &top = m_frames.back();
        if (top.isDuplicate(key)) {
            top.hasDuplicates = true;
            m_duplicates.push_back(pointerTo(key));
        }
        top.key = std::move(key);
        return true;
    }

    bool end_object() override
    {
        Frame frame = std::move(m_frames.back());
        m_frames.pop_back();
        Json object(Json::value_t::object);
        auto &map = *object.get_ptr<Json::object_t *>();
        map.reserve(frame.members.size());
        for (auto &[key, value] : frame.members) {
            if (frame.hasDuplicates) {
                const auto it = map.find(key);
                if (it != map.end()) {
                    it->second = std::move(value);
                    continue;
                }
            }
            map.emplace_back(std::move(key), std::move(value)); // vector's own: no search, no reallocation
        }
        return add(std::move(object));
    }

    bool start_array(std::size_t /*elements*/) override
    {
        m_frames.emplace_back();
        return true;
    }

    bool end_array() override
    {
        Frame frame = std::move(m_frames.back());
        m_frames.pop_back();
        Json array(Json::value_t::array);
        *array.get_ptr<Json::array_t *>() = std::move(frame.elements);
        return add(std::move(array));
    }

    bool parse_error(std::size_t position, const std::string & /*lastToken*/,
                     const nlohmann::detail::exception &error) override
    {
        m_errorByte = position;
        m_errorMessage = error.what();
        return false;
    }

    Json takeRoot() { return std::move(m_root); }
    NumberForms takeNumberForms() { return std::move(m_numberForms); }
    std::vector<std::string> takeDuplicates() { return std::move(m_duplicates); }
    std::size_t errorByte() const { return m_errorByte; }
    const std::string &errorMessage() const { return m_errorMessage; }

private:
    struct Frame
    {
        bool isObject = false;
        bool hasDuplicates = false;
        std::string key;                                   ///< the key whose value comes next
        std::vector<std::pair<std::string, Json>> members; ///< objects
        Json::array_t elements;                            ///< arrays
        std::unordered_set<std::string> keys;              ///< built once an object is big enough

        bool isDuplicate(const std::string &candidate)
        {
            constexpr std::size_t kLinearLimit = 16;
            if (members.size() < kLinearLimit)
                return std::any_of(members.begin(), members.end(),
                                   [&](const auto &member) { return member.first == candidate; });
            if (keys.empty())
                for (const auto &member : members)
                    keys.insert(member.first);
            return !keys.insert(candidate).second;
        }
    };

    bool add(Json &&value)
    {
        if (m_frames.empty()) {
            m_root = std::move(value);
            return true;
        }
        Frame &top = m_frames.back();
        if (top.isObject) {
            if (!top.keys.empty())
                top.keys.insert(top.key);
            top.members.emplace_back(std::move(top.key), std::move(value));
        } else {
            top.elements.push_back(std::move(value));
        }
        return true;
    }

    /** The JSON pointer of the value being read (the next one `add` takes). */
    std::string valuePointer() const
    {
        std::string out;
        for (const Frame &f : m_frames) {
            out += '/';
            out += f.isObject ? escapePointerToken(f.key) : std::to_string(f.elements.size());
        }
        return out;
    }

    /** The JSON pointer of `key` in the innermost object. */
    std::string pointerTo(const std::string &key) const
    {
        std::string out;
        for (std::size_t i = 0; i + 1 < m_frames.size(); ++i) {
            const Frame &f = m_frames[i];
            out += '/';
            out += f.isObject ? escapePointerToken(f.key) : std::to_string(f.elements.size());
        }
        return out + '/' + escapePointerToken(key);
    }

    std::vector<Frame> m_frames;
    Json m_root;
    std::vector<std::string> m_duplicates;
    NumberForms m_numberForms;
    std::size_t m_errorByte = 0;
    std::string m_errorMessage;
};

/** The offset in the original text of an offset in the text with placeholders quoted. */
std::size_t originalOffset(std::size_t offset, const std::vector<std::size_t> &insertedAt)
{
    const auto shift =
        std::count_if(insertedAt.begin(), insertedAt.end(), [&](std::size_t at) { return at < offset; });
    return offset - std::min<std::size_t>(offset, static_cast<std::size_t>(shift));
}

} // namespace

std::string nestingTooDeepMessage()
{
    return "nested more than " + std::to_string(kMaxNestingDepth) +
           " levels deep (arrays and objects); Egress Studio reads no deeper (real definitions nest about "
           "20)";
}

ReadResult parseJson(std::string_view text, const std::string &fileName)
{
    ReadResult result;
    std::vector<std::size_t> insertedAt;
    const std::string prepared = quoteBarePlaceholders(text, insertedAt);
    if (const std::size_t deep = tooDeepAt(prepared); deep != std::string_view::npos) {
        const auto [line, column] = lineColumnOf(text, originalOffset(deep, insertedAt));
        result.error = parseError(fileName, line, column, "invalid JSON: " + nestingTooDeepMessage());
        return result;
    }
    OrderedDomBuilder builder;
    if (Json::sax_parse(prepared, &builder)) {
        result.value = builder.takeRoot();
        result.duplicateKeys = builder.takeDuplicates();
        result.numberForms = builder.takeNumberForms();
    } else {
        // The error position is 1-based in the prepared text; undo the quotes we inserted before it.
        const std::size_t offset =
            originalOffset(builder.errorByte() > 0 ? builder.errorByte() - 1 : 0, insertedAt);
        const auto [line, column] = lineColumnOf(text, offset);
        std::string message = builder.errorMessage();
        // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
        if (const auto colon = message.find(": "); colon != std::string::npos)
            message = message.substr(colon + 2);
        result.error = parseError(fileName, line, column, "invalid JSON: " + message);
    }
    return result;
}

namespace {

// YAML 1.2 core-schema scalars, matched by hand: std::regex per scalar made big or hostile documents slow.
bool isYamlNull(const std::string &s)
{
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool isYamlBool(const std::string &s)
{
    return s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE";
}

/** `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` — integers included. */
bool isYamlNumber(const std::string &s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto digits = [&] {
        const std::size_t start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i - start;
    };
    if (i < n && (s[i] == '-' || s[i] == '+'))
        ++i;
    if (i < n && s[i] == '.') {
        ++i;
        if (digits() == 0)
            return false;
    } else {
        if (digits() == 0)
            return false;
        if (i < n && s[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            ++i;
        if (digits() == 0)
            return false;
    }
    return i == n;
}

/** A document the converter refuses (nested too deep, an alias cycle, too many values), with its place. */
struct YamlLimit
{
    YAML::Mark mark;
    std::string message;
};

/**
 * Converts a yaml-cpp node tree to JSON. yaml-cpp resolves aliases into shared nodes, so the tree may be a
 * graph: an alias inside the node it names makes a cycle, and aliases of aliases expand exponentially. The
 * depth limit (kMaxNestingDepth) stops both cycles and deep documents before the stack does; the value count
 * (proportional to the text) stops alias bombs.
 */
class YamlToJson
{
public:
    YamlToJson(std::string file, std::size_t textBytes)
        : m_file(std::move(file)), m_maxNodes(std::max<std::size_t>(100'000, 4 * textBytes))
    {
    }

    Json convert(const YAML::Node &node, bool ignoreTag = false)
    {
        if (++m_nodes > m_maxNodes)
            throw YamlLimit{node.Mark(), "the document expands to more than " + std::to_string(m_maxNodes) +
                                             " values through its aliases (4 per byte of text)"};
        const std::string &tag = node.Tag();
        if (!ignoreTag && !tag.empty() && tag[0] == '!' && tag != "!" && tag.rfind("!!", 0) != 0)
            return convertIntrinsic(tag.substr(1), node);
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Sequence: {
            enter(node);
            Json array = Json::array();
            for (const auto &child : node) {
                m_path.push_back(std::to_string(array.size()));
                array.push_back(convert(child));
                m_path.pop_back();
            }
            m_ancestors.pop_back();
            return array;
        }
        case YAML::NodeType::Map: {
            enter(node);
            Json object = Json::object();
            for (const auto &pair : node) {
                const std::string key = pair.first.Scalar();
                m_path.push_back(escapePointerToken(key));
                if (object.contains(key))
                    m_duplicates.push_back(pointer());
                object[key] = convert(pair.second);
                m_path.pop_back();
            }
            m_ancestors.pop_back();
            return object;
        }
        case YAML::NodeType::Scalar:
            return convertScalar(node);
        }
        return nullptr;
    }

    std::vector<std::string> takeDuplicates() { return std::move(m_duplicates); }

private:
    /** Pushes a collection; past the depth limit, names the alias cycle if that is the cause. */
    void enter(const YAML::Node &node)
    {
        m_ancestors.push_back(node);
        if (m_ancestors.size() <= kMaxNestingDepth)
            return;
        for (std::size_t i = 0; i < m_ancestors.size(); ++i)
            for (std::size_t j = i + 1; j < m_ancestors.size(); ++j)
                if (m_ancestors[i].is(m_ancestors[j]))
                    throw YamlLimit{m_ancestors[i].Mark(),
                                    "an alias inside this anchored node refers to the node itself (a cycle "
                                    "no JSON value can hold)"};
        throw YamlLimit{node.Mark(), nestingTooDeepMessage()};
    }

    std::string pointer() const
    {
        std::string out;
        for (const auto &token : m_path)
            out += '/' + token;
        return out;
    }

    Json convertScalar(const YAML::Node &node)
    {
        const std::string &text = node.Scalar();
        const std::string &tag = node.Tag();
        // "!" marks a quoted (non-plain) scalar; explicit !!str likewise stays a string.
        if (tag == "!" || tag == "tag:yaml.org,2002:str")
            return text;
        if (isYamlNull(text))
            return nullptr;
        if (isYamlBool(text))
            return text[0] == 't' || text[0] == 'T';
        if (isYamlNumber(text)) {
            std::string normalized = text[0] == '+' ? text.substr(1) : text;
            if (normalized.size() > 1 && normalized[0] == '.')
                normalized.insert(0, "0");
            if (normalized.size() > 2 && normalized[0] == '-' && normalized[1] == '.')
                normalized.insert(1, "0");
            if (!normalized.empty() && normalized.back() == '.')
                normalized += '0';
            try {
                Json number = Json::parse(normalized);
                // The JSON spelling of the YAML text (.5 → 0.5, +1 → 1) is the form kept.
                if (numberFormDiffers(normalized, number))
                    m_numberForms.emplace(pointer(), normalized);
                return number;
            } catch (const Json::exception &) {
                return text; // e.g. leading zeros: YAML 1.2 reads 007 as 7, but keep the text rather than
                             // guess
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
            // The same node without its tag (not a YAML::Clone, which would never end on an alias cycle).
            m_path.push_back(escapePointerToken(name == "Ref" || name == "Condition" ? name : "Fn::" + name));
            value = convert(node, true);
            m_path.pop_back();
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
    std::size_t m_maxNodes;
    std::vector<std::string> m_path;       ///< pointer tokens of the node being converted
    std::vector<YAML::Node> m_ancestors;   ///< the sequences and maps that hold it
    std::vector<std::string> m_duplicates; ///< pointers of keys met twice in one mapping

public:
    NumberForms takeNumberForms() { return std::move(m_numberForms); }

private:
    NumberForms m_numberForms;
};

} // namespace

ReadResult parseYaml(std::string_view text, const std::string &fileName)
{
    ReadResult result;
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        YamlToJson converter(fileName, text.size());
        result.value = converter.convert(root);
        result.numberForms = converter.takeNumberForms();
        result.duplicateKeys = converter.takeDuplicates();
    } catch (const YamlLimit &e) {
        result.error = parseError(fileName, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                                  e.mark.column >= 0 ? e.mark.column + 1 : 0, "invalid YAML: " + e.message);
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

std::optional<std::string> notAnInputFile(const std::string &path)
{
    // Checked before opening: opening a FIFO blocks until a writer comes, and a directory "opens" with a
    // nonsense size. Only regular files (or symlinks to them) are inputs.
    struct stat info
    {
    };
    if (::stat(path.c_str(), &info) != 0)
        return path + ": cannot open: " + std::strerror(errno);
    if (S_ISDIR(info.st_mode))
        return path + ": is a directory, not a file";
    if (!S_ISREG(info.st_mode))
        return path + ": is not a regular file (a FIFO, device or socket); give a file";
    return std::nullopt;
}

std::optional<std::string> readWholeFile(const std::string &path, std::string &out, std::size_t maxBytes)
{
    if (auto problem = notAnInputFile(path))
        return problem;
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
