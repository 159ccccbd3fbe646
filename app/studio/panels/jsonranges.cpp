#include "jsonranges.h"

#include <QList>
#include <QStringList>

namespace egress::studio {
namespace {

/** A minimal recursive-descent scanner: it only records where containers start and end. */
class Scanner
{
public:
    explicit Scanner(const QString &text) : m_text(text) {}

    QHash<QString, TextRange> run()
    {
        skipSpace();
        value(QString(), m_pos);
        return m_ranges;
    }

private:
    static constexpr int kMaxDepth = 512;

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool string(QString *out)
    {
        if (m_pos >= m_text.size() || m_text[m_pos] != '"')
            return false;
        ++m_pos;
        QString s;
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                const QChar c = m_text[m_pos + 1];
                if (c == 'u' && m_pos + 5 < m_text.size()) {
                    s += QChar(m_text.mid(m_pos + 2, 4).toUShort(nullptr, 16));
                    m_pos += 6;
                    continue;
                }
                s += c == 'n' ? QChar('\n') : c == 't' ? QChar('\t') : c == 'r' ? QChar('\r') : c;
                m_pos += 2;
                continue;
            }
            s += m_text[m_pos++];
        }
        if (m_pos >= m_text.size())
            return false;
        ++m_pos;
        if (out)
            *out = s;
        return true;
    }
    bool value(const QString &pointer, int start)
    {
        if (++m_depth > kMaxDepth || m_pos >= m_text.size())
            return false;
        const QChar c = m_text[m_pos];
        bool ok = true;
        if (c == '{' || c == '[') {
            const bool object = c == '{';
            ++m_pos;
            skipSpace();
            int index = 0;
            const QChar close = object ? '}' : ']';
            while (ok && m_pos < m_text.size() && m_text[m_pos] != close) {
                const int memberStart = m_pos;
                QString key = QString::number(index++);
                if (object) {
                    ok = string(&key);
                    skipSpace();
                    ok = ok && m_pos < m_text.size() && m_text[m_pos] == ':';
                    ++m_pos;
                    skipSpace();
                }
                ok = ok && value(pointer + '/' + escapePointerToken(key), memberStart);
                skipSpace();
                if (ok && m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            ok = ok && m_pos < m_text.size();
            if (ok) {
                ++m_pos;
                m_ranges.insert(pointer, {start, m_pos});
            }
        } else if (c == '"') {
            ok = string(nullptr);
        } else {
            while (m_pos < m_text.size() && !QStringLiteral(",}] \t\r\n").contains(m_text[m_pos]))
                ++m_pos;
        }
        --m_depth;
        return ok;
    }

    const QString &m_text;
    int m_pos = 0;
    int m_depth = 0;
    QHash<QString, TextRange> m_ranges;
};

QString unquoteYamlKey(QString key)
{
    key = key.trimmed();
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
        return key.mid(1, key.size() - 2).replace(QLatin1String("\\\""), QLatin1String("\""));
    if (key.size() >= 2 && key.front() == '\'' && key.back() == '\'')
        return key.mid(1, key.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
    return key;
}

} // namespace

QString escapePointerToken(QString token)
{
    return token.replace('~', QLatin1String("~0")).replace('/', QLatin1String("~1"));
}

QHash<QString, TextRange> jsonPointerRanges(const QString &text)
{
    return Scanner(text).run();
}

QHash<QString, TextRange> yamlPointerRanges(const QString &text)
{
    // Walk the lines with a stack of (indent, pointer, start, next sequence index).
    struct Open
    {
        int indent;
        QString pointer;
        int start;
    };
    QHash<QString, TextRange> ranges;
    QList<Open> stack;
    QHash<QString, int> sequenceIndex;
    int offset = 0;
    int lastEnd = 0;
    auto closeTo = [&](int indent) {
        while (!stack.isEmpty() && stack.back().indent >= indent) {
            ranges.insert(stack.back().pointer, {stack.back().start, lastEnd});
            stack.pop_back();
        }
    };
    const QStringList lines = text.split('\n');
    for (const QString &line : lines) {
        const int lineStart = offset;
        offset += int(line.size()) + 1;
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#'))
            continue;
        int indent = 0;
        while (indent < line.size() && line[indent] == ' ')
            ++indent;
        QString rest = line.mid(indent);
        closeTo(indent);
        const QString parent = stack.isEmpty() ? QString() : stack.back().pointer;
        if (rest.startsWith(QLatin1String("- ")) || rest == QLatin1String("-")) {
            const int index = sequenceIndex[parent]++;
            stack.push_back({indent, parent + '/' + QString::number(index), lineStart + indent});
            indent += 2;
            rest = rest.mid(2);
        }
        const QString base = stack.isEmpty() ? QString() : stack.back().pointer;
        const int colon =
            rest.startsWith('"') ? int(rest.indexOf(QLatin1String("\":"))) + 1 : int(rest.indexOf(':'));
        if (colon > 0 && (colon + 1 == rest.size() || rest[colon + 1] == ' ')) {
            const QString pointer = base + '/' + escapePointerToken(unquoteYamlKey(rest.left(colon)));
            stack.push_back({indent, pointer, lineStart + indent});
        }
        lastEnd = lineStart + int(line.size());
    }
    closeTo(-1);
    return ranges;
}

} // namespace egress::studio
