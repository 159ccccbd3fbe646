#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/**
 * Where the values of a template are in its text, so that the migration can change a few of them and
 * keep every other byte. The values themselves are read by asl::parseText; this tree only says where.
 */
namespace egress::migrate {

struct LocatedEntry;

/** A value in the text: [begin, end) are byte offsets; line and column are 1-based. */
struct Located
{
    enum class Kind { Scalar, Map, Seq, Null };
    Kind kind = Kind::Null;
    bool flow = false; ///< JSON, or YAML flow style ({...} / [...]) — edited as JSON is
    std::size_t begin = 0;
    std::size_t end = 0;
    int line = 0;
    int column = 0;
    std::string scalar;                ///< a scalar's text as read
    std::vector<LocatedEntry> entries; ///< a map's entries in text order
    std::vector<Located> items;        ///< a sequence's items
    /** Items of a YAML block sequence: the column of the item's "-" and the end of its last line. */
    int dashColumn = -1;
    std::size_t itemEnd = 0;

    const Located *find(std::string_view key) const;
    const LocatedEntry *entry(std::string_view key) const;
};

/** One key of a map: where the key starts (its line's indentation for YAML) and where the entry ends. */
struct LocatedEntry
{
    std::string key;
    std::size_t keyBegin = 0;
    int line = 0;
    int column = 0;
    /** YAML block maps: the end of the entry's last line, newline included; JSON: value.end. */
    std::size_t entryEnd = 0;
    Located value;
};

/** A parse error at a 1-based line and column. */
struct LocateError
{
    std::string message;
    int line = 0;
    int column = 0;
};

struct LocateResult
{
    std::optional<Located> root;
    std::optional<LocateError> error;
};

/** Locates the values of a YAML document (yaml-cpp marks, block extents from indentation). */
LocateResult locateYaml(const std::string &text);

/** Locates the values of a JSON document (its own scanner: exact begin and end of every value). */
LocateResult locateJson(const std::string &text);

/** 1-based line of a byte offset. */
int lineOf(const std::string &text, std::size_t offset);

} // namespace egress::migrate
